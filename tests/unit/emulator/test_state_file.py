# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The optional JSON state file: saved after each change, loaded at start, indexes rebuilt."""

import json

from karboii_emulator import Emulator

from .helpers import Client, server_resource


def test_round_trip(tmp_path, http_server):
    path = str(tmp_path / "state.json")
    first = Emulator(state_file=path)
    http_server.use(first)
    client = Client.of(http_server)
    client.login()
    vm = server_resource()
    client.control("POST", "/servers", {"servers": [{"name": "saved-vm"}]})
    plan = client.create_plan("saved", [vm], retention_type="gfs", gfs={"son": 2})
    client.create_trigger(plan["id"])
    checkpoint = client.create_checkpoint(plan["id"])
    saved = json.loads((tmp_path / "state.json").read_text())
    assert [p["id"] for p in saved["plans"]] == [plan["id"]]
    assert [c["id"] for c in saved["checkpoints"]] == [checkpoint["id"]]

    second = Emulator(state_file=path)
    http_server.use(second)
    assert second.store.dump() == first.store.dump()
    client.login()  # tokens are not persisted: authenticate again after a restart
    assert client.karboii("GET", "/plans/" + plan["id"]).body["plan"]["gfs"] == {"son": 2, "father": 0, "grandfather": 0}
    # The indexes came back too: one plan per VM, one trigger per plan.
    reply = client.create_plan("again", [vm], expect=400)
    assert "already protected by plan saved" in reply.body["message"]
    reply = client.karboii("POST", "/triggers", {"trigger_info": {
        "name": "second", "plan_id": plan["id"], "properties": {"pattern": "0 0 * * *", "max_backups": 1}}})
    assert reply.status == 400
    assert client.karboii("DELETE", "/plans/" + plan["id"]).status == 204
    assert json.loads((tmp_path / "state.json").read_text())["plans"] == []
    assert [s["name"] for s in json.loads((tmp_path / "state.json").read_text())["servers"]] == ["saved-vm"]


def test_no_file_until_something_changes(tmp_path):
    Emulator(state_file=str(tmp_path / "state.json"))
    assert not (tmp_path / "state.json").exists()
