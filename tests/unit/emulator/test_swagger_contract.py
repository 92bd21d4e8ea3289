# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The emulator against VK's published Swagger 2.0 spec of Karboii.

Every response of a full walk-through must fit the spec's response schemas,
closed against unknown keys; the emulator runs in --swagger mode throughout,
so every request body the walk-through sends must fit the request schemas
too. The two request bodies of the docs' curl walk-through are checked and
sent as they are.
"""

from pathlib import Path

import pytest

from karboii_emulator import Emulator
from karboii_emulator.swagger import Contract

from .helpers import NOVA_PROVIDER_ID, TROVE_PROVIDER_ID, Client, db_resource, server_resource

SPEC = Path(__file__).resolve().parents[3].parent / "shared" / "reference" / "karboii-swagger.json"

jsonschema = pytest.importorskip("jsonschema")
if not SPEC.exists():
    pytest.skip("the Swagger spec is not beside the repo (%s)" % SPEC, allow_module_level=True)

# Where the spec and the real service disagree, the service wins:
# - planObject.full_day is typed integer without x-nullable, yet the API always
#   returns the key and it is null for plans without incremental backups (the
#   docs' own responses show "full_day": null; the spec's text says NULL = full).
# - checkpointObject.link_id and backup.link_id are typed string, and the spec's
#   text says "NULL if the backup is full".
EXTRA_NULLABLE = (("planObject", "full_day"), ("checkpointObject", "link_id"), ("backup", "link_id"))
# A server resource may carry its selected volumes, undocumented in the spec but
# sent and read back by VK's Terraform provider.
EXTRA_PROPERTIES = {"resources": {"resources": {"type": "array", "items": {"type": "object"}}}}

# The docs' walk-through (000_13df66b51c6ce525.txt), with real UUIDs for the masked ones.
SEED_VM_ID = "8f1ba150-6c1e-4ae4-9693-d18844b30d19"
SEED_PLAN_BODY = {
    "plan": {
        "name": "example-plan",
        "resources": [
            {
                "id": SEED_VM_ID,
                "type": "OS::Nova::Server",
                "name": "Example_CentOS_Basic-1-1_10GB",
            }
        ],
        "provider_id": "37997f75-0637-4a69-bf7e-49ff2ff11fa5",
        "full_day": None,
        "retention_type": "max_backups",
    }
}
SEED_PLAN_ID_PLACEHOLDER = "17f09168-62c3-419b-9b1e-8889aac8fb0f"
SEED_TRIGGER_BODY = {
    "trigger_info": {
        "name": "example-plan",
        "plan_id": SEED_PLAN_ID_PLACEHOLDER,
        "properties": {
            "pattern": "3 3 * * 2",
            "max_backups": 20,
            "next_time": 0,
        },
    }
}


@pytest.fixture(scope="module")
def responses():
    """Response schemas: closed objects, so a leaked internal key fails the check."""
    return Contract.from_file(str(SPEC), extra_nullable=EXTRA_NULLABLE, strict=True, extra_properties=EXTRA_PROPERTIES)


@pytest.fixture(scope="module")
def requests_contract():
    return Contract.from_file(str(SPEC), strict=True, extra_properties=EXTRA_PROPERTIES)


@pytest.fixture
def swagger_client(http_server):
    http_server.use(Emulator(swagger_path=str(SPEC)))
    client = Client.of(http_server)
    client.login()
    return client


class Walk:
    """Sends Karboii calls and checks each answer against the spec."""

    def __init__(self, client, contract):
        self.client = client
        self.contract = contract
        self.checked = []

    def call(self, method, subpath, body=None, status=200):
        reply = self.client.karboii(method, subpath, body)
        assert reply.status == status, reply
        path = "/%s%s" % (self.client.project_id, subpath.split("?")[0])
        schema = self.contract.response_schema(method, path, status)
        if status != 204:
            assert schema is not None, "the spec has no %s response for %s %s" % (status, method, path)
            assert self.contract.response_errors(method, path, status, reply.body) == [], (method, subpath, reply.body)
        self.checked.append("%s %s" % (method, self.contract.operation(method, path)[0]))
        return reply.body


def test_seed_request_bodies_fit_the_request_schemas(requests_contract):
    project = "/b5b7ffd4ef0547e5b222f44555df0001"
    assert requests_contract.request_errors("POST", project + "/plans", SEED_PLAN_BODY) == []
    assert requests_contract.request_errors("POST", project + "/triggers", SEED_TRIGGER_BODY) == []


def test_seed_walkthrough_in_swagger_mode(swagger_client, responses):
    walk = Walk(swagger_client, responses)
    assert [p["name"] for p in walk.call("GET", "/providers")["providers"]] == ["OS::Nova", "OS::Trove"]
    plan = walk.call("POST", "/plans", SEED_PLAN_BODY)["plan"]
    assert plan["full_day"] is None and plan["status"] == "running"
    trigger_body = {"trigger_info": dict(SEED_TRIGGER_BODY["trigger_info"], plan_id=plan["id"])}
    trigger = walk.call("POST", "/triggers", trigger_body)["trigger_info"]
    assert trigger["properties"]["pattern"] == "3 3 * * 2"
    assert [p["id"] for p in walk.call("GET", "/plans")["plans"]] == [plan["id"]]


def test_full_walkthrough_fits_the_response_schemas(swagger_client, responses):
    walk = Walk(swagger_client, responses)
    walk.call("GET", "/providers")
    walk.call("GET", "/providers/" + NOVA_PROVIDER_ID)
    vm = server_resource(volumes=[{"id": "vol-boot", "type": "OS::Cinder::Volume"},
                                  {"id": "vol-data", "type": "OS::Cinder::Volume", "name": "data"}])
    plan = walk.call("POST", "/plans", {"plan": {"name": "vm-plan", "provider_id": NOVA_PROVIDER_ID, "resources": [vm],
                                                 "full_day": 0, "retention_type": "gfs", "gfs": {"son": 4, "father": 12}}})["plan"]
    db_plan = walk.call("POST", "/plans", {"plan": {"name": "db-plan", "provider_id": TROVE_PROVIDER_ID,
                                                    "resources": [db_resource()]}})["plan"]
    walk.call("GET", "/plans/" + plan["id"])
    walk.call("GET", "/plans?limit=10&offset=0&sort=name")
    walk.call("GET", "/plans?scheduled=0")
    walk.call("PUT", "/plans/" + plan["id"], {"plan": {"name": "vm-plan-2", "status": "suspended"}})
    walk.call("PUT", "/plans/" + db_plan["id"], {"plan": {"retention_type": "max_backups"}})

    trigger = walk.call("POST", "/triggers", {"trigger_info": {"name": "vm-plan_trigger", "plan_id": plan["id"],
                                                               "properties": {"pattern": "0 2 * * *", "max_backups": 30}}})
    walk.call("GET", "/triggers/" + trigger["trigger_info"]["id"])
    walk.call("GET", "/triggers?limit=5")
    walk.call("PUT", "/triggers/" + trigger["trigger_info"]["id"], {"trigger_info": {"pattern": "0 3 * * 1", "max_backups": 10,
                                                                                     "name": "renamed"}})

    nova_checkpoints = "/providers/%s/checkpoints" % NOVA_PROVIDER_ID
    full = walk.call("POST", nova_checkpoints, {"checkpoint": {"plan_id": plan["id"], "extra_info": {"k": "v"}}})["checkpoint"]
    second = walk.call("POST", nova_checkpoints, {"checkpoint": {"plan_id": plan["id"]}})["checkpoint"]
    walk.call("POST", "/providers/%s/checkpoints" % TROVE_PROVIDER_ID, {"checkpoint": {"plan_id": db_plan["id"]}})
    walk.call("GET", "%s/%s" % (nova_checkpoints, full["id"]))
    walk.call("GET", "%s?plan_id=%s&limit=10&offset=0&sort=created_at:desc" % (nova_checkpoints, plan["id"]))
    walk.call("GET", "/checkpoints?plan_id=" + plan["id"])
    walk.call("GET", "/checkpoints?plan_id=" + db_plan["id"])
    for row in full["resources"]:
        walk.call("GET", "%s/%s/resource_metadata/%s" % (nova_checkpoints, full["id"], row["id"]))

    restore = walk.call("POST", "/restores", {"restore": {
        "provider_id": NOVA_PROVIDER_ID, "checkpoint_id": full["id"],
        "parameters": {vm["id"]: {"restore_name": "vm_restored", "restore_keypair": "key", "availability_zone": "MS1",
                                  "restore_net_id": "net", "destination": "dst", "volume_type": "ceph-ssd",
                                  "enable_fip": True, "enable_geo_replication": False, "flavor": "Basic-1-2-20",
                                  "volume_target_vm_id": "vm"}}}})["restore"]
    walk.call("GET", "/restores/" + restore["id"])
    walk.call("GET", "/restores?limit=3")
    walk.call("GET", "/resources/%s/in-use" % NOVA_PROVIDER_ID)

    walk.call("DELETE", "%s/%s" % (nova_checkpoints, second["id"]), status=204)
    walk.call("DELETE", "/plans/" + db_plan["id"], status=204)

    every_operation = set("%s %s" % (method.upper(), path) for path, item in responses.operations_by_path().items()
                          for method in item if path != "/health")
    assert every_operation - set(walk.checked) == set()


def test_swagger_mode_rejects_bodies_outside_the_contract(swagger_client):
    reply = swagger_client.karboii("POST", "/plans", {"plan": {"name": 7, "resources": [], "provider_id": NOVA_PROVIDER_ID}})
    assert reply.status == 400
    assert "does not fit the Swagger schema postPlanRequest" in reply.body["message"]
    reply = swagger_client.karboii("POST", "/triggers", {"trigger_info": {"name": "abc", "plan_id": "x"}})
    assert reply.status == 400 and "triggerRequest" in reply.body["message"]


def test_the_checker_catches_leaks_and_wrong_types(responses):
    path = "/b5b7ffd4ef0547e5b222f44555df0001/plans/x"
    good = {"plan": {"id": "x", "name": "n", "resources": [], "full_day": None}}
    assert responses.response_errors("GET", path, 200, good) == []
    assert responses.response_errors("GET", path, 200, {"plan": dict(good["plan"], _created_at="t")})
    assert responses.response_errors("GET", path, 200, {"plan": dict(good["plan"], full_day="monday")})
    assert responses.response_errors("GET", path, 200, {"plan": {"id": "x", "name": "n", "resources": []}})
