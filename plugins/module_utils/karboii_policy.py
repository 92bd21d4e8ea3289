# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A backup policy as the plan module's options state it, split into plan fields and trigger fields.

Pure: it runs twice, before any request (with the provider the task names, if any)
and once the plan is found (with the plan's own provider), so bad input fails first.
"""

from __future__ import annotations

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_schedule import (
    GFS_TRIGGER_MAX_BACKUPS, full_day, retention_fields, schedule_pattern,
)
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import NOVA_ID, InvalidOption

# The options a user sets the trigger's fields with, for error messages.
TRIGGER_OPTIONS = {"pattern": "schedule", "max_backups": "retention.max_backups", "name": "name"}


class Policy:
    """plan: the plan fields the user set; trigger: the trigger fields, or None when the trigger is not managed."""

    def __init__(self, plan, trigger, needs_full_day):
        self.plan = plan
        self.trigger = trigger
        self.needs_full_day = needs_full_day


def is_database(provider):
    return bool(provider) and provider.get("id") != NOVA_ID and bool(provider.get("types"))


def policy(params, provider=None):
    """The plan and trigger fields asked for by schedule, retention, incremental, full_backup_day and status."""
    database = is_database(provider)
    plan, trigger = {}, None
    shift = 0
    if params.get("schedule") is not None:
        pattern, shift = schedule_pattern(params["schedule"], database)
        trigger = {"pattern": pattern}
    if params.get("retention") is not None:
        fields, count = retention_fields(params["retention"], params.get("retention_type"))
        plan.update(fields)
        if count is not None:
            trigger = dict(trigger or {}, max_backups=count)
    elif params.get("retention_type") is not None:
        plan["retention_type"] = params["retention_type"]
    is_set, day = full_day(params.get("incremental"), params.get("full_backup_day"), shift)
    wants_incremental = params.get("incremental") or params.get("full_backup_day") is not None
    if wants_incremental and database:
        raise InvalidOption("incremental", "only VM plans (OS::Nova) can be incremental; database backups are always full")
    if is_set:
        plan["full_day"] = day
    if params.get("status") is not None:
        plan["status"] = params["status"]
    return Policy(plan, trigger, needs_full_day=bool(params.get("incremental")) and not is_set)


def check_for_create(policy_, plan_name):
    """What a new plan cannot do without, beyond provider and resources."""
    if policy_.needs_full_day:
        raise InvalidOption("full_backup_day", "is required to create an incremental plan (monday ... sunday)")
    if policy_.plan.get("retention_type") == "gfs" and "gfs" not in policy_.plan:
        raise InvalidOption("retention", "a gfs plan needs retention.gfs with its weekly, monthly and yearly counts")
    if policy_.trigger is not None and "pattern" not in policy_.trigger:
        raise InvalidOption("schedule", "plan '%s' needs a schedule to keep retention.max_backups backups" % plan_name)
    if policy_.trigger is not None and "max_backups" not in policy_.trigger and policy_.plan.get("retention_type") != "gfs":
        raise InvalidOption("retention", "a schedule for plan '%s' needs retention too: max_backups or gfs" % plan_name)


def check_for_update(policy_, plan):
    if policy_.needs_full_day and plan.get("full_day") is None:
        raise InvalidOption("full_backup_day", "is required to make plan '%s' incremental" % plan.get("name"))
    if policy_.plan.get("retention_type") == "gfs" and "gfs" not in policy_.plan and plan.get("retention_type") != "gfs":
        raise InvalidOption("retention", "switching plan '%s' to gfs needs retention.gfs with its counts" % plan.get("name"))


def trigger_for_create(policy_, plan):
    """The trigger fields to create one with: a GFS plan's trigger still carries a max_backups the backend wants."""
    desired = dict(policy_.trigger)
    if "max_backups" not in desired and plan.get("retention_type") == "gfs":
        desired["max_backups"] = GFS_TRIGGER_MAX_BACKUPS
    return desired
