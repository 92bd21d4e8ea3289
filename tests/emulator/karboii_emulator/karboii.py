# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Karboii service: authentication, the project in the path, routes, and the smaller calls."""

from .checkpoints import CheckpointApi, provider_from_path
from .constants import KARBOII_PREFIXES, PROVIDERS
from .plans import PlanApi
from .restores import RestoreApi
from .routing import Router
from .triggers import TriggerApi
from .web import ApiError, Response

UNAUTHORIZED = "The request you have made requires authentication."


def strip_prefix(path):
    """The path below the Karboii base (`/infra/karboii/v1` public, `/v1` internal)."""
    for prefix in KARBOII_PREFIXES:
        if path == prefix:
            return "/"
        if path.startswith(prefix + "/"):
            return path[len(prefix):]
    return path


def error(status, message, headers=None):
    return Response(status, {"message": message, "code": status}, headers)


class Karboii:
    """Every path is `/{project_id}/...` and needs a token scoped to that project, except /health."""

    def __init__(self, app):
        self.app = app
        self.router = Router()
        self.checkpoints = CheckpointApi(app)
        self.restores = RestoreApi(app, self.checkpoints)
        for api in (PlanApi(app), TriggerApi(app), self.checkpoints, self.restores):
            api.register(self.router)
        self.router.add("/{project_id}/providers", get=self.providers)
        self.router.add("/{project_id}/providers/{provider_id}", get=self.provider)
        self.router.add("/{project_id}/resources/{provider_id}/in-use", get=self.in_use)

    def handle(self, request):
        path = strip_prefix(request.path)
        if path == "/health":
            return Response(200, {"status": "ok"})
        try:
            token = self.app.authenticate(request)
            if token is None:
                raise ApiError(401, UNAUTHORIZED)
            handler, params = self.router.resolve(request.method, path)
            if params.get("project_id") != token["project_id"]:
                raise ApiError(403, "project %s in the path is not the token's project" % params.get("project_id"))
            self._check_contract(request, path)
            return handler(request, params)
        except ApiError as err:
            return error(err.status, err.message, err.headers)

    def _check_contract(self, request, path):
        """In --swagger mode a body that does not fit the published request schema is a 400."""
        contract = self.app.contract
        if contract is None or request.method not in ("POST", "PUT"):
            return
        body = request.json if request.json_error is None else request.raw_body.decode("utf-8", "replace")
        problems = contract.request_errors(request.method, path, body)
        if problems:
            schema = contract.request_schema(request.method, path)
            raise ApiError(400, "request body does not fit the Swagger schema %s: %s"
                           % (contract.schema_name(schema), "; ".join(problems)))

    # providers and in-use --------------------------------------------------------
    def providers(self, request, params):
        return Response(200, {"providers": [dict(provider) for provider in PROVIDERS]})

    def provider(self, request, params):
        provider_id = provider_from_path(params)
        return Response(200, {"provider": dict(next(p for p in PROVIDERS if p["id"] == provider_id))})

    def in_use(self, request, params):
        """Resources being backed up or restored right now, which cannot start another job."""
        provider_id = provider_from_path(params)
        epoch = self.app.epoch()
        store = self.app.store
        busy = []
        with store.lock:
            for checkpoint in list(store.checkpoints.values()):
                checkpoint = self.checkpoints.refreshed(checkpoint, epoch)
                if checkpoint["_provider_id"] == provider_id and checkpoint["status"] == "protecting":
                    busy.extend((row["original_id"], "protecting") for row in checkpoint["resources"] if row["parent_id"] is None)
            for restore in list(store.restores.values()):
                restore = self.restores.refreshed(restore, epoch)
                if restore["provider_id"] == provider_id:
                    busy.extend((rid, status) for rid, status in restore["resources_status"].items() if status == "restoring")
        unique = list(dict.fromkeys(busy))
        return Response(200, {"resources": [{"external_id": rid, "status": status} for rid, status in unique]})
