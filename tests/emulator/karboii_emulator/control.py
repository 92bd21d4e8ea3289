# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""/_emulator: what tests use to look inside, reset, inject faults and flip switches (no auth)."""

import ipaddress

from .constants import CONTROL_PREFIX
from .routing import Router
from .web import ApiError, Response


def is_loopback(host):
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return host == "localhost"


class Control:
    """GET state | POST reset | GET, DELETE requests | GET, POST, DELETE faults | GET, POST config | GET, POST servers |
    GET tokens."""

    def __init__(self, app):
        self.app = app
        self.router = Router()
        self.router.add("/state", get=self.state)
        self.router.add("/reset", post=self.reset)
        self.router.add("/requests", get=self.requests, delete=self.clear_requests)
        self.router.add("/faults", get=self.faults, post=self.add_faults, delete=self.clear_faults)
        self.router.add("/config", get=self.config, post=self.update_config)
        self.router.add("/servers", get=self.servers, post=self.add_servers)
        self.router.add("/tokens", get=self.tokens)

    def handle(self, request):
        try:
            if not is_loopback(request.client_host):
                raise ApiError(403, "the control API only answers loopback clients")
            handler = self.router.resolve(request.method, request.path[len(CONTROL_PREFIX):] or "/")[0]
            return handler(request)
        except ApiError as err:
            return Response(err.status, {"message": err.message, "code": err.status}, err.headers)

    @staticmethod
    def _optional_object(request):
        return {} if not request.raw_body.strip() else request.json_object()

    def state(self, request):
        return Response(200, self.app.store.dump())

    def reset(self, request):
        """Forget plans, triggers, checkpoints, restores, faults and the request log; keep config."""
        body = self._optional_object(request)
        self.app.store.clear(servers=bool(body.get("servers")))
        self.app.faults.clear()
        self.app.log.clear()
        return Response(200, {"reset": True, "servers_cleared": bool(body.get("servers"))})

    def requests(self, request):
        return Response(200, self.app.log.snapshot())

    def clear_requests(self, request):
        self.app.log.clear()
        return Response(204)

    def faults(self, request):
        return Response(200, {"faults": self.app.faults.as_list()})

    def add_faults(self, request):
        specs = request.json_object().get("faults")
        if not isinstance(specs, list):
            raise ApiError(400, "send {\"faults\": [rule, ...]}")
        added = self.app.faults.add(specs)
        return Response(200, {"added": added, "faults": self.app.faults.as_list()})

    def clear_faults(self, request):
        self.app.faults.clear()
        return Response(204)

    def tokens(self, request):
        """The ids of the tokens issued (the emulator's own test tokens), for leak checks."""
        return Response(200, {"tokens": self.app.tokens.ids()})

    def config(self, request):
        return Response(200, self.app.settings.as_dict())

    def update_config(self, request):
        self.app.settings.update(request.json_object())
        return Response(200, self.app.settings.as_dict())

    def servers(self, request):
        with self.app.store.lock:
            return Response(200, {"servers": list(self.app.store.servers.values())})

    def add_servers(self, request):
        specs = request.json_object().get("servers")
        if not isinstance(specs, list):
            raise ApiError(400, "send {\"servers\": [{\"name\", \"id\"?, \"volumes\"?}, ...]}")
        return Response(200, {"servers": self.app.add_servers(specs)})
