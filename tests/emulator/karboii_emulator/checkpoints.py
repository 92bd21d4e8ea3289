# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Checkpoints (backup copies): protecting -> available, incremental chains, grouped views."""

import uuid

from .constants import FAKE_RESOURCE_SIZE_GB, PROVIDERS, SERVER_TYPE, VOLUME_TYPE
from .paging import field_key, paginate
from .plans import public
from .validate import bad_request, envelope, reject_unknown, string_field
from .web import ApiError, Response

PROVIDER_IDS = tuple(provider["id"] for provider in PROVIDERS)
SORT_KEYS = {
    "id": field_key("id"), "status": field_key("status"), "created_at": field_key("created_at"),
    "timestamp": field_key("timestamp", 0), "size": field_key("size", 0),
}


def provider_from_path(params):
    provider_id = params["provider_id"]
    if provider_id not in PROVIDER_IDS:
        raise ApiError(404, "provider %s not found" % provider_id)
    return provider_id


def parse_extra_info(value):
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise bad_request("checkpoint.extra_info must be an object of strings")
    return dict(value)


def _row(original_id, resource_type, name, parent_id):
    return {"id": str(uuid.uuid4()), "original_id": original_id, "external_id": str(uuid.uuid4()),
            "type": resource_type, "status": "protecting", "parent_id": parent_id, "name": name}


def backup_rows(plan, servers):
    """Per-resource rows, the external backup ids, and each top-level resource's size.

    A VM row is followed by one row per backed up volume (its selected volumes,
    else every volume Nova knows it has). A VM has two external ids (instance
    and boot volume), a database one.
    """
    rows, external_ids, sizes = [], [], {}
    for resource in plan["resources"]:
        row = _row(resource["id"], resource["type"], resource["name"], None)
        rows.append(row)
        if resource["type"] != SERVER_TYPE:
            external_ids.append(row["external_id"])
            sizes[resource["id"]] = FAKE_RESOURCE_SIZE_GB
            continue
        volumes = resource.get("resources")
        if volumes is None:
            volumes = servers.get(resource["id"], {}).get("volumes", [])
        volume_rows = [_row(volume["id"], VOLUME_TYPE, volume.get("name") or volume["id"], row["id"]) for volume in volumes]
        rows.extend(volume_rows)
        boot_backup = volume_rows[0]["external_id"] if volume_rows else str(uuid.uuid4())
        external_ids.extend((row["external_id"], boot_backup))
        sizes[resource["id"]] = FAKE_RESOURCE_SIZE_GB * (1 + len(volume_rows))
    return rows, external_ids, sizes


class CheckpointApi:
    """/{project_id}/providers/{provider_id}/checkpoints... and /{project_id}/checkpoints?plan_id=."""

    def __init__(self, app):
        self.app = app
        self.store = app.store

    def register(self, router):
        base = "/{project_id}/providers/{provider_id}/checkpoints"
        router.add(base, get=self.list, post=self.create)
        router.add(base + "/{checkpoint_id}", get=self.show, delete=self.delete)
        router.add(base + "/{checkpoint_id}/resource_metadata/{resource_id}", get=self.metadata)
        router.add("/{project_id}/checkpoints", get=self.grouped)

    # state ------------------------------------------------------------------
    def refreshed(self, checkpoint, epoch):
        """Move a checkpoint to `available` once its delay is over; the caller holds the store lock."""
        if checkpoint["status"] != "protecting" or epoch < checkpoint["_ready_at"]:
            return checkpoint
        done = dict(checkpoint, status="available",
                    resources=[dict(row, status="available") for row in checkpoint["resources"]])
        self.store.save_checkpoint(done)
        return done

    def _chain_link(self, plan, now):
        """link_id for a new checkpoint: None for a full backup, else the chain's last full one.

        A checkpoint is full when the plan is not incremental, when the plan has
        no full backup yet, or when it is taken on the plan's full_day (0 = Monday).
        """
        if plan["full_day"] is None or now.weekday() == plan["full_day"]:
            return None
        for checkpoint in reversed(list(self.store.checkpoints.values())):
            if checkpoint["_plan_id"] == plan["id"] and checkpoint.get("link_id") is None:
                return checkpoint["id"]
        return None

    def _get(self, params):
        provider_id = provider_from_path(params)
        checkpoint = self.store.checkpoints.get(params["checkpoint_id"])
        if checkpoint is None or checkpoint["_provider_id"] != provider_id:
            raise ApiError(404, "checkpoint %s not found" % params["checkpoint_id"])
        return self.refreshed(checkpoint, self.app.epoch())

    # handlers -----------------------------------------------------------------
    def create(self, request, params):
        provider_id = provider_from_path(params)
        body = envelope(request.json_object(), "checkpoint")
        reject_unknown(body, ("plan_id", "extra_info"), "checkpoint")
        plan_id = string_field(body, "plan_id", "checkpoint", 1, required=True)
        extra_info = parse_extra_info(body.get("extra_info"))
        now = self.app.now()
        with self.store.lock:
            plan = self.store.plans.get(plan_id)
            if plan is None:
                raise bad_request("plan %s not found" % plan_id)
            if plan["provider_id"] != provider_id:
                raise bad_request("plan %s belongs to provider %s, not %s" % (plan_id, plan["provider_id"], provider_id))
            rows, external_ids, sizes = backup_rows(plan, self.store.servers)
            checkpoint = {
                "id": str(uuid.uuid4()), "project_id": params["project_id"], "status": "protecting",
                "protection_plan": {"id": plan["id"], "name": plan["name"], "resources": plan["resources"]},
                "resources": rows, "size": sum(sizes.values()), "timestamp": int(now.timestamp()),
                "created_at": self.app.now_iso(), "link_id": self._chain_link(plan, now),
                "extra_info": extra_info, "external_ids": external_ids,
                "_plan_id": plan["id"], "_provider_id": provider_id, "_sizes": sizes,
                "_ready_at": now.timestamp() + self.app.settings.checkpoint_delay,
            }
            self.store.save_checkpoint(checkpoint)
            self.store.persist()
        return Response(200, {"checkpoint": public(checkpoint)})

    def list(self, request, params):
        provider_id = provider_from_path(params)
        plan_id = request.query.get("plan_id")
        epoch = self.app.epoch()
        with self.store.lock:
            newest_first = reversed(list(self.store.checkpoints.values()))
            items = [self.refreshed(cp, epoch) for cp in newest_first
                     if cp["_provider_id"] == provider_id and (not plan_id or cp["_plan_id"] == plan_id)]
        page = paginate(items, request.query, self.app.settings.page_cap, SORT_KEYS)
        return Response(200, {"checkpoints": [public(cp) for cp in page]})

    def show(self, request, params):
        with self.store.lock:
            checkpoint = self._get(params)
        return Response(200, {"checkpoint": public(checkpoint)})

    def delete(self, request, params):
        """Deleting a full backup deletes the incrementals built on it."""
        with self.store.lock:
            checkpoint = self._get(params)
            self.store.remove_checkpoint(checkpoint["id"])
            self.store.persist()
        return Response(204)

    def metadata(self, request, params):
        with self.store.lock:
            checkpoint = self._get(params)
        rows = checkpoint["resources"]
        row = next((r for r in rows if params["resource_id"] in (r["id"], r["original_id"])), None)
        if row is None:
            raise ApiError(404, "resource %s is not in checkpoint %s" % (params["resource_id"], checkpoint["id"]))
        return Response(200, {"resource_metadata": resource_metadata(row, rows, checkpoint["created_at"])})

    def grouped(self, request, params):
        """Backups of one plan grouped per protected resource (the console's view)."""
        plan_id = request.query.get("plan_id")
        if not plan_id:
            raise bad_request("the plan_id query parameter is required")
        epoch = self.app.epoch()
        with self.store.lock:
            if plan_id not in self.store.plans:
                raise ApiError(404, "plan %s not found" % plan_id)
            checkpoints = [self.refreshed(cp, epoch) for cp in list(self.store.checkpoints.values())
                           if cp["_plan_id"] == plan_id]
        return Response(200, {"project_id": params["project_id"], "plan_id": plan_id,
                              "resources": group_by_resource(checkpoints)})


def group_by_resource(checkpoints):
    groups = {}
    for checkpoint in checkpoints:  # oldest first
        incremental = checkpoint.get("link_id") is not None
        for row in checkpoint["resources"]:
            if row["parent_id"] is not None:
                continue
            group = groups.setdefault(row["original_id"], {
                "id": row["original_id"], "name": row["name"], "resource_type": row["type"],
                "number_of_full_backups": 0, "number_of_incremental_backups": 0,
                "last_created_at": "", "total_size": 0, "backups": []})
            size = checkpoint["_sizes"].get(row["original_id"], FAKE_RESOURCE_SIZE_GB)
            group["name"] = row["name"]
            group["number_of_incremental_backups" if incremental else "number_of_full_backups"] += 1
            group["last_created_at"] = max(group["last_created_at"], checkpoint["created_at"])
            group["total_size"] += size
            group["backups"].insert(0, {
                "checkpoint_id": checkpoint["id"], "name": row["name"], "status": checkpoint["status"],
                "checkpoint_resource_id": row["id"], "is_incremental": incremental, "is_old_backup": False,
                "size": size, "created_at": checkpoint["created_at"], "link_id": checkpoint.get("link_id"),
            })
    return list(groups.values())


def _attach_metadata(volume_id, server_id, index, attached_at):
    """A plausible Cinder attachment record, derived from the ids so it is stable."""
    def stable(kind):
        return str(uuid.uuid5(uuid.NAMESPACE_URL, "%s/%s" % (kind, volume_id)))
    return {
        "volume_image_metadata": {
            "os_distro": "ubuntu", "os_version": "22.04", "image_id": stable("image"), "image_name": "Ubuntu-22.04-202208",
            "container_format": "bare", "disk_format": "raw", "min_disk": "10", "min_ram": "0",
            "size": str(FAKE_RESOURCE_SIZE_GB * 1024 ** 3), "hw_qemu_guest_agent": "yes",
        } if index == 0 else {},
        "server_id": server_id, "attachment_id": stable("attachment"), "availability_zone": "MS1",
        "bootable": "true" if index == 0 else "false", "attached_at": attached_at, "volume_type": "ceph-ssd",
        "volume_type_id": stable("volume-type"), "host_name": "", "volume_id": volume_id,
        "device": "/dev/vd" + "abcdefghijklmnopqrstuvwxyz"[min(index, 25)], "id": volume_id, "size": FAKE_RESOURCE_SIZE_GB,
    }


def resource_metadata(row, rows, created_at):
    """What the service recorded about a resource at backup time (Swagger checkpointMetadataObject)."""
    if row["type"] not in (SERVER_TYPE, VOLUME_TYPE):
        return {"database_metadata": {"meta": "{}", "datastore": {"type": "mysql", "version": "8.0"},
                                      "flavor": "Standard-2-8-50", "size": FAKE_RESOURCE_SIZE_GB}}
    vm_row = row if row["parent_id"] is None else next((r for r in rows if r["id"] == row["parent_id"]), row)
    volumes = [r for r in rows if r["parent_id"] == vm_row["id"]]
    attach = dict((volume["original_id"], _attach_metadata(volume["original_id"], vm_row["original_id"], index, created_at))
                  for index, volume in enumerate(volumes))
    boot_id = volumes[0]["original_id"] if volumes else ""
    return {
        "server_metadata": {"availability_zone": "MS1", "key_name": "", "floating_ips": [], "flavor": "Basic-1-2-20",
                            "networks": ["ext-net"], "security_groups": [{"id": str(uuid.uuid5(uuid.NAMESPACE_URL, "sg/default")),
                                                                          "name": "default"}]},
        "boot_metadata": {"boot_attach_metadata": attach.get(boot_id, {}), "boot_volume_id": boot_id,
                          "boot_device_type": "volume"},
        "attach_metadata": attach,
    }
