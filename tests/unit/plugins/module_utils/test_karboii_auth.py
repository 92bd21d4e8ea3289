# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_auth import (
    AuthConfigError, KeystoneSession, check_settings, find_endpoint, load_clouds, resolve_settings, token_request_body,
    tokens_url,
)
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_http import KarboiiError
from ansible_collections.vkcloud.karboii.tests.unit.plugins.fakes import FakeResponse, FakeSession

OPENRC = {
    "OS_AUTH_URL": "https://infra.mail.ru:35357/v3/",
    "OS_USERNAME": "alice@example.com",
    "OS_PASSWORD": "env-password",
    "OS_PROJECT_ID": "b5b7ffd4ef0547e5b222f44555df0001",
    "OS_USER_DOMAIN_NAME": "users",
    "OS_REGION_NAME": "RegionOne",
    "OS_INTERFACE": "public",
}
# Exactly what AWX's OpenStack credential writes (cloud "devstack", only OS_CLIENT_CONFIG_FILE set).
AWX_CLOUDS = {"devstack": {"auth": {"auth_url": "https://keystone/v3", "username": "bob", "password": "file-password",
                                    "project_name": "proj", "domain_name": "users"}, "verify": False}}


def no_clouds(environ):
    return {}, None


def clouds(data, path="/tmp/clouds.yaml"):
    return lambda environ: (data, path)


def test_openrc_environment_alone():
    settings = resolve_settings({}, OPENRC, no_clouds)
    assert settings.auth["username"] == "alice@example.com"
    assert settings.auth["project_id"] == OPENRC["OS_PROJECT_ID"]
    assert settings.auth_type == "password" and settings.region_name == "RegionOne"
    assert settings.validate_certs is True
    check_settings(settings)
    assert settings.secrets() == ["env-password"]


def test_awx_credential_single_cloud_without_os_cloud():
    settings = resolve_settings({}, {"OS_CLIENT_CONFIG_FILE": "/runner/env/tmp/clouds.yaml"}, clouds(AWX_CLOUDS))
    assert settings.auth["user_domain_name"] == "users"
    assert settings.auth["project_domain_name"] == "users"
    assert settings.validate_certs is False
    check_settings(settings)
    body = token_request_body(settings)["auth"]
    assert body["scope"] == {"project": {"name": "proj", "domain": {"name": "users"}}}
    assert body["identity"]["password"]["user"] == {"name": "bob", "domain": {"name": "users"}, "password": "file-password"}


def test_task_options_beat_environment_beat_clouds_yaml_key_by_key():
    environ = dict(OPENRC, OS_CLOUD="devstack")
    settings = resolve_settings({"auth": {"password": "task-password"}, "region_name": "kz"}, environ, clouds(AWX_CLOUDS))
    assert settings.auth["password"] == "task-password"  # task
    assert settings.auth["username"] == "alice@example.com"  # environment over the file
    assert settings.auth["project_name"] == "proj"  # only the file has it
    assert settings.region_name == "kz"


def test_a_cloud_named_in_the_task_ignores_the_environment():
    settings = resolve_settings({"cloud": "devstack"}, OPENRC, clouds(AWX_CLOUDS))
    assert settings.auth["username"] == "bob" and settings.auth["password"] == "file-password"


def test_cloud_given_as_a_dict():
    settings = resolve_settings({"cloud": AWX_CLOUDS["devstack"]}, {}, no_clouds)
    assert settings.auth["username"] == "bob"


def test_openrc_wins_over_an_unrelated_single_cloud_file():
    settings = resolve_settings({}, OPENRC, clouds(AWX_CLOUDS))
    assert settings.auth["username"] == "alice@example.com" and "project_name" not in settings.auth


@pytest.mark.parametrize("options, environ, data, fragment", [
    ({"cloud": "nope"}, {}, AWX_CLOUDS, "no cloud named 'nope'"),
    ({}, {"OS_CLOUD": "nope"}, AWX_CLOUDS, "clouds there: devstack"),
    ({}, {}, dict(AWX_CLOUDS, other={}), "several clouds (devstack, other)"),
    ({"auth_type": "kerberos"}, {}, {}, "auth_type: 'kerberos' is not supported"),
])
def test_cloud_selection_errors(options, environ, data, fragment):
    with pytest.raises(AuthConfigError) as info:
        resolve_settings(options, environ, clouds(data))
    assert fragment in str(info.value)


@pytest.mark.parametrize("options, fragment", [
    ({}, "missing auth.auth_url (or OS_AUTH_URL)"),
    ({"auth": {"auth_url": "u", "username": "x", "project_id": "p"}}, "auth.password (or OS_PASSWORD)"),
    ({"auth": {"auth_url": "u", "username": "x", "password": "p"}}, "auth.project_id or auth.project_name"),
    ({"auth": {"auth_url": "u", "application_credential_id": "i"}}, "auth.application_credential_secret"),
    ({"auth_type": "token", "auth": {"token": "t"}}, "endpoint_override (or OS_BACKUP_ENDPOINT_OVERRIDE) or auth.auth_url"),
    ({"auth_type": "token", "endpoint_override": "http://e", "auth": {"token": "t"}}, "auth.project_id"),
])
def test_missing_credentials_are_named(options, fragment):
    with pytest.raises(AuthConfigError) as info:
        check_settings(resolve_settings(options, {}, no_clouds))
    assert fragment in str(info.value)


@pytest.mark.parametrize("auth, kind", [
    ({"application_credential_id": "i", "application_credential_secret": "s"}, "v3applicationcredential"),
    ({"token": "t"}, "token"),
    ({"username": "u", "password": "p"}, "password"),
])
def test_auth_type_follows_the_credentials(auth, kind):
    assert resolve_settings({"auth": auth}, {}, no_clouds).auth_type == kind


def test_application_credential_body_has_no_scope():
    settings = resolve_settings({"auth": {"auth_url": "u", "application_credential_id": "i",
                                          "application_credential_secret": "s"}}, {}, no_clouds)
    assert token_request_body(settings) == {"auth": {"identity": {
        "methods": ["application_credential"], "application_credential": {"id": "i", "secret": "s"}}}}


def test_user_domain_defaults_to_vk_users():
    settings = resolve_settings({"auth": {"username": "u", "password": "p", "project_id": "x"}}, {}, no_clouds)
    assert token_request_body(settings)["auth"]["identity"]["password"]["user"]["domain"] == {"name": "users"}


@pytest.mark.parametrize("url, expected", [
    ("https://k/v3", "https://k/v3/auth/tokens"), ("https://k/v3/", "https://k/v3/auth/tokens"),
    ("https://k:5000", "https://k:5000/v3/auth/tokens"),
])
def test_tokens_url(url, expected):
    assert tokens_url(url) == expected


CATALOG = [
    {"type": "compute", "endpoints": [{"interface": "public", "region": "RegionOne", "url": "http://nova"}]},
    {"type": "data-protect", "endpoints": [
        {"interface": "public", "region": "RegionOne", "url": "https://mcs.mail.ru/infra/karboii/v1/"},
        {"interface": "internal", "region": "RegionOne", "url": "http://internal/karboii/v1/"},
        {"interface": "public", "region": "kz", "url": "https://kz/infra/karboii/v1/"},
    ]},
]


@pytest.mark.parametrize("region, interface, expected", [
    ("RegionOne", None, "https://mcs.mail.ru/infra/karboii/v1/"),
    ("RegionOne", "publicURL", "https://mcs.mail.ru/infra/karboii/v1/"),
    ("RegionOne", "internal", "http://internal/karboii/v1/"),
    ("kz", "public", "https://kz/infra/karboii/v1/"),
])
def test_find_endpoint(region, interface, expected):
    assert find_endpoint(CATALOG, "data-protect", region, interface) == expected


@pytest.mark.parametrize("region, fragment", [(None, "several regions (RegionOne, kz)"), ("mars", "region 'mars'")])
def test_find_endpoint_errors(region, fragment):
    with pytest.raises(KarboiiError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        find_endpoint(CATALOG, "data-protect", region)


def test_keystone_session_reads_token_catalog_and_project():
    settings = resolve_settings({"auth": {"auth_url": "http://k/v3", "username": "u", "password": "p",
                                          "project_name": "proj"}, "region_name": "RegionOne"}, {}, no_clouds)
    body = {"token": {"project": {"id": "pid"}, "catalog": CATALOG}}
    http = FakeSession(FakeResponse(201, body, {"X-Subject-Token": "tok-1"}))
    seen = []
    keystone = KeystoneSession(settings, http, on_secret=seen.append)
    assert keystone.token == "tok-1" and keystone.project_id == "pid"
    assert keystone.endpoint() == "https://mcs.mail.ru/infra/karboii/v1/"
    assert seen == ["tok-1"] and keystone.keystone_requests == 1
    assert http.sent[0]["url"] == "http://k/v3/auth/tokens"


def test_token_with_endpoint_and_project_sends_nothing_to_keystone():
    settings = resolve_settings({"auth": {"token": "seed-token", "project_id": "pid"},
                                 "endpoint_override": "https://mcs.mail.ru/infra/karboii/v1"}, {}, no_clouds)
    check_settings(settings)
    keystone = KeystoneSession(settings, FakeSession())
    assert keystone.token == "seed-token" and keystone.project_id == "pid" and keystone.keystone_requests == 0
    assert not keystone.can_reauthenticate


def test_env_endpoint_override_like_terraform():
    settings = resolve_settings({}, {"OS_TOKEN": "t", "OS_PROJECT_ID": "p",
                                     "OS_BACKUP_ENDPOINT_OVERRIDE": "http://127.0.0.1:8799/v1/"}, no_clouds)
    assert settings.auth_type == "token" and settings.endpoint_override == "http://127.0.0.1:8799/v1/"


def test_load_clouds_merges_secure_yaml(tmp_path):
    (tmp_path / "clouds.yaml").write_text("clouds:\n  c1:\n    auth:\n      username: u\n")
    (tmp_path / "secure.yaml").write_text("clouds:\n  c1:\n    auth:\n      password: s\n")
    data, path = load_clouds({"OS_CLIENT_CONFIG_FILE": str(tmp_path / "clouds.yaml")})
    assert data == {"c1": {"auth": {"username": "u", "password": "s"}}} and path.endswith("clouds.yaml")


def test_load_clouds_reports_a_broken_file(tmp_path):
    (tmp_path / "clouds.yaml").write_text("clouds: [unclosed\n")
    with pytest.raises(AuthConfigError, match="cannot read"):
        load_clouds({"OS_CLIENT_CONFIG_FILE": str(tmp_path / "clouds.yaml")})


def test_a_token_with_an_override_asks_keystone_only_for_another_service():
    settings = resolve_settings({"auth": {"token": "seed-token", "project_id": "pid", "auth_url": "http://k/v3"},
                                 "endpoint_override": "http://karboii/v1"}, {}, no_clouds)
    http = FakeSession(FakeResponse(201, {"token": {"project": {"id": "pid"}, "catalog": CATALOG}}, {"X-Subject-Token": "t2"}))
    keystone = KeystoneSession(settings, http)
    assert keystone.endpoint() == "http://karboii/v1" and keystone.token == "seed-token" and http.sent == []
    assert keystone.endpoint("compute") == "http://nova"
    assert http.sent[0]["json"]["auth"]["identity"] == {"methods": ["token"], "token": {"id": "seed-token"}}


def test_without_auth_url_there_is_no_catalog():
    settings = resolve_settings({"auth": {"token": "t", "project_id": "pid"}, "endpoint_override": "http://k"}, {}, no_clouds)
    with pytest.raises(KarboiiError, match="no service catalog to find 'compute' in: set auth.auth_url"):
        KeystoneSession(settings, FakeSession()).endpoint("compute")
