# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pure decisions about triggers (a plan's schedule and backup count).

A trigger belongs to one plan through `plan_id`; the API keeps `pattern` and
`max_backups` under `properties` but takes them flat in an update.
"""

from __future__ import annotations

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import (
    InvalidOption, check_cron, check_length, check_range,
)

TRIGGER_FIELDS = ("name", "pattern", "max_backups")


def desired_trigger(name=None, pattern=None, max_backups=None):
    """The user-set trigger fields, validated; the ones left out stay out."""
    desired = {}
    if name is not None:
        desired["name"] = check_length(name, "name", 3, 100)
    if pattern is not None:
        desired["pattern"] = check_cron(pattern)
    if max_backups is not None:
        desired["max_backups"] = check_range(max_backups, "max_backups", 1, 200)
    return desired


def default_name(plan_name):
    """A new trigger is named after its plan, as the API's own example does."""
    if not 3 <= len(plan_name) <= 100:
        raise InvalidOption("name", "trigger names need 3 to 100 characters and the plan's name '%s' has %d; set name"
                            % (plan_name, len(plan_name)))
    return plan_name


def missing_for_create(desired):
    """Options a new trigger cannot do without (the backend requires max_backups too)."""
    return [field for field in TRIGGER_FIELDS if desired.get(field) is None]


def triggers_of(triggers, plan_id):
    return [t for t in triggers if t.get("plan_id") == plan_id]


def the_trigger(triggers, plan_id):
    """The plan's trigger or None; more than one is a state we refuse to guess about."""
    own = triggers_of(triggers, plan_id)
    if len(own) > 1:
        raise InvalidOption("plan", "plan %s has %d triggers (%s); expected at most one"
                            % (plan_id, len(own), ", ".join(t.get("id", "?") for t in own)))
    return own[0] if own else None


def flatten(trigger):
    """The comparable view: properties lifted to the top, next_time kept for information."""
    if not trigger:
        return {}
    properties = trigger.get("properties") or {}
    return {
        "id": trigger.get("id"),
        "name": trigger.get("name"),
        "plan_id": trigger.get("plan_id"),
        "pattern": properties.get("pattern"),
        "max_backups": properties.get("max_backups"),
    }


def trigger_changes(current, desired):
    """The flat PUT body: each user-set field that differs. Patterns compare field by field."""
    view = flatten(current)
    changes = {}
    for field in TRIGGER_FIELDS:
        if field not in desired:
            continue
        have = view.get(field)
        if field == "pattern" and have is not None:
            have = " ".join(str(have).split())
        if have != desired[field]:
            changes[field] = desired[field]
    return changes


def predict_created(desired, plan_id, project_id=None):
    return {"id": None, "name": desired["name"], "plan_id": plan_id, "project_id": project_id,
            "properties": {"pattern": desired["pattern"], "max_backups": desired["max_backups"], "next_time": None}}


def predict_updated(current, changes):
    trigger = dict(current)
    properties = dict(current.get("properties") or {})
    for field in ("pattern", "max_backups"):
        if field in changes:
            properties[field] = changes[field]
    trigger["properties"] = properties
    if "name" in changes:
        trigger["name"] = changes["name"]
    return trigger
