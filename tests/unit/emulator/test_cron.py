# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The emulator's cron: standard five fields, UTC, 0 and 7 are Sunday."""

import datetime

import pytest

from karboii_emulator import cron  # conftest put tests/emulator on sys.path

UTC = datetime.timezone.utc
# Friday 2023-05-19 12:00 UTC: the day the docs' sample plan was created.
FRIDAY_NOON = datetime.datetime(2023, 5, 19, 12, 0, tzinfo=UTC)


def at(*parts):
    return datetime.datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize("pattern, expected", [
    ("3 3 * * 2", at(2023, 5, 23, 3, 3)),          # the docs' sample: next Tuesday 03:03
    ("* * * * *", at(2023, 5, 19, 12, 1)),         # strictly after now
    ("*/3 * * * *", at(2023, 5, 19, 12, 3)),
    ("0 */3 * * *", at(2023, 5, 19, 15, 0)),
    ("30 11 * * *", at(2023, 5, 20, 11, 30)),      # today's slot has passed
    ("0 0 * * 0", at(2023, 5, 21, 0, 0)),          # Sunday
    ("0 0 * * 7", at(2023, 5, 21, 0, 0)),          # 7 is Sunday too
    ("0 0 * * sun", at(2023, 5, 21, 0, 0)),
    ("15 9 * * 1-5", at(2023, 5, 22, 9, 15)),      # next weekday after Friday noon is Monday
    ("15 9 * * mon,wed", at(2023, 5, 22, 9, 15)),
    ("0 12 1 * *", at(2023, 6, 1, 12, 0)),
    ("0 0 1 jan *", at(2024, 1, 1, 0, 0)),
    ("0 0 29 2 *", at(2024, 2, 29, 0, 0)),         # leap day
    ("0 0 13 * 5", at(2023, 5, 26, 0, 0)),         # both day fields restricted: either matches (next Friday)
    ("0 0 */10 * *", at(2023, 5, 21, 0, 0)),       # days 1, 11, 21, 31
    ("5/20 * * * *", at(2023, 5, 19, 12, 5)),      # 5, 25, 45
    ("0-10/5 13 * * *", at(2023, 5, 19, 13, 0)),
    ("59 23 31 12 *", at(2023, 12, 31, 23, 59)),
])
def test_next_run(pattern, expected):
    assert cron.next_run(pattern, FRIDAY_NOON) == expected


def test_next_time_matches_the_docs_sample():
    # The docs created `3 3 * * 2` in May 2023 and were told next_time 1684810980.
    assert cron.next_time("3 3 * * 2", FRIDAY_NOON) == 1684810980


def test_naive_datetimes_are_utc():
    assert cron.next_run("0 0 * * *", datetime.datetime(2023, 5, 19, 12, 0)) == at(2023, 5, 20, 0, 0)


def test_seconds_are_ignored_and_the_same_minute_is_skipped():
    assert cron.next_run("0 12 * * *", at(2023, 5, 19, 12, 0).replace(second=30)) == at(2023, 5, 20, 12, 0)


@pytest.mark.parametrize("pattern", [
    "0 3 * * 1", "*/15 * * * *", "0 0,12 * * *", "1-59/2 * * * *", "0 0 1,15 * *", "0 4 * * MON-FRI",
    "  0   3  *  *  2 ", "0 0 * DEC *", "0 0 * * 0-7",
])
def test_valid_patterns(pattern):
    assert cron.is_valid(pattern)


@pytest.mark.parametrize("pattern, reason", [
    ("", "expected 5 fields"),
    ("* * * *", "expected 5 fields"),
    ("* * * * * *", "expected 5 fields"),
    ("60 * * * *", "outside 0-59"),
    ("* 24 * * *", "outside 0-23"),
    ("* * 0 * *", "outside 1-31"),
    ("* * 32 * *", "outside 1-31"),
    ("* * * 13 *", "outside 1-12"),
    ("* * * * 8", "outside 0-7"),
    ("*/0 * * * *", "bad step"),
    ("*/x * * * *", "bad step"),
    ("5-1 * * * *", "backwards"),
    ("1,,2 * * * *", "empty list item"),
    ("a * * * *", "not a number"),
    ("@daily", "expected 5 fields"),
    ("0 0 30 2 *", "never fires"),
    ("0 0 31 4,6,9,11 *", "never fires"),
])
def test_invalid_patterns(pattern, reason):
    with pytest.raises(cron.CronError, match=reason):
        cron.parse(pattern)
    assert not cron.is_valid(pattern)


def test_non_string_pattern_is_invalid():
    assert not cron.is_valid(None)
