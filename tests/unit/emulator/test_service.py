# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Karboii-wide behaviour: health, authentication, project in the path, routing, providers."""

import pytest

from .helpers import NOVA_PROVIDER_ID, TROVE_PROVIDER_ID

UNAUTHORIZED = {"message": "The request you have made requires authentication.", "code": 401}


@pytest.mark.parametrize("path", ["/health", "/infra/karboii/v1/health", "/v1/health"])
def test_health_needs_no_token(anon, path):
    reply = anon.request("GET", path)
    assert reply.status == 200 and reply.body == {"status": "ok"}


@pytest.mark.parametrize("token", [None, "", "gAAAAAbogus"])
def test_missing_or_invalid_token(anon, token):
    anon.login()
    reply = anon.karboii("GET", "/plans", token=token)
    assert reply.status == 401 and reply.body == UNAUTHORIZED


def test_other_project_is_forbidden(client):
    reply = client.karboii("GET", "/plans", project_id="ffffffffffffffffffffffffffffffff")
    assert reply.status == 403 and reply.body["code"] == 403 and "message" in reply.body


def test_internal_base_path_alias(client):
    assert client.karboii("GET", "/providers", prefix="/v1").status == 200


def test_loose_slashes(client):
    reply = client.request("GET", "/infra/karboii/v1//%s/plans/" % client.project_id, headers={"X-Auth-Token": client.token})
    assert reply.status == 200


def test_unknown_routes_and_methods(client):
    reply = client.karboii("GET", "/protectables")
    assert reply.status == 404 and reply.body["code"] == 404
    assert client.karboii("PATCH", "/plans").status == 405
    assert client.karboii("DELETE", "/providers").status == 405
    assert client.request("GET", "/elsewhere").status == 404


def test_bad_json(client):
    reply = client.karboii("POST", "/plans", raw_body=b"{not json")
    assert reply.status == 400 and "not valid JSON" in reply.body["message"]
    assert client.karboii("POST", "/plans").status == 400  # no body at all


def test_providers(client):
    reply = client.karboii("GET", "/providers")
    assert reply.body == {"providers": [{"id": NOVA_PROVIDER_ID, "name": "OS::Nova"},
                                        {"id": TROVE_PROVIDER_ID, "name": "OS::Trove"}]}
    reply = client.karboii("GET", "/providers/" + TROVE_PROVIDER_ID)
    assert reply.body == {"provider": {"id": TROVE_PROVIDER_ID, "name": "OS::Trove"}}
    assert client.karboii("GET", "/providers/nope").status == 404


def test_in_use_unknown_provider(client):
    assert client.karboii("GET", "/resources/nope/in-use").status == 404


def test_head_and_keep_alive(client):
    # Several requests on one connection, as a requests.Session would send them.
    import http.client
    conn = http.client.HTTPConnection("127.0.0.1", client.port, timeout=5)
    try:
        for _attempt in range(3):
            conn.request("GET", "/health")
            response = conn.getresponse()
            assert response.status == 200 and response.read() == b'{"status":"ok"}'
        conn.request("HEAD", "/health")
        response = conn.getresponse()
        assert response.status == 200 and response.read() == b""
    finally:
        conn.close()
