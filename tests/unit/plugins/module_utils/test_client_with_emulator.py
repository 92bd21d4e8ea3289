# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The real client against the real emulator: auth, catalog, paging at small and large scale."""

from __future__ import annotations

import uuid

import pytest

from karboii_emulator import Emulator, RunningServer  # tests/emulator is on the path in make units

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_auth import KeystoneSession, resolve_settings
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_client import KarboiiClient
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_http import build_session
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import NOVA_ID


@pytest.fixture(scope="module")
def running():
    server = RunningServer(Emulator(), port=0)
    yield server
    server.stop()


@pytest.fixture
def emulator(running):
    fresh = Emulator()
    running.use(fresh)
    return fresh


def client_for(running, page_size=1000):
    identity = running.emulator.identity
    settings = resolve_settings({"auth": {"auth_url": running.url + "/v3", "username": identity.username,
                                          "password": identity.password, "project_name": identity.project_name}}, {},
                                loader=lambda environ: ({}, None))
    http = build_session()
    return KarboiiClient(KeystoneSession(settings, http), http, page_size=page_size)


def seed_plans(emulator, count):
    for number in range(count):
        emulator.store.save_plan({
            "id": str(uuid.uuid4()), "project_id": emulator.identity.project_id, "name": "plan-%05d" % number,
            "provider_id": NOVA_ID, "status": "running", "full_day": None, "retention_type": "max_backups",
            "resources": [{"id": str(uuid.uuid4()), "type": "OS::Nova::Server", "name": "vm-%05d" % number}]})


def test_project_scope_by_name_and_the_catalog_endpoint(running, emulator):
    client = client_for(running)
    assert [p["name"] for p in client.list_providers()] == ["OS::Nova", "OS::Trove"]
    assert client.keystone.project_id == emulator.identity.project_id
    assert client.base_url == "%s/infra/karboii/v1/%s" % (running.url, emulator.identity.project_id)


@pytest.mark.parametrize("count, cap, expected_requests", [(10, 3, 4), (9, 3, 4), (2, 3, 1), (0, 3, 1)])
def test_paging_at_a_small_page_size(running, emulator, count, cap, expected_requests):
    emulator.settings.update({"page_cap": cap})
    seed_plans(emulator, count)
    client = client_for(running, page_size=cap)
    names = [plan["name"] for plan in client.list_plans()]
    assert sorted(names) == ["plan-%05d" % n for n in range(count)]
    assert client.requests_sent == expected_requests


def test_five_thousand_plans_in_five_pages(running, emulator):
    seed_plans(emulator, 5000)
    client = client_for(running)
    plans = client.list_plans()
    assert len(plans) == 5000 and len({p["id"] for p in plans}) == 5000
    assert client.requests_sent == 6  # five full pages, then an empty one ends the walk
