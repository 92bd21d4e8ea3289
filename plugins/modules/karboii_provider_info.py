#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: karboii_provider_info
short_description: List the backup providers of VK Cloud Backup (Karboii)
version_added: 0.1.0
description:
  - Lists the providers a backup plan can use. C(OS::Nova) backs up virtual machines, C(OS::Trove) databases.
  - Returns an empty list when no provider matches; never fails for that.
options:
  name:
    description:
      - Keep only the provider with this name, or a friendly alias of it.
      - Aliases are V(vm), V(nova), V(cloud_servers) for C(OS::Nova) and V(db), V(database), V(dbaas), V(trove) for C(OS::Trove).
    type: str
  id:
    description: Keep only the provider with this id.
    type: str
extends_documentation_fragment:
  - vkcloud.karboii.karboii
  - vkcloud.karboii.karboii.INFO_ATTRIBUTES
author:
  - VK Cloud Karboii collection maintainers (@vkcloud)
"""

EXAMPLES = r"""
- name: List every provider
  vkcloud.karboii.karboii_provider_info:
  register: all_providers

- name: Find the provider that backs up VMs
  vkcloud.karboii.karboii_provider_info:
    name: vm
  register: vm_provider

- name: Show its id
  ansible.builtin.debug:
    msg: "{{ vm_provider.providers[0].id }}"
"""

RETURN = r"""
providers:
  description: The matching providers, as the API returns them, with the resource types each protects.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Provider id.
      type: str
      sample: 37997f75-0637-4a69-bf7e-49ff2ff11fa5
    name:
      description: Provider name.
      type: str
      sample: OS::Nova
    resource_types:
      description: The resource types a plan of this provider protects; empty for a provider this collection does not know.
      type: list
      elements: str
      sample: [OS::Nova::Server]
"""

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_module import KarboiiModule
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import known_provider


class ProviderInfoModule(KarboiiModule):
    argument_spec = dict(
        name=dict(type="str"),
        id=dict(type="str"),
    )

    def run(self):
        wanted_name, wanted_id = self.params["name"], self.params["id"]
        alias = known_provider(wanted_name) if wanted_name else None
        providers = []
        for provider in self.client.list_providers():
            known = known_provider(provider.get("id")) or known_provider(provider.get("name"))
            if wanted_id and provider.get("id") != wanted_id:
                continue
            if wanted_name and provider.get("name") != wanted_name and not (alias and known is alias):
                continue
            providers.append(dict(provider, resource_types=list(known["types"]) if known else []))
        return {"changed": False, "providers": providers}


def main():
    ProviderInfoModule()()


if __name__ == "__main__":
    main()
