# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fakes for the HTTP layer: a requests.Session stand-in that answers from a script."""

from __future__ import annotations

import json


class FakeResponse:
    def __init__(self, status=200, body=None, headers=None, text=None):
        self.status_code = status
        self.headers = headers or {}
        self._body = body
        self.text = text if text is not None else ("" if body is None else json.dumps(body))
        self.content = self.text.encode()
        self.reason = "Reason"

    def json(self):
        if self._body is None:
            return json.loads(self.text)
        return self._body


class FakeSession:
    """Answers each request with the next scripted response (or exception), and records what was asked."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.sent = []
        self.headers = {}
        self.verify = True
        self.cert = None

    def request(self, method, url, json=None, params=None, headers=None, timeout=None):
        self.sent.append({"method": method, "url": url, "json": json, "params": params, "headers": headers or {}})
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            return answer(method, url, json, params)
        return answer
