# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Plans: create, read, list and page, merge-update, delete with cascade, and every rule."""

import pytest

from .helpers import NOVA_PROVIDER_ID, TROVE_PROVIDER_ID, db_resource, server_resource


def ids(resources):
    return set(resource["id"] for resource in resources)


def test_create_returns_the_plan(client):
    resource = server_resource(name="Example_CentOS_Basic-1-1_10GB")
    plan = client.create_plan("example-plan", [resource], full_day=None, retention_type="max_backups")
    assert set(plan) == {"id", "project_id", "name", "provider_id", "status", "resources", "full_day", "retention_type"}
    assert len(plan["id"]) == 36 and plan["id"].count("-") == 4
    assert plan["project_id"] == client.project_id
    assert plan["status"] == "running"
    assert plan["full_day"] is None            # always present
    assert plan["retention_type"] == "max_backups"
    assert "gfs" not in plan                   # only for gfs plans
    assert plan["resources"] == [resource]


def test_defaults_when_optional_fields_are_left_out(client):
    plan = client.create_plan("p")
    assert plan["full_day"] is None and plan["retention_type"] == "max_backups"


def test_gfs_plan_has_all_three_tiers(client):
    plan = client.create_plan("g", retention_type="gfs", gfs={"son": 4})
    assert plan["gfs"] == {"son": 4, "father": 0, "grandfather": 0}
    plan = client.create_plan("g2", retention_type="gfs", gfs={"son": 53, "father": 120, "grandfather": 10})
    assert plan["gfs"] == {"son": 53, "father": 120, "grandfather": 10}


def test_incremental_vm_plan_with_selected_volumes(client):
    volumes = [{"id": "vol-1", "type": "OS::Cinder::Volume"}, {"id": "vol-2", "type": "OS::Cinder::Volume", "name": "data"}]
    plan = client.create_plan("inc", [server_resource(volumes=volumes)], full_day=0)
    assert plan["full_day"] == 0
    assert ids(plan["resources"][0]["resources"]) == {"vol-1", "vol-2"}


def test_database_plans(client):
    plan = client.create_plan("db", [db_resource(), db_resource(kind="OS::Trove::Cluster")], provider_id=TROVE_PROVIDER_ID)
    assert plan["provider_id"] == TROVE_PROVIDER_ID


def test_deprecated_parameters_are_accepted_and_ignored(client):
    plan = client.create_plan("legacy", parameters={"OS::Nova::Server": {"x": "y"}})
    assert "parameters" not in plan


@pytest.mark.parametrize("change, message", [
    ({"name": ""}, "plan.name must be 1 to 100 characters"),
    ({"name": "x" * 101}, "plan.name must be 1 to 100 characters"),
    ({"name": 5}, "plan.name must be a string"),
    ({"resources": []}, "plan.resources must hold 1"),
    ({"resources": "vm"}, "plan.resources must be a list"),
    ({"resources": [{"id": "a", "type": "OS::Nova::Server"}]}, "plan.resources[0].name is required"),
    ({"resources": [{"id": "a", "name": "a"}]}, "plan.resources[0].type is required"),
    ({"resources": [{"type": "OS::Nova::Server", "name": "a"}]}, "plan.resources[0].id is required"),
    ({"resources": [{"id": "a", "type": "OS::Glance::Image", "name": "a"}]}, "plan.resources[0].type must be one of"),
    ({"resources": [{"id": "a", "type": "OS::Nova::Server", "name": "a", "extra": 1}]}, "unknown keys extra"),
    ({"resources": [dict(server_resource(), id="dup"), dict(server_resource(), id="dup")]}, "listed more than once"),
    ({"resources": [{"id": "d", "type": "OS::Trove::Instance", "name": "d"}]}, "does not fit provider OS::Nova"),
    ({"resources": [{"id": "v", "type": "OS::Cinder::Volume", "name": "v"}]}, "does not fit provider OS::Nova"),
    ({"resources": [dict(db_resource(), resources=[])]}, "only OS::Nova::Server resources may select volumes"),
    ({"resources": [server_resource(volumes=[{"id": "v", "type": "OS::Nova::Server"}])]}, "type must be one of OS::Cinder::Volume"),
    ({"provider_id": "00000000-0000-0000-0000-000000000000"}, "plan.provider_id must be one of"),
    ({"full_day": 7}, "plan.full_day must be between 0 and 6"),
    ({"full_day": -1}, "plan.full_day must be between 0 and 6"),
    ({"full_day": True}, "plan.full_day must be an integer or null"),
    ({"retention_type": "forever"}, "plan.retention_type must be one of"),
    ({"retention_type": "gfs"}, "retention_type gfs needs plan.gfs"),
    ({"gfs": {"son": 2}}, "plan.gfs is only allowed with retention_type gfs"),
    ({"retention_type": "gfs", "gfs": {"father": 2}}, "plan.gfs.son is required"),
    ({"retention_type": "gfs", "gfs": {"son": 0}}, "plan.gfs.son must be between 1 and 53"),
    ({"retention_type": "gfs", "gfs": {"son": 54}}, "plan.gfs.son must be between 1 and 53"),
    ({"retention_type": "gfs", "gfs": {"son": 1, "father": 121}}, "plan.gfs.father must be between 0 and 120"),
    ({"retention_type": "gfs", "gfs": {"son": 1, "grandfather": 11}}, "plan.gfs.grandfather must be between 0 and 10"),
    ({"retention_type": "gfs", "gfs": {"son": 1, "weeks": 1}}, "unknown keys weeks"),
    ({"status": "running"}, "unknown keys status"),
    ({"description": "x"}, "unknown keys description"),
])
def test_create_rejects(client, change, message):
    reply = client.create_plan(expect=400, **change)
    assert reply.body["code"] == 400
    assert message in reply.body["message"]


def test_incremental_only_for_vms(client):
    reply = client.create_plan("db", [db_resource()], provider_id=TROVE_PROVIDER_ID, full_day=3, expect=400)
    assert "incremental backups are only available for VMs" in reply.body["message"]


@pytest.mark.parametrize("plan_body, message", [
    ({"resources": [], "provider_id": NOVA_PROVIDER_ID}, "plan.name is required"),
    ({"name": "x", "provider_id": NOVA_PROVIDER_ID}, "plan.resources is required"),
    ({"name": "x", "resources": [{"id": "a", "type": "OS::Nova::Server", "name": "a"}]}, "plan.provider_id is required"),
])
def test_required_fields(client, plan_body, message):
    reply = client.karboii("POST", "/plans", {"plan": plan_body})
    assert reply.status == 400 and message in reply.body["message"]


@pytest.mark.parametrize("body", [{}, {"plan": None}, {"plan": {}, "extra": 1}, []])
def test_body_envelope(client, body):
    assert client.karboii("POST", "/plans", body).status == 400


def test_one_plan_per_resource(client):
    vm = server_resource()
    first = client.create_plan("first", [vm])
    reply = client.create_plan("second", [server_resource(), vm], expect=400)
    assert reply.body["message"] == "resource %s is already protected by plan first (%s)" % (vm["id"], first["id"])
    # After the first plan lets go of the VM, another plan may take it.
    other = server_resource()
    assert client.karboii("PUT", "/plans/" + first["id"], {"plan": {"resources": [other]}}).status == 200
    client.create_plan("second", [vm])
    reply = client.karboii("PUT", "/plans/" + first["id"], {"plan": {"resources": [other, vm]}})
    assert reply.status == 400 and "already protected by plan second" in reply.body["message"]


def test_delete_frees_the_resources(client):
    vm = server_resource()
    plan = client.create_plan("first", [vm])
    assert client.karboii("DELETE", "/plans/" + plan["id"]).status == 204
    client.create_plan("again", [vm])


def test_get_and_404(client):
    plan = client.create_plan("p")
    reply = client.karboii("GET", "/plans/" + plan["id"])
    assert reply.status == 200 and reply.body["plan"]["id"] == plan["id"]
    reply = client.karboii("GET", "/plans/00000000-0000-0000-0000-000000000000")
    assert reply.status == 404
    assert reply.body == {"message": "plan 00000000-0000-0000-0000-000000000000 not found", "code": 404}


def test_resources_come_back_in_varying_order(client):
    resources = [server_resource() for _attempt in range(6)]
    plan = client.create_plan("many", resources)
    orders = set()
    for _attempt in range(10):
        got = client.karboii("GET", "/plans/" + plan["id"]).body["plan"]["resources"]
        assert sorted(got, key=lambda r: r["id"]) == sorted(resources, key=lambda r: r["id"])
        orders.add(tuple(r["id"] for r in got))
    assert len(orders) > 1


def test_shuffling_can_be_switched_off(client):
    resources = [server_resource() for _attempt in range(6)]
    assert client.control("POST", "/config", {"shuffle_resources": False}).status == 200
    plan = client.create_plan("many", resources)
    for _attempt in range(5):
        assert client.karboii("GET", "/plans/" + plan["id"]).body["plan"]["resources"] == resources


# listing and paging ------------------------------------------------------------------
def make_plans(client, count):
    return [client.create_plan("plan-%02d" % number) for number in range(count)]


def names(reply):
    return [plan["name"] for plan in reply.body["plans"]]


def test_list_in_insertion_order(client):
    plans = make_plans(client, 4)
    reply = client.karboii("GET", "/plans")
    assert reply.status == 200
    assert [p["id"] for p in reply.body["plans"]] == [p["id"] for p in plans]


def test_paging_with_a_small_cap(client):
    client.emulator.settings.page_cap = 3
    make_plans(client, 10)
    assert len(client.karboii("GET", "/plans").body["plans"]) == 3          # absent limit = the cap
    assert len(client.karboii("GET", "/plans?limit=50").body["plans"]) == 3  # capped
    seen, offset = [], 0
    while True:
        page = names(client.karboii("GET", "/plans?limit=3&offset=%d" % offset))
        seen.extend(page)
        if len(page) < 3:
            break
        offset += 3
    assert seen == ["plan-%02d" % n for n in range(10)]
    assert names(client.karboii("GET", "/plans?limit=2&offset=4")) == ["plan-04", "plan-05"]
    assert names(client.karboii("GET", "/plans?offset=100")) == []
    assert names(client.karboii("GET", "/plans?limit=0")) == []


@pytest.mark.parametrize("query", ["limit=-1", "limit=x", "offset=-3", "offset=1.5", "sort=color", "sort=name:up", "scheduled=2"])
def test_bad_list_parameters(client, query):
    reply = client.karboii("GET", "/plans?" + query)
    assert reply.status == 400 and reply.body["code"] == 400


def test_sort(client):
    for name in ("b", "c", "a"):
        client.create_plan(name)
    assert names(client.karboii("GET", "/plans?sort=name")) == ["a", "b", "c"]
    assert names(client.karboii("GET", "/plans?sort=name:desc")) == ["c", "b", "a"]
    assert names(client.karboii("GET", "/plans?sort=created_at:desc,name")) == ["a", "c", "b"]
    assert names(client.karboii("GET", "/plans?sort=status,name:asc&limit=2")) == ["a", "b"]


def test_scheduled_filter(client):
    with_trigger, without = client.create_plan("auto"), client.create_plan("manual")
    client.create_trigger(with_trigger["id"])
    assert names(client.karboii("GET", "/plans?scheduled=1")) == ["auto"]
    assert names(client.karboii("GET", "/plans?scheduled=0")) == ["manual"]
    assert sorted(names(client.karboii("GET", "/plans"))) == ["auto", "manual"]
    assert without["name"] == "manual"


# update ------------------------------------------------------------------------------
def put(client, plan_id, fields):
    return client.karboii("PUT", "/plans/" + plan_id, {"plan": fields})


def test_put_merges(client):
    vm = server_resource()
    plan = client.create_plan("p", [vm], retention_type="gfs", gfs={"son": 2, "father": 3}, full_day=4)
    reply = put(client, plan["id"], {"name": "renamed"})
    assert reply.status == 200
    updated = reply.body["plan"]
    assert updated["name"] == "renamed"
    for key in ("resources", "full_day", "retention_type", "gfs", "status", "provider_id"):
        assert updated[key] == plan[key], key
    assert client.karboii("GET", "/plans/" + plan["id"]).body["plan"]["name"] == "renamed"


def test_put_each_field(client):
    plan = client.create_plan("p", full_day=2)
    new_vm = server_resource()
    updated = put(client, plan["id"], {"status": "suspended", "resources": [new_vm], "full_day": None}).body["plan"]
    assert updated["status"] == "suspended"
    assert updated["resources"] == [new_vm]
    assert updated["full_day"] is None
    updated = put(client, plan["id"], {"retention_type": "gfs", "gfs": {"son": 5}}).body["plan"]
    assert updated["gfs"] == {"son": 5, "father": 0, "grandfather": 0}
    updated = put(client, plan["id"], {"gfs": {"son": 6, "grandfather": 1}}).body["plan"]
    assert updated["gfs"] == {"son": 6, "father": 0, "grandfather": 1}
    # Switching back to max_backups drops gfs.
    updated = put(client, plan["id"], {"retention_type": "max_backups"}).body["plan"]
    assert "gfs" not in updated
    assert "gfs" not in client.karboii("GET", "/plans/" + plan["id"]).body["plan"]


@pytest.mark.parametrize("fields, message", [
    ({"provider_id": NOVA_PROVIDER_ID}, "provider_id cannot be changed"),
    ({"id": "x"}, "unknown keys id"),
    ({"status": "stopped"}, "plan.status must be one of running, suspended, deleted"),
    ({"resources": []}, "plan.resources must hold 1 to 100"),
    ({"resources": [server_resource() for _attempt in range(101)]}, "plan.resources must hold 1 to 100"),
    ({"name": ""}, "plan.name must be 1 to 100"),
    ({"gfs": {"son": 3}}, "only allowed with retention_type gfs"),
    ({"retention_type": "gfs"}, "retention_type gfs needs plan.gfs"),
    ({"full_day": 9}, "between 0 and 6"),
])
def test_put_rejects(client, fields, message):
    plan = client.create_plan("p")
    reply = put(client, plan["id"], fields)
    assert reply.status == 400 and message in reply.body["message"]
    assert client.karboii("GET", "/plans/" + plan["id"]).body["plan"]["name"] == "p"


def test_put_incremental_on_db_plan(client):
    plan = client.create_plan("db", [db_resource()], provider_id=TROVE_PROVIDER_ID)
    reply = put(client, plan["id"], {"full_day": 1})
    assert reply.status == 400 and "only available for VMs" in reply.body["message"]
    reply = put(client, plan["id"], {"resources": [server_resource()]})
    assert reply.status == 400 and "does not fit provider OS::Trove" in reply.body["message"]


def test_put_unknown_plan(client):
    reply = put(client, "00000000-0000-0000-0000-000000000000", {"name": "x"})
    assert reply.status == 404


# delete ------------------------------------------------------------------------------
def test_delete_cascades(client):
    plan = client.create_plan("p")
    keep = client.create_plan("keep")
    trigger = client.create_trigger(plan["id"])
    kept_trigger = client.create_trigger(keep["id"])
    checkpoint = client.create_checkpoint(plan["id"])
    kept_checkpoint = client.create_checkpoint(keep["id"])
    reply = client.karboii("DELETE", "/plans/" + plan["id"])
    assert reply.status == 204 and reply.raw == b""
    assert client.karboii("GET", "/plans/" + plan["id"]).status == 404
    assert [p["id"] for p in client.karboii("GET", "/plans").body["plans"]] == [keep["id"]]
    assert client.karboii("GET", "/triggers/" + trigger["id"]).status == 404
    assert [t["id"] for t in client.karboii("GET", "/triggers").body["triggers"]] == [kept_trigger["id"]]
    base = "/providers/%s/checkpoints" % NOVA_PROVIDER_ID
    assert client.karboii("GET", base + "/" + checkpoint["id"]).status == 404
    assert [c["id"] for c in client.karboii("GET", base).body["checkpoints"]] == [kept_checkpoint["id"]]
    assert client.karboii("DELETE", "/plans/" + plan["id"]).status == 404
