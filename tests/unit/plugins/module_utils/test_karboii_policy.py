# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_policy import (
    check_for_create, check_for_update, policy, trigger_for_create,
)
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import InvalidOption, check_provider

NOVA = check_provider("vm")
TROVE = check_provider("db")


@pytest.mark.parametrize("params, provider, plan, trigger", [
    ({}, NOVA, {}, None),
    ({"status": "suspended"}, NOVA, {"status": "suspended"}, None),
    ({"schedule": {"pattern": "0 1 * * *"}}, NOVA, {}, {"pattern": "0 1 * * *"}),
    ({"retention": {"max_backups": 7}}, NOVA, {"retention_type": "max_backups"}, {"max_backups": 7}),
    ({"retention": {"gfs": {"weekly": 2}}}, NOVA, {"retention_type": "gfs", "gfs": {"son": 2, "father": 0, "grandfather": 0}}, None),
    ({"retention_type": "max_backups"}, NOVA, {"retention_type": "max_backups"}, None),
    ({"incremental": True, "full_backup_day": "monday", "schedule": {"days": ["monday"], "time": "01:30+03:00"}},
     NOVA, {"full_day": 6}, {"pattern": "30 22 * * 0"}),
    ({"incremental": False}, NOVA, {"full_day": None}, None),
    ({"schedule": {"every_hours": 6}}, TROVE, {}, {"pattern": "0 */6 * * *"}),
])
def test_policy_splits_into_plan_and_trigger(params, provider, plan, trigger):
    result = policy(params, provider)
    assert result.plan == plan and result.trigger == trigger


def test_incremental_is_for_vms_only():
    with pytest.raises(InvalidOption, match="^incremental: only VM plans"):
        policy({"incremental": True, "full_backup_day": "sunday"}, TROVE)


@pytest.mark.parametrize("params, option", [
    ({"incremental": True}, "full_backup_day"),
    ({"retention_type": "gfs"}, "retention"),
    ({"retention": {"max_backups": 3}}, "schedule"),
    ({"schedule": {"pattern": "0 1 * * *"}}, "retention"),
])
def test_what_a_new_plan_cannot_do_without(params, option):
    with pytest.raises(InvalidOption) as info:
        check_for_create(policy(params, NOVA), "p")
    assert info.value.option == option


def test_a_new_gfs_plan_with_a_schedule_gets_the_trigger_count_the_backend_wants():
    wanted = policy({"schedule": {"pattern": "0 1 * * *"}, "retention": {"gfs": {"weekly": 4}}}, NOVA)
    check_for_create(wanted, "p")
    assert trigger_for_create(wanted, {"retention_type": "gfs"}) == {"pattern": "0 1 * * *", "max_backups": 30}


@pytest.mark.parametrize("params, plan, ok", [
    ({"incremental": True}, {"full_day": 3}, True),
    ({"incremental": True}, {"full_day": None}, False),
    ({"retention_type": "gfs"}, {"retention_type": "gfs"}, True),
    ({"retention_type": "gfs"}, {"retention_type": "max_backups"}, False),
])
def test_what_an_update_needs(params, plan, ok):
    wanted = policy(params, NOVA)
    if ok:
        check_for_update(wanted, plan)
    else:
        with pytest.raises(InvalidOption):
            check_for_update(wanted, plan)
