# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The emulator as one object: state, clock, switches, and which service answers a path."""

import datetime
import sys
import time
import traceback

from .config import Identity, Settings
from .constants import CONTROL_PREFIX, KARBOII_PREFIXES, KEYSTONE_PREFIX, NOVA_PREFIX
from .control import Control
from .faults import FaultInjector
from .karboii import Karboii
from .keystone import Keystone
from .nova import Nova, server_record
from .reqlog import RequestLog
from .store import Store
from .swagger import Contract
from .tokens import Tokens
from .web import Response


def classify(path):
    """Which service a (normalised) path belongs to."""
    if path.startswith(CONTROL_PREFIX + "/") or path == CONTROL_PREFIX:
        return "control"
    if path == "/" or path == KEYSTONE_PREFIX or path.startswith(KEYSTONE_PREFIX + "/"):
        return "keystone"
    if path == NOVA_PREFIX or path.startswith(NOVA_PREFIX + "/"):
        return "nova"
    if path == "/health" or any(path == prefix or path.startswith(prefix + "/") for prefix in KARBOII_PREFIXES):
        return "karboii"
    return "other"


def fault_response(action):
    headers = {}
    if action.retry_after is not None:
        headers["Retry-After"] = str(int(action.retry_after)) if float(action.retry_after).is_integer() else str(action.retry_after)
    return Response(action.status, {"message": "injected fault", "code": action.status}, headers)


class Emulator:
    """Transport-free: `handle(Request) -> Response`; server.py puts it behind HTTP."""

    def __init__(self, identity=None, settings=None, state_file=None, swagger_path=None, base_url="http://127.0.0.1:8799"):
        self.identity = identity or Identity()
        self.settings = settings or Settings()
        self.store = Store(state_file)
        self.tokens = Tokens()
        self.faults = FaultInjector()
        self.log = RequestLog()
        self.contract = None
        if swagger_path:
            Contract.require_jsonschema()
            self.contract = Contract.from_file(swagger_path)
        self.base_url = base_url
        self.services = {
            "keystone": Keystone(self),
            "karboii": Karboii(self),
            "nova": Nova(self),
        }
        self.control = Control(self)

    # clock -------------------------------------------------------------------
    def now(self):
        """The current time, UTC; frozen when settings.now is set (tests make next_time predictable)."""
        frozen = self.settings.now
        if frozen is not None:
            return datetime.datetime.fromtimestamp(frozen, datetime.timezone.utc)
        return datetime.datetime.now(datetime.timezone.utc)

    def epoch(self):
        return self.now().timestamp()

    def now_iso(self):
        return self.now().strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    # shared helpers ----------------------------------------------------------
    def authenticate(self, request):
        """The record of the request's X-Auth-Token when valid (spending one use), else None."""
        return self.tokens.check(request.header("X-Auth-Token"), self.epoch())

    def add_servers(self, specs):
        created_at = self.now().strftime("%Y-%m-%dT%H:%M:%SZ")
        records = [server_record(spec, created_at) for spec in specs]
        with self.store.lock:
            for record in records:
                self.store.save_server(record)
            self.store.persist()
        return records

    # dispatch ------------------------------------------------------------------
    def handle(self, request):
        service = classify(request.path)
        if service == "control":
            return self.control.handle(request)
        action = self.faults.take(service, request.method, request.path)
        if action.delay:
            time.sleep(action.delay)
        if action.status is not None:
            response = fault_response(action)
        elif action.drop == "before":
            response = Response(None, drop=True)
        else:
            response = self._answer(service, request)
            if action.drop == "after":
                response.drop = True
        self.log.record(service, request, response.status, dropped=action.drop)
        return response

    def _answer(self, service, request):
        try:
            handler = self.services.get(service)
            if handler is None:
                return Response(404, {"message": "no such resource: %s" % request.path, "code": 404})
            return handler.handle(request)
        except Exception as exc:  # a bug in the emulator must still produce an answer
            traceback.print_exc(file=sys.stderr)
            return Response(500, {"message": "emulator error: %s" % exc, "code": 500})
