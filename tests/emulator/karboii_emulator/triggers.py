# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Triggers: a plan's schedule (cron pattern, UTC) and how many full backups it keeps."""

import uuid

from . import cron
from .paging import field_key, paginate
from .validate import MISSING, bad_request, envelope, int_field, reject_unknown, require_object, string_field
from .web import ApiError, Response

CREATE_KEYS = ("name", "plan_id", "properties")
PROPERTY_KEYS = ("pattern", "max_backups", "next_time")
UPDATE_KEYS = ("name", "pattern", "max_backups")
SORT_KEYS = {
    "id": field_key("id"), "name": field_key("name"), "plan_id": field_key("plan_id"),
    "created_at": field_key("_created_at"),
}


def check_pattern(pattern, where):
    try:
        cron.parse(pattern)
    except cron.CronError as exc:
        raise bad_request("%s: invalid cron pattern %r: %s" % (where, pattern, exc))
    return pattern


def parse_create(body):
    info = envelope(body, "trigger_info")
    reject_unknown(info, CREATE_KEYS, "trigger_info")
    name = string_field(info, "name", "trigger_info", 3, 100, required=True)
    plan_id = string_field(info, "plan_id", "trigger_info", 1, required=True)
    props = require_object(info.get("properties", MISSING), "trigger_info.properties")
    reject_unknown(props, PROPERTY_KEYS, "trigger_info.properties")
    pattern = string_field(props, "pattern", "trigger_info.properties", 1, required=True)
    # Optional in the Swagger schema, but the backend refuses a trigger without it.
    max_backups = int_field(props, "max_backups", "trigger_info.properties", 1, 200, required=True)
    # next_time is computed by the server; a sent value (the docs send 0) is ignored.
    if props.get("next_time") is not None:
        int_field(props, "next_time", "trigger_info.properties", -2 ** 63, 2 ** 63)
    check_pattern(pattern, "trigger_info.properties.pattern")
    return name, plan_id, pattern, max_backups


def parse_update(body):
    info = envelope(body, "trigger_info")
    if "properties" in info:
        raise bad_request("trigger_info.properties is not accepted on update: the update body is flat, "
                          "send trigger_info.{name, pattern, max_backups}")
    reject_unknown(info, UPDATE_KEYS, "trigger_info")
    changes = {}
    name = string_field(info, "name", "trigger_info", 3, 100)
    if name is not MISSING:
        changes["name"] = name
    pattern = string_field(info, "pattern", "trigger_info", 1)
    if pattern is not MISSING:
        changes["pattern"] = check_pattern(pattern, "trigger_info.pattern")
    max_backups = int_field(info, "max_backups", "trigger_info", 1, 200)
    if max_backups is not MISSING:
        changes["max_backups"] = max_backups
    return changes


class TriggerApi:
    """POST/GET/PUT /{project_id}/triggers[/{trigger_id}]; the API has no trigger DELETE."""

    def __init__(self, app):
        self.app = app
        self.store = app.store

    def register(self, router):
        router.add("/{project_id}/triggers", get=self.list, post=self.create)
        router.add("/{project_id}/triggers/{trigger_id}", get=self.show, put=self.update)

    def render(self, trigger, now=None):
        """next_time is computed at read time, from the pattern, in UTC."""
        props = trigger["properties"]
        next_time = cron.next_time(props["pattern"], now or self.app.now())
        return {
            "id": trigger["id"], "name": trigger["name"], "plan_id": trigger["plan_id"],
            "project_id": trigger["project_id"],
            "properties": {"pattern": props["pattern"], "max_backups": props["max_backups"], "next_time": next_time},
        }

    def _get(self, trigger_id):
        trigger = self.store.triggers.get(trigger_id)
        if trigger is None:
            raise ApiError(404, "trigger %s not found" % trigger_id)
        return trigger

    def create(self, request, params):
        name, plan_id, pattern, max_backups = parse_create(request.json_object())
        with self.store.lock:
            if plan_id not in self.store.plans:
                raise ApiError(404, "plan %s not found" % plan_id)
            existing = self.store.trigger_of.get(plan_id)
            if existing is not None:
                raise bad_request("plan %s already has trigger %s" % (plan_id, existing))
            trigger = {
                "id": str(uuid.uuid4()), "name": name, "plan_id": plan_id, "project_id": params["project_id"],
                "properties": {"pattern": pattern, "max_backups": max_backups},
                "_created_at": self.app.now_iso(),
            }
            self.store.save_trigger(trigger)
            self.store.persist()
        return Response(200, {"trigger_info": self.render(trigger)})

    def list(self, request, params):
        with self.store.lock:
            triggers = list(self.store.triggers.values())
        page = paginate(triggers, request.query, self.app.settings.page_cap, SORT_KEYS)
        now = self.app.now()
        return Response(200, {"triggers": [self.render(trigger, now) for trigger in page]})

    def show(self, request, params):
        return Response(200, {"trigger_info": self.render(self._get(params["trigger_id"]))})

    def update(self, request, params):
        changes = parse_update(request.json_object())
        with self.store.lock:
            trigger = self._get(params["trigger_id"])
            props = dict(trigger["properties"])
            for key in ("pattern", "max_backups"):
                if key in changes:
                    props[key] = changes[key]
            updated = dict(trigger, name=changes.get("name", trigger["name"]), properties=props)
            self.store.save_trigger(updated)
            self.store.persist()
        return Response(200, {"trigger_info": self.render(updated)})
