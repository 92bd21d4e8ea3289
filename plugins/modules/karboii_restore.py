#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: karboii_restore
short_description: Restore VMs or databases from a backup in VK Cloud Backup (Karboii)
version_added: 0.1.0
description:
  - Restores resources of a backup (a checkpoint) as new VMs or databases, or one volume into an existing VM,
    and by default waits until every resource has finished.
  - A restore is an action, not a state. A restore of the same backup with the same parameters that was already
    started is not started again - the task reports no change and returns it - so a re-run does not create a second
    copy. Give a new O(resources[].name) to restore again.
  - A resource that fails to restore fails the task, with the reasons the API gives.
options:
  checkpoint:
    description: The id of the backup to restore from.
    type: str
    required: true
  plan:
    description:
      - The backup's plan, by exact name or id; tells which provider holds the backup. Without it both are asked.
    type: str
  resources:
    description: What to restore and how; one entry per VM, database or volume of the backup.
    type: list
    elements: dict
    required: true
    suboptions:
      id:
        description: The original id of the VM, database or volume in the backup.
        type: str
        required: true
      name:
        description: The name of the restored VM or database.
        type: str
        required: true
      network:
        description: The network id to attach the restored VM to.
        type: str
      flavor:
        description: The flavor of the restored VM or database.
        type: str
      availability_zone:
        description: The availability zone to restore into.
        type: str
      keypair:
        description: The key pair of the restored VM.
        type: str
      volume_type:
        description: The volume type of the restored disks.
        type: str
      floating_ip:
        description: Whether to give the restored VM a floating IP.
        type: bool
      geo_replication:
        description: Whether to enable geo-replication of the restored disks.
        type: bool
      destination:
        description: Where to restore to, as the API understands it.
        type: str
      target_vm:
        description: Restore this volume into the existing VM with this id instead of creating a new one.
        type: str
  wait:
    description: Wait until every resource has finished restoring.
    type: bool
    default: true
  timeout:
    description: Seconds to wait with O(wait=true).
    type: int
    default: 3600
extends_documentation_fragment:
  - vkcloud.karboii.karboii
  - vkcloud.karboii.karboii.ATTRIBUTES
seealso:
  - module: vkcloud.karboii.karboii_checkpoint
  - module: vkcloud.karboii.karboii_restore_info
author:
  - VK Cloud Karboii collection maintainers (@vkcloud)
"""

EXAMPLES = r"""
- name: Upgrade with a backup first, and restore it if the upgrade fails
  block:
    - name: Back up
      vkcloud.karboii.karboii_checkpoint:
        plan: app-server
      register: pre_upgrade

    - name: Upgrade
      ansible.builtin.command: /usr/local/bin/upgrade-app
      delegate_to: app-server
      changed_when: true
  rescue:
    - name: Restore the VM as it was before the upgrade
      vkcloud.karboii.karboii_restore:
        checkpoint: "{{ pre_upgrade.checkpoint.id }}"
        plan: app-server
        resources:
          - id: "{{ pre_upgrade.checkpoint.protection_plan.resources[0].id }}"
            name: app-server-restored
            network: 2b5e9c1a-0000-4f3d-8a6b-7c9d1e3f5a7b
            flavor: Standard-2-4
            floating_ip: true
"""

RETURN = r"""
restore:
  description: The restore as the API returns it; in check mode, as it is predicted to be.
  returned: always
  type: dict
  contains:
    id:
      description: Restore id; V(null) in check mode.
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
      description: Per original resource id, the restore parameters sent.
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

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_backups import (
    restore_failures, restore_parameters, restore_running, same_restore, wait_for,
)
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_finders import find_backup, require_plan
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_module import KarboiiModule
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import PROVIDERS, InvalidOption


class RestoreModule(KarboiiModule):
    argument_spec = dict(
        checkpoint=dict(type="str", required=True),
        plan=dict(type="str"),
        resources=dict(type="list", elements="dict", required=True, options=dict(
            id=dict(type="str", required=True),
            name=dict(type="str", required=True),
            network=dict(type="str"),
            flavor=dict(type="str"),
            availability_zone=dict(type="str"),
            keypair=dict(type="str", no_log=False),
            volume_type=dict(type="str"),
            floating_ip=dict(type="bool"),
            geo_replication=dict(type="bool"),
            destination=dict(type="str"),
            target_vm=dict(type="str"),
        )),
        wait=dict(type="bool", default=True),
        timeout=dict(type="int", default=3600),
    )

    def run(self):
        p = self.params
        if not p["resources"]:
            raise InvalidOption("resources", "name at least one resource of the backup to restore")
        restore_parameters(p["resources"], {})  # bad input fails before the first request
        provider_id, checkpoint = self.find_checkpoint()
        if checkpoint.get("status") != "available":
            raise InvalidOption("checkpoint", "backup %s is %s; only an available backup can be restored"
                                % (checkpoint["id"], checkpoint.get("status")))
        parameters = restore_parameters(p["resources"], checkpoint)

        restore = next((r for r in self.client.list_restores() if same_restore(r, checkpoint["id"], parameters)), None)
        changed = restore is None
        if restore is None:
            if self.check_mode:
                predicted = {"id": None, "provider_id": provider_id, "checkpoint_id": checkpoint["id"], "parameters": parameters,
                             "resources_status": {rid: "restoring" for rid in parameters}, "resources_reason": {}}
                return {"changed": True, "restore": predicted}
            restore = self.client.create_restore(provider_id, checkpoint["id"], parameters)
        if p["wait"] and not self.check_mode:
            restore = wait_for(lambda: self.client.get_restore(restore["id"]) or restore, lambda r: not restore_running(r),
                               p["timeout"], "restore %s from backup %s" % (restore["id"], checkpoint["id"]))
        failures = restore_failures(restore)
        if failures:
            reasons = "; ".join("%s: %s" % item for item in sorted(failures.items()))
            self.ansible.fail_json(msg="restore from backup %s failed for %s" % (checkpoint["id"], reasons),
                                   restore=restore, changed=changed)
        return {"changed": changed, "restore": restore}

    def find_checkpoint(self):
        """(provider id, backup): under the plan's provider, or under each provider in turn."""
        p = self.params
        if p["plan"]:
            providers = [require_plan(self.client, p["plan"])["provider_id"]]
        else:
            providers = [provider["id"] for provider in PROVIDERS]
        provider_id, checkpoint = find_backup(self.client, p["checkpoint"], providers)
        if checkpoint is None:
            raise InvalidOption("checkpoint", "no backup has id '%s'" % p["checkpoint"])
        return provider_id, checkpoint


def main():
    RestoreModule()()


if __name__ == "__main__":
    main()
