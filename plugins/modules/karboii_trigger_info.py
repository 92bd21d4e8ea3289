#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: karboii_trigger_info
short_description: List the triggers (backup schedules) of VK Cloud Backup (Karboii)
version_added: 0.1.0
description:
  - Lists triggers, the schedules of backup plans, optionally filtered; filters combine with AND.
  - Returns an empty list when nothing matches, including a plan that does not exist; never fails for that.
options:
  plan:
    description: Keep the trigger of this plan, by exact name or id.
    type: str
  name:
    description: Keep triggers with exactly this name.
    type: str
  id:
    description: Keep the trigger with this id.
    type: str
extends_documentation_fragment:
  - vkcloud.karboii.karboii
  - vkcloud.karboii.karboii.INFO_ATTRIBUTES
seealso:
  - module: vkcloud.karboii.karboii_trigger
author:
  - VK Cloud Karboii collection maintainers (@vkcloud)
"""

EXAMPLES = r"""
- name: The schedule of a plan
  vkcloud.karboii.karboii_trigger_info:
    plan: example-plan
  register: schedule

- name: Show when it runs next
  ansible.builtin.debug:
    msg: "{{ '%Y-%m-%d %H:%M' | strftime(schedule.triggers[0].properties.next_time, utc=true) }} UTC"
  when: schedule.triggers | length > 0
"""

RETURN = r"""
triggers:
  description: The matching triggers as the API returns them.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Trigger id.
      type: str
      sample: 6d398d13-0000-41d5-bf9b-5ce6f0b1fb50
    name:
      description: Trigger name.
      type: str
      sample: example-plan
    plan_id:
      description: The plan it schedules.
      type: str
      sample: 17f09168-62c3-419b-0000-8889aac8fb0f
    project_id:
      description: Project id.
      type: str
      sample: b5b7ffd4ef0547e5b222f44555df0001
    properties:
      description: C(pattern) (cron, UTC), C(max_backups) and C(next_time) (Unix seconds).
      type: dict
      sample: {"pattern": "3 3 * * 2", "max_backups": 20, "next_time": 1684810980}
"""

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_finders import find_plan_by_ref
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_module import KarboiiModule


class TriggerInfoModule(KarboiiModule):
    argument_spec = dict(
        plan=dict(type="str"),
        name=dict(type="str"),
        id=dict(type="str"),
    )

    def run(self):
        p = self.params
        plan_id = None
        if p["plan"]:
            plan = find_plan_by_ref(self.client, p["plan"])
            if plan is None:
                return {"changed": False, "triggers": []}
            plan_id = plan["id"]
        triggers = [t for t in self.client.list_triggers()
                    if (plan_id is None or t.get("plan_id") == plan_id)
                    and (p["name"] is None or t.get("name") == p["name"])
                    and (p["id"] is None or t.get("id") == p["id"])]
        return {"changed": False, "triggers": triggers}


def main():
    TriggerInfoModule()()


if __name__ == "__main__":
    main()
