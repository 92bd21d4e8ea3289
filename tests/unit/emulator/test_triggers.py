# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Triggers: one per plan, cron validated, next_time computed, flat update, no delete."""

import pytest

from .helpers import freeze


def trigger_body(plan_id, **props):
    properties = {"pattern": "3 3 * * 2", "max_backups": 20}
    properties.update(props)
    return {"trigger_info": {"name": "example-plan", "plan_id": plan_id, "properties": properties}}


def test_create_like_the_docs(client):
    freeze(client.emulator, 2023, 5, 19, 12, 0)
    plan = client.create_plan("example-plan")
    reply = client.karboii("POST", "/triggers", trigger_body(plan["id"], next_time=0))
    assert reply.status == 200
    trigger = reply.body["trigger_info"]
    assert set(trigger) == {"id", "name", "plan_id", "project_id", "properties"}
    assert trigger["name"] == "example-plan"
    assert trigger["plan_id"] == plan["id"]
    assert trigger["project_id"] == client.project_id
    # Tuesday 2023-05-23 03:03 UTC, as the docs' response said.
    assert trigger["properties"] == {"pattern": "3 3 * * 2", "max_backups": 20, "next_time": 1684810980}


def test_next_time_is_recomputed_at_read(client):
    freeze(client.emulator, 2023, 5, 19, 12, 0)
    trigger = client.create_trigger(client.create_plan("p")["id"], pattern="0 * * * *")
    assert trigger["properties"]["next_time"] == 1684501200  # 13:00
    freeze(client.emulator, 2023, 5, 19, 13, 30)
    assert client.karboii("GET", "/triggers/" + trigger["id"]).body["trigger_info"]["properties"]["next_time"] == 1684504800
    assert client.karboii("GET", "/triggers").body["triggers"][0]["properties"]["next_time"] == 1684504800


def test_unknown_plan_is_404(client):
    reply = client.karboii("POST", "/triggers", trigger_body("00000000-0000-0000-0000-000000000000"))
    assert reply.status == 404 and reply.body["code"] == 404


def test_second_trigger_for_a_plan(client):
    plan = client.create_plan("p")
    first = client.create_trigger(plan["id"])
    reply = client.karboii("POST", "/triggers", trigger_body(plan["id"]))
    assert reply.status == 400
    assert reply.body["message"] == "plan %s already has trigger %s" % (plan["id"], first["id"])


@pytest.mark.parametrize("change, message", [
    ({"name": "ab"}, "trigger_info.name must be 3 to 100"),
    ({"name": "x" * 101}, "trigger_info.name must be 3 to 100"),
    ({"properties": {"max_backups": 3}}, "trigger_info.properties.pattern is required"),
    ({"properties": {"pattern": "0 3 * * 2"}}, "trigger_info.properties.max_backups is required"),
    ({"properties": {"pattern": "0 3 * * 2", "max_backups": 0}}, "between 1 and 200"),
    ({"properties": {"pattern": "0 3 * * 2", "max_backups": 201}}, "between 1 and 200"),
    ({"properties": {"pattern": "0 3 * * 9", "max_backups": 2}}, "invalid cron pattern"),
    ({"properties": {"pattern": "every day", "max_backups": 2}}, "invalid cron pattern"),
    ({"properties": {"pattern": "0 3 * * 2", "max_backups": 2, "format": "crontab"}}, "unknown keys format"),
    ({"properties": {"pattern": "0 3 * * 2", "max_backups": 2, "next_time": "soon"}}, "next_time must be an integer"),
    ({"type": "time"}, "unknown keys type"),
    ({"properties": None}, "trigger_info.properties must be an object"),
])
def test_create_rejects(client, change, message):
    plan = client.create_plan("p")
    body = trigger_body(plan["id"])
    body["trigger_info"].update(change)
    reply = client.karboii("POST", "/triggers", body)
    assert reply.status == 400 and message in reply.body["message"]


def test_missing_plan_id_or_name(client):
    body = trigger_body("x")
    del body["trigger_info"]["plan_id"]
    assert "plan_id is required" in client.karboii("POST", "/triggers", body).body["message"]
    body = trigger_body("x")
    del body["trigger_info"]["name"]
    assert "name is required" in client.karboii("POST", "/triggers", body).body["message"]


def test_flat_update(client):
    freeze(client.emulator, 2023, 5, 19, 12, 0)
    trigger = client.create_trigger(client.create_plan("p")["id"])
    reply = client.karboii("PUT", "/triggers/" + trigger["id"], {"trigger_info": {"pattern": "0 1 * * *"}})
    assert reply.status == 200
    updated = reply.body["trigger_info"]
    assert updated["name"] == trigger["name"]
    assert updated["properties"] == {"pattern": "0 1 * * *", "max_backups": 5, "next_time": 1684544400}
    updated = client.karboii("PUT", "/triggers/" + trigger["id"], {"trigger_info": {
        "name": "renamed", "max_backups": 200}}).body["trigger_info"]
    assert updated["name"] == "renamed" and updated["properties"]["max_backups"] == 200
    assert updated["properties"]["pattern"] == "0 1 * * *"


@pytest.mark.parametrize("info, message", [
    ({"properties": {"pattern": "0 1 * * *"}}, "the update body is flat"),
    ({"pattern": "61 * * * *"}, "invalid cron pattern"),
    ({"max_backups": 0}, "between 1 and 200"),
    ({"name": "no"}, "3 to 100"),
    ({"plan_id": "x"}, "unknown keys plan_id"),
])
def test_update_rejects(client, info, message):
    trigger = client.create_trigger(client.create_plan("p")["id"])
    reply = client.karboii("PUT", "/triggers/" + trigger["id"], {"trigger_info": info})
    assert reply.status == 400 and message in reply.body["message"]


def test_get_update_unknown(client):
    assert client.karboii("GET", "/triggers/nope").status == 404
    assert client.karboii("PUT", "/triggers/nope", {"trigger_info": {"name": "abc"}}).status == 404


def test_no_delete(client):
    trigger = client.create_trigger(client.create_plan("p")["id"])
    reply = client.karboii("DELETE", "/triggers/" + trigger["id"])
    assert reply.status == 405 and reply.body["code"] == 405
    assert client.karboii("GET", "/triggers/" + trigger["id"]).status == 200


def test_list_paging_and_sort(client):
    client.emulator.settings.page_cap = 2
    for name in ("ccc", "aaa", "bbb"):
        client.create_trigger(client.create_plan(name)["id"], name=name)
    assert [t["name"] for t in client.karboii("GET", "/triggers").body["triggers"]] == ["ccc", "aaa"]
    assert [t["name"] for t in client.karboii("GET", "/triggers?offset=2").body["triggers"]] == ["bbb"]
    assert [t["name"] for t in client.karboii("GET", "/triggers?sort=name:desc&limit=5").body["triggers"]] == ["ccc", "bbb"]
    assert client.karboii("GET", "/triggers?sort=pattern").status == 400
