# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Restores from a checkpoint: per-resource status, restoring -> success (or error)."""

import uuid

from .checkpoints import PROVIDER_IDS
from .paging import field_key, paginate
from .plans import public
from .validate import MISSING, bad_request, enum_field, envelope, reject_unknown, require_object, string_field
from .web import ApiError, Response

# `id`, `resources_status` and `resources_reason` are made by the server; clients
# echoing a restore object back may send them, and they are ignored.
RESTORE_KEYS = ("id", "provider_id", "checkpoint_id", "parameters", "resources_status", "resources_reason")
PARAMETER_TYPES = {
    "restore_name": str, "restore_keypair": str, "availability_zone": str, "restore_net_id": str,
    "destination": str, "volume_type": str, "enable_fip": bool, "enable_geo_replication": bool,
    "flavor": str, "volume_target_vm_id": str,
}
# A restore_name starting with this ends in `error`, so clients can exercise failures.
FAIL_PREFIX = "fail"
SORT_KEYS = {
    "id": field_key("id"), "checkpoint_id": field_key("checkpoint_id"), "provider_id": field_key("provider_id"),
    "created_at": field_key("_created_at"),
}


def parse_parameters(value):
    """{original resource id: restoreParameters}, at least one."""
    parameters = require_object(value, "restore.parameters")
    if not parameters:
        raise bad_request("restore.parameters must name at least one resource to restore")
    parsed = {}
    for resource_id, options in parameters.items():
        where = "restore.parameters[%s]" % resource_id
        options = require_object(options, where)
        reject_unknown(options, PARAMETER_TYPES, where)
        for key, expected in PARAMETER_TYPES.items():
            if key in options and not isinstance(options[key], expected):
                raise bad_request("%s.%s must be a %s" % (where, key, "boolean" if expected is bool else "string"))
        string_field(options, "restore_name", where, 1, required=True)
        parsed[resource_id] = dict(options)
    return parsed


class RestoreApi:
    """POST/GET /{project_id}/restores[/{restore_id}]."""

    def __init__(self, app, checkpoints):
        self.app = app
        self.store = app.store
        self.checkpoints = checkpoints

    def register(self, router):
        router.add("/{project_id}/restores", get=self.list, post=self.create)
        router.add("/{project_id}/restores/{restore_id}", get=self.show)

    def refreshed(self, restore, epoch):
        """Finish a restore once its delay is over; the caller holds the store lock."""
        if epoch < restore["_ready_at"] or "restoring" not in restore["resources_status"].values():
            return restore
        statuses, reasons = {}, dict(restore["resources_reason"])
        for resource_id, options in restore["parameters"].items():
            if options["restore_name"].startswith(FAIL_PREFIX):
                statuses[resource_id] = "error"
                reasons[resource_id] = "restore of %s failed: restore_name %r asks the emulator to fail" % (
                    resource_id, options["restore_name"])
            else:
                statuses[resource_id] = "success"
        done = dict(restore, resources_status=statuses, resources_reason=reasons)
        self.store.save_restore(done)
        return done

    def create(self, request, params):
        info = envelope(request.json_object(), "restore")
        reject_unknown(info, RESTORE_KEYS, "restore")
        provider_id = enum_field(info, "provider_id", "restore", PROVIDER_IDS, required=True)
        checkpoint_id = string_field(info, "checkpoint_id", "restore", 1, required=True)
        parameters = parse_parameters(info.get("parameters", MISSING))
        epoch = self.app.epoch()
        with self.store.lock:
            checkpoint = self.store.checkpoints.get(checkpoint_id)
            if checkpoint is None:
                raise ApiError(404, "checkpoint %s not found" % checkpoint_id)
            checkpoint = self.checkpoints.refreshed(checkpoint, epoch)
            if checkpoint["_provider_id"] != provider_id:
                raise bad_request("checkpoint %s belongs to provider %s, not %s" % (checkpoint_id, checkpoint["_provider_id"], provider_id))
            if checkpoint["status"] != "available":
                raise bad_request("checkpoint %s is %s, not available" % (checkpoint_id, checkpoint["status"]))
            known = set(row["original_id"] for row in checkpoint["resources"])
            unknown = sorted(set(parameters) - known)
            if unknown:
                raise bad_request("restore.parameters: %s not in checkpoint %s" % (", ".join(unknown), checkpoint_id))
            restore = {
                "id": str(uuid.uuid4()), "provider_id": provider_id, "checkpoint_id": checkpoint_id,
                "parameters": parameters, "resources_status": dict((rid, "restoring") for rid in parameters),
                "resources_reason": {}, "_created_at": self.app.now_iso(),
                "_ready_at": epoch + self.app.settings.checkpoint_delay,
            }
            self.store.save_restore(restore)
            self.store.persist()
        return Response(200, {"restore": public(restore)})

    def list(self, request, params):
        epoch = self.app.epoch()
        with self.store.lock:
            restores = [self.refreshed(restore, epoch) for restore in list(self.store.restores.values())]
        page = paginate(restores, request.query, self.app.settings.page_cap, SORT_KEYS)
        return Response(200, {"restores": [public(restore) for restore in page]})

    def show(self, request, params):
        with self.store.lock:
            restore = self.store.restores.get(params["restore_id"])
            if restore is None:
                raise ApiError(404, "restore %s not found" % params["restore_id"])
            restore = self.refreshed(restore, self.app.epoch())
        return Response(200, {"restore": public(restore)})
