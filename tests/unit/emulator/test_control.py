# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The /_emulator control API: state, reset, request log, config, servers, racing writers."""

import threading
import time

import pytest

from karboii_emulator.reqlog import redact

from .helpers import server_resource


def test_state_shows_raw_objects(client):
    plan = client.create_plan("p")
    trigger = client.create_trigger(plan["id"])
    checkpoint = client.create_checkpoint(plan["id"])
    state = client.control("GET", "/state").body
    assert set(state) == {"plans", "triggers", "checkpoints", "restores", "servers"}
    assert [p["id"] for p in state["plans"]] == [plan["id"]]
    assert [t["id"] for t in state["triggers"]] == [trigger["id"]]
    assert [c["id"] for c in state["checkpoints"]] == [checkpoint["id"]]


def test_reset_keeps_config_and_servers(client):
    client.control("POST", "/servers", {"servers": [{"name": "keep-me"}]})
    client.control("POST", "/config", {"page_cap": 7})
    client.control("POST", "/faults", {"faults": [{"status": 500, "path": "nothing-matches-this", "times": -1}]})
    client.create_trigger(client.create_plan("p")["id"])
    reply = client.control("POST", "/reset")
    assert reply.status == 200
    state = client.control("GET", "/state").body
    assert state["plans"] == [] and state["triggers"] == [] and state["checkpoints"] == []
    assert [s["name"] for s in state["servers"]] == ["keep-me"]
    assert client.control("GET", "/config").body["page_cap"] == 7
    assert client.control("GET", "/faults").body == {"faults": []}
    assert client.control("GET", "/requests").body["counts"] == {"karboii": 0, "keystone": 0, "nova": 0}
    client.control("POST", "/reset", {"servers": True})
    assert client.control("GET", "/state").body["servers"] == []
    # The same VM can be protected again after a reset.
    assert client.karboii("GET", "/plans").body == {"plans": []}


def test_request_log(client):
    client.karboii("GET", "/plans?limit=5")
    client.create_plan("logged")
    client.nova("GET", "/servers")
    log = client.control("GET", "/requests").body
    assert log["counts"] == {"karboii": 2, "keystone": 1, "nova": 1}
    get_entry, post_entry = [e for e in log["log"] if e["service"] == "karboii"]
    assert get_entry == {"service": "karboii", "method": "GET", "status": 200, "body": None, "query": {"limit": "5"},
                         "path": "/infra/karboii/v1/%s/plans" % client.project_id}
    assert post_entry["method"] == "POST" and post_entry["body"]["plan"]["name"] == "logged"
    assert client.control("DELETE", "/requests").status == 204
    assert client.control("GET", "/requests").body == {"counts": {"karboii": 0, "keystone": 0, "nova": 0}, "log": []}


def test_config_get_and_set(client):
    config = client.control("GET", "/config").body
    assert config == {"checkpoint_delay": 0.0, "expire_tokens_after": None, "now": None, "page_cap": 1000,
                      "put_replaces_resources": False, "shuffle_resources": True}
    updated = client.control("POST", "/config", {"page_cap": 2, "checkpoint_delay": 1.5, "now": "2024-01-01T00:00:00Z"}).body
    assert updated["page_cap"] == 2 and updated["checkpoint_delay"] == 1.5 and updated["now"] == 1704067200.0


@pytest.mark.parametrize("change", [
    {"page_cap": 0}, {"page_cap": "10"}, {"checkpoint_delay": -1}, {"shuffle_resources": 1},
    {"expire_tokens_after": -2}, {"now": "yesterday"}, {"unknown": 1},
])
def test_config_rejects(client, change):
    assert client.control("POST", "/config", change).status == 400
    assert client.control("GET", "/config").body["page_cap"] == 1000


def test_add_servers(client):
    reply = client.control("POST", "/servers", {"servers": [
        {"name": "web-1", "id": "11111111-2222-3333-4444-555555555555", "volumes": [{"id": "vol-1", "name": "root"}]},
        {"name": "web-2"},
    ]})
    assert reply.status == 200
    first, second = reply.body["servers"]
    assert first["id"] == "11111111-2222-3333-4444-555555555555" and first["volumes"] == [{"id": "vol-1", "name": "root"}]
    assert len(second["id"]) == 36 and second["volumes"] == []
    assert [s["name"] for s in client.control("GET", "/servers").body["servers"]] == ["web-1", "web-2"]
    assert client.control("POST", "/servers", {"servers": [{"id": "x"}]}).status == 400
    assert client.control("POST", "/servers", {}).status == 400


def test_unknown_control_route(client):
    assert client.control("GET", "/nothing").status == 404
    assert client.control("PUT", "/state").status == 405


def _race(client, plan_id, bodies):
    """Send the PUT bodies at the same time; returns their statuses."""
    statuses = []

    def send(body):
        statuses.append(client.karboii("PUT", "/plans/" + plan_id, {"plan": body}).status)

    threads = [threading.Thread(target=send, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
        time.sleep(0.05)  # the second writer arrives while the first is still in flight
    for thread in threads:
        thread.join()
    return statuses


def test_put_replaces_resources_loses_concurrent_updates(client):
    vm, other = server_resource(), server_resource()
    client.control("POST", "/config", {"put_replaces_resources": True})
    plan = client.create_plan("before", [vm])
    statuses = _race(client, plan["id"], [{"resources": [vm, other]}, {"name": "renamed"}])
    assert statuses == [200, 200]
    final = client.karboii("GET", "/plans/" + plan["id"]).body["plan"]
    # The slow resource write was computed from what it read at arrival: the rename is lost.
    assert final["name"] == "before"
    assert set(r["id"] for r in final["resources"]) == {vm["id"], other["id"]}


def test_default_put_keeps_concurrent_updates(client):
    vm, other = server_resource(), server_resource()
    plan = client.create_plan("before", [vm])
    _race(client, plan["id"], [{"resources": [vm, other]}, {"name": "renamed"}])
    final = client.karboii("GET", "/plans/" + plan["id"]).body["plan"]
    assert final["name"] == "renamed"
    assert set(r["id"] for r in final["resources"]) == {vm["id"], other["id"]}


def test_slow_put_still_enforces_rules(client):
    vm = server_resource()
    client.control("POST", "/config", {"put_replaces_resources": True})
    owner = client.create_plan("owner", [vm])
    plan = client.create_plan("other")
    reply = client.karboii("PUT", "/plans/" + plan["id"], {"plan": {"resources": [vm]}})
    assert reply.status == 400 and owner["id"] in reply.body["message"]
    assert client.karboii("PUT", "/plans/nope", {"plan": {"resources": [vm]}}).status == 404


def test_parallel_creates_protect_a_vm_once(client):
    vm = server_resource()
    statuses = []

    def create(number):
        reply = client.karboii("POST", "/plans", {"plan": {
            "name": "racer-%d" % number, "provider_id": "37997f75-0637-4a69-bf7e-49ff2ff11fa5", "resources": [vm]}})
        statuses.append(reply.status)

    threads = [threading.Thread(target=create, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] + [400] * 7


def test_the_journal_never_holds_a_password_or_token():
    body = {"auth": {"identity": {"methods": ["password", "token"],
                                  "password": {"user": {"name": "demo", "password": "pw"}},
                                  "token": {"id": "tok"},
                                  "application_credential": {"id": "ac", "secret": "s"}}}}
    assert redact(body) == {"auth": {"identity": {"methods": ["password", "token"],
                                                  "password": {"user": {"name": "demo", "password": "<redacted>"}},
                                                  "token": {"id": "<redacted>"},
                                                  "application_credential": {"id": "ac", "secret": "<redacted>"}}}}


def test_issued_tokens_are_listed_for_leak_checks(client):
    assert client.token in client.control("GET", "/tokens").body["tokens"]
