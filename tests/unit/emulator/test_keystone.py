# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Keystone v3: the three methods, scoping, failures, the catalog, token life."""

import pytest

from .helpers import freeze, password_auth

UNAUTHORIZED = {"error": {"code": 401, "message": "The request you have made requires authentication.",
                          "title": "Unauthorized"}}


def auth(methods, identity_parts, scope=None):
    body = {"auth": {"identity": dict({"methods": methods}, **identity_parts)}}
    if scope is not None:
        body["auth"]["scope"] = scope
    return body


def test_password_by_name_and_domain_name(anon):
    ident = anon.identity
    reply = anon.request("POST", "/v3/auth/tokens", password_auth(ident))
    assert reply.status == 201
    token = reply.headers["x-subject-token"]
    assert token.startswith("gAAAAA") and len(token) > 100
    body = reply.body["token"]
    assert body["methods"] == ["password"]
    assert body["user"] == {"id": ident.user_id, "name": "demo", "domain": {"id": ident.user_domain_id, "name": "users"},
                            "password_expires_at": None}
    assert body["project"]["id"] == "b5b7ffd4ef0547e5b222f44555df0001"
    assert body["project"]["name"] == "demo-project"
    assert body["project"]["domain"]["name"] == "users"
    assert body["expires_at"].endswith("Z") and body["issued_at"] < body["expires_at"]


def test_catalog_points_at_this_server_without_project_id(anon):
    body = anon.request("POST", "/v3/auth/tokens", password_auth(anon.identity)).body["token"]
    by_type = dict((entry["type"], entry) for entry in body["catalog"])
    assert set(by_type) == {"data-protect", "compute", "identity"}
    karboii = by_type["data-protect"]
    assert karboii["name"] == "karboii"
    assert sorted(e["interface"] for e in karboii["endpoints"]) == ["admin", "internal", "public"]
    for endpoint in karboii["endpoints"]:
        assert endpoint["url"] == anon.url + "/infra/karboii/v1/"
        assert endpoint["region"] == endpoint["region_id"] == "RegionOne"
    assert by_type["compute"]["endpoints"][0]["url"] == anon.url + "/compute/v2.1"
    assert by_type["identity"]["endpoints"][0]["url"] == anon.url + "/v3"


@pytest.mark.parametrize("user", [
    {"name": "demo", "domain": {"id": "5d0b5b1e9d1a4b6e8a3f2c7d9e0f1a2b"}, "password": "demo-password-not-secret"},
    {"id": "0d1e5a3c7b9f4e2a8c6d4b2a0f1e3d5c", "password": "demo-password-not-secret"},
])
def test_password_other_user_forms(anon, user):
    body = auth(["password"], {"password": {"user": user}}, {"project": {"id": anon.project_id}})
    reply = anon.request("POST", "/v3/auth/tokens", body)
    assert reply.status == 201


@pytest.mark.parametrize("scope", [
    {"project": {"name": "demo-project", "domain": {"name": "users"}}},
    {"project": {"name": "demo-project", "domain": {"id": "5d0b5b1e9d1a4b6e8a3f2c7d9e0f1a2b"}}},
    None,  # unscoped: the user's only project
])
def test_project_scopes(anon, scope):
    reply = anon.request("POST", "/v3/auth/tokens", password_auth(anon.identity, scope=scope))
    assert reply.status == 201
    assert reply.body["token"]["project"]["id"] == anon.project_id


@pytest.mark.parametrize("change", [
    {"password": "wrong"},
    {"name": "nobody"},
    {"domain": {"name": "Default"}},
    {"domain": {"id": "users"}},  # the domain's name given as its id
])
def test_wrong_credentials(anon, change):
    body = password_auth(anon.identity)
    body["auth"]["identity"]["password"]["user"].update(change)
    reply = anon.request("POST", "/v3/auth/tokens", body)
    assert reply.status == 401
    assert reply.body == UNAUTHORIZED
    assert "x-subject-token" not in reply.headers


@pytest.mark.parametrize("scope", [
    {"project": {"id": "ffffffffffffffffffffffffffffffff"}},
    {"project": {"name": "other-project", "domain": {"name": "users"}}},
    {"project": {"name": "demo-project", "domain": {"name": "Default"}}},
    {"domain": {"name": "users"}},
])
def test_unknown_project_or_domain(anon, scope):
    reply = anon.request("POST", "/v3/auth/tokens", password_auth(anon.identity, scope=scope))
    assert reply.status == 401
    assert reply.body == UNAUTHORIZED


def test_application_credential_by_id(anon):
    reply = anon.request("POST", "/v3/auth/tokens", auth(["application_credential"], {
        "application_credential": {"id": "demo-app-cred", "secret": "demo-app-cred-secret"}}))
    assert reply.status == 201
    token = reply.body["token"]
    assert token["methods"] == ["application_credential"]
    assert token["project"]["id"] == anon.project_id
    assert token["application_credential"]["id"] == "demo-app-cred"


def test_application_credential_by_name_and_user(anon):
    reply = anon.request("POST", "/v3/auth/tokens", auth(["application_credential"], {
        "application_credential": {"name": "demo-app-cred", "secret": "demo-app-cred-secret",
                                   "user": {"name": "demo", "domain": {"name": "users"}}}}))
    assert reply.status == 201


@pytest.mark.parametrize("cred", [
    {"id": "demo-app-cred", "secret": "nope"},
    {"id": "other", "secret": "demo-app-cred-secret"},
    {"name": "demo-app-cred", "secret": "demo-app-cred-secret", "user": {"name": "someone", "domain": {"name": "users"}}},
])
def test_application_credential_failures(anon, cred):
    reply = anon.request("POST", "/v3/auth/tokens", auth(["application_credential"], {"application_credential": cred}))
    assert reply.status == 401
    assert reply.body == UNAUTHORIZED


def test_token_method_reissues(anon):
    first = anon.login()
    body = auth(["token"], {"token": {"id": first}}, {"project": {"id": anon.project_id}})
    reply = anon.request("POST", "/v3/auth/tokens", body)
    assert reply.status == 201
    assert reply.headers["x-subject-token"] != first
    reply = anon.request("POST", "/v3/auth/tokens", auth(["token"], {"token": {"id": "gAAAAAbogus"}}))
    assert reply.status == 401


@pytest.mark.parametrize("body, status", [
    ({}, 400),
    ({"auth": {}}, 400),
    ({"auth": {"identity": {"methods": []}}}, 400),
    ({"auth": {"identity": {"methods": ["totp"]}}}, 401),
])
def test_malformed_requests(anon, body, status):
    reply = anon.request("POST", "/v3/auth/tokens", body)
    assert reply.status == status
    assert reply.body["error"]["code"] == status


def test_not_json(anon):
    reply = anon.request("POST", "/v3/auth/tokens", raw_body=b"{nope")
    assert reply.status == 400


def test_validate_token(client):
    other = client.request("POST", "/v3/auth/tokens", password_auth(client.identity)).headers["x-subject-token"]
    reply = client.request("GET", "/v3/auth/tokens", headers={"X-Auth-Token": client.token, "X-Subject-Token": other})
    assert reply.status == 200
    assert reply.headers["x-subject-token"] == other
    reply = client.request("GET", "/v3/auth/tokens", headers={"X-Auth-Token": client.token, "X-Subject-Token": "nope"})
    assert reply.status == 404
    reply = client.request("GET", "/v3/auth/tokens", headers={"X-Auth-Token": "nope", "X-Subject-Token": other})
    assert reply.status == 401


def test_revoke_token(client):
    reply = client.request("DELETE", "/v3/auth/tokens", headers={"X-Auth-Token": client.token, "X-Subject-Token": client.token})
    assert reply.status == 204
    assert client.karboii("GET", "/plans").status == 401


def test_version_documents(anon):
    assert anon.request("GET", "/v3").body["version"]["id"].startswith("v3")
    assert anon.request("GET", "/").status == 300


def test_tokens_expire_after_an_hour(anon):
    freeze(anon.emulator, 2024, 1, 1, 12, 0)
    anon.login()
    freeze(anon.emulator, 2024, 1, 1, 12, 59)
    assert anon.karboii("GET", "/plans").status == 200
    freeze(anon.emulator, 2024, 1, 1, 13, 0)
    reply = anon.karboii("GET", "/plans")
    assert reply.status == 401
    assert reply.body == {"message": "The request you have made requires authentication.", "code": 401}
