# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Checkpoints: protecting -> available, rows per resource, incremental chains, deletes, grouped view."""

import pytest

from .helpers import NOVA_PROVIDER_ID, TROVE_PROVIDER_ID, db_resource, freeze, server_resource

NOVA_CHECKPOINTS = "/providers/%s/checkpoints" % NOVA_PROVIDER_ID
TROVE_CHECKPOINTS = "/providers/%s/checkpoints" % TROVE_PROVIDER_ID


def get_checkpoint(client, checkpoint_id, base=NOVA_CHECKPOINTS):
    return client.karboii("GET", "%s/%s" % (base, checkpoint_id))


def test_create_then_available(client):
    vm = server_resource(name="web")
    plan = client.create_plan("p", [vm])
    checkpoint = client.create_checkpoint(plan["id"], extra_info={"reason": "before upgrade"})
    assert checkpoint["status"] == "protecting"
    assert checkpoint["project_id"] == client.project_id
    assert checkpoint["protection_plan"] == {"id": plan["id"], "name": "p", "resources": [vm]}
    assert checkpoint["link_id"] is None
    assert checkpoint["extra_info"] == {"reason": "before upgrade"}
    assert len(checkpoint["external_ids"]) == 2          # instance + boot volume
    assert isinstance(checkpoint["timestamp"], int) and checkpoint["created_at"].endswith("Z")
    [row] = checkpoint["resources"]
    assert row["original_id"] == vm["id"] and row["type"] == "OS::Nova::Server" and row["parent_id"] is None
    assert row["name"] == "web" and row["status"] == "protecting"
    assert checkpoint["size"] == 10
    # A checkpoint delay of 0 means it is done by the next read.
    reply = get_checkpoint(client, checkpoint["id"])
    assert reply.status == 200
    assert reply.body["checkpoint"]["status"] == "available"
    assert reply.body["checkpoint"]["resources"][0]["status"] == "available"


def test_volume_rows(client):
    volumes = [{"id": "vol-a", "type": "OS::Cinder::Volume", "name": "root"}, {"id": "vol-b", "type": "OS::Cinder::Volume"}]
    plan = client.create_plan("p", [server_resource(volumes=volumes)])
    checkpoint = client.create_checkpoint(plan["id"])
    vm_row = checkpoint["resources"][0]
    volume_rows = checkpoint["resources"][1:]
    assert [r["original_id"] for r in volume_rows] == ["vol-a", "vol-b"]
    assert all(r["parent_id"] == vm_row["id"] and r["type"] == "OS::Cinder::Volume" for r in volume_rows)
    assert [r["name"] for r in volume_rows] == ["root", "vol-b"]
    assert checkpoint["size"] == 30
    assert checkpoint["external_ids"][1] == volume_rows[0]["external_id"]


def test_known_server_volumes_are_backed_up_when_none_are_selected(client):
    server = client.control("POST", "/servers", {"servers": [{"name": "app", "volumes": [{"id": "v1"}, {"id": "v2"}]}]}).body["servers"][0]
    plan = client.create_plan("p", [{"id": server["id"], "type": "OS::Nova::Server", "name": "app"}])
    checkpoint = client.create_checkpoint(plan["id"])
    assert [r["original_id"] for r in checkpoint["resources"]] == [server["id"], "v1", "v2"]


def test_database_checkpoint(client):
    plan = client.create_plan("db", [db_resource()], provider_id=TROVE_PROVIDER_ID)
    checkpoint = client.create_checkpoint(plan["id"], provider_id=TROVE_PROVIDER_ID)
    assert len(checkpoint["external_ids"]) == 1
    assert get_checkpoint(client, checkpoint["id"], TROVE_CHECKPOINTS).status == 200
    assert get_checkpoint(client, checkpoint["id"], NOVA_CHECKPOINTS).status == 404  # other provider's path


@pytest.mark.parametrize("body, message", [
    ({"checkpoint": {}}, "checkpoint.plan_id is required"),
    ({"checkpoint": {"plan_id": "00000000-0000-0000-0000-000000000000"}}, "not found"),
    ({"checkpoint": {"plan_id": "x", "extra_info": {"a": 1}}}, "extra_info must be an object of strings"),
    ({"checkpoint": {"plan_id": "x", "name": "n"}}, "unknown keys name"),
    ({}, "checkpoint is required"),
])
def test_create_rejects(client, body, message):
    reply = client.karboii("POST", NOVA_CHECKPOINTS, body)
    assert reply.status == 400 and message in reply.body["message"]


def test_plan_of_another_provider(client):
    plan = client.create_plan("p")
    reply = client.karboii("POST", TROVE_CHECKPOINTS, {"checkpoint": {"plan_id": plan["id"]}})
    assert reply.status == 400 and "belongs to provider" in reply.body["message"]


def test_unknown_provider_in_path(client):
    reply = client.karboii("GET", "/providers/00000000-0000-0000-0000-000000000000/checkpoints")
    assert reply.status == 404


def test_delay_keeps_protecting(client):
    freeze(client.emulator, 2024, 1, 1, 12, 0)
    client.emulator.settings.checkpoint_delay = 60
    plan = client.create_plan("p")
    checkpoint = client.create_checkpoint(plan["id"])
    assert get_checkpoint(client, checkpoint["id"]).body["checkpoint"]["status"] == "protecting"
    in_use = client.karboii("GET", "/resources/%s/in-use" % NOVA_PROVIDER_ID).body
    assert in_use == {"resources": [{"external_id": plan["resources"][0]["id"], "status": "protecting"}]}
    freeze(client.emulator, 2024, 1, 1, 12, 1)
    assert get_checkpoint(client, checkpoint["id"]).body["checkpoint"]["status"] == "available"
    assert client.karboii("GET", "/resources/%s/in-use" % NOVA_PROVIDER_ID).body == {"resources": []}


def test_incremental_chain_and_cascading_delete(client):
    plan = client.create_plan("inc", full_day=0)  # full backups on Mondays
    taken = {}
    for day in (3, 4, 5, 8, 9):  # Wed, Thu, Fri 2024-01-03..05, Mon 8, Tue 9
        freeze(client.emulator, 2024, 1, day, 3, 0)
        taken[day] = client.create_checkpoint(plan["id"])
    assert taken[3]["link_id"] is None                 # the first one is full
    assert taken[4]["link_id"] == taken[3]["id"]
    assert taken[5]["link_id"] == taken[3]["id"]
    assert taken[8]["link_id"] is None                 # full_day
    assert taken[9]["link_id"] == taken[8]["id"]
    reply = client.karboii("DELETE", "%s/%s" % (NOVA_CHECKPOINTS, taken[3]["id"]))
    assert reply.status == 204 and reply.raw == b""
    left = [c["id"] for c in client.karboii("GET", NOVA_CHECKPOINTS).body["checkpoints"]]
    assert left == [taken[9]["id"], taken[8]["id"]]
    # Deleting an incremental one leaves its full backup alone.
    assert client.karboii("DELETE", "%s/%s" % (NOVA_CHECKPOINTS, taken[9]["id"])).status == 204
    assert [c["id"] for c in client.karboii("GET", NOVA_CHECKPOINTS).body["checkpoints"]] == [taken[8]["id"]]
    assert client.karboii("DELETE", "%s/%s" % (NOVA_CHECKPOINTS, taken[9]["id"])).status == 404


def test_full_plans_never_link(client):
    plan = client.create_plan("full")
    assert client.create_checkpoint(plan["id"])["link_id"] is None
    assert client.create_checkpoint(plan["id"])["link_id"] is None


def test_list_newest_first_filter_and_paging(client):
    first, second = client.create_plan("a"), client.create_plan("b")
    made = []
    for minute, plan in enumerate((first, second, first)):
        freeze(client.emulator, 2024, 1, 1, 12, minute)
        made.append(client.create_checkpoint(plan["id"]))
    listed = client.karboii("GET", NOVA_CHECKPOINTS).body["checkpoints"]
    assert [c["id"] for c in listed] == [made[2]["id"], made[1]["id"], made[0]["id"]]
    assert all(c["status"] == "available" for c in listed)
    only_a = client.karboii("GET", NOVA_CHECKPOINTS + "?plan_id=" + first["id"]).body["checkpoints"]
    assert [c["id"] for c in only_a] == [made[2]["id"], made[0]["id"]]
    page = client.karboii("GET", NOVA_CHECKPOINTS + "?limit=1&offset=1").body["checkpoints"]
    assert [c["id"] for c in page] == [made[1]["id"]]
    oldest_first = client.karboii("GET", NOVA_CHECKPOINTS + "?sort=created_at").body["checkpoints"]
    assert [c["id"] for c in oldest_first] == [c["id"] for c in made]
    assert client.karboii("GET", NOVA_CHECKPOINTS + "?sort=plan").status == 400
    assert client.karboii("GET", TROVE_CHECKPOINTS).body == {"checkpoints": []}


def test_grouped_view(client):
    vm1, vm2 = server_resource(name="one"), server_resource(name="two", volumes=[{"id": "v", "type": "OS::Cinder::Volume"}])
    plan = client.create_plan("inc", [vm1, vm2], full_day=0)
    freeze(client.emulator, 2024, 1, 8, 3, 0)      # Monday: full
    full = client.create_checkpoint(plan["id"])
    freeze(client.emulator, 2024, 1, 9, 3, 0)      # Tuesday: incremental
    incremental = client.create_checkpoint(plan["id"])
    reply = client.karboii("GET", "/checkpoints?plan_id=" + plan["id"])
    assert reply.status == 200
    body = reply.body
    assert body["project_id"] == client.project_id and body["plan_id"] == plan["id"]
    groups = dict((group["id"], group) for group in body["resources"])
    assert set(groups) == {vm1["id"], vm2["id"]}   # volumes are not groups of their own
    two = groups[vm2["id"]]
    assert two["name"] == "two" and two["resource_type"] == "OS::Nova::Server"
    assert two["number_of_full_backups"] == 1 and two["number_of_incremental_backups"] == 1
    assert two["total_size"] == 40                 # (VM + volume) x 2 backups
    assert two["last_created_at"] == incremental["created_at"]
    newest, oldest = two["backups"]
    assert newest["checkpoint_id"] == incremental["id"] and newest["is_incremental"] is True
    assert newest["link_id"] == full["id"] and newest["size"] == 20 and newest["is_old_backup"] is False
    assert oldest["checkpoint_id"] == full["id"] and oldest["is_incremental"] is False and oldest["link_id"] is None
    assert newest["checkpoint_resource_id"] == incremental["resources"][1]["id"]  # rows: vm1, vm2, vm2's volume


def test_grouped_view_needs_a_known_plan(client):
    assert client.karboii("GET", "/checkpoints").status == 400
    assert client.karboii("GET", "/checkpoints?plan_id=nope").status == 404
    plan = client.create_plan("empty")
    assert client.karboii("GET", "/checkpoints?plan_id=" + plan["id"]).body["resources"] == []


def test_resource_metadata(client):
    vm = server_resource(volumes=[{"id": "boot", "type": "OS::Cinder::Volume"}, {"id": "data", "type": "OS::Cinder::Volume"}])
    plan = client.create_plan("p", [vm])
    checkpoint = client.create_checkpoint(plan["id"])
    path = "%s/%s/resource_metadata/" % (NOVA_CHECKPOINTS, checkpoint["id"])
    reply = client.karboii("GET", path + checkpoint["resources"][0]["id"])
    assert reply.status == 200
    meta = reply.body["resource_metadata"]
    assert meta["boot_metadata"]["boot_volume_id"] == "boot"
    assert set(meta["attach_metadata"]) == {"boot", "data"}
    assert meta["attach_metadata"]["data"]["server_id"] == vm["id"]
    assert client.karboii("GET", path + vm["id"]).status == 200          # by original id too
    assert client.karboii("GET", path + "nope").status == 404


def test_database_metadata(client):
    plan = client.create_plan("db", [db_resource()], provider_id=TROVE_PROVIDER_ID)
    checkpoint = client.create_checkpoint(plan["id"], provider_id=TROVE_PROVIDER_ID)
    path = "%s/%s/resource_metadata/%s" % (TROVE_CHECKPOINTS, checkpoint["id"], checkpoint["resources"][0]["id"])
    assert "database_metadata" in client.karboii("GET", path).body["resource_metadata"]


def test_unknown_checkpoint(client):
    assert get_checkpoint(client, "nope").status == 404
    assert client.karboii("DELETE", NOVA_CHECKPOINTS + "/nope").status == 404
    assert client.karboii("PUT", NOVA_CHECKPOINTS + "/nope", {}).status == 405
