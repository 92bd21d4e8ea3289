# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Fault injection: rules that make chosen requests fail, stall or lose their connection."""

import re
import threading

from .web import ApiError

SERVICES = ("karboii", "keystone", "nova")
DROP_MODES = ("before", "after")
RULE_KEYS = ("service", "method", "path", "times", "status", "retry_after", "delay", "drop")


def _number(rule, key, minimum):
    value = rule.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
        raise ApiError(400, "fault %s must be a number >= %s" % (key, minimum))
    return value


class FaultRule:
    """One rule; it fires on matching requests until `times` is used up (-1 = forever)."""

    def __init__(self, spec):
        if not isinstance(spec, dict):
            raise ApiError(400, "each fault must be an object")
        unknown = sorted(set(spec) - set(RULE_KEYS))
        if unknown:
            raise ApiError(400, "unknown fault keys: %s (allowed: %s)" % (", ".join(unknown), ", ".join(RULE_KEYS)))
        self.service = spec.get("service", "karboii")
        if self.service not in SERVICES:
            raise ApiError(400, "fault service must be one of %s" % ", ".join(SERVICES))
        self.method = (spec.get("method") or "").upper() or None
        self.path = spec.get("path")
        try:
            self._path_regex = re.compile(self.path) if self.path else None
        except (re.error, TypeError) as exc:
            raise ApiError(400, "fault path is not a valid regex: %s" % exc)
        times = spec.get("times", 1)
        if isinstance(times, bool) or not isinstance(times, int) or (times < 1 and times != -1):
            raise ApiError(400, "fault times must be a positive integer or -1 (forever)")
        self.times = times
        status = spec.get("status")
        if status is not None and (isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599):
            raise ApiError(400, "fault status must be an HTTP status code")
        self.status = status
        self.retry_after = _number(spec, "retry_after", 0)
        self.delay = _number(spec, "delay", 0) or 0
        self.drop = spec.get("drop")
        if self.drop is not None and self.drop not in DROP_MODES:
            raise ApiError(400, "fault drop must be 'before' or 'after'")
        if self.status is not None and self.drop is not None:
            raise ApiError(400, "a fault either answers a status or drops the connection, not both")

    def matches(self, service, method, path):
        if self.times == 0 or service != self.service:
            return False
        if self.method is not None and method != self.method:
            return False
        return self._path_regex is None or self._path_regex.search(path) is not None

    def as_dict(self):
        return {
            "service": self.service, "method": self.method, "path": self.path, "times": self.times,
            "status": self.status, "retry_after": self.retry_after, "delay": self.delay, "drop": self.drop,
        }


class FaultAction:
    """What the matching rules ask for one request."""

    def __init__(self):
        self.delay = 0
        self.status = None
        self.retry_after = None
        self.drop = None

    def __bool__(self):
        return bool(self.delay or self.status or self.drop)


class FaultInjector:
    """The rule list, consumed atomically so parallel requests share each rule's `times`."""

    def __init__(self):
        self._lock = threading.Lock()
        self._rules = []

    def add(self, specs):
        rules = [FaultRule(spec) for spec in specs]  # all valid or none added
        with self._lock:
            self._rules.extend(rules)
        return [rule.as_dict() for rule in rules]

    def clear(self):
        with self._lock:
            self._rules = []

    def as_list(self):
        with self._lock:
            return [rule.as_dict() for rule in self._rules]

    def take(self, service, method, path):
        """Use up every matching rule up to the first that answers or drops; their delays add up.

        So a latency-only rule kept forever combines with a one-off 503 rule.
        """
        action = FaultAction()
        if not self._rules:  # the common case stays lock-free
            return action
        with self._lock:
            for rule in self._rules:
                if not rule.matches(service, method, path):
                    continue
                if rule.times > 0:
                    rule.times -= 1
                action.delay += rule.delay
                if rule.status is not None or rule.drop is not None:
                    action.status, action.retry_after, action.drop = rule.status, rule.retry_after, rule.drop
                    break
            self._rules = [rule for rule in self._rules if rule.times != 0]
        return action
