# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Who the emulator lets in, and the switches tests flip at run time."""

import datetime
import threading

from .web import ApiError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8799
DEFAULT_PAGE_CAP = 1000


class Identity:
    """The one user, project and application credential the fake Keystone knows.

    VK Cloud users live in the Keystone domain `users`; project ids are 32 hex
    characters without dashes.
    """

    def __init__(self, username="demo", password="demo-password-not-secret",
                 project_id="b5b7ffd4ef0547e5b222f44555df0001", project_name="demo-project"):
        self.username = username
        self.password = password
        self.user_id = "0d1e5a3c7b9f4e2a8c6d4b2a0f1e3d5c"
        self.user_domain_name = "users"
        # A domain id distinct from its name, so a client mixing the two is caught.
        self.user_domain_id = "5d0b5b1e9d1a4b6e8a3f2c7d9e0f1a2b"
        self.project_id = project_id
        self.project_name = project_name
        self.project_domain_name = self.user_domain_name
        self.project_domain_id = self.user_domain_id
        self.region = "RegionOne"
        self.app_cred_id = "demo-app-cred"
        self.app_cred_name = "demo-app-cred"
        self.app_cred_secret = "demo-app-cred-secret"


def _check_int(name, value, minimum, nullable=False):
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ApiError(400, "%s must be an integer >= %d%s" % (name, minimum, " or null" if nullable else ""))
    return value


def _check_bool(name, value):
    if not isinstance(value, bool):
        raise ApiError(400, "%s must be true or false" % name)
    return value


def _check_delay(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ApiError(400, "%s must be a number of seconds >= 0" % name)
    return float(value)


def _check_now(name, value):
    """A frozen clock: unix seconds, an ISO 8601 string, or null for the real time."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ApiError(400, "%s: %r is not an ISO 8601 time" % (name, value))
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=datetime.timezone.utc)
        return parsed.timestamp()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ApiError(400, "%s must be unix seconds, an ISO 8601 string or null" % name)
    return float(value)


class Settings:
    """Behaviour switches, read on every request and changed through /_emulator/config."""

    CHECKS = {
        "page_cap": lambda name, value: _check_int(name, value, 1),
        "checkpoint_delay": _check_delay,
        "shuffle_resources": _check_bool,
        "put_replaces_resources": _check_bool,
        "expire_tokens_after": lambda name, value: _check_int(name, value, 0, nullable=True),
        "now": _check_now,
    }

    def __init__(self, page_cap=DEFAULT_PAGE_CAP, checkpoint_delay=0.0):
        self._lock = threading.Lock()
        self.page_cap = page_cap
        self.checkpoint_delay = float(checkpoint_delay)
        # The real API returns plan resources in no stable order.
        self.shuffle_resources = True
        self.put_replaces_resources = False
        self.expire_tokens_after = None
        # Unix seconds of a frozen clock, or None for the real time.
        self.now = None

    def update(self, changes):
        """Apply a dict of changes; nothing is applied unless every change is valid."""
        if not isinstance(changes, dict):
            raise ApiError(400, "the body must be a JSON object")
        unknown = sorted(set(changes) - set(self.CHECKS))
        if unknown:
            raise ApiError(400, "unknown config keys: %s (known: %s)" % (", ".join(unknown), ", ".join(sorted(self.CHECKS))))
        checked = dict((name, self.CHECKS[name](name, value)) for name, value in changes.items())
        with self._lock:
            for name, value in checked.items():
                setattr(self, name, value)

    def as_dict(self):
        return dict((name, getattr(self, name)) for name in sorted(self.CHECKS))
