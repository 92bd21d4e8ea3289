# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The request journal tests read to prove what a client sent, and how often."""

import collections
import threading

MAX_ENTRIES = 10000
COUNTED_SERVICES = ("karboii", "keystone", "nova")
SECRET_KEYS = ("password", "secret", "token")
REDACTED = "<redacted>"


def redact(value, parent=None):
    """The body with every password, secret and token replaced, so the journal can be printed safely."""
    if isinstance(value, dict):
        return {key: REDACTED if _is_secret(key, value[key], parent) else redact(value[key], key) for key in value}
    if isinstance(value, list):
        return [redact(item, parent) for item in value]
    return value


def _is_secret(key, value, parent):
    # Keystone's token method carries the token as {"token": {"id": ...}}.
    return isinstance(value, str) and (key in SECRET_KEYS or (key == "id" and parent == "token"))


class RequestLog:
    """Counts per service and the last MAX_ENTRIES requests."""

    def __init__(self, max_entries=MAX_ENTRIES):
        self._lock = threading.Lock()
        self._entries = collections.deque(maxlen=max_entries)
        self._counts = collections.Counter()

    def record(self, service, request, status, dropped=None):
        entry = {
            "service": service,
            "method": request.method,
            "path": request.path,
            "query": request.query,
            "status": status,
            "body": redact(request.json),
        }
        if dropped:
            entry["dropped"] = dropped
        with self._lock:
            self._counts[service] += 1
            self._entries.append(entry)

    def snapshot(self):
        with self._lock:
            counts = dict((service, self._counts.get(service, 0)) for service in COUNTED_SERVICES)
            counts.update((service, count) for service, count in self._counts.items() if service not in counts)
            return {"counts": counts, "log": list(self._entries)}

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._counts.clear()
