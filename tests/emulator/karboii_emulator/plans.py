# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Backup plans: what is protected, by which provider, with which retention."""

import random
import time
import uuid

from .constants import NOVA_PROVIDER_ID, PROVIDERS, PROVIDER_TYPES, RESOURCE_TYPES, SERVER_TYPE, VOLUME_TYPE
from .paging import field_key, paginate
from .validate import (MISSING, bad_request, enum_field, envelope, int_field, reject_unknown, require_object,
                       string_field)
from .web import ApiError, Response

POST_KEYS = ("name", "resources", "provider_id", "full_day", "retention_type", "gfs", "parameters")
PUT_KEYS = ("name", "status", "resources", "full_day", "retention_type", "gfs")
STATUSES = ("running", "suspended", "deleted")
RETENTION_TYPES = ("max_backups", "gfs")
PROVIDER_NAMES = dict((provider["id"], provider["name"]) for provider in PROVIDERS)
# How long a PUT takes between reading and writing when put_replaces_resources is on.
SLOW_PUT_SECONDS = 0.2
SORT_KEYS = {
    "id": field_key("id"), "name": field_key("name"), "status": field_key("status"),
    "provider_id": field_key("provider_id"), "retention_type": field_key("retention_type"),
    "created_at": field_key("_created_at"), "updated_at": field_key("_updated_at"),
}


def public(obj):
    """A stored object without the emulator's `_` bookkeeping keys."""
    return dict((key, value) for key, value in obj.items() if not key.startswith("_"))


# request parsing ---------------------------------------------------------------
def parse_volumes(value, where):
    """A server's selected disks: [{"id", "type": OS::Cinder::Volume, "name"?}]."""
    if not isinstance(value, list):
        raise bad_request("%s must be a list" % where)
    volumes, seen = [], set()
    for index, item in enumerate(value):
        item_where = "%s[%d]" % (where, index)
        item = require_object(item, item_where)
        reject_unknown(item, ("id", "type", "name"), item_where)
        volume = {"id": string_field(item, "id", item_where, min_len=1, required=True),
                  "type": enum_field(item, "type", item_where, (VOLUME_TYPE,), required=True)}
        name = string_field(item, "name", item_where)
        if name is not MISSING:
            volume["name"] = name
        if volume["id"] in seen:
            raise bad_request("%s: volume %s is listed twice" % (where, volume["id"]))
        seen.add(volume["id"])
        volumes.append(volume)
    return volumes


def parse_resource(item, where):
    item = require_object(item, where)
    reject_unknown(item, ("id", "type", "name", "resources"), where)
    resource = {"id": string_field(item, "id", where, min_len=1, required=True),
                "type": enum_field(item, "type", where, RESOURCE_TYPES, required=True),
                "name": string_field(item, "name", where, required=True)}
    if "resources" in item:
        if resource["type"] != SERVER_TYPE:
            raise bad_request("%s.resources: only %s resources may select volumes" % (where, SERVER_TYPE))
        resource["resources"] = parse_volumes(item["resources"], where + ".resources")
    return resource


def parse_resources(value, where, max_items=None):
    if not isinstance(value, list):
        raise bad_request("%s must be a list" % where)
    if not value or (max_items is not None and len(value) > max_items):
        raise bad_request("%s must hold 1 to %s items (got %d)" % (where, max_items or "any number of", len(value)))
    resources = [parse_resource(item, "%s[%d]" % (where, index)) for index, item in enumerate(value)]
    ids = [resource["id"] for resource in resources]
    duplicates = sorted(set(rid for rid in ids if ids.count(rid) > 1))
    if duplicates:
        raise bad_request("%s: resource %s is listed more than once" % (where, ", ".join(duplicates)))
    return resources


def parse_gfs(value, where):
    """{son 1-53 (required), father 0-120, grandfather 0-10}; absent tiers are 0."""
    gfs = require_object(value, where)
    reject_unknown(gfs, ("son", "father", "grandfather"), where)
    parsed = {"son": int_field(gfs, "son", where, 1, 53, required=True)}
    for tier, highest in (("father", 120), ("grandfather", 10)):
        tier_value = int_field(gfs, tier, where, 0, highest)
        parsed[tier] = 0 if tier_value is MISSING else tier_value
    return parsed


def parse_plan_fields(plan, creating):
    """The fields a POST or PUT body sends, validated one by one (not yet against each other)."""
    if not creating and "provider_id" in plan:
        raise bad_request("plan.provider_id cannot be changed; create a new plan instead")
    reject_unknown(plan, POST_KEYS if creating else PUT_KEYS, "plan")
    if creating:
        for key in ("name", "resources", "provider_id"):
            if key not in plan:
                raise bad_request("plan.%s is required" % key)
    parsers = {
        "name": lambda: string_field(plan, "name", "plan", 1, 100),
        "resources": lambda: parse_resources(plan["resources"], "plan.resources", None if creating else 100),
        "provider_id": lambda: enum_field(plan, "provider_id", "plan", tuple(PROVIDER_TYPES)),
        "full_day": lambda: int_field(plan, "full_day", "plan", 0, 6, nullable=True),
        "retention_type": lambda: enum_field(plan, "retention_type", "plan", RETENTION_TYPES),
        "status": lambda: enum_field(plan, "status", "plan", STATUSES),
        # A null gfs reads as "not sent", as a nil pointer would in the Go service.
        "gfs": lambda: MISSING if plan["gfs"] is None else parse_gfs(plan["gfs"], "plan.gfs"),
    }
    fields = {}
    for key, parser in parsers.items():
        if key in plan:
            value = parser()
            if value is not MISSING:
                fields[key] = value
    # `parameters` is deprecated: accepted, checked for shape, then ignored.
    if plan.get("parameters") is not None and not isinstance(plan["parameters"], dict):
        raise bad_request("plan.parameters must be an object or null")
    return fields


# rules between fields and across plans -------------------------------------------
def apply_retention(candidate, sent):
    if "gfs" in sent and candidate["retention_type"] != "gfs":
        raise bad_request("plan.gfs is only allowed with retention_type gfs (the plan's retention_type is %s)"
                          % candidate["retention_type"])
    if candidate["retention_type"] == "gfs":
        if not candidate.get("gfs"):
            raise bad_request("retention_type gfs needs plan.gfs {son, father, grandfather}")
    else:
        candidate.pop("gfs", None)


def check_rules(candidate, store, plan_id):
    """Provider fit, incremental only for VMs, and one plan per VM/DB."""
    provider_id = candidate["provider_id"]
    allowed = PROVIDER_TYPES[provider_id]
    for resource in candidate["resources"]:
        if resource["type"] not in allowed:
            raise bad_request("resource %s: type %s does not fit provider %s (allowed: %s)"
                              % (resource["id"], resource["type"], PROVIDER_NAMES[provider_id], ", ".join(allowed)))
    if candidate["full_day"] is not None and provider_id != NOVA_PROVIDER_ID:
        raise bad_request("incremental backups are only available for VMs: full_day must be null for provider %s"
                          % PROVIDER_NAMES[provider_id])
    for resource in candidate["resources"]:
        owner_id = store.owner.get(resource["id"])
        if owner_id is not None and owner_id != plan_id:
            owner = store.plans[owner_id]
            raise bad_request("resource %s is already protected by plan %s (%s)" % (resource["id"], owner["name"], owner_id))


# rendering ------------------------------------------------------------------------
def _shuffled(resources):
    resources = [_shuffled_volumes(resource) for resource in resources]
    random.shuffle(resources)
    return resources


def _shuffled_volumes(resource):
    if len(resource.get("resources") or ()) < 2:
        return resource
    volumes = list(resource["resources"])
    random.shuffle(volumes)
    return dict(resource, resources=volumes)


def render_plan(plan, shuffle):
    """The API view; resources come back in a new order each time, like the real service's."""
    out = public(plan)
    if shuffle:
        out["resources"] = _shuffled(out["resources"])
    return out


class PlanApi:
    """POST/GET/PUT/DELETE /{project_id}/plans[/{plan_id}]."""

    def __init__(self, app):
        self.app = app
        self.store = app.store

    def register(self, router):
        router.add("/{project_id}/plans", get=self.list, post=self.create)
        router.add("/{project_id}/plans/{plan_id}", get=self.show, put=self.update, delete=self.delete)

    def render(self, plan):
        return render_plan(plan, self.app.settings.shuffle_resources)

    def _get(self, plan_id):
        plan = self.store.plans.get(plan_id)
        if plan is None:
            raise ApiError(404, "plan %s not found" % plan_id)
        return plan

    def create(self, request, params):
        fields = parse_plan_fields(envelope(request.json_object(), "plan"), creating=True)
        now = self.app.now_iso()
        plan = {
            "id": str(uuid.uuid4()), "project_id": params["project_id"], "name": fields["name"],
            "provider_id": fields["provider_id"], "status": "running", "resources": fields["resources"],
            "full_day": fields.get("full_day"), "retention_type": fields.get("retention_type", "max_backups"),
        }
        if "gfs" in fields:
            plan["gfs"] = fields["gfs"]
        apply_retention(plan, fields)
        plan["_created_at"] = plan["_updated_at"] = now
        with self.store.lock:
            check_rules(plan, self.store, None)
            self.store.save_plan(plan)
            self.store.persist()
        return Response(200, {"plan": self.render(plan)})

    def list(self, request, params):
        scheduled = request.query.get("scheduled")
        if scheduled not in (None, "", "0", "1"):
            raise ApiError(400, "scheduled must be 0 (plans without a trigger) or 1 (plans with one)")
        with self.store.lock:
            plans = list(self.store.plans.values())
            if scheduled:
                want = scheduled == "1"
                plans = [plan for plan in plans if (plan["id"] in self.store.trigger_of) == want]
        page = paginate(plans, request.query, self.app.settings.page_cap, SORT_KEYS)
        return Response(200, {"plans": [self.render(plan) for plan in page]})

    def show(self, request, params):
        return Response(200, {"plan": self.render(self._get(params["plan_id"]))})

    def _merge(self, plan, sent):
        candidate = dict(plan)
        candidate.update(sent)
        apply_retention(candidate, sent)
        candidate["_updated_at"] = self.app.now_iso()
        return candidate

    def update(self, request, params):
        sent = parse_plan_fields(envelope(request.json_object(), "plan"), creating=False)
        plan_id = params["plan_id"]
        if self.app.settings.put_replaces_resources and "resources" in sent:
            return self._slow_update(plan_id, sent)
        with self.store.lock:
            candidate = self._merge(self._get(plan_id), sent)
            check_rules(candidate, self.store, plan_id)
            self.store.save_plan(candidate)
            self.store.persist()
        return Response(200, {"plan": self.render(candidate)})

    def _slow_update(self, plan_id, sent):
        """Read at arrival, wait, then write over what was read: concurrent writers lose updates."""
        with self.store.lock:
            snapshot = self._get(plan_id)
        time.sleep(SLOW_PUT_SECONDS)
        with self.store.lock:
            self._get(plan_id)  # deleted meanwhile -> 404
            candidate = self._merge(snapshot, sent)
            check_rules(candidate, self.store, plan_id)
            self.store.save_plan(candidate)
            self.store.persist()
        return Response(200, {"plan": self.render(candidate)})

    def delete(self, request, params):
        with self.store.lock:
            if self.store.remove_plan(params["plan_id"]) is None:
                raise ApiError(404, "plan %s not found" % params["plan_id"])
            self.store.persist()
        return Response(204)
