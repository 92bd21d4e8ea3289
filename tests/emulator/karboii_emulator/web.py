# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Transport-neutral request and response objects, and the error every handler raises."""

import json
import re
import urllib.parse


class ApiError(Exception):
    """An answer other than success; each service renders it in its own error shape."""

    def __init__(self, status, message, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def normalize_path(path):
    """Collapse doubled slashes and drop a trailing one: clients join base URLs loosely."""
    path = re.sub(r"/{2,}", "/", path or "/")
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return path


class Request:
    """One HTTP request as the services see it."""

    def __init__(self, method, target, headers=None, raw_body=b"", client_host="127.0.0.1"):
        parts = urllib.parse.urlsplit(target)
        self.method = method.upper()
        self.path = normalize_path(urllib.parse.unquote(parts.path))
        self.query_string = parts.query
        # The last value wins when a key repeats; no Karboii parameter is multi-valued.
        self.query = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
        self.headers = dict((key.lower(), value) for key, value in (headers or {}).items())
        self.raw_body = raw_body or b""
        self.client_host = client_host
        self.json = None
        self.json_error = None
        if self.raw_body.strip():
            try:
                self.json = json.loads(self.raw_body.decode("utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                self.json_error = str(exc)

    def header(self, name, default=None):
        return self.headers.get(name.lower(), default)

    def json_object(self):
        """The body as a JSON object, or a 400 explaining why it is not one."""
        if self.json_error is not None:
            raise ApiError(400, "request body is not valid JSON: %s" % self.json_error)
        if not isinstance(self.json, dict):
            raise ApiError(400, "request body must be a JSON object")
        return self.json


class Response:
    """What to send back; `drop` asks the HTTP layer to close the connection unanswered."""

    def __init__(self, status, body=None, headers=None, drop=False):
        self.status = status
        self.body = body
        self.headers = headers or {}
        self.drop = drop

    def encoded_body(self):
        if self.body is None:
            return b""
        return json.dumps(self.body, separators=(",", ":")).encode("utf-8")
