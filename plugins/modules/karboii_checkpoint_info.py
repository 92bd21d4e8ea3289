#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: karboii_checkpoint_info
short_description: List backups (checkpoints) in VK Cloud Backup (Karboii)
version_added: 0.1.0
description:
  - Lists the backups of a plan, or of every plan, newest first, with their status, size, creation time and
    whether each is incremental or full.
  - Returns an empty list when nothing matches, including a plan that does not exist; never fails for that.
options:
  plan:
    description: Keep the backups of this plan, by exact name or id.
    type: str
  id:
    description: Keep the backup with this id.
    type: str
  status:
    description: Keep backups with this status.
    type: str
    choices: [available, protecting, error, deleting, deleted, error-deleting, new, restoring]
extends_documentation_fragment:
  - vkcloud.karboii.karboii
  - vkcloud.karboii.karboii.INFO_ATTRIBUTES
seealso:
  - module: vkcloud.karboii.karboii_checkpoint
  - module: vkcloud.karboii.karboii_restore
author:
  - VK Cloud Karboii collection maintainers (@vkcloud)
"""

EXAMPLES = r"""
- name: The backups of a plan, newest first
  vkcloud.karboii.karboii_checkpoint_info:
    plan: example-plan
    status: available
  register: backups

- name: Show the newest
  ansible.builtin.debug:
    msg: "{{ backups.checkpoints[0].created_at }}, {{ backups.checkpoints[0].size }} GB, incremental {{ backups.checkpoints[0].incremental }}"
  when: backups.checkpoints | length > 0
"""

RETURN = r"""
checkpoints:
  description: The matching backups as the API returns them, newest first, each with C(incremental) added.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Backup id.
      type: str
      sample: 9a3b5c7d-0000-4e1f-8a2b-3c4d5e6f7a8b
    status:
      description: C(protecting) while it is being taken, then C(available) or C(error).
      type: str
      sample: available
    size:
      description: Size in GB, the sum of its resources.
      type: int
      sample: 20
    created_at:
      description: When it was taken, ISO 8601, UTC.
      type: str
      sample: "2026-12-03T03:03:00Z"
    incremental:
      description: Whether it is incremental (it extends the chain named by C(link_id)) rather than full.
      type: bool
      sample: false
    link_id:
      description: The chain an incremental backup belongs to; V(null) for a full backup.
      type: str
      sample: null
    protection_plan:
      description: The plan it was taken for - C(id), C(name) and C(resources) at that time.
      type: dict
      sample: {"id": "17f09168-62c3-419b-0000-8889aac8fb0f", "name": "example-plan", "resources": []}
    resources:
      description: Per-resource backups with C(original_id), C(type), C(status) and C(name).
      type: list
      elements: dict
      sample: []
"""

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_backups import describe, newest_first
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_finders import find_plan_by_ref
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_module import KarboiiModule
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import PROVIDERS


class CheckpointInfoModule(KarboiiModule):
    argument_spec = dict(
        plan=dict(type="str"),
        id=dict(type="str"),
        status=dict(type="str", choices=["available", "protecting", "error", "deleting", "deleted", "error-deleting",
                                         "new", "restoring"]),
    )

    def run(self):
        p = self.params
        if p["plan"]:
            plan = find_plan_by_ref(self.client, p["plan"])
            if plan is None:
                return {"changed": False, "checkpoints": []}
            checkpoints = self.client.list_checkpoints(plan["provider_id"], plan["id"])
        else:
            # The API files backups under their provider; without a plan, ask each one.
            checkpoints = [c for provider in PROVIDERS for c in self.client.list_checkpoints(provider["id"])]
        checkpoints = [describe(c) for c in newest_first(checkpoints)
                       if (p["id"] is None or c.get("id") == p["id"]) and (p["status"] is None or c.get("status") == p["status"])]
        return {"changed": False, "checkpoints": checkpoints}


def main():
    CheckpointInfoModule()()


if __name__ == "__main__":
    main()
