#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: karboii_trigger
short_description: Set the schedule of a backup plan in VK Cloud Backup (Karboii)
version_added: 0.1.0
description:
  - Ensures a plan's trigger, its backup schedule and the number of backups kept, is as given.
  - A plan has at most one trigger. It is created when missing and updated where it differs.
  - The API has no way to delete a trigger; it goes away with its plan. O(state=absent) fails and says so.
options:
  plan:
    description: The plan, by exact name or by id.
    type: str
    required: true
  name:
    description:
      - The trigger's name, 3 to 100 characters.
      - A new trigger is named after its plan when this is left out; an existing trigger keeps its name.
    type: str
  pattern:
    description:
      - When backups run, as a 5-field cron pattern in UTC - minute, hour, day of month, month, day of week.
      - Day of week is standard cron, 0 or 7 is Sunday, so V(3 3 * * 2) runs on Tuesdays at 03:03 UTC.
      - Fields take V(*), numbers, ranges V(a-b), lists V(a,b) and steps V(*/n).
      - Required to create the trigger.
    type: str
  max_backups:
    description:
      - How many full backups to keep, 1 to 200. Required to create the trigger.
    type: int
  state:
    description:
      - V(present) creates or updates the trigger. V(absent) always fails, since the API cannot delete a trigger;
        delete its plan with M(vkcloud.karboii.karboii_plan) instead.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - vkcloud.karboii.karboii
  - vkcloud.karboii.karboii.ATTRIBUTES
seealso:
  - module: vkcloud.karboii.karboii_plan
author:
  - VK Cloud Karboii collection maintainers (@vkcloud)
"""

EXAMPLES = r"""
- name: Back up every Tuesday at 03:03 UTC and keep 20 full backups
  vkcloud.karboii.karboii_trigger:
    plan: example-plan
    pattern: "3 3 * * 2"
    max_backups: 20

- name: Keep fewer backups, leave the schedule as it is
  vkcloud.karboii.karboii_trigger:
    plan: example-plan
    max_backups: 10
"""

RETURN = r"""
trigger:
  description: The trigger as the API returns it; in check mode, as it is predicted to be.
  returned: always
  type: dict
  contains:
    id:
      description: Trigger id; V(null) for a trigger that check mode would create.
      type: str
      sample: 6d398d13-0000-41d5-bf9b-5ce6f0b1fb50
    name:
      description: Trigger name.
      type: str
      sample: example-plan
    plan_id:
      description: The plan it belongs to.
      type: str
      sample: 17f09168-62c3-419b-0000-8889aac8fb0f
    project_id:
      description: Project id.
      type: str
      sample: b5b7ffd4ef0547e5b222f44555df0001
    properties:
      description: The schedule.
      type: dict
      contains:
        pattern:
          description: Cron pattern, UTC.
          type: str
          sample: 3 3 * * 2
        max_backups:
          description: Full backups kept.
          type: int
          sample: 20
        next_time:
          description: When the next backup runs, in Unix seconds; V(null) in check mode for a new trigger.
          type: int
          sample: 1684810980
"""

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_finders import find_trigger, require_plan
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_module import KarboiiModule
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_sync import sync_trigger
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_triggers import default_name, desired_trigger
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import InvalidOption


class TriggerModule(KarboiiModule):
    argument_spec = dict(
        plan=dict(type="str", required=True),
        name=dict(type="str"),
        pattern=dict(type="str"),
        max_backups=dict(type="int"),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )

    def run(self):
        p = self.params
        if p["state"] == "absent":
            raise InvalidOption("state", "the Karboii API cannot delete a trigger; it is deleted with its plan "
                                         "(vkcloud.karboii.karboii_plan with state=absent)")
        desired = desired_trigger(p["name"], p["pattern"], p["max_backups"])  # bad input fails before any request

        plan = require_plan(self.client, p["plan"])
        current = find_trigger(self.client, plan["id"])
        if current is None:
            desired.setdefault("name", default_name(plan["name"]))
        changed, trigger, before, after = sync_trigger(self.client, plan, desired, self.check_mode, current, fetched=True)
        return self.with_diff({"changed": changed, "trigger": trigger}, before, after)


def main():
    TriggerModule()()


if __name__ == "__main__":
    main()
