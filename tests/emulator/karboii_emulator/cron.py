# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Standard five-field cron patterns, evaluated in UTC.

`minute hour day-of-month month day-of-week`; each field takes `*`, numbers,
lists (`1,3`), ranges (`1-5`) and steps (`*/3`, `1-10/2`, `5/15`); months and
weekdays also take English three-letter names. Day of week 0 and 7 are Sunday
(the only live sample, `3 3 * * 2`, ran on a Tuesday). As in Vixie cron, when
both day fields are restricted a day matching either one fires.
"""

import collections
import datetime
import functools

UTC = datetime.timezone.utc

MONTH_NAMES = dict((name, number) for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1))
DAY_NAMES = dict((name, number) for number, name in enumerate(("sun", "mon", "tue", "wed", "thu", "fri", "sat")))

# (name, lowest, highest, names)
FIELDS = (
    ("minute", 0, 59, {}),
    ("hour", 0, 23, {}),
    ("day of month", 1, 31, {}),
    ("month", 1, 12, MONTH_NAMES),
    ("day of week", 0, 7, DAY_NAMES),
)
DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # leap years allowed
# Day-of-month/weekday/month combinations repeat within 28 years (plus a century skip).
SEARCH_DAYS = 366 * 29

CronSpec = collections.namedtuple("CronSpec", "minutes hours days months weekdays dom_restricted dow_restricted")


class CronError(ValueError):
    """The pattern is not a valid five-field cron pattern."""


def _number(text, low, high, names, field):
    text = text.lower()
    if text in names:
        return names[text]
    if not text.isdigit():
        raise CronError("%s: %r is not a number" % (field, text))
    value = int(text)
    if not low <= value <= high:
        raise CronError("%s: %d is outside %d-%d" % (field, value, low, high))
    return value


def _part_values(part, low, high, names, field):
    base, slash, step_text = part.partition("/")
    step = 1
    if slash:
        if not step_text.isdigit() or int(step_text) == 0:
            raise CronError("%s: bad step in %r" % (field, part))
        step = int(step_text)
    if base == "*":
        start, end = low, high
    elif "-" in base:
        first, last = base.split("-", 1)
        start, end = _number(first, low, high, names, field), _number(last, low, high, names, field)
        if start > end:
            raise CronError("%s: range %r runs backwards" % (field, part))
    else:
        start = _number(base, low, high, names, field)
        # `5/15` means "from 5 to the end, every 15" as in Vixie cron.
        end = high if slash else start
    return range(start, end + 1, step)


def _parse_field(text, low, high, names, field):
    values = set()
    for part in text.split(","):
        if not part:
            raise CronError("%s: empty list item in %r" % (field, text))
        values.update(_part_values(part, low, high, names, field))
    return values


@functools.lru_cache(maxsize=1024)
def parse(pattern):
    """The pattern as sets of allowed values; raises CronError when it is invalid or never fires."""
    if not isinstance(pattern, str):
        raise CronError("the pattern must be a string")
    texts = pattern.split()
    if len(texts) != 5:
        raise CronError("expected 5 fields (minute hour day-of-month month day-of-week), got %d" % len(texts))
    values = [_parse_field(text, low, high, names, field) for text, (field, low, high, names) in zip(texts, FIELDS)]
    weekdays = frozenset(day % 7 for day in values[4])  # 7 is Sunday too
    spec = CronSpec(
        minutes=tuple(sorted(values[0])), hours=tuple(sorted(values[1])), days=frozenset(values[2]),
        months=frozenset(values[3]), weekdays=weekdays,
        dom_restricted=not texts[2].startswith("*"), dow_restricted=not texts[4].startswith("*"))
    if _first_day(spec, datetime.date(2000, 1, 1)) is None:
        raise CronError("the pattern never fires")
    return spec


def is_valid(pattern):
    try:
        parse(pattern)
    except CronError:
        return False
    return True


def _day_matches(spec, day):
    if day.month not in spec.months:
        return False
    in_days = day.day in spec.days
    in_weekdays = (day.weekday() + 1) % 7 in spec.weekdays  # Python: Monday=0; cron: Sunday=0
    if spec.dom_restricted and spec.dow_restricted:
        return in_days or in_weekdays
    return in_days and in_weekdays


def _first_day(spec, day):
    for _attempt in range(SEARCH_DAYS):
        if _day_matches(spec, day):
            return day
        day += datetime.timedelta(days=1)
    return None


def next_run(pattern, after):
    """The first time strictly after `after` (a datetime; naive means UTC) that the pattern fires."""
    spec = parse(pattern)
    if after.tzinfo is None:
        after = after.replace(tzinfo=UTC)
    start = after.astimezone(UTC).replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    day = start.date()
    while True:
        day = _first_day(spec, day)
        if day is None:  # unreachable for a pattern parse() accepted; kept as a guard
            raise CronError("the pattern never fires")
        today = day == start.date()
        for hour in spec.hours:
            if today and hour < start.hour:
                continue
            for minute in spec.minutes:
                if today and hour == start.hour and minute < start.minute:
                    continue
                return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)
        day += datetime.timedelta(days=1)


@functools.lru_cache(maxsize=8192)
def _next_time_for_minute(pattern, minute):
    after = datetime.datetime.fromtimestamp(minute * 60, UTC)
    return int(next_run(pattern, after).timestamp())


def next_time(pattern, now):
    """Unix seconds of the next run after `now`; cached per minute since that is cron's resolution."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return _next_time_for_minute(pattern, int(now.timestamp()) // 60)
