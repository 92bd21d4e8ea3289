# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Small checks shared by the request validators; each raises a 400 naming the field."""

from .web import ApiError

MISSING = object()


def bad_request(message):
    return ApiError(400, message)


def envelope(body, key):
    """`{"<key>": {...}}` and nothing else around it -> the inner object."""
    unknown = sorted(set(body) - {key})
    if unknown:
        raise bad_request("unknown keys in request body: %s (expected only %r)" % (", ".join(unknown), key))
    return require_object(body.get(key, MISSING), key)


def require_object(value, where):
    if value is MISSING:
        raise bad_request("%s is required" % where)
    if not isinstance(value, dict):
        raise bad_request("%s must be an object" % where)
    return value


def reject_unknown(obj, allowed, where):
    unknown = sorted(set(obj) - set(allowed))
    if unknown:
        raise bad_request("%s: unknown keys %s (allowed: %s)" % (where, ", ".join(unknown), ", ".join(sorted(allowed))))


def is_int(value):
    # JSON true/false arrive as Python bools, which are ints: refuse them.
    return isinstance(value, int) and not isinstance(value, bool)


def string_field(obj, key, where, min_len=0, max_len=None, required=False):
    """A string within length bounds; MISSING when absent and optional."""
    value = obj.get(key, MISSING)
    name = "%s.%s" % (where, key)
    if value is MISSING:
        if required:
            raise bad_request("%s is required" % name)
        return MISSING
    if not isinstance(value, str):
        raise bad_request("%s must be a string" % name)
    if len(value) < min_len or (max_len is not None and len(value) > max_len):
        raise bad_request("%s must be %d to %s characters long (got %d)" % (name, min_len, max_len, len(value)))
    return value


def int_field(obj, key, where, minimum, maximum, required=False, nullable=False):
    """An integer in [minimum, maximum], or None when nullable; MISSING when absent and optional."""
    value = obj.get(key, MISSING)
    name = "%s.%s" % (where, key)
    if value is MISSING:
        if required:
            raise bad_request("%s is required" % name)
        return MISSING
    if value is None and nullable:
        return None
    if not is_int(value):
        raise bad_request("%s must be an integer%s" % (name, " or null" if nullable else ""))
    if not minimum <= value <= maximum:
        raise bad_request("%s must be between %d and %d (got %d)" % (name, minimum, maximum, value))
    return value


def enum_field(obj, key, where, choices, required=False):
    value = obj.get(key, MISSING)
    name = "%s.%s" % (where, key)
    if value is MISSING:
        if required:
            raise bad_request("%s is required" % name)
        return MISSING
    if value not in choices:
        raise bad_request("%s must be one of %s (got %r)" % (name, ", ".join(choices), value))
    return value
