# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pure decisions about backups (checkpoints) and restores, and a generic wait."""

from __future__ import annotations

import datetime
import re
import time

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import InvalidOption

AGE = re.compile(r"^\s*(\d+)\s*([smhdw]?)\s*$")
AGE_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
CHECKPOINT_DONE = frozenset(("available", "error", "deleted", "error-deleting"))
RESTORE_RUNNING = frozenset(("new", "restoring", "in-progress", "in_progress", "pending", "building"))
RESTORE_OK = frozenset(("success", "succeeded", "available", "done", "active"))

# Our option names for the API's restoreParameters.
RESTORE_PARAMETERS = (
    ("name", "restore_name"),
    ("keypair", "restore_keypair"),
    ("availability_zone", "availability_zone"),
    ("network", "restore_net_id"),
    ("destination", "destination"),
    ("volume_type", "volume_type"),
    ("floating_ip", "enable_fip"),
    ("geo_replication", "enable_geo_replication"),
    ("flavor", "flavor"),
    ("target_vm", "volume_target_vm_id"),
)


def parse_age(text, option="min_age"):
    """Seconds from '90', '30m', '12h', '2d' or '1w'."""
    match = AGE.match(str(text))
    if not match:
        raise InvalidOption(option, "'%s' is not a duration; use a number with s, m, h, d or w, e.g. 12h" % text)
    return int(match.group(1)) * AGE_UNITS[match.group(2)]


def checkpoint_time(checkpoint):
    """Unix seconds of a backup: its timestamp, else its ISO created_at."""
    if isinstance(checkpoint.get("timestamp"), (int, float)):
        return float(checkpoint["timestamp"])
    created = checkpoint.get("created_at")
    if not created:
        return 0.0
    try:
        moment = datetime.datetime.fromisoformat(str(created).replace("Z", "+00:00"))
    except ValueError:
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp()


def describe(checkpoint):
    """The API's backup plus `incremental`: an incremental backup links to the chain it extends."""
    return dict(checkpoint, incremental=bool(checkpoint.get("link_id")))


def newest_first(checkpoints):
    return sorted(checkpoints, key=checkpoint_time, reverse=True)


def fresh_backup(checkpoints, max_age, now):
    """The newest available backup not older than `max_age` seconds, or None."""
    for checkpoint in newest_first(checkpoints):
        if checkpoint.get("status") == "available" and now - checkpoint_time(checkpoint) <= max_age:
            return checkpoint
    return None


def restore_parameters(resources, checkpoint, option="resources"):
    """The API's `parameters` map: original resource id -> restoreParameters, from our option names."""
    originals = {r.get("original_id") for r in checkpoint.get("resources") or []}
    originals |= {r.get("id") for r in (checkpoint.get("protection_plan") or {}).get("resources") or []}
    parameters = {}
    for index, resource in enumerate(resources):
        where = "%s[%d]" % (option, index)
        ident = resource.get("id")
        if originals and ident not in originals:
            raise InvalidOption(where + ".id", "'%s' is not in backup %s; it holds %s"
                                % (ident, checkpoint.get("id"), ", ".join(sorted(o for o in originals if o))))
        if ident in parameters:
            raise InvalidOption(where + ".id", "'%s' is listed twice" % ident)
        parameters[ident] = {theirs: resource[ours] for ours, theirs in RESTORE_PARAMETERS if resource.get(ours) is not None}
    return parameters


def restore_running(restore):
    return any(status in RESTORE_RUNNING for status in (restore.get("resources_status") or {}).values())


def restore_failures(restore):
    """{resource id: reason} for each resource that did not restore."""
    reasons = restore.get("resources_reason") or {}
    return {rid: reasons.get(rid) or status for rid, status in (restore.get("resources_status") or {}).items()
            if status not in RESTORE_OK and status not in RESTORE_RUNNING}


def same_restore(existing, checkpoint_id, parameters):
    return existing.get("checkpoint_id") == checkpoint_id and existing.get("parameters") == parameters


def wait_for(fetch, done, timeout, what, interval=2.0, sleep=time.sleep, clock=time.monotonic):
    """Poll `fetch()` until `done(value)`; raise TimeoutError naming `what` after `timeout` seconds."""
    deadline = clock() + timeout
    delay = min(0.2, interval)
    while True:
        value = fetch()
        if done(value):
            return value
        if clock() >= deadline:
            raise TimeoutError("%s did not finish within %d s" % (what, timeout))
        sleep(delay)
        delay = min(interval, delay * 2)  # fast first checks for quick backends, then settle at `interval`
