#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: karboii_restore_info
short_description: List restores in VK Cloud Backup (Karboii)
version_added: 0.1.0
description:
  - Lists restores, optionally those of one backup, with each resource's status and failure reason.
  - Returns an empty list when nothing matches; never fails for that.
options:
  id:
    description: Keep the restore with this id (read with a single request).
    type: str
  checkpoint:
    description: Keep the restores made from this backup id.
    type: str
extends_documentation_fragment:
  - vkcloud.karboii.karboii
  - vkcloud.karboii.karboii.INFO_ATTRIBUTES
seealso:
  - module: vkcloud.karboii.karboii_restore
author:
  - VK Cloud Karboii collection maintainers (@vkcloud)
"""

EXAMPLES = r"""
- name: Restores made from a backup
  vkcloud.karboii.karboii_restore_info:
    checkpoint: 9a3b5c7d-0000-4e1f-8a2b-3c4d5e6f7a8b
  register: restores
"""

RETURN = r"""
restores:
  description: The matching restores as the API returns them.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Restore id.
      type: str
      sample: 4f6a8c0e-0000-4b1d-9e3f-5a7c9e1b3d5f
    checkpoint_id:
      description: The backup restored from.
      type: str
      sample: 9a3b5c7d-0000-4e1f-8a2b-3c4d5e6f7a8b
    provider_id:
      description: Provider id.
      type: str
      sample: 37997f75-0637-4a69-bf7e-49ff2ff11fa5
    parameters:
      description: Per original resource id, the restore parameters.
      type: dict
      sample: {"8f1ba150-0000-4ae4-9693-d18844b30d19": {"restore_name": "app-server-restored"}}
    resources_status:
      description: Per original resource id, its restore status.
      type: dict
      sample: {"8f1ba150-0000-4ae4-9693-d18844b30d19": "success"}
    resources_reason:
      description: Per original resource id, why it failed.
      type: dict
      sample: {}
"""

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_module import KarboiiModule


class RestoreInfoModule(KarboiiModule):
    argument_spec = dict(
        id=dict(type="str"),
        checkpoint=dict(type="str"),
    )

    def run(self):
        p = self.params
        if p["id"]:
            restore = self.client.get_restore(p["id"])
            restores = [restore] if restore else []
        else:
            restores = self.client.list_restores()
        restores = [r for r in restores if p["checkpoint"] is None or r.get("checkpoint_id") == p["checkpoint"]]
        return {"changed": False, "restores": restores}


def main():
    RestoreInfoModule()()


if __name__ == "__main__":
    main()
