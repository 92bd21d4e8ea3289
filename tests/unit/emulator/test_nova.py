# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Nova calls used to find a VM by name."""

import pytest


@pytest.fixture
def servers(client):
    return client.control("POST", "/servers", {"servers": [
        {"name": "web", "volumes": [{"id": "vol-web", "name": "web-boot"}]},
        {"name": "web-2"},
        {"name": "db.primary"},
    ]}).body["servers"]


def test_list_filters_by_name_as_a_search(client, servers):
    reply = client.nova("GET", "/servers?name=web")
    assert reply.status == 200
    # Like real Nova, `name` is a regex search: clients must pick the exact match themselves.
    assert sorted(s["name"] for s in reply.body["servers"]) == ["web", "web-2"]
    assert [s["name"] for s in client.nova("GET", "/servers?name=%5Eweb%24").body["servers"]] == ["web"]
    assert [s["name"] for s in client.nova("GET", "/servers?name=b.p").body["servers"]] == ["db.primary"]
    assert [s["name"] for s in client.nova("GET", "/servers?name=(").body["servers"]] == []  # bad regex: plain substring
    first = reply.body["servers"][0]
    assert set(first) == {"id", "name", "links"}


def test_detail_carries_status_and_volumes(client, servers):
    reply = client.nova("GET", "/servers/detail?name=web")
    web = [s for s in reply.body["servers"] if s["name"] == "web"][0]
    assert web["status"] == "ACTIVE"
    assert web["tenant_id"] == client.project_id
    assert web["os-extended-volumes:volumes_attached"] == [{"id": "vol-web", "delete_on_termination": False}]


def test_show_and_404(client, servers):
    reply = client.nova("GET", "/servers/" + servers[0]["id"])
    assert reply.status == 200 and reply.body["server"]["name"] == "web"
    reply = client.nova("GET", "/servers/nope")
    assert reply.status == 404
    assert reply.body == {"itemNotFound": {"code": 404, "message": "Instance nope could not be found."}}


def test_project_segment_is_accepted(client, servers):
    reply = client.nova("GET", "/%s/servers?name=web-2" % client.project_id)
    assert [s["name"] for s in reply.body["servers"]] == ["web-2"]
    assert client.nova("GET", "/ffffffffffffffffffffffffffffffff/servers").status == 403


def test_limit_and_marker(client, servers):
    page = client.nova("GET", "/servers?limit=2").body["servers"]
    assert [s["name"] for s in page] == ["web", "web-2"]
    rest = client.nova("GET", "/servers?marker=" + page[-1]["id"]).body["servers"]
    assert [s["name"] for s in rest] == ["db.primary"]
    assert client.nova("GET", "/servers?marker=nope").status == 400


def test_needs_a_token(anon, servers):
    reply = anon.nova("GET", "/servers", token=None)
    assert reply.status == 401 and reply.body["error"]["code"] == 401
    assert anon.nova("GET", "/servers", token="gAAAAAbogus").status == 401
