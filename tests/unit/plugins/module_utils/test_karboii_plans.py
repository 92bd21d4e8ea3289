# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_plans import (
    create_body, desired_resources, filter_plans, is_gone, merge_resources, normalise_plan, plan_changes, predict_created,
    predict_updated, select_one, unnamed,
)
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import InvalidOption, check_provider

NOVA = check_provider("OS::Nova")
TROVE = check_provider("OS::Trove")
VM1 = {"id": "vm-1", "type": "OS::Nova::Server", "name": "one"}
VM2 = {"id": "vm-2", "type": "OS::Nova::Server", "name": "two"}
VM3 = {"id": "vm-3", "type": "OS::Nova::Server", "name": "three"}
PLAN = {"id": "p1", "name": "plan", "provider_id": NOVA["id"], "status": "running", "resources": [VM2, VM1],
        "full_day": None, "retention_type": "max_backups", "project_id": "proj"}


@pytest.mark.parametrize("items, name, ident, expected", [
    ([], "a", None, None),
    ([{"id": "1", "name": "a"}], "a", None, "1"),
    ([{"id": "1", "name": "a1"}, {"id": "2", "name": "a"}], "a", None, "2"),  # exact, never a substring
    ([{"id": "1", "name": "A"}], "a", None, None),
    ([{"id": "1", "name": "a"}, {"id": "2", "name": "b"}], "zzz", "2", "2"),
])
def test_select_one(items, name, ident, expected):
    found = select_one(items, "plan", name=name, ident=ident)
    assert (found or {}).get("id") == expected


def test_select_one_refuses_to_guess_between_namesakes():
    with pytest.raises(InvalidOption) as info:
        select_one([{"id": "1", "name": "a"}, {"id": "2", "name": "a"}], "plan", name="a")
    assert info.value.option == "name" and "ids: 1, 2" in str(info.value)


@pytest.mark.parametrize("plan, gone", [(None, True), ({"status": "deleted"}, True), ({"status": "running"}, False)])
def test_is_gone(plan, gone):
    assert is_gone(plan) is gone


@pytest.mark.parametrize("given, provider, expected", [
    ([{"id": "a", "name": "n"}], NOVA, [{"id": "a", "type": "OS::Nova::Server", "name": "n"}]),
    ([{"id": "a"}], TROVE, [{"id": "a", "type": "OS::Trove::Instance"}]),
    ([{"id": "a", "type": "OS::Trove::Cluster"}], TROVE, [{"id": "a", "type": "OS::Trove::Cluster"}]),
    ([{"id": "a", "type": "OS::Trove::Cluster"}], {}, [{"id": "a", "type": "OS::Trove::Cluster"}]),
    ([{"name": "web"}], NOVA, [{"id": None, "type": "OS::Nova::Server", "name": "web"}]),
    ([{"id": "a", "volumes": ["v2", "v1", "v1"]}], NOVA, [{"id": "a", "type": "OS::Nova::Server", "resources": [
        {"id": "v1", "type": "OS::Cinder::Volume"}, {"id": "v2", "type": "OS::Cinder::Volume"}]}]),
])
def test_desired_resources(given, provider, expected):
    assert desired_resources(given, provider) == expected


@pytest.mark.parametrize("given, provider, option, fragment", [
    ([], NOVA, "resources", "at least one"),
    (None, NOVA, "resources", "at least one"),
    ([{"type": "OS::Nova::Server"}], NOVA, "resources[0]", "give the id or the name"),
    ([{"name": "a"}, {"name": "a"}], NOVA, "resources[1].name", "listed twice"),
    ([{"id": "a", "volumes": ["v"]}], TROVE, "resources[0].volumes", "only VMs"),
    ([{"id": "a"}, {"id": "a"}], NOVA, "resources[1].id", "listed twice"),
    ([{"id": "a", "type": "OS::Trove::Instance"}], NOVA, "resources[0].type", "does not fit provider OS::Nova"),
    ([{"id": "a", "type": "OS::Nova::Server"}], TROVE, "resources[0].type", "allowed: OS::Trove::Instance, OS::Trove::Cluster"),
    ([{"id": "a"}], {"id": "x", "types": ()}, "resources[0].type", "required"),
])
def test_desired_resources_rejects(given, provider, option, fragment):
    with pytest.raises(InvalidOption) as info:
        desired_resources(given, provider)
    assert info.value.option == option and fragment in str(info.value)


@pytest.mark.parametrize("current, wanted, purge, expected_ids", [
    ([VM1, VM2], [VM3], True, ["vm-3"]),
    ([VM1, VM2], [VM3], False, ["vm-1", "vm-2", "vm-3"]),
    ([VM1], [VM1], False, ["vm-1"]),
    ([], [VM1], True, ["vm-1"]),
    (None, [VM1], False, ["vm-1"]),
])
def test_merge_resources(current, wanted, purge, expected_ids):
    assert sorted(r["id"] for r in merge_resources(current, wanted, purge)) == expected_ids


def test_merge_keeps_volumes_unless_given_and_empty_means_all_disks():
    server = dict(VM1, resources=[{"id": "v1", "type": "OS::Cinder::Volume"}])
    assert merge_resources([server], [{"id": "vm-1", "type": "OS::Nova::Server"}], True) == [server]
    assert merge_resources([server], [{"id": "vm-1", "type": "OS::Nova::Server", "resources": []}], True) == [VM1]


def test_merge_keeps_the_stored_name_when_the_user_gives_none():
    merged = merge_resources([VM1], [{"id": "vm-1", "type": "OS::Nova::Server"}], True)
    assert merged == [VM1]


def test_unnamed_resources_are_named_in_the_error():
    with pytest.raises(InvalidOption) as info:
        unnamed([VM1, {"id": "vm-9", "type": "OS::Nova::Server"}])
    assert info.value.option == "resources[1].name" and "vm-9" in str(info.value)


@pytest.mark.parametrize("desired, expected", [
    ({}, {}),
    ({"resources": [VM1, VM2]}, {}),  # same set, other order
    ({"resources": [VM1]}, {"resources": [VM1]}),
    ({"resources": [VM1, dict(VM2, name="renamed")]}, {"resources": [VM1, dict(VM2, name="renamed")]}),
    ({"name": "plan"}, {}),
    ({"name": "other"}, {"name": "other"}),
    ({"status": "running"}, {}),
    ({"status": "suspended"}, {"status": "suspended"}),
    ({"retention_type": "max_backups"}, {}),
    ({"full_day": None}, {}),
    ({"full_day": 0}, {"full_day": 0}),  # Monday is a value, not "unset"
])
def test_plan_changes_only_user_set_fields_that_differ(desired, expected):
    assert plan_changes(PLAN, desired) == expected


def test_plan_changes_sees_full_day_returning_to_null():
    assert plan_changes(dict(PLAN, full_day=0), {"full_day": None}) == {"full_day": None}


def test_create_body_matches_the_documented_request():
    body = create_body({"name": "example-plan", "resources": [VM1], "retention_type": "max_backups"}, NOVA["id"])
    assert body == {"name": "example-plan", "resources": [VM1], "provider_id": NOVA["id"], "full_day": None,
                    "retention_type": "max_backups"}


def test_create_body_leaves_out_unset_retention():
    assert "retention_type" not in create_body({"name": "n", "resources": [VM1]}, NOVA["id"])


def test_predictions():
    created = predict_created({"name": "n", "resources": [VM1], "provider_id": NOVA["id"], "full_day": None}, "proj")
    assert created["id"] is None and created["status"] == "running" and created["project_id"] == "proj"
    updated = predict_updated(dict(PLAN, retention_type="gfs", gfs={"son": 1}), {"retention_type": "max_backups"})
    assert "gfs" not in updated and updated["retention_type"] == "max_backups"


def test_normalise_plan_sorts_resources_and_keeps_volumes_as_ids():
    server = dict(VM2, resources=[{"id": "v2", "type": "OS::Cinder::Volume"}, {"id": "v1", "type": "OS::Cinder::Volume"}])
    view = normalise_plan(dict(PLAN, resources=[server, VM1]))
    assert [r["id"] for r in view["resources"]] == ["vm-1", "vm-2"]
    assert view["resources"][1]["volumes"] == ["v1", "v2"]
    assert normalise_plan(None) == {}


SERVER_WITH_VOLUME = dict(VM3, resources=[{"id": "vol-1", "type": "OS::Cinder::Volume"}])
PLANS = [
    PLAN,
    dict(PLAN, id="p2", name="db", provider_id="trove", status="suspended", resources=[{"id": "db-1"}]),
    dict(PLAN, id="p3", name="plan", resources=[SERVER_WITH_VOLUME]),
]


@pytest.mark.parametrize("filters, expected", [
    ({}, ["p1", "p2", "p3"]),
    ({"name": "plan"}, ["p1", "p3"]),
    ({"name": "pla"}, []),
    ({"resource_id": "vm-1"}, ["p1"]),
    ({"resource_id": "vol-1"}, ["p3"]),
    ({"resource_id": "nothing"}, []),
    ({"provider_id": "trove"}, ["p2"]),
    ({"status": "suspended"}, ["p2"]),
    ({"scheduled": True, "triggers": [{"plan_id": "p3"}]}, ["p3"]),
    ({"scheduled": False, "triggers": [{"plan_id": "p3"}]}, ["p1", "p2"]),
    ({"name": "plan", "resource_id": "vm-3"}, ["p3"]),
])
def test_filter_plans(filters, expected):
    assert [p["id"] for p in filter_plans(PLANS, **filters)] == expected


def test_desired_resources_before_the_provider_is_known_leaves_the_type_open():
    assert desired_resources([{"id": "a", "volumes": ["v"]}], {}) == [
        {"id": "a", "type": None, "resources": [{"id": "v", "type": "OS::Cinder::Volume"}]}]
