#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: karboii_plan_info
short_description: List backup plans of VK Cloud Backup (Karboii)
version_added: 0.1.0
description:
  - Lists the backup plans of the project, optionally filtered; filters combine with AND.
  - Answers "which plan protects this VM?" with O(resource_id).
  - Returns an empty list when nothing matches; never fails for that.
options:
  name:
    description: Keep plans with exactly this name.
    type: str
  id:
    description: Keep the plan with this id (read with a single request).
    type: str
  resource_id:
    description: Keep plans that protect this VM, database or volume id.
    type: str
  provider:
    description: Keep plans of this provider, by name, alias (V(vm), V(db), ...) or id.
    type: str
  status:
    description: Keep plans with this status.
    type: str
    choices: [running, suspended]
  scheduled:
    description:
      - V(true) keeps plans that have a trigger (scheduled backups), V(false) those without (manual backups only).
    type: bool
  with_trigger:
    description: Add each plan's trigger under C(trigger) (V(null) when it has none).
    type: bool
    default: false
extends_documentation_fragment:
  - vkcloud.karboii.karboii
  - vkcloud.karboii.karboii.INFO_ATTRIBUTES
seealso:
  - module: vkcloud.karboii.karboii_plan
author:
  - VK Cloud Karboii collection maintainers (@vkcloud)
"""

EXAMPLES = r"""
- name: List every plan
  vkcloud.karboii.karboii_plan_info:
  register: all_plans

- name: Which plan protects this VM?
  vkcloud.karboii.karboii_plan_info:
    resource_id: 8f1ba150-0000-4ae4-9693-d18844b30d19
    with_trigger: true
  register: vm_plans

- name: Plans whose backups are paused
  vkcloud.karboii.karboii_plan_info:
    status: suspended
  register: paused
"""

RETURN = r"""
plans:
  description: The matching plans as the API returns them.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Plan id.
      type: str
      sample: 17f09168-62c3-419b-0000-8889aac8fb0f
    name:
      description: Plan name.
      type: str
      sample: example-plan
    provider_id:
      description: Provider id.
      type: str
      sample: 37997f75-0637-4a69-bf7e-49ff2ff11fa5
    status:
      description: V(running) or V(suspended).
      type: str
      sample: running
    resources:
      description: The protected resources, in no particular order.
      type: list
      elements: dict
      sample: [{"id": "8f1ba150-0000-4ae4-9693-d18844b30d19", "name": "Example_CentOS_Basic-1-1_10GB", "type": "OS::Nova::Server"}]
    full_day:
      description: V(null) for full backups only; 0 (Monday) to 6 (Sunday) for an incremental plan's full-backup day.
      type: int
      sample: null
    retention_type:
      description: V(max_backups) or V(gfs).
      type: str
      sample: max_backups
    trigger:
      description: The plan's trigger, with O(with_trigger=true).
      returned: when O(with_trigger=true)
      type: dict
      sample: {"id": "6d398d13-0000-41d5-bf9b-5ce6f0b1fb50", "name": "example-plan",
               "properties": {"pattern": "3 3 * * 2", "max_backups": 20, "next_time": 1684810980}}
"""

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_module import KarboiiModule
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_plans import filter_plans, is_gone
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import check_provider


class PlanInfoModule(KarboiiModule):
    argument_spec = dict(
        name=dict(type="str"),
        id=dict(type="str"),
        resource_id=dict(type="str"),
        provider=dict(type="str"),
        status=dict(type="str", choices=["running", "suspended"]),
        scheduled=dict(type="bool"),
        with_trigger=dict(type="bool", default=False),
    )

    def run(self):
        p = self.params
        provider_id = check_provider(p["provider"])["id"] if p["provider"] else None
        if p["id"]:
            plan = self.client.get_plan(p["id"])
            plans = [] if is_gone(plan) else [plan]
        else:
            plans = [plan for plan in self.client.list_plans() if not is_gone(plan)]
        triggers = None
        if p["scheduled"] is not None or p["with_trigger"]:
            triggers = self.client.list_triggers()
        plans = filter_plans(plans, name=p["name"], resource_id=p["resource_id"], provider_id=provider_id,
                             status=p["status"], scheduled=p["scheduled"], triggers=triggers)
        if p["with_trigger"]:
            by_plan = {t.get("plan_id"): t for t in triggers}
            plans = [dict(plan, trigger=by_plan.get(plan["id"])) for plan in plans]
        return {"changed": False, "plans": plans}


def main():
    PlanInfoModule()()


if __name__ == "__main__":
    main()
