# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fault injection: injected statuses, Retry-After, latency, dropped connections, expiring tokens."""

import http.client
import time

import pytest

from .helpers import password_auth, server_resource


def add_faults(client, *rules):
    reply = client.control("POST", "/faults", {"faults": list(rules)})
    assert reply.status == 200, reply
    return reply.body


def plan_body(name="p"):
    return {"plan": {"name": name, "provider_id": "37997f75-0637-4a69-bf7e-49ff2ff11fa5", "resources": [server_resource()]}}


def stored_plan_names(client):
    return [plan["name"] for plan in client.control("GET", "/state").body["plans"]]


def test_status_with_retry_after_once(client):
    add_faults(client, {"method": "POST", "path": "/plans$", "status": 429, "retry_after": 7})
    reply = client.karboii("POST", "/plans", plan_body("first"))
    assert reply.status == 429
    assert reply.body == {"message": "injected fault", "code": 429}
    assert reply.headers["retry-after"] == "7"
    assert stored_plan_names(client) == []
    assert client.karboii("POST", "/plans", plan_body("second")).status == 200
    assert client.control("GET", "/faults").body == {"faults": []}  # used up


def test_times(client):
    add_faults(client, {"path": "/plans", "status": 503, "times": 2})
    assert [client.karboii("GET", "/plans").status for _attempt in range(3)] == [503, 503, 200]


def test_forever_until_cleared(client):
    add_faults(client, {"status": 500, "times": -1})
    assert [client.karboii("GET", "/providers").status for _attempt in range(3)] == [500, 500, 500]
    assert client.control("GET", "/faults").body["faults"][0]["times"] == -1
    assert client.control("DELETE", "/faults").status == 204
    assert client.karboii("GET", "/providers").status == 200


def test_method_and_path_filters(client):
    add_faults(client, {"method": "DELETE", "path": "/plans/", "status": 502})
    assert client.karboii("GET", "/plans").status == 200
    plan = client.create_plan("p")
    assert client.karboii("GET", "/plans/" + plan["id"]).status == 200
    assert client.karboii("DELETE", "/plans/" + plan["id"]).status == 502
    assert client.karboii("DELETE", "/plans/" + plan["id"]).status == 204


def test_delay_only_slows_down(client):
    add_faults(client, {"path": "/providers", "delay": 0.3})
    started = time.monotonic()
    reply = client.karboii("GET", "/providers")
    assert reply.status == 200
    assert time.monotonic() - started >= 0.3


def test_latency_rule_combines_with_a_status_rule(client):
    add_faults(client, {"delay": 0.2, "times": -1}, {"status": 503})
    started = time.monotonic()
    assert client.karboii("GET", "/providers").status == 503
    assert client.karboii("GET", "/providers").status == 200
    assert time.monotonic() - started >= 0.4


def test_drop_before_does_not_apply_the_change(client):
    add_faults(client, {"method": "POST", "path": "/plans", "drop": "before"})
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        client.karboii("POST", "/plans", plan_body("lost"))
    assert stored_plan_names(client) == []
    entry = client.control("GET", "/requests").body["log"][-1]
    assert entry["status"] is None and entry["dropped"] == "before"


def test_drop_after_applies_the_change(client):
    add_faults(client, {"method": "POST", "path": "/plans", "drop": "after"})
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        client.karboii("POST", "/plans", plan_body("kept"))
    assert stored_plan_names(client) == ["kept"]
    entry = client.control("GET", "/requests").body["log"][-1]
    assert entry["status"] == 200 and entry["dropped"] == "after"


def test_keystone_and_nova_faults(client):
    add_faults(client, {"service": "keystone", "status": 503}, {"service": "nova", "status": 500})
    reply = client.request("POST", "/v3/auth/tokens", password_auth(client.identity))
    assert reply.status == 503
    assert client.nova("GET", "/servers").status == 500
    assert client.karboii("GET", "/plans").status == 200


@pytest.mark.parametrize("rule", [
    {"service": "glance", "status": 500},
    {"status": 99},
    {"status": "500"},
    {"drop": "sideways"},
    {"status": 500, "drop": "before"},
    {"times": 0},
    {"delay": -1},
    {"path": "("},
    {"colour": "red"},
])
def test_invalid_rules(client, rule):
    reply = client.control("POST", "/faults", {"faults": [rule]})
    assert reply.status == 400
    assert client.control("GET", "/faults").body == {"faults": []}


def test_expire_tokens_after(client):
    assert client.control("POST", "/config", {"expire_tokens_after": 2}).body["expire_tokens_after"] == 2
    client.login()  # issued after the switch
    assert [client.karboii("GET", "/plans").status for _attempt in range(3)] == [200, 200, 401]
    client.login()
    assert client.karboii("GET", "/plans").status == 200
    client.control("POST", "/config", {"expire_tokens_after": None})
    client.login()
    assert all(client.karboii("GET", "/plans").status == 200 for _attempt in range(5))


def test_tokens_issued_before_the_switch_keep_working(client):
    client.control("POST", "/config", {"expire_tokens_after": 1})
    assert [client.karboii("GET", "/plans").status for _attempt in range(3)] == [200, 200, 200]
