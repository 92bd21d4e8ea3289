# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A small stdlib HTTP client for the emulator, and builders for request bodies."""

import collections
import datetime
import http.client
import json
import sys
from pathlib import Path

EMULATOR_DIR = Path(__file__).resolve().parents[2] / "emulator"
if str(EMULATOR_DIR) not in sys.path:
    sys.path.insert(0, str(EMULATOR_DIR))

from karboii_emulator.constants import NOVA_PROVIDER_ID, TROVE_PROVIDER_ID  # noqa: E402  pylint: disable=wrong-import-position

Reply = collections.namedtuple("Reply", "status headers body raw")
DEFAULT = object()


def password_auth(identity, scope=DEFAULT):
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": identity.username, "domain": {"name": identity.user_domain_name}, "password": identity.password}}}}}
    if scope is DEFAULT:
        scope = {"project": {"id": identity.project_id}}
    if scope is not None:
        body["auth"]["scope"] = scope
    return body


class Client:
    """Talks to one emulator; `karboii()` prefixes the project path and sends the token."""

    def __init__(self, port, identity, emulator=None):
        self.port = port
        self.url = "http://127.0.0.1:%d" % port
        self.identity = identity
        self.emulator = emulator  # only for in-process servers: lets tests freeze the clock
        self.project_id = identity.project_id
        self.token = None

    @classmethod
    def of(cls, running):
        """A client for a RunningServer in this process."""
        return cls(running.port, running.emulator.identity, running.emulator)

    def request(self, method, path, body=None, headers=None, raw_body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        try:
            payload = raw_body if raw_body is not None else (None if body is None else json.dumps(body))
            all_headers = {"Accept": "application/json"}
            if payload is not None:
                all_headers["Content-Type"] = "application/json"
            all_headers.update(headers or {})
            conn.request(method, path, body=payload, headers=all_headers)
            response = conn.getresponse()
            raw = response.read()
            parsed = json.loads(raw) if raw else None
            return Reply(response.status, dict((k.lower(), v) for k, v in response.getheaders()), parsed, raw)
        finally:
            conn.close()

    def login(self, body=None):
        reply = self.request("POST", "/v3/auth/tokens", body or password_auth(self.identity))
        assert reply.status == 201, reply
        self.token = reply.headers["x-subject-token"]
        return self.token

    def karboii(self, method, subpath, body=None, token=DEFAULT, project_id=None, prefix="/infra/karboii/v1", **kwargs):
        headers = dict(kwargs.pop("headers", {}))
        token = self.token if token is DEFAULT else token
        if token:
            headers["X-Auth-Token"] = token
        path = "%s/%s%s" % (prefix, project_id or self.project_id, subpath)
        return self.request(method, path, body, headers=headers, **kwargs)

    def nova(self, method, subpath, token=DEFAULT):
        token = self.token if token is DEFAULT else token
        return self.request(method, "/compute/v2.1" + subpath, headers={"X-Auth-Token": token} if token else {})

    def control(self, method, subpath, body=None):
        return self.request(method, "/_emulator" + subpath, body)

    # shortcuts for the common calls ------------------------------------------------
    def create_plan(self, name="plan", resources=None, provider_id=NOVA_PROVIDER_ID, expect=200, **fields):
        plan = {"name": name, "provider_id": provider_id,
                "resources": resources if resources is not None else [server_resource()]}
        plan.update(fields)
        reply = self.karboii("POST", "/plans", {"plan": plan})
        assert reply.status == expect, reply
        return reply.body.get("plan") if expect == 200 else reply

    def create_trigger(self, plan_id, pattern="3 3 * * 2", max_backups=5, name="trigger"):
        reply = self.karboii("POST", "/triggers", {"trigger_info": {
            "name": name, "plan_id": plan_id, "properties": {"pattern": pattern, "max_backups": max_backups}}})
        assert reply.status == 200, reply
        return reply.body["trigger_info"]

    def create_checkpoint(self, plan_id, provider_id=NOVA_PROVIDER_ID, extra_info=None):
        body = {"checkpoint": {"plan_id": plan_id}}
        if extra_info is not None:
            body["checkpoint"]["extra_info"] = extra_info
        reply = self.karboii("POST", "/providers/%s/checkpoints" % provider_id, body)
        assert reply.status == 200, reply
        return reply.body["checkpoint"]


_counter = [0]


def server_resource(resource_id=None, name=None, volumes=None):
    _counter[0] += 1
    resource = {"id": resource_id or "00000000-0000-4000-8000-%012d" % _counter[0], "type": "OS::Nova::Server",
                "name": name or "vm-%d" % _counter[0]}
    if volumes is not None:
        resource["resources"] = volumes
    return resource


def db_resource(resource_id=None, kind="OS::Trove::Instance"):
    _counter[0] += 1
    return {"id": resource_id or "11111111-0000-4000-8000-%012d" % _counter[0], "type": kind, "name": "db-%d" % _counter[0]}


def freeze(emulator, year, month, day, hour=0, minute=0):
    """Fix the emulator's clock (UTC)."""
    emulator.settings.now = datetime.datetime(year, month, day, hour, minute, tzinfo=datetime.timezone.utc).timestamp()


__all__ = ["Client", "NOVA_PROVIDER_ID", "Reply", "TROVE_PROVIDER_ID", "db_resource", "freeze", "password_auth",
           "server_resource"]
