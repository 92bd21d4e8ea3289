#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: karboii_checkpoint
short_description: Take a backup now, or delete one, in VK Cloud Backup (Karboii)
version_added: 0.1.0
description:
  - O(state=present) starts a backup (a checkpoint) of a plan now - for example before a risky change - and by
    default waits until it is C(available) or has failed.
  - Each run takes a new backup; O(min_age) makes re-runs reuse a recent one instead.
  - O(state=absent) deletes a backup by id. Deleting a full backup also deletes the incremental backups built on it.
options:
  plan:
    description:
      - The plan to back up, by exact name or id. Required with O(state=present).
      - With O(state=absent), it tells which provider holds the backup; without it both are asked.
    type: str
  id:
    description: The backup to delete. Required with O(state=absent).
    type: str
  state:
    description: V(present) takes a backup, V(absent) deletes one.
    type: str
    choices: [present, absent]
    default: present
  min_age:
    description:
      - Take no new backup when an C(available) one of the plan is younger than this; the task then reports no change
        and returns that backup.
      - A number with a unit - V(30m), V(12h), V(2d), V(1w); a bare number is seconds.
    type: str
  extra_info:
    description: Free-form strings stored with the backup.
    type: dict
  wait:
    description: Wait until the backup is C(available) or has failed. A backup that fails fails the task.
    type: bool
    default: true
  timeout:
    description: Seconds to wait with O(wait=true).
    type: int
    default: 1800
extends_documentation_fragment:
  - vkcloud.karboii.karboii
  - vkcloud.karboii.karboii.ATTRIBUTES
seealso:
  - module: vkcloud.karboii.karboii_checkpoint_info
  - module: vkcloud.karboii.karboii_restore
author:
  - VK Cloud Karboii collection maintainers (@vkcloud)
"""

EXAMPLES = r"""
- name: Back up before an upgrade, unless a backup from the last 6 hours exists
  vkcloud.karboii.karboii_checkpoint:
    plan: app-server
    min_age: 6h
    extra_info:
      reason: pre-upgrade
  register: pre_upgrade

- name: Delete that backup once the upgrade is known good
  vkcloud.karboii.karboii_checkpoint:
    plan: app-server
    id: "{{ pre_upgrade.checkpoint.id }}"
    state: absent
"""

RETURN = r"""
checkpoint:
  description:
    - The backup as the API returns it, with C(incremental) added; the reused one when O(min_age) found one.
    - In check mode, a prediction with C(id) V(null). Empty after a delete.
  returned: always
  type: dict
  contains:
    id:
      description: Backup id.
      type: str
      sample: 9a3b5c7d-0000-4e1f-8a2b-3c4d5e6f7a8b
    status:
      description: C(available) once done; C(protecting) with O(wait=false).
      type: str
      sample: available
    size:
      description: Size in GB.
      type: int
      sample: 20
    created_at:
      description: When it was taken, ISO 8601, UTC.
      type: str
      sample: "2026-12-03T03:03:00Z"
    incremental:
      description: Whether it is an incremental backup.
      type: bool
      sample: false
    protection_plan:
      description: The plan it was taken for.
      type: dict
      sample: {"id": "17f09168-62c3-419b-0000-8889aac8fb0f", "name": "app-server", "resources": []}
"""

import time

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_backups import (
    CHECKPOINT_DONE, checkpoint_time, describe, fresh_backup, newest_first, parse_age, wait_for,
)
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_finders import find_backup, find_plan_by_ref, require_plan
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_module import KarboiiModule
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_sync import create_once
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import PROVIDERS


class CheckpointModule(KarboiiModule):
    argument_spec = dict(
        plan=dict(type="str"),
        id=dict(type="str"),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        min_age=dict(type="str"),
        extra_info=dict(type="dict"),
        wait=dict(type="bool", default=True),
        timeout=dict(type="int", default=1800),
    )
    module_kwargs = dict(required_if=[("state", "present", ("plan",)), ("state", "absent", ("id",))])

    def run(self):
        p = self.params
        max_age = parse_age(p["min_age"]) if p["min_age"] is not None else None
        if p["state"] == "absent":
            return self.delete()
        plan = require_plan(self.client, p["plan"])
        provider_id = plan["provider_id"]
        if max_age is not None:
            recent = fresh_backup(self.client.list_checkpoints(provider_id, plan["id"]), max_age, time.time())
            if recent:
                return {"changed": False, "checkpoint": describe(recent)}
        if self.check_mode:
            predicted = {"id": None, "status": "protecting", "link_id": None,
                         "protection_plan": {"id": plan["id"], "name": plan["name"], "resources": plan.get("resources")}}
            return {"changed": True, "checkpoint": describe(predicted)}

        started = time.time()
        checkpoint = create_once(lambda: self.client.create_checkpoint(provider_id, plan["id"], p["extra_info"]),
                                 lambda: self.started_since(provider_id, plan["id"], started), self.warn)
        if p["wait"]:
            checkpoint = wait_for(lambda: self.client.get_checkpoint(provider_id, checkpoint["id"]),
                                  lambda c: c is None or c.get("status") in CHECKPOINT_DONE, p["timeout"],
                                  "backup %s of plan '%s'" % (checkpoint["id"], plan["name"])) or {}
            if checkpoint.get("status") != "available":
                status = checkpoint.get("status") or "deleted"
                self.ansible.fail_json(msg="backup of plan '%s' ended with status %s" % (plan["name"], status),
                                       checkpoint=describe(checkpoint), changed=True)
        return {"changed": True, "checkpoint": describe(checkpoint)}

    def started_since(self, provider_id, plan_id, started):
        """After a create whose answer was lost: a backup of the plan begun since we asked, if any."""
        for checkpoint in newest_first(self.client.list_checkpoints(provider_id, plan_id)):
            if checkpoint_time(checkpoint) >= started - 5:
                return checkpoint
        return None

    def delete(self):
        p = self.params
        if p["plan"]:
            plan = find_plan_by_ref(self.client, p["plan"])
            providers = [plan["provider_id"]] if plan else []
        else:
            providers = [provider["id"] for provider in PROVIDERS]
        provider_id, checkpoint = find_backup(self.client, p["id"], providers)
        if checkpoint is None or checkpoint.get("status") == "deleted":
            return {"changed": False, "checkpoint": {}}
        if not self.check_mode and not self.client.delete_checkpoint(provider_id, p["id"]):
            return {"changed": False, "checkpoint": {}}  # someone else deleted it meanwhile
        return self.with_diff({"changed": True, "checkpoint": {}}, describe(checkpoint), {})


def main():
    CheckpointModule()()


if __name__ == "__main__":
    main()
