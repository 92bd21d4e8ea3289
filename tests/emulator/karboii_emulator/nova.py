# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The few Nova calls a client needs to turn a VM name into an id (and see its volumes)."""

import re
import uuid

from .constants import NOVA_PREFIX
from .keystone import UNAUTHORIZED, error_body as keystone_error_body
from .routing import Router
from .web import ApiError, Response

FAULT_NAMES = {400: "badRequest", 403: "forbidden", 404: "itemNotFound", 405: "methodNotAllowed"}
SERVER_KEYS = ("id", "name", "volumes", "status")
NOVA_MAX_LIMIT = 1000


def server_record(spec, created_at):
    """A stored server from {"id"?, "name", "volumes"?: [{"id"?, "name"?}], "status"?}."""
    if not isinstance(spec, dict):
        raise ApiError(400, "each server must be an object")
    unknown = sorted(set(spec) - set(SERVER_KEYS))
    if unknown:
        raise ApiError(400, "unknown server keys: %s (allowed: %s)" % (", ".join(unknown), ", ".join(SERVER_KEYS)))
    name = spec.get("name")
    if not isinstance(name, str) or not name:
        raise ApiError(400, "each server needs a non-empty name")
    server_id = spec.get("id") or str(uuid.uuid4())
    volumes = spec.get("volumes") or []
    if not isinstance(server_id, str) or not isinstance(volumes, list):
        raise ApiError(400, "server id must be a string and volumes a list")
    parsed_volumes = []
    for volume in volumes:
        if not isinstance(volume, dict) or not isinstance(volume.get("id", ""), str):
            raise ApiError(400, "each volume must be an object with a string id")
        parsed = {"id": volume.get("id") or str(uuid.uuid4())}
        if volume.get("name") is not None:
            parsed["name"] = str(volume["name"])
        parsed_volumes.append(parsed)
    return {"id": server_id, "name": name, "status": spec.get("status") or "ACTIVE", "volumes": parsed_volumes,
            "_created_at": created_at}


def seed_specs(count):
    """`vm-001`... with ids derived from the names, so they stay the same across restarts."""
    specs = []
    for number in range(1, count + 1):
        name = "vm-%03d" % number
        specs.append({
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, "karboii-emulator/server/" + name)),
            "name": name,
            "volumes": [{"id": str(uuid.uuid5(uuid.NAMESPACE_URL, "karboii-emulator/volume/" + name)),
                         "name": name + "-boot"}],
        })
    return specs


def name_matches(pattern, name):
    """Nova filters names by regex search, so `web` also finds `web-2`: clients must filter exactly."""
    try:
        return re.search(pattern, name) is not None
    except re.error:
        return pattern in name


class Nova:
    """GET /servers, /servers/detail, /servers/{id} below /compute/v2.1[/{project_id}]."""

    def __init__(self, app):
        self.app = app
        self.router = Router()
        self.router.add("/", get=self.version)
        self.router.add("/servers", get=self.list_servers)
        self.router.add("/servers/detail", get=self.list_details)
        self.router.add("/servers/{server_id}", get=self.show)

    def handle(self, request):
        try:
            token = self.app.authenticate(request)
            if token is None:
                raise ApiError(401, UNAUTHORIZED)
            path = self._strip_project(request.path[len(NOVA_PREFIX):] or "/", token)
            handler, params = self.router.resolve(request.method, path)
            return handler(request, params)
        except ApiError as err:
            if err.status == 401:
                return Response(401, keystone_error_body(401, err.message))
            fault = FAULT_NAMES.get(err.status, "computeFault")
            return Response(err.status, {fault: {"code": err.status, "message": err.message}}, err.headers)

    @staticmethod
    def _strip_project(path, token):
        """Older catalogs put the project id in the compute URL; accept both forms."""
        first = path.split("/")[1] if path != "/" else ""
        if first and first != "servers":
            if first != token["project_id"]:
                raise ApiError(403, "Project %s does not match the token's project" % first)
            path = path[len(first) + 1:] or "/"
        return path

    def _links(self, server_id):
        href = "%s%s/servers/%s" % (self.app.base_url, NOVA_PREFIX, server_id)
        return [{"rel": "self", "href": href}, {"rel": "bookmark", "href": href}]

    def summary(self, server):
        return {"id": server["id"], "name": server["name"], "links": self._links(server["id"])}

    def detail(self, server):
        ident = self.app.identity
        return dict(self.summary(server), **{
            "status": server["status"], "tenant_id": ident.project_id, "user_id": ident.user_id,
            "created": server["_created_at"], "updated": server["_created_at"], "key_name": None, "image": "",
            "flavor": {"original_name": "Basic-1-2-20", "vcpus": 1, "ram": 2048, "disk": 0},
            "addresses": {}, "metadata": {}, "OS-EXT-AZ:availability_zone": "MS1",
            "os-extended-volumes:volumes_attached": [{"id": volume["id"], "delete_on_termination": False}
                                                     for volume in server["volumes"]],
        })

    def version(self, request, params):
        return Response(200, {"version": {"id": "v2.1", "status": "CURRENT", "version": "2.90", "min_version": "2.1",
                                          "links": [{"rel": "self", "href": self.app.base_url + NOVA_PREFIX + "/"}]}})

    def _matching(self, request):
        query = request.query
        with self.app.store.lock:
            servers = list(self.app.store.servers.values())
        if query.get("name"):
            servers = [server for server in servers if name_matches(query["name"], server["name"])]
        if query.get("marker"):
            ids = [server["id"] for server in servers]
            if query["marker"] not in ids:
                raise ApiError(400, "marker [%s] not found" % query["marker"])
            servers = servers[ids.index(query["marker"]) + 1:]
        limit = query.get("limit")
        if limit is not None:
            if not limit.isdigit():
                raise ApiError(400, "limit must be a non-negative integer")
            servers = servers[:min(int(limit), NOVA_MAX_LIMIT)]
        return servers[:NOVA_MAX_LIMIT]

    def list_servers(self, request, params):
        return Response(200, {"servers": [self.summary(server) for server in self._matching(request)]})

    def list_details(self, request, params):
        return Response(200, {"servers": [self.detail(server) for server in self._matching(request)]})

    def show(self, request, params):
        server = self.app.store.servers.get(params["server_id"])
        if server is None:
            raise ApiError(404, "Instance %s could not be found." % params["server_id"])
        return Response(200, {"server": self.detail(server)})
