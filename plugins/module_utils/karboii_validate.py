# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Checks on user input that run before any request is sent.

Each failure names the option and what it allows. The ranges are the API's
(VK's Swagger spec); the providers are the fixed ones every project has.
"""

from __future__ import annotations

import re

NOVA_ID = "37997f75-0637-4a69-bf7e-49ff2ff11fa5"
TROVE_ID = "7ab9410c-edda-4623-a51a-1bb806666cb3"
SERVER = "OS::Nova::Server"
VOLUME = "OS::Cinder::Volume"
DB_INSTANCE = "OS::Trove::Instance"
DB_CLUSTER = "OS::Trove::Cluster"

# name, id, the resource types a plan of that provider protects (first = default), friendly aliases
PROVIDERS = (
    {"name": "OS::Nova", "id": NOVA_ID, "types": (SERVER,), "aliases": ("nova", "vm", "vms", "cloud_servers")},
    {"name": "OS::Trove", "id": TROVE_ID, "types": (DB_INSTANCE, DB_CLUSTER), "aliases": ("trove", "db", "dbaas", "database")},
)
UUID = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")

CRON_FIELDS = (("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 0, 7))
CRON_ITEM = re.compile(r"^(\*|\d+(?:-\d+)?)(?:/(\d+))?$")


class InvalidOption(Exception):
    """Bad input, found before anything was sent."""

    def __init__(self, option, message):
        super().__init__("%s: %s" % (option, message))
        self.option = option


def known_provider(value):
    """The provider entry for a name, alias or id; None when it is none of those."""
    wanted = str(value).strip().lower()
    for provider in PROVIDERS:
        if wanted in (provider["name"].lower(), provider["id"]) or wanted in provider["aliases"]:
            return provider
    return None


def provider_choices():
    return "; ".join("%s (or %s, id %s)" % (p["name"], ", ".join(p["aliases"]), p["id"]) for p in PROVIDERS)


def check_provider(value, option="provider"):
    """A known provider entry, or a bare id (a provider this collection does not know yet)."""
    provider = known_provider(value)
    if provider:
        return provider
    if UUID.match(str(value)):
        return {"name": None, "id": str(value).lower(), "types": (), "aliases": ()}
    raise InvalidOption(option, "unknown provider '%s'; use one of %s, or a provider id" % (value, provider_choices()))


def check_length(value, option, low, high):
    if not isinstance(value, str) or not low <= len(value) <= high:
        size = len(value) if isinstance(value, str) else "no"
        raise InvalidOption(option, "must be %d to %d characters long, got %s characters" % (low, high, size))
    return value


def check_range(value, option, low, high):
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidOption(option, "must be an integer from %d to %d, got %r" % (low, high, value))
    return value


def check_cron(pattern, option="pattern"):
    """A 5-field cron pattern in numbers: minute hour day-of-month month day-of-week (UTC)."""
    fields = str(pattern).split()
    if len(fields) != 5:
        raise InvalidOption(option, "'%s' is not a cron pattern: it needs 5 fields (minute hour day-of-month month "
                                    "day-of-week), e.g. '3 3 * * 2'" % pattern)
    for text, (label, low, high) in zip(fields, CRON_FIELDS):
        for item in text.split(","):
            match = CRON_ITEM.match(item)
            if not match or not _cron_item_in_range(match, low, high):
                raise InvalidOption(option, "'%s': the %s field '%s' is not valid; use *, numbers %d-%d, ranges a-b, "
                                            "lists a,b and steps */n" % (pattern, label, text, low, high))
    return " ".join(fields)


def _cron_item_in_range(match, low, high):
    span, step = match.group(1), match.group(2)
    if step is not None and int(step) < 1:
        return False
    if span == "*":
        return True
    bounds = [int(x) for x in span.split("-")]
    return all(low <= b <= high for b in bounds) and bounds[0] <= bounds[-1]
