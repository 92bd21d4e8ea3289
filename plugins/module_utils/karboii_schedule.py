# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Schedules and retention in user terms, turned into what the API stores.

The API keeps a cron pattern in UTC (standard weekdays, 0 = Sunday) on the trigger,
and an incremental plan's full-backup weekday as `full_day` (0 = Monday, as VK's
Terraform provider maps it). A local time with an offset is moved to UTC, and the
weekdays move with it when the conversion crosses midnight.
"""

from __future__ import annotations

import re

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import (
    InvalidOption, check_cron, check_range,
)

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")  # index = full_day
TIME = re.compile(r"^(\d{1,2}):(\d{2})(?:\s*(?:(Z|UTC)|([+-])(\d{1,2})(?::?(\d{2}))?))?$", re.IGNORECASE)
VM_EVERY_HOURS = (3, 6, 12, 24)
DB_EVERY_HOURS = (3, 6, 12)  # the API allows only these sub-day intervals for databases
GFS_TRIGGER_MAX_BACKUPS = 30  # the backend wants max_backups on every trigger; GFS plans ignore it (VK's provider sends 30)
GFS_RANGES = (("weekly", "son", 1, 53), ("monthly", "father", 0, 120), ("yearly", "grandfather", 0, 10))


def day_index(name, option):
    """0 for Monday ... 6 for Sunday; full names or their first three letters."""
    text = str(name).strip().lower()
    for index, day in enumerate(DAYS):
        if text in (day, day[:3]):
            return index
    raise InvalidOption(option, "'%s' is not a day; use %s" % (name, ", ".join(DAYS)))


def cron_weekday(index):
    """Our Monday-first index as a standard cron weekday (Sunday = 0)."""
    return (index + 1) % 7


def parse_time(text, option="schedule.time"):
    """(hour, minute, offset in minutes) from 'HH:MM' with an optional '+HH:MM', '-HH', 'Z' or 'UTC'."""
    match = TIME.match(str(text).strip())
    if not match:
        raise InvalidOption(option, "'%s' is not a time; use HH:MM in UTC, or HH:MM+03:00 with an offset" % text)
    hour, minute = int(match.group(1)), int(match.group(2))
    offset = 0
    if match.group(4):
        offset = int(match.group(5)) * 60 + int(match.group(6) or 0)
        if offset > 14 * 60:
            raise InvalidOption(option, "'%s': offsets go up to 14:00" % text)
        offset = -offset if match.group(4) == "-" else offset
    if hour > 23 or minute > 59:
        raise InvalidOption(option, "'%s': hours are 00-23 and minutes 00-59" % text)
    return hour, minute, offset


def to_utc(hour, minute, offset):
    """(hour, minute, day shift) in UTC: shift -1 when the UTC time falls on the day before."""
    total = hour * 60 + minute - offset
    shift, total = divmod(total, 24 * 60)
    return total // 60, total % 60, shift


def schedule_pattern(schedule, database=False, option="schedule"):
    """The UTC cron pattern for a schedule dict, and the weekday shift its time zone causes."""
    given = [key for key in ("pattern", "every_hours", "days") if schedule.get(key) is not None]
    if schedule.get("time") is not None and "days" not in given:
        given.append("days")
    if len(given) != 1:
        raise InvalidOption(option, "give one of pattern, every_hours, or days with time (got %s)"
                            % (", ".join(given) or "none"))
    if schedule.get("pattern") is not None:
        return check_cron(schedule["pattern"], option + ".pattern"), 0
    if schedule.get("every_hours") is not None:
        allowed = DB_EVERY_HOURS if database else VM_EVERY_HOURS
        hours = schedule["every_hours"]
        if hours not in allowed:
            raise InvalidOption(option + ".every_hours", "%r is not allowed for %s plans; use one of %s"
                                % (hours, "database" if database else "VM", ", ".join(str(h) for h in allowed)))
        return "0 */%d * * *" % hours, 0
    days, time = schedule.get("days"), schedule.get("time")
    if not days:
        raise InvalidOption(option + ".days", "list at least one day with schedule.time")
    if time is None:
        raise InvalidOption(option + ".time", "is required with schedule.days")
    hour, minute, shift = to_utc(*parse_time(time, option + ".time"))
    indexes = sorted({(day_index(day, option + ".days") + shift) % 7 for day in days})
    weekdays = "*" if len(indexes) == 7 else ",".join(str(d) for d in sorted(cron_weekday(i) for i in indexes))
    return "%d %d * * %s" % (minute, hour, weekdays), shift


def gfs_body(gfs, option="retention.gfs"):
    """The API's gfs object (son/father/grandfather) from weekly/monthly/yearly counts."""
    body = {}
    for ours, theirs, low, high in GFS_RANGES:
        value = gfs.get(ours)
        if value is None:
            if ours == "weekly":
                raise InvalidOption(option + ".weekly", "is required: weeks of backups to keep, 1 to 53")
            value = 0
        body[theirs] = check_range(value, "%s.%s" % (option, ours), low, high)
    return body


def retention_fields(retention, retention_type=None):
    """Plan fields and the trigger's max_backups for a retention dict; checks retention_type agrees."""
    keys = [key for key in ("max_backups", "gfs") if retention.get(key) is not None]
    if len(keys) != 1:
        raise InvalidOption("retention", "give exactly one of max_backups or gfs (got %s)" % (", ".join(keys) or "none"))
    kind = keys[0]
    if retention_type is not None and retention_type != kind:
        raise InvalidOption("retention_type", "'%s' disagrees with retention.%s; drop one of them" % (retention_type, kind))
    if kind == "max_backups":
        count = check_range(retention["max_backups"], "retention.max_backups", 1, 200)
        return {"retention_type": "max_backups"}, count
    return {"retention_type": "gfs", "gfs": gfs_body(retention["gfs"])}, None


def full_day(incremental, full_backup_day, shift=0):
    """The plan's full_day: None for full backups only, else the UTC weekday of the full backup.

    Returns a (set, value) pair: set is False when the user said nothing about it.
    """
    if incremental is False:
        if full_backup_day is not None:
            raise InvalidOption("full_backup_day", "only applies with incremental: true")
        return True, None
    if full_backup_day is None:
        return False, None
    return True, (day_index(full_backup_day, "full_backup_day") + shift) % 7
