# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Path templates such as `/{project_id}/plans/{plan_id}` mapped to handlers per method."""

import re

from .web import ApiError


def compile_template(template):
    """`/{a}/x` -> a regex with a named group per placeholder (one path segment each)."""
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
    return re.compile(pattern + r"\Z")


class Router:
    """First matching template wins; a known path with an unknown method is a 405."""

    def __init__(self):
        self._routes = []

    def add(self, template, **handlers):
        methods = dict((method.upper(), handler) for method, handler in handlers.items())
        self._routes.append((compile_template(template), methods))

    def resolve(self, method, path):
        known_path = False
        for regex, methods in self._routes:
            match = regex.match(path)
            if match is None:
                continue
            known_path = True
            handler = methods.get(method)
            if handler is not None:
                return handler, match.groupdict()
        if known_path:
            raise ApiError(405, "method %s is not allowed on %s" % (method, path))
        raise ApiError(404, "no such resource: %s" % path)
