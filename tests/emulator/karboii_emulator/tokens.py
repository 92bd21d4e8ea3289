# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Issued Keystone tokens: opaque ids, a one-hour life, and an optional use budget."""

import secrets
import threading

from .constants import TOKEN_LIFETIME_SECONDS


class Tokens:
    """Tokens live in memory only: after a restart clients authenticate again, as after a real expiry."""

    def __init__(self):
        self._lock = threading.Lock()
        self._records = {}

    def issue(self, methods, project_id, now, uses=None, app_cred=False):
        """`uses` is how many authenticated requests the token may serve (None = no limit)."""
        # Fernet tokens start with gAAAAA; clients must treat them as opaque anyway.
        token_id = "gAAAAAB" + secrets.token_urlsafe(96)
        record = {
            "id": token_id,
            "methods": list(methods),
            "project_id": project_id,
            "issued_at": now,
            "expires_at": now + TOKEN_LIFETIME_SECONDS,
            "uses_left": uses,
            "app_cred": app_cred,
            "audit_id": secrets.token_urlsafe(16),
        }
        with self._lock:
            self._drop_expired(now)
            self._records[token_id] = record
        return record

    def _drop_expired(self, now):
        # Cheap housekeeping so a long benchmark does not grow the table forever.
        if len(self._records) > 10000:
            self._records = dict((key, rec) for key, rec in self._records.items() if rec["expires_at"] > now)

    def check(self, token_id, now, count=True):
        """The token's record when it is valid now; `count` spends one use of its budget."""
        if not token_id:
            return None
        with self._lock:
            record = self._records.get(token_id)
            if record is None or record["expires_at"] <= now:
                return None
            if record["uses_left"] is not None:
                if record["uses_left"] <= 0:
                    return None
                if count:
                    record["uses_left"] -= 1
            return record

    def ids(self):
        """Every token issued and not dropped, so a test can look for them where they must not be."""
        with self._lock:
            return list(self._records)

    def revoke(self, token_id):
        with self._lock:
            return self._records.pop(token_id, None) is not None

    def clear(self):
        with self._lock:
            self._records = {}
