# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Changes that must not duplicate or lose anything, shared by the plan and trigger modules.

- A create whose answer was lost (timeout, dropped connection, 5xx) may have
  happened: look before trying again, never POST blindly.
- Adding resources to a shared plan races with other adders: read back, and
  merge again if someone else's write removed ours.
"""

from __future__ import annotations

import random
import time

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_finders import find_plan, find_trigger
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_http import KarboiiError
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_plans import merge_resources
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_triggers import (
    flatten, missing_for_create, predict_created, predict_updated, trigger_changes,
)
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import InvalidOption

CREATE_ATTEMPTS = 3
MERGE_ATTEMPTS = 8
SETTLE_SECONDS = 1.0  # longer than another task takes from reading a plan to writing it back


def create_once(create, find_existing, warn=None, attempts=CREATE_ATTEMPTS):
    """Run `create()`; after an ambiguous failure, return what `find_existing()` finds, or create again."""
    warn = warn or (lambda message: None)
    for attempt in range(attempts):
        try:
            return create()
        except KarboiiError as exc:
            if not exc.ambiguous or attempt == attempts - 1:
                raise
            existing = find_existing()
            if existing is not None:
                warn("%s; it had been made all the same, so it is not sent again" % exc)
                return existing
            warn("%s; it was not made, so it is sent again" % exc)


def create_plan(client, body):
    return create_once(lambda: client.create_plan(body), lambda: find_plan(client, name=body["name"]), client.on_retry)


def create_trigger(client, plan_id, desired):
    return create_once(
        lambda: client.create_trigger(desired["name"], plan_id, desired["pattern"], desired["max_backups"]),
        lambda: find_trigger(client, plan_id), client.on_retry)


def update_resources_verified(client, plan, changes, wanted, purge, sleep=time.sleep):
    """PUT the changes; when only adding, make sure the additions survive other writers.

    Another task may read the plan before our write and store its list after it,
    dropping ours (the API stores the list it is sent). Such a write lands within
    that task's read-to-write time of ours; so wait longer than that, read again,
    and merge again whatever went missing, until a read after the wait shows it all.
    """
    updated = client.update_plan(plan["id"], changes)
    if purge or "resources" not in changes:
        return updated
    wanted_ids = {r["id"] for r in wanted}
    for _attempt in range(MERGE_ATTEMPTS):
        sleep(SETTLE_SECONDS + random.uniform(0, SETTLE_SECONDS))  # jitter keeps racing writers from meeting again
        current = client.get_plan(plan["id"])
        if current is None:
            raise KarboiiError("plan %s disappeared while resources were being added" % plan["id"])
        if wanted_ids <= {r.get("id") for r in current.get("resources") or []}:
            return current
        client.update_plan(plan["id"], {"resources": merge_resources(current.get("resources"), wanted, purge=False)})
    raise KarboiiError("plan %s: other tasks kept replacing its resources; %s could not be added after %d tries"
                       % (plan["id"], ", ".join(sorted(wanted_ids)), MERGE_ATTEMPTS))


def require_for_create(desired, plan, option_names=None):
    """A new trigger needs every field; name the options that would have set the missing ones."""
    missing = missing_for_create(desired)
    if missing:
        names = [(option_names or {}).get(field, field) for field in missing]
        raise InvalidOption(names[0], "plan '%s' has no trigger yet; creating one needs %s"
                            % (plan.get("name"), " and ".join(names)))


def sync_trigger(client, plan, desired, check_mode, current=None, fetched=False, option_names=None):
    """Create or update the plan's one trigger. Returns (changed, trigger, before, after) with flat views.

    `option_names` maps the trigger's fields to the options the user sets them with, for errors.
    """
    if not fetched:
        current = find_trigger(client, plan["id"]) if plan.get("id") else None
    if current is None:
        require_for_create(desired, plan, option_names)
        if check_mode:
            trigger = predict_created(desired, plan.get("id"), plan.get("project_id"))
        else:
            trigger = create_trigger(client, plan["id"], desired)
        return True, trigger, {}, flatten(trigger)
    changes = trigger_changes(current, desired)
    if not changes:
        return False, current, flatten(current), flatten(current)
    trigger = predict_updated(current, changes) if check_mode else client.update_trigger(current["id"], changes)
    return True, trigger, flatten(current), flatten(trigger)
