# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_schedule import (
    full_day, parse_time, retention_fields, schedule_pattern, to_utc,
)
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import InvalidOption


@pytest.mark.parametrize("schedule, database, expected", [
    # the issue's own example: Monday 01:30 at UTC+3 is Sunday 22:30 UTC
    ({"days": ["monday"], "time": "01:30+03:00"}, False, ("30 22 * * 0", -1)),
    ({"days": ["tuesday"], "time": "03:03"}, False, ("3 3 * * 2", 0)),
    ({"days": ["tuesday"], "time": "03:03Z"}, False, ("3 3 * * 2", 0)),
    ({"days": ["sunday"], "time": "23:15-02:00"}, False, ("15 1 * * 1", 1)),  # crosses midnight forwards
    ({"days": ["saturday", "sunday"], "time": "22:00-03"}, False, ("0 1 * * 0,1", 1)),
    ({"days": ["Mon", "wed", "FRIDAY"], "time": "09:05"}, False, ("5 9 * * 1,3,5", 0)),
    ({"days": ["monday", "monday"], "time": "9:00"}, False, ("0 9 * * 1", 0)),
    ({"days": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], "time": "00:30+05:30"},
     False, ("0 19 * * *", -1)),
    ({"every_hours": 3}, False, ("0 */3 * * *", 0)),
    ({"every_hours": 24}, False, ("0 */24 * * *", 0)),
    ({"every_hours": 12}, True, ("0 */12 * * *", 0)),
    ({"every_hours": 6}, True, ("0 */6 * * *", 0)),
    ({"pattern": "3  3 * * 2"}, False, ("3 3 * * 2", 0)),
])
def test_schedule_pattern(schedule, database, expected):
    assert schedule_pattern(schedule, database) == expected


@pytest.mark.parametrize("schedule, database, option, fragment", [
    ({}, False, "schedule", "give one of pattern, every_hours, or days with time (got none)"),
    ({"pattern": "0 1 * * *", "every_hours": 3}, False, "schedule", "got pattern, every_hours"),
    ({"every_hours": 5}, False, "schedule.every_hours", "use one of 3, 6, 12, 24"),
    ({"every_hours": 24}, True, "schedule.every_hours", "not allowed for database plans; use one of 3, 6, 12"),
    ({"days": ["monday"]}, False, "schedule.time", "is required"),
    ({"time": "01:00"}, False, "schedule.days", "at least one day"),
    ({"days": ["funday"], "time": "01:00"}, False, "schedule.days", "'funday' is not a day"),
    ({"days": ["monday"], "time": "25:00"}, False, "schedule.time", "hours are 00-23"),
    ({"days": ["monday"], "time": "noon"}, False, "schedule.time", "is not a time"),
    ({"days": ["monday"], "time": "01:00+15:00"}, False, "schedule.time", "offsets go up to 14:00"),
    ({"pattern": "3 3 * *"}, False, "schedule.pattern", "needs 5 fields"),
])
def test_schedule_rejections(schedule, database, option, fragment):
    with pytest.raises(InvalidOption) as info:
        schedule_pattern(schedule, database)
    assert info.value.option == option and fragment in str(info.value)


@pytest.mark.parametrize("text, expected", [
    ("01:30", (1, 30, 0)), ("01:30+03:00", (1, 30, 180)), ("01:30-0330", (1, 30, -210)), ("7:05 UTC", (7, 5, 0)),
])
def test_parse_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("args, expected", [((1, 30, 180), (22, 30, -1)), ((23, 0, -120), (1, 0, 1)), ((12, 0, 0), (12, 0, 0))])
def test_to_utc(args, expected):
    assert to_utc(*args) == expected


@pytest.mark.parametrize("retention, retention_type, expected", [
    ({"max_backups": 20}, None, ({"retention_type": "max_backups"}, 20)),
    ({"max_backups": 20}, "max_backups", ({"retention_type": "max_backups"}, 20)),
    ({"gfs": {"weekly": 4}}, None, ({"retention_type": "gfs", "gfs": {"son": 4, "father": 0, "grandfather": 0}}, None)),
    ({"gfs": {"weekly": 4, "monthly": 12, "yearly": 3}}, "gfs",
     ({"retention_type": "gfs", "gfs": {"son": 4, "father": 12, "grandfather": 3}}, None)),
])
def test_retention_fields(retention, retention_type, expected):
    assert retention_fields(retention, retention_type) == expected


@pytest.mark.parametrize("retention, retention_type, option, fragment", [
    ({}, None, "retention", "exactly one of max_backups or gfs"),
    ({"max_backups": 1, "gfs": {"weekly": 1}}, None, "retention", "got max_backups, gfs"),
    ({"max_backups": 0}, None, "retention.max_backups", "from 1 to 200"),
    ({"max_backups": 201}, None, "retention.max_backups", "from 1 to 200"),
    ({"gfs": {"monthly": 1}}, None, "retention.gfs.weekly", "is required"),
    ({"gfs": {"weekly": 54}}, None, "retention.gfs.weekly", "from 1 to 53"),
    ({"gfs": {"weekly": 1, "monthly": 121}}, None, "retention.gfs.monthly", "from 0 to 120"),
    ({"gfs": {"weekly": 1, "yearly": 11}}, None, "retention.gfs.yearly", "from 0 to 10"),
    ({"max_backups": 5}, "gfs", "retention_type", "disagrees with retention.max_backups"),
])
def test_retention_rejections(retention, retention_type, option, fragment):
    with pytest.raises(InvalidOption) as info:
        retention_fields(retention, retention_type)
    assert info.value.option == option and fragment in str(info.value)


@pytest.mark.parametrize("incremental, day, shift, expected", [
    (None, None, 0, (False, None)),
    (False, None, 0, (True, None)),
    (True, None, 0, (False, None)),
    (True, "monday", 0, (True, 0)),
    (None, "sunday", 0, (True, 6)),
    (True, "monday", -1, (True, 6)),  # the schedule's time zone moved the runs to Sunday UTC
    (True, "sunday", 1, (True, 0)),
])
def test_full_day(incremental, day, shift, expected):
    assert full_day(incremental, day, shift) == expected


def test_full_day_needs_incremental():
    with pytest.raises(InvalidOption, match="^full_backup_day: only applies with incremental: true"):
        full_day(False, "monday")
