# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pure decisions about plans: what the user asked for, what differs, what will result.

No I/O here: every function takes data and returns data, so the decision logic
is tested with tables. Only the options a user set take part in a comparison;
an option left out is never read as "empty".
"""

from __future__ import annotations

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import (
    SERVER, VOLUME, InvalidOption, check_length,
)

PLAN_FIELDS = ("name", "resources", "status", "full_day", "retention_type", "gfs")


def select_one(items, kind, name=None, ident=None, option="name"):
    """The one item with this id, or with exactly this name; None when there is none.

    Names are matched exactly (never as substrings). Several items with the same
    name are an error that lists their ids, so the user can pick one by id.
    """
    if ident:
        return next((item for item in items if item.get("id") == ident), None)
    matches = [item for item in items if item.get("name") == name]
    if len(matches) > 1:
        ids = ", ".join(item.get("id", "?") for item in matches)
        raise InvalidOption(option, "%d %ss are named '%s' (ids: %s); give the id instead" % (len(matches), kind, name, ids))
    return matches[0] if matches else None


def is_gone(plan):
    """A deleted plan may linger in the API with status 'deleted'; it counts as absent."""
    return plan is None or plan.get("status") == "deleted"


def desired_resources(resources, provider, option="resources"):
    """Validate the user's resources: fill each type from the provider, volumes as nested resources.

    A resource may lack its id (a VM named only) or its name; finders fill them in later.
    """
    if not resources:
        raise InvalidOption(option, "give at least one resource ({id, name, type})")
    allowed = provider.get("types") or ()
    result, seen = [], set()
    for index, resource in enumerate(resources):
        where = "%s[%d]" % (option, index)
        ident, name = resource.get("id"), resource.get("name")
        if not ident and not name:
            raise InvalidOption(where, "give the id or the name of the VM or database")
        key = ident or ("name", name)
        if key in seen:
            raise InvalidOption(where + (".id" if ident else ".name"), "'%s' is listed twice" % (ident or name))
        seen.add(key)
        kind = resource.get("type") or (allowed[0] if allowed else None)
        if not kind and provider.get("id"):  # with no provider known yet, the type is checked later
            raise InvalidOption(where + ".type", "is required for provider %s" % provider["id"])
        if allowed and kind not in allowed:
            raise InvalidOption(where + ".type", "'%s' does not fit provider %s; allowed: %s"
                                % (kind, provider["name"], ", ".join(allowed)))
        entry = {"id": ident, "type": kind}
        if name:
            entry["name"] = name
        volumes = resource.get("volumes")
        if volumes is not None:
            if kind not in (SERVER, None):
                raise InvalidOption(where + ".volumes", "only VMs (%s) have volumes to choose" % SERVER)
            entry["resources"] = [{"id": volume, "type": VOLUME} for volume in sorted(set(volumes))]
        result.append(entry)
    return result


def merge_resources(current, wanted, purge):
    """The resource list to store: exactly `wanted` when purging, else current plus wanted.

    What the user left out of a resource (its name, its volumes) is taken from the plan
    as it is. An empty volume list means all of the VM's disks again.
    """
    known = {r["id"]: r for r in current or []}
    merged = {} if purge else {r["id"]: dict(r) for r in current or []}
    for resource in wanted:
        entry = dict(known.get(resource["id"], {}))
        entry.update(resource)
        if not entry.get("resources"):
            entry.pop("resources", None)
        merged[resource["id"]] = entry
    return list(merged.values())


def unnamed(resources, option="resources"):
    """Resources still without a name cannot be sent: the API requires one."""
    for index, resource in enumerate(resources):
        if not resource.get("name"):
            raise InvalidOption("%s[%d].name" % (option, index),
                                "is required for '%s' (the API stores the VM or DB name)" % resource["id"])


def normalise_resource(resource):
    entry = {"id": resource.get("id"), "type": resource.get("type"), "name": resource.get("name")}
    if resource.get("resources"):
        entry["volumes"] = sorted(v.get("id") for v in resource["resources"])
    return entry


def normalise_resources(resources):
    return sorted((normalise_resource(r) for r in resources or []), key=lambda r: (r["id"] or "", r["type"] or ""))


def normalise_plan(plan):
    """The comparable view of a plan: resources as a sorted set, server-only fields dropped."""
    if not plan:
        return {}
    view = {
        "id": plan.get("id"),
        "name": plan.get("name"),
        "provider_id": plan.get("provider_id"),
        "status": plan.get("status"),
        "resources": normalise_resources(plan.get("resources")),
        "full_day": plan.get("full_day"),
        "retention_type": plan.get("retention_type"),
    }
    if plan.get("gfs"):
        view["gfs"] = dict(plan["gfs"])
    return view


def _same(field, current, wanted):
    if field == "resources":
        return normalise_resources(current) == normalise_resources(wanted)
    return current == wanted


def plan_changes(current, desired):
    """The PUT body: each user-set field whose value differs from the plan's."""
    return {field: desired[field] for field in PLAN_FIELDS
            if field in desired and not _same(field, current.get(field), desired[field])}


def create_body(desired, provider_id):
    """The POST body. full_day is always sent (null = full backups only), as the API's own example does."""
    check_length(desired.get("name"), "name", 1, 100)
    body = {"name": desired["name"], "resources": desired["resources"], "provider_id": provider_id,
            "full_day": desired.get("full_day")}
    for field in ("retention_type", "gfs"):
        if desired.get(field) is not None:
            body[field] = desired[field]
    return body


def predict_created(body, project_id=None):
    """What the API will answer to the POST; used by check mode."""
    plan = {"id": None, "project_id": project_id, "status": "running", "retention_type": "max_backups"}
    plan.update(body)
    return plan


def predict_updated(current, changes):
    plan = dict(current)
    plan.update(changes)
    if changes.get("retention_type") == "max_backups":
        plan.pop("gfs", None)
    return plan


def protects(plan, resource_id):
    """Whether a plan holds this VM/DB, or this volume of one of its VMs."""
    for resource in plan.get("resources") or []:
        if resource.get("id") == resource_id:
            return True
        if any(volume.get("id") == resource_id for volume in resource.get("resources") or []):
            return True
    return False


def filter_plans(plans, name=None, resource_id=None, provider_id=None, status=None, scheduled=None, triggers=None):
    """The plans that pass every filter given; `scheduled` needs the trigger list."""
    with_trigger = {t.get("plan_id") for t in triggers or []}
    kept = []
    for plan in plans:
        if name is not None and plan.get("name") != name:
            continue
        if resource_id is not None and not protects(plan, resource_id):
            continue
        if provider_id is not None and plan.get("provider_id") != provider_id:
            continue
        if status is not None and plan.get("status") != status:
            continue
        if scheduled is not None and (plan.get("id") in with_trigger) != scheduled:
            continue
        kept.append(plan)
    return kept
