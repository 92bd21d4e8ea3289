# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""`python -m karboii_emulator` as a process: flags, info file, start line, clean stop."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from karboii_emulator.config import Identity

from .helpers import EMULATOR_DIR, Client


def start(tmp_path, *flags):
    env = dict(os.environ, PYTHONPATH=str(EMULATOR_DIR))
    info_file = tmp_path / "info.json"
    process = subprocess.Popen([sys.executable, "-m", "karboii_emulator", "--port", "0", "--info-file", str(info_file)]
                               + list(flags), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 15
    while not info_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError("emulator did not start: %s" % process.communicate())
        time.sleep(0.02)
    return process, json.loads(info_file.read_text()), info_file


def client_for(info, username="demo"):
    identity = Identity(username=username, password=info["password"], project_id=info["project_id"])
    client = Client(int(info["url"].rsplit(":", 1)[1]), identity)
    client.login()
    return client


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_run_and_stop(tmp_path, signum):
    servers_file = tmp_path / "servers.json"
    servers_file.write_text(json.dumps([{"id": "fixed-id", "name": "from-file", "volumes": [{"id": "v1"}]}]))
    process, info, info_file = start(tmp_path, "--quiet", "--seed-servers", "2", "--servers-file", str(servers_file),
                                     "--page-cap", "1", "--username", "alice", "--project-id", "0123456789abcdef0123456789abcdef")
    try:
        assert info["url"].startswith("http://127.0.0.1:")
        assert info["auth_url"] == info["url"] + "/v3"
        assert info["karboii_url"] == info["url"] + "/infra/karboii/v1"
        assert info["username"] == "alice" and info["password"] == "demo-password-not-secret"
        assert info["project_id"] == "0123456789abcdef0123456789abcdef"
        assert info["user_domain_name"] == info["project_domain_name"] == "users"
        assert info["project_name"] == "demo-project" and info["region"] == "RegionOne"
        assert info["application_credential_id"] == "demo-app-cred"
        assert info["application_credential_secret"] == "demo-app-cred-secret"
        assert info["pid"] == process.pid
        client = client_for(info, "alice")
        names = [s["name"] for s in client.nova("GET", "/servers/detail").body["servers"]]
        assert names == ["vm-001", "vm-002", "from-file"]
        client.create_plan("a")
        client.create_plan("b")
        assert len(client.karboii("GET", "/plans").body["plans"]) == 1  # --page-cap 1
    finally:
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=10)
    assert process.returncode == 0
    assert stdout.splitlines()[0] == "Karboii emulator listening on %s (project %s, user alice)" % (info["url"], info["project_id"])
    assert "Traceback" not in stderr
    assert not info_file.exists()


def test_state_file_survives_a_restart(tmp_path):
    state = str(tmp_path / "state.json")
    process, info = start(tmp_path, "--quiet", "--state-file", state)[:2]
    try:
        client = client_for(info)
        plan = client.create_plan("persisted")
    finally:
        process.terminate()
        process.communicate(timeout=10)
    process, info = start(tmp_path, "--quiet", "--state-file", state)[:2]
    try:
        client = client_for(info)
        assert client.karboii("GET", "/plans/" + plan["id"]).body["plan"]["name"] == "persisted"
    finally:
        process.terminate()
        process.communicate(timeout=10)


@pytest.mark.parametrize("flags, message", [
    (["--host", "0.0.0.0"], "refusing to listen"),
    (["--host", "192.168.1.10"], "refusing to listen"),
    (["--page-cap", "0"], "--page-cap must be >= 1"),
])
def test_bad_flags(flags, message):
    env = dict(os.environ, PYTHONPATH=str(EMULATOR_DIR))
    result = subprocess.run([sys.executable, "-m", "karboii_emulator", "--port", "0"] + flags, env=env,
                            capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2
    assert message in result.stderr
