# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Restores: per-resource status from restoring to success or error."""

import pytest

from .helpers import NOVA_PROVIDER_ID, TROVE_PROVIDER_ID, freeze, server_resource


def backed_up(client, name="web"):
    vm = server_resource(name=name)
    plan = client.create_plan("p-" + name, [vm])
    checkpoint = client.create_checkpoint(plan["id"])
    return vm, checkpoint


def restore_body(checkpoint_id, parameters, provider_id=NOVA_PROVIDER_ID):
    return {"restore": {"provider_id": provider_id, "checkpoint_id": checkpoint_id, "parameters": parameters}}


def test_restore_succeeds(client):
    vm, checkpoint = backed_up(client)
    parameters = {vm["id"]: {"restore_name": "web_restored", "availability_zone": "MS1", "enable_fip": False}}
    reply = client.karboii("POST", "/restores", restore_body(checkpoint["id"], parameters))
    assert reply.status == 200
    restore = reply.body["restore"]
    assert set(restore) == {"id", "provider_id", "checkpoint_id", "parameters", "resources_status", "resources_reason"}
    assert restore["resources_status"] == {vm["id"]: "restoring"}
    assert restore["resources_reason"] == {}
    assert restore["parameters"] == parameters
    shown = client.karboii("GET", "/restores/" + restore["id"]).body["restore"]
    assert shown["resources_status"] == {vm["id"]: "success"}
    assert [r["id"] for r in client.karboii("GET", "/restores").body["restores"]] == [restore["id"]]


def test_restore_failure_is_reported(client):
    vm, checkpoint = backed_up(client)
    restore = client.karboii("POST", "/restores", restore_body(checkpoint["id"], {vm["id"]: {"restore_name": "fail-me"}})).body["restore"]
    shown = client.karboii("GET", "/restores/" + restore["id"]).body["restore"]
    assert shown["resources_status"] == {vm["id"]: "error"}
    assert "fail" in shown["resources_reason"][vm["id"]]


def test_restoring_shows_in_use(client):
    freeze(client.emulator, 2024, 1, 1, 12, 0)
    vm, checkpoint = backed_up(client)
    client.emulator.settings.checkpoint_delay = 30
    restore = client.karboii("POST", "/restores", restore_body(checkpoint["id"], {vm["id"]: {"restore_name": "x"}})).body["restore"]
    in_use = client.karboii("GET", "/resources/%s/in-use" % NOVA_PROVIDER_ID).body["resources"]
    assert in_use == [{"external_id": vm["id"], "status": "restoring"}]
    assert client.karboii("GET", "/resources/%s/in-use" % TROVE_PROVIDER_ID).body["resources"] == []
    freeze(client.emulator, 2024, 1, 1, 12, 1)
    assert client.karboii("GET", "/restores/" + restore["id"]).body["restore"]["resources_status"][vm["id"]] == "success"
    assert client.karboii("GET", "/resources/%s/in-use" % NOVA_PROVIDER_ID).body["resources"] == []


def test_checkpoint_must_be_available(client):
    freeze(client.emulator, 2024, 1, 1, 12, 0)
    client.emulator.settings.checkpoint_delay = 60
    vm, checkpoint = backed_up(client)
    reply = client.karboii("POST", "/restores", restore_body(checkpoint["id"], {vm["id"]: {"restore_name": "x"}}))
    assert reply.status == 400 and "protecting, not available" in reply.body["message"]


def test_unknown_checkpoint(client):
    reply = client.karboii("POST", "/restores", restore_body("00000000-0000-0000-0000-000000000000", {"a": {"restore_name": "x"}}))
    assert reply.status == 404


@pytest.mark.parametrize("mutate, message", [
    (lambda b, vm: b["restore"].pop("parameters"), "restore.parameters is required"),
    (lambda b, vm: b["restore"].update(parameters={}), "at least one resource"),
    (lambda b, vm: b["restore"].update(parameters={"other": {"restore_name": "x"}}), "other not in checkpoint"),
    (lambda b, vm: b["restore"].update(parameters={vm["id"]: {}}), "restore_name is required"),
    (lambda b, vm: b["restore"].update(parameters={vm["id"]: {"restore_name": "x", "enable_fip": "yes"}}), "enable_fip must be a boolean"),
    (lambda b, vm: b["restore"].update(parameters={vm["id"]: {"restore_name": "x", "color": "red"}}), "unknown keys color"),
    (lambda b, vm: b["restore"].pop("provider_id"), "restore.provider_id is required"),
    (lambda b, vm: b["restore"].update(provider_id=TROVE_PROVIDER_ID), "belongs to provider"),
    (lambda b, vm: b["restore"].update(restore_target="x"), "unknown keys restore_target"),
])
def test_create_rejects(client, mutate, message):
    vm, checkpoint = backed_up(client)
    body = restore_body(checkpoint["id"], {vm["id"]: {"restore_name": "ok"}})
    mutate(body, vm)
    reply = client.karboii("POST", "/restores", body)
    assert reply.status == 400 and message in reply.body["message"]


def test_list_paging_and_404(client):
    vm, checkpoint = backed_up(client)
    made = [client.karboii("POST", "/restores", restore_body(checkpoint["id"], {vm["id"]: {"restore_name": "r%d" % n}})).body["restore"]
            for n in range(3)]
    page = client.karboii("GET", "/restores?limit=2&offset=1").body["restores"]
    assert [r["id"] for r in page] == [made[1]["id"], made[2]["id"]]
    assert client.karboii("GET", "/restores/nope").status == 404
    assert client.karboii("GET", "/restores?limit=x").status == 400
