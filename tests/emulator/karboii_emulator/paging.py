# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""`limit` / `offset` / `sort` on list calls, with the server-side page cap.

Karboii pages by offset (no marker, no next links). A page never exceeds the
cap: a larger `limit` is cut down and an absent one means the cap, so a client
that does not page explicitly silently misses items, as it would against the
real service.
"""

from .web import ApiError


def non_negative(query, name):
    text = query.get(name)
    if text is None or text == "":
        return None
    try:
        value = int(text)
    except ValueError:
        raise ApiError(400, "%s must be a non-negative integer (got %r)" % (name, text))
    if value < 0:
        raise ApiError(400, "%s must be a non-negative integer (got %r)" % (name, text))
    return value


def parse_sort(text, sort_keys):
    """`name:desc,created_at` -> [(key function, reverse)]; unknown keys are a 400."""
    if not text:
        return []
    order = []
    for item in text.split(","):
        parts = item.strip().partition(":")
        key, direction = parts[0], parts[2]
        if key not in sort_keys:
            raise ApiError(400, "unknown sort key %r (allowed: %s)" % (key, ", ".join(sorted(sort_keys))))
        direction = direction.lower() or "asc"
        if direction not in ("asc", "desc"):
            raise ApiError(400, "sort direction must be asc or desc (got %r)" % direction)
        order.append((sort_keys[key], direction == "desc"))
    return order


def paginate(items, query, page_cap, sort_keys):
    """Validate the paging parameters, sort (stable), and cut one page out of `items`."""
    limit = non_negative(query, "limit")
    offset = non_negative(query, "offset") or 0
    order = parse_sort(query.get("sort"), sort_keys)
    limit = page_cap if limit is None else min(limit, page_cap)
    if order:
        items = list(items)
        # Stable sorts applied from the last key to the first give a multi-key order.
        for key, reverse in reversed(order):
            items.sort(key=key, reverse=reverse)
    return items[offset:offset + limit]


def field_key(name, default=""):
    """A sort key reading one field; missing or null values sort as `default`."""
    def key(item):
        value = item.get(name)
        return default if value is None else value
    return key
