# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_triggers import (
    default_name, desired_trigger, flatten, missing_for_create, predict_created, predict_updated, the_trigger,
    trigger_changes,
)
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import InvalidOption

TRIGGER = {"id": "t1", "name": "example-plan", "plan_id": "p1", "project_id": "proj",
           "properties": {"pattern": "3 3 * * 2", "max_backups": 20, "next_time": 1684810980}}


@pytest.mark.parametrize("kwargs, expected", [
    ({}, {}),
    ({"pattern": " 3  3 * * 2 "}, {"pattern": "3 3 * * 2"}),
    ({"name": "abc", "max_backups": 200}, {"name": "abc", "max_backups": 200}),
])
def test_desired_trigger(kwargs, expected):
    assert desired_trigger(**kwargs) == expected


@pytest.mark.parametrize("kwargs, option", [
    ({"name": "ab"}, "name"), ({"name": "x" * 101}, "name"),
    ({"max_backups": 0}, "max_backups"), ({"max_backups": 201}, "max_backups"),
    ({"pattern": "every day"}, "pattern"),
])
def test_desired_trigger_rejects(kwargs, option):
    with pytest.raises(InvalidOption) as info:
        desired_trigger(**kwargs)
    assert info.value.option == option


def test_default_name_follows_the_plan_but_keeps_the_limits():
    assert default_name("example-plan") == "example-plan"
    with pytest.raises(InvalidOption, match="^name: .*'ab' has 2"):
        default_name("ab")


@pytest.mark.parametrize("desired, missing", [
    ({"name": "n", "pattern": "p", "max_backups": 1}, []),
    ({"name": "n"}, ["pattern", "max_backups"]),
])
def test_missing_for_create(desired, missing):
    assert missing_for_create(desired) == missing


@pytest.mark.parametrize("desired, expected", [
    ({}, {}),
    ({"pattern": "3 3 * * 2", "max_backups": 20, "name": "example-plan"}, {}),
    ({"pattern": "3 4 * * 2"}, {"pattern": "3 4 * * 2"}),
    ({"max_backups": 21}, {"max_backups": 21}),
    ({"name": "renamed"}, {"name": "renamed"}),
])
def test_trigger_changes_is_flat_and_minimal(desired, expected):
    assert trigger_changes(TRIGGER, desired) == expected


def test_the_trigger_of_a_plan():
    assert the_trigger([TRIGGER, dict(TRIGGER, id="t2", plan_id="p2")], "p1")["id"] == "t1"
    assert the_trigger([], "p1") is None
    with pytest.raises(InvalidOption, match="2 triggers"):
        the_trigger([TRIGGER, dict(TRIGGER, id="t2")], "p1")


def test_predictions_and_flatten():
    created = predict_created({"name": "n", "pattern": "0 1 * * *", "max_backups": 3}, "p1", "proj")
    assert flatten(created) == {"id": None, "name": "n", "plan_id": "p1", "pattern": "0 1 * * *", "max_backups": 3}
    updated = predict_updated(TRIGGER, {"max_backups": 5, "name": "x"})
    assert updated["properties"] == {"pattern": "3 3 * * 2", "max_backups": 5, "next_time": 1684810980}
    assert updated["name"] == "x" and TRIGGER["properties"]["max_backups"] == 20
    assert flatten(None) == {}
