#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: karboii_auth
short_description: Log in once and reuse the token in later VK Cloud Backup (Karboii) tasks
version_added: 0.1.0
description:
  - Authenticates with Keystone and returns the token, the Karboii endpoint and the project id.
  - Passing them on through C(module_defaults) lets every later task skip Keystone entirely
    (O(auth_type=token) with O(endpoint_override) and O(auth.project_id)); see the example.
  - Without it each task logs in once by itself. Tokens live one hour.
  - The token is a secret. Register the result in a task with C(no_log=true) and do not print it.
extends_documentation_fragment:
  - vkcloud.karboii.karboii
  - vkcloud.karboii.karboii.INFO_ATTRIBUTES
seealso:
  - module: vkcloud.karboii.karboii_plan
author:
  - VK Cloud Karboii collection maintainers (@vkcloud)
"""

EXAMPLES = r"""
- name: Log in once
  vkcloud.karboii.karboii_auth:
  register: karboii_login
  no_log: true

- name: Every Karboii task below reuses the token
  module_defaults:
    group/vkcloud.karboii.karboii:
      auth_type: token
      auth:
        token: "{{ karboii_login.auth_token }}"
        project_id: "{{ karboii_login.project_id }}"
      endpoint_override: "{{ karboii_login.endpoint }}"
  block:
    - name: Back up the new VM
      vkcloud.karboii.karboii_plan:
        name: web-1
        provider: vm
        resources:
          - id: 8f1ba150-0000-4ae4-9693-d18844b30d19
            name: web-1
        schedule:
          pattern: "0 1 * * *"
        retention:
          max_backups: 7
"""

RETURN = r"""
auth_token:
  description: The Keystone token; valid for about an hour.
  returned: always
  type: str
  sample: gAAAAABkZ6hi...
endpoint:
  description: The Karboii base URL, without the project id; pass it as O(endpoint_override).
  returned: always
  type: str
  sample: https://mcs.mail.ru/infra/karboii/v1/
project_id:
  description: The project the token is scoped to.
  returned: always
  type: str
  sample: b5b7ffd4ef0547e5b222f44555df0001
"""

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_module import KarboiiModule


class AuthModule(KarboiiModule):
    returns_token = True

    def run(self):
        keystone = self.client.keystone
        keystone.authenticate()
        return {"changed": False, "auth_token": keystone.token, "endpoint": keystone.endpoint(),
                "project_id": keystone.project_id}


def main():
    AuthModule()()


if __name__ == "__main__":
    main()
