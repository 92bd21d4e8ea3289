# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""All emulated state, its indexes, and the optional JSON state file.

Stored objects are never changed in place: an update stores a new dict. So a
handler may take a list of references under the lock and render them after
releasing it, and listing stays cheap with thousands of plans. Keys starting
with `_` are the emulator's own bookkeeping and are never sent to clients.
"""

import json
import os
import tempfile
import threading

COLLECTIONS = ("plans", "triggers", "checkpoints", "restores", "servers")


def top_level_ids(plan):
    return [resource["id"] for resource in plan.get("resources", ())]


class Store:
    """Callers hold `lock` around every read-check-write sequence."""

    def __init__(self, state_file=None):
        self.lock = threading.RLock()
        self.state_file = state_file
        self.plans = {}
        self.triggers = {}
        self.checkpoints = {}
        self.restores = {}
        self.servers = {}
        self.owner = {}        # protected resource id -> plan id (one plan per VM/DB)
        self.trigger_of = {}   # plan id -> trigger id (at most one trigger per plan)
        if state_file and os.path.exists(state_file):
            self.load()

    # plans -----------------------------------------------------------------
    def save_plan(self, plan):
        old = self.plans.get(plan["id"])
        if old is not None:
            self._unindex_plan(old)
        self.plans[plan["id"]] = plan
        for resource_id in top_level_ids(plan):
            self.owner[resource_id] = plan["id"]

    def _unindex_plan(self, plan):
        for resource_id in top_level_ids(plan):
            if self.owner.get(resource_id) == plan["id"]:
                del self.owner[resource_id]

    def remove_plan(self, plan_id):
        """Delete a plan with its trigger and its checkpoints, as the real service does."""
        plan = self.plans.pop(plan_id, None)
        if plan is None:
            return None
        self._unindex_plan(plan)
        trigger_id = self.trigger_of.pop(plan_id, None)
        if trigger_id is not None:
            self.triggers.pop(trigger_id, None)
        for checkpoint_id in [cid for cid, cp in self.checkpoints.items() if cp["_plan_id"] == plan_id]:
            del self.checkpoints[checkpoint_id]
        return plan

    # triggers --------------------------------------------------------------
    def save_trigger(self, trigger):
        self.triggers[trigger["id"]] = trigger
        self.trigger_of[trigger["plan_id"]] = trigger["id"]

    # checkpoints, restores, servers ----------------------------------------
    def save_checkpoint(self, checkpoint):
        self.checkpoints[checkpoint["id"]] = checkpoint

    def remove_checkpoint(self, checkpoint_id):
        """Delete a checkpoint and the incrementals linked to it; returns the ids removed."""
        if self.checkpoints.pop(checkpoint_id, None) is None:
            return []
        linked = [cid for cid, cp in self.checkpoints.items() if cp.get("link_id") == checkpoint_id]
        for linked_id in linked:
            del self.checkpoints[linked_id]
        return [checkpoint_id] + linked

    def save_restore(self, restore):
        self.restores[restore["id"]] = restore

    def save_server(self, server):
        self.servers[server["id"]] = server

    # whole state -----------------------------------------------------------
    def clear(self, servers=False):
        with self.lock:
            self.plans, self.triggers, self.checkpoints, self.restores = {}, {}, {}, {}
            self.owner, self.trigger_of = {}, {}
            if servers:
                self.servers = {}
            self.persist()

    def dump(self):
        with self.lock:
            return dict((name, list(getattr(self, name).values())) for name in COLLECTIONS)

    def load(self):
        with open(self.state_file) as handle:
            data = json.load(handle)
        with self.lock:
            for plan in data.get("plans", ()):
                self.save_plan(plan)
            for trigger in data.get("triggers", ()):
                self.save_trigger(trigger)
            for checkpoint in data.get("checkpoints", ()):
                self.save_checkpoint(checkpoint)
            for restore in data.get("restores", ()):
                self.save_restore(restore)
            for server in data.get("servers", ()):
                self.save_server(server)

    def persist(self):
        """Write the state file, atomically so a crash never leaves half a file."""
        if not self.state_file:
            return
        with self.lock:
            data = self.dump()
            directory = os.path.dirname(os.path.abspath(self.state_file))
            handle, temp_path = tempfile.mkstemp(prefix=".karboii-state-", dir=directory)
            with os.fdopen(handle, "w") as out:
                json.dump(data, out, indent=1, sort_keys=True)
            os.replace(temp_path, self.state_file)
