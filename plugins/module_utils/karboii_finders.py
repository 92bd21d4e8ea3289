# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Finding the objects a task names: a plan by name or id, its trigger, the VMs it protects."""

from __future__ import annotations

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_plans import is_gone, select_one
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_triggers import the_trigger
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import SERVER, UUID, InvalidOption


def find_plan(client, name=None, ident=None, option="name"):
    """The live plan with this id (one GET) or this exact name (a listing); None when absent."""
    if ident:
        plan = client.get_plan(ident)
        return None if is_gone(plan) else plan
    live = [plan for plan in client.list_plans() if not is_gone(plan)]
    return select_one(live, "plan", name=name, option=option)


def find_plan_by_ref(client, ref, option="plan"):
    """A plan given as an id or a name: an id-shaped value is tried as an id first."""
    if UUID.match(ref):
        plan = find_plan(client, ident=ref)
        if plan:
            return plan
    return find_plan(client, name=ref, option=option)


def require_plan(client, ref, option="plan"):
    """The plan a task works on; its absence is the user's error, named by option."""
    plan = find_plan_by_ref(client, ref, option)
    if plan is None:
        raise InvalidOption(option, "no plan named or with id '%s'" % ref)
    return plan


def find_backup(client, checkpoint_id, provider_ids):
    """(provider id, backup) under the first provider that holds it; (None, None) when none does.

    The API files a backup under its plan's provider; without the plan, each provider is asked.
    """
    for provider_id in provider_ids:
        checkpoint = client.get_checkpoint(provider_id, checkpoint_id)
        if checkpoint is not None:
            return provider_id, checkpoint
    return None, None


def find_trigger(client, plan_id):
    return the_trigger(client.list_triggers(), plan_id)


def name_resources(nova, wanted, known, option="resources"):
    """Fill in what the user left out of each resource: a VM's id from its name, a name from the plan or Nova.

    Nova is asked only about VMs the plan does not hold yet, so a task with nothing
    to change makes no Nova call. Databases are not looked up: they need their id and name.
    """
    known_by_id = {r.get("id"): r for r in known or []}
    named = []
    for index, resource in enumerate(wanted):
        where = "%s[%d]" % (option, index)
        entry = dict(resource)
        if entry.get("id") and not entry.get("name") and entry["id"] in known_by_id:
            entry["name"] = known_by_id[entry["id"]].get("name")
        if not entry.get("id") or not entry.get("name"):
            if entry["type"] != SERVER:
                raise InvalidOption(where, "give both id and name for a %s (only VMs are looked up)" % entry["type"])
            entry.update(_lookup_server(nova, entry, where))
        named.append(entry)
    ids = [r["id"] for r in named]
    for index, ident in enumerate(ids):
        if ident in ids[:index]:
            raise InvalidOption("%s[%d]" % (option, index), "VM %s is listed twice" % ident)
    return named


def _lookup_server(nova, entry, where):
    if entry.get("id"):
        server = nova.server(entry["id"])
        if server is None:
            raise InvalidOption(where + ".id", "no VM has id '%s'" % entry["id"])
        return {"name": server.get("name")}
    servers = nova.servers_named(entry["name"])
    if not servers:
        raise InvalidOption(where + ".name", "no VM is named '%s'" % entry["name"])
    if len(servers) > 1:
        raise InvalidOption(where + ".name", "%d VMs are named '%s' (ids: %s); give the id instead"
                            % (len(servers), entry["name"], ", ".join(s.get("id", "?") for s in servers)))
    return {"id": servers[0]["id"]}
