#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: karboii_plan
short_description: Manage a backup plan and its schedule in VK Cloud Backup (Karboii)
version_added: 0.1.0
description:
  - Ensures a backup plan exists with the given resources and policy, or is gone.
  - One task can state a whole backup policy - what to back up, when (O(schedule)), how long to keep it
    (O(retention)), incremental or full - and the module keeps the plan and its trigger (the schedule) in line.
  - Compares what is asked with what exists and sends a change only where they differ. Options left out are left
    as they are on the plan and its trigger.
  - A new plan is created first, then its trigger. If the trigger cannot be created, the task fails saying so and the
    next run adds it to the same plan.
options:
  name:
    description:
      - The plan's name, 1 to 100 characters. Identifies the plan when O(id) is not given; the match is exact.
      - When several plans carry this name the task fails and lists their ids.
      - With O(id), a different name renames the plan.
    type: str
  id:
    description: The plan's id. Takes precedence over O(name) to identify the plan.
    type: str
  state:
    description: Whether the plan should exist. Deleting a plan also deletes its trigger and its backups.
    type: str
    choices: [present, absent]
    default: present
  provider:
    description:
      - The backup provider, by name, alias or id. Needed to create a plan; it cannot change afterwards.
      - V(OS::Nova) (aliases V(vm), V(nova), V(cloud_servers)) backs up VMs, V(OS::Trove) (aliases V(db), V(database),
        V(dbaas), V(trove)) backs up databases.
    type: str
  resources:
    description:
      - The VMs or databases to back up. Compared as a set - order does not matter.
      - A VM or database can belong to only one plan.
    type: list
    elements: dict
    suboptions:
      id:
        description:
          - The VM or database instance id.
          - A VM given by O(resources[].name) only is looked up in Nova by its exact name.
        type: str
      name:
        description:
          - Its name, as the plan stores it.
          - Left out, it is taken from the plan, or for a VM the plan does not hold yet, from Nova.
            Databases need both O(resources[].id) and O(resources[].name).
        type: str
      type:
        description:
          - The resource type. Defaults to the provider's type, V(OS::Nova::Server) or V(OS::Trove::Instance).
        type: str
        choices: [OS::Nova::Server, OS::Trove::Instance, OS::Trove::Cluster]
      volumes:
        description:
          - Back up only these disks (volume ids) of the VM. An empty list means all its disks again.
          - Left out, the plan's choice stays. Leaving out the boot disk makes restoring the whole VM impossible.
        type: list
        elements: str
  purge_resources:
    description:
      - With V(true), the plan holds exactly O(resources). With V(false), O(resources) are added and the others stay;
        tasks adding to the same plan at the same time do not lose each other's additions.
      - Has no effect when O(resources) is left out.
    type: bool
    default: true
  retention:
    description:
      - How many backups to keep. Give O(retention.max_backups) or O(retention.gfs).
    type: dict
    suboptions:
      max_backups:
        description:
          - Keep this many full backups, 1 to 200 (incremental ones are not counted). Kept on the plan's trigger.
        type: int
      gfs:
        description:
          - Grandfather-father-son retention, kept on the plan.
          - The trigger of a GFS plan still carries a C(max_backups) the API requires; a new one gets 30.
        type: dict
        suboptions:
          weekly:
            description: Weeks of backups to keep, 1 to 53.
            type: int
            required: true
          monthly:
            description: Months to keep the first full backup of, 0 to 120. 0 when left out.
            type: int
          yearly:
            description: Years to keep the first full backup of, current year included, 0 to 10. 0 when left out.
            type: int
  retention_type:
    description:
      - The API's name for the kind of O(retention). Given with O(retention), the two must agree.
      - Left out on an existing plan, the plan's setting stays.
    type: str
    choices: [max_backups, gfs]
  incremental:
    description:
      - V(true) takes a full backup on O(full_backup_day) and incremental ones on the other scheduled runs.
        VM plans only.
      - V(false) makes every backup full again.
      - Left out, the plan's setting stays.
    type: bool
  full_backup_day:
    description:
      - The day of the full backup of an incremental plan. Needed to make a plan incremental.
      - When O(schedule.time) carries a UTC offset that moves the runs to another day, this day moves with them.
    type: str
    choices: [monday, tuesday, wednesday, thursday, friday, saturday, sunday]
  schedule:
    description:
      - When backups run. Give O(schedule.pattern), O(schedule.days) with O(schedule.time), or O(schedule.every_hours).
      - Left out together with O(retention), the plan's trigger is not touched.
      - A new plan with a schedule needs O(retention) too, for the number of backups to keep.
    type: dict
    suboptions:
      pattern:
        description:
          - A 5-field cron pattern in UTC, standard weekdays (0 or 7 = Sunday), for example V(3 3 * * 2) for Tuesdays at 03:03.
        type: str
      days:
        description:
          - Days of the week to run on, V(monday) to V(sunday) (or their first three letters), with O(schedule.time).
        type: list
        elements: str
      time:
        description:
          - V(HH:MM) in UTC, or with an offset such as V(01:30+03:00). Times with an offset are converted to UTC,
            moving the days when the conversion crosses midnight.
        type: str
      every_hours:
        description:
          - Run every 3, 6, 12 or 24 hours (pattern V(0 */N * * *)). Database plans allow 3, 6 and 12.
        type: int
  status:
    description:
      - V(running) runs scheduled backups, V(suspended) pauses them. Left out, the plan's status is not touched.
    type: str
    choices: [running, suspended]
extends_documentation_fragment:
  - vkcloud.karboii.karboii
  - vkcloud.karboii.karboii.ATTRIBUTES
seealso:
  - module: vkcloud.karboii.karboii_trigger
  - module: vkcloud.karboii.karboii_plan_info
  - module: vkcloud.karboii.karboii_provider_info
author:
  - VK Cloud Karboii collection maintainers (@vkcloud)
"""

EXAMPLES = r"""
- name: Back up a VM every Tuesday at 03:03 UTC, keeping 20 full backups
  vkcloud.karboii.karboii_plan:
    name: example-plan
    provider: OS::Nova
    resources:
      - id: 8f1ba150-0000-4ae4-9693-d18844b30d19
        name: Example_CentOS_Basic-1-1_10GB
    schedule:
      pattern: "3 3 * * 2"
    retention:
      max_backups: 20
  register: backup_plan

- name: A weekly GFS policy for a VM found by name - 4 weeks, 12 months, 3 years
  vkcloud.karboii.karboii_plan:
    name: web-1-weekly
    provider: vm
    resources:
      - name: web-1
    schedule:
      days: [saturday]
      time: "02:00+03:00"
    retention:
      gfs:
        weekly: 4
        monthly: 12
        yearly: 3

- name: Incremental backups every night, the full one on Sundays
  vkcloud.karboii.karboii_plan:
    name: app-incremental
    provider: vm
    resources:
      - id: 0c1a8d6e-6d8a-4d55-9a4f-0e2b4ef0d0a1
        volumes: [5d2c7a8b-1f3e-4c6d-9a0b-2e4f6a8c0d1e]
    incremental: true
    full_backup_day: sunday
    schedule:
      days: [monday, tuesday, wednesday, thursday, friday, saturday, sunday]
      time: "23:30"
    retention:
      max_backups: 8

- name: A database every 12 hours
  vkcloud.karboii.karboii_plan:
    name: orders-db
    provider: OS::Trove
    resources:
      - id: 3e5f7a9b-2c4d-4e6f-8a0b-1c3d5e7f9a2b
        name: orders
    schedule:
      every_hours: 12
    retention:
      max_backups: 14

- name: Add a VM, keeping whatever else the plan holds
  vkcloud.karboii.karboii_plan:
    name: example-plan
    resources:
      - id: 0c1a8d6e-6d8a-4d55-9a4f-0e2b4ef0d0a1
    purge_resources: false

- name: Pause the plan's scheduled backups
  vkcloud.karboii.karboii_plan:
    name: example-plan
    status: suspended

- name: Delete the plan, its trigger and its backups
  vkcloud.karboii.karboii_plan:
    name: example-plan
    state: absent
"""

RETURN = r"""
plan:
  description:
    - The plan as the API returns it; in check mode, as it is predicted to be. Empty after a delete.
  returned: always
  type: dict
  contains:
    id:
      description: Plan id; V(null) for a plan that check mode would create.
      type: str
      sample: 17f09168-62c3-419b-0000-8889aac8fb0f
    name:
      description: Plan name.
      type: str
      sample: example-plan
    project_id:
      description: Project id.
      type: str
      sample: b5b7ffd4ef0547e5b222f44555df0001
    provider_id:
      description: Provider id.
      type: str
      sample: 37997f75-0637-4a69-bf7e-49ff2ff11fa5
    status:
      description: V(running) or V(suspended).
      type: str
      sample: running
    resources:
      description: The protected resources, in no particular order; a VM's chosen disks are under its C(resources).
      type: list
      elements: dict
      sample: [{"id": "8f1ba150-0000-4ae4-9693-d18844b30d19", "name": "Example_CentOS_Basic-1-1_10GB", "type": "OS::Nova::Server"}]
    full_day:
      description: V(null) for full backups only; 0 (Monday) to 6 (Sunday) is the full-backup day of an incremental plan.
      type: int
      sample: null
    retention_type:
      description: V(max_backups) or V(gfs).
      type: str
      sample: max_backups
    gfs:
      description: The GFS counts - C(son) weeks, C(father) months, C(grandfather) years.
      returned: for GFS plans
      type: dict
      sample: {"son": 4, "father": 12, "grandfather": 3}
trigger:
  description:
    - The plan's trigger (its schedule) as the API returns it; in check mode, as it is predicted to be.
  returned: when O(schedule) or O(retention) is given and O(state=present)
  type: dict
  sample: {"id": "6d398d13-0000-41d5-bf9b-5ce6f0b1fb50", "name": "example-plan", "plan_id": "17f09168-62c3-419b-0000-8889aac8fb0f",
           "project_id": "b5b7ffd4ef0547e5b222f44555df0001",
           "properties": {"pattern": "3 3 * * 2", "max_backups": 20, "next_time": 1684810980}}
"""

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_finders import find_plan, find_trigger, name_resources
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_http import KarboiiError
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_module import KarboiiModule
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_plans import (
    create_body, desired_resources, merge_resources, normalise_plan, plan_changes, predict_created,
    predict_updated, unnamed,
)
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_policy import (
    TRIGGER_OPTIONS, check_for_create, check_for_update, policy, trigger_for_create,
)
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_schedule import DAYS
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_sync import (
    create_plan, require_for_create, sync_trigger, update_resources_verified,
)
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_triggers import default_name
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import (
    InvalidOption, check_length, check_provider, known_provider,
)


class PlanModule(KarboiiModule):
    argument_spec = dict(
        name=dict(type="str"),
        id=dict(type="str"),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        provider=dict(type="str"),
        resources=dict(type="list", elements="dict", options=dict(
            id=dict(type="str"),
            name=dict(type="str"),
            type=dict(type="str", choices=["OS::Nova::Server", "OS::Trove::Instance", "OS::Trove::Cluster"]),
            volumes=dict(type="list", elements="str"),
        )),
        purge_resources=dict(type="bool", default=True),
        retention_type=dict(type="str", choices=["max_backups", "gfs"]),
        retention=dict(type="dict", options=dict(
            max_backups=dict(type="int"),
            gfs=dict(type="dict", options=dict(
                weekly=dict(type="int", required=True),
                monthly=dict(type="int"),
                yearly=dict(type="int"),
            )),
        ), mutually_exclusive=[("max_backups", "gfs")], required_one_of=[("max_backups", "gfs")]),
        incremental=dict(type="bool"),
        full_backup_day=dict(type="str", choices=list(DAYS)),
        schedule=dict(type="dict", options=dict(
            pattern=dict(type="str"),
            days=dict(type="list", elements="str"),
            time=dict(type="str"),
            every_hours=dict(type="int"),
        ), mutually_exclusive=[("pattern", "days", "every_hours"), ("pattern", "time"), ("every_hours", "time")],
            required_together=[("days", "time")], required_one_of=[("pattern", "days", "every_hours")]),
        status=dict(type="str", choices=["running", "suspended"]),
    )
    module_kwargs = dict(required_one_of=[("name", "id")])

    def run(self):
        p = self.params
        if p["name"] is not None:
            check_length(p["name"], "name", 1, 100)
        provider = check_provider(p["provider"]) if p["provider"] else None
        if p["state"] == "present":
            # Everything that can be checked without the plan fails here, before the first request.
            if p["resources"] is not None:
                desired_resources(p["resources"], provider or {})
            policy(p, provider)

        plan = find_plan(self.client, name=p["name"], ident=p["id"])
        if p["state"] == "absent":
            return self.delete(plan)
        if plan is None:
            return self.create(provider)
        return self.update(plan, provider)

    def create(self, provider):
        p = self.params
        if p["id"]:
            raise InvalidOption("id", "no plan has id '%s'; to create a plan, give its name instead" % p["id"])
        if provider is None or not p["resources"]:
            raise InvalidOption("provider" if provider is None else "resources",
                                "provider and resources are needed to create plan '%s'" % p["name"])
        wanted = policy(p, provider)
        check_for_create(wanted, p["name"])
        resources = name_resources(self.nova, desired_resources(p["resources"], provider), [])
        fields = dict(wanted.plan, name=p["name"], resources=resources)
        body = create_body(fields, provider["id"])
        predicted = dict(predict_created(body), **wanted.plan)
        desired = None
        if wanted.trigger is not None:  # built before the POST: a trigger that cannot be made fails first
            desired = dict(trigger_for_create(wanted, predicted), name=default_name(p["name"]))
        if self.check_mode:
            plan = predicted
        else:
            plan = create_plan(self.client, body)
            if p["status"] and plan.get("status") != p["status"]:
                plan = self.client.update_plan(plan["id"], {"status": p["status"]})
        result = {"changed": True, "plan": plan}
        before, after = {}, normalise_plan(plan)
        if desired is not None:
            try:
                _changed, trigger, _before, after["trigger"] = sync_trigger(
                    self.client, plan, desired, self.check_mode, None, fetched=True, option_names=TRIGGER_OPTIONS)
            except KarboiiError as exc:
                raise KarboiiError("plan '%s' (%s) was created but its schedule was not: %s. The plan exists without a "
                                   "schedule; run the task again to add it" % (plan["name"], plan["id"], exc),
                                   exc.method, exc.path, exc.status, exc.server_message) from None
            result["trigger"] = trigger
        return self.with_diff(result, before, after)

    def update(self, plan, provider):
        p = self.params
        if provider and provider["id"] != plan.get("provider_id"):
            raise InvalidOption("provider", "plan '%s' uses provider %s; a plan's provider cannot change (delete the plan "
                                            "and create it again)" % (plan.get("name"), plan.get("provider_id")))
        provider = known_provider(plan.get("provider_id")) or {"id": plan.get("provider_id"), "types": ()}
        wanted = policy(p, provider)
        check_for_update(wanted, plan)
        desired = dict(wanted.plan)
        if p["id"] and p["name"] is not None:
            desired["name"] = p["name"]
        resources = None
        if p["resources"] is not None:
            resources = name_resources(self.nova, desired_resources(p["resources"], provider), plan.get("resources"))
            desired["resources"] = merge_resources(plan.get("resources"), resources, p["purge_resources"])

        changes = plan_changes(plan, desired)
        if "resources" in changes:
            unnamed(changes["resources"])
        predicted = predict_updated(plan, changes)

        # The trigger is read and checked before the plan changes, so a trigger that cannot be made fails first.
        current, desired_trigger = None, None
        if wanted.trigger is not None:
            current = find_trigger(self.client, plan["id"])
            desired_trigger = dict(wanted.trigger)
            if current is None:
                desired_trigger = dict(trigger_for_create(wanted, predicted), name=default_name(predicted["name"]))
                require_for_create(desired_trigger, predicted, TRIGGER_OPTIONS)

        after = plan
        if changes:
            if self.check_mode:
                after = predicted
            else:
                after = update_resources_verified(self.client, plan, changes, resources or [], p["purge_resources"])
        result = {"changed": bool(changes), "plan": after}
        before_view, after_view = normalise_plan(plan), normalise_plan(after)

        if desired_trigger is not None:
            changed, trigger, before_view["trigger"], after_view["trigger"] = sync_trigger(
                self.client, after, desired_trigger, self.check_mode, current, fetched=True, option_names=TRIGGER_OPTIONS)
            result["changed"] = result["changed"] or changed
            result["trigger"] = trigger
        return self.with_diff(result, before_view, after_view)

    def delete(self, plan):
        if plan is None:
            return {"changed": False, "plan": {}}
        if not self.check_mode:
            self.client.delete_plan(plan["id"])
        return self.with_diff({"changed": True, "plan": {}}, normalise_plan(plan), {})


def main():
    PlanModule()()


if __name__ == "__main__":
    main()
