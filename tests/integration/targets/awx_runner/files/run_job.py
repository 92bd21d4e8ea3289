# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Run a job the way AWX does - ansible-runner on a private data dir - and summarise it as JSON.

Usage: python run_job.py PRIVATE_DATA_DIR PLAYBOOK

The job gets the environment an AWX job gets: no OS_* variables, no ansible-test settings, only
what the private data dir's env/envvars adds. KARBOII_RUNNER_SECRET names a string (the password)
that must appear in no file of the private data dir after the job, except the credential file
env/envvars points OS_CLIENT_CONFIG_FILE at; it is removed from the environment before the job.
"""

from __future__ import annotations

import json
import os
import sys

import ansible_runner

KEEP = ("ANSIBLE_COLLECTIONS_PATH",)


def clean_environment():
    """Drop what an AWX job would not have: credentials, ansible-test's settings, the secret."""
    for name in list(os.environ):
        if name.startswith(("OS_", "JUNIT_")) or (name.startswith("ANSIBLE_") and name not in KEEP):
            del os.environ[name]


def summarise(event):
    """The part of a job event the test checks."""
    data = event.get("event_data") or {}
    res = data.get("res") if isinstance(data.get("res"), dict) else {}
    return {
        "event": event.get("event"),
        "task": data.get("task"),
        "action": data.get("resolved_action") or data.get("task_action"),
        "changed": res.get("changed"),
        "failed": event.get("event") in ("runner_on_failed", "runner_on_unreachable") and not data.get("ignore_errors"),
    }


def holds(path, secret):
    """True when the file at path contains secret."""
    with open(path, "rb") as handle:
        return secret.encode("utf-8") in handle.read()


def files_holding(root, secret, skip):
    """Paths under root (relative) whose bytes contain secret, leaving out the path skip."""
    found = []
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            if os.path.realpath(path) != skip and not os.path.islink(path) and holds(path, secret):
                found.append(os.path.relpath(path, root))
    return sorted(found)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    private_data_dir, playbook = os.path.realpath(argv[1]), argv[2]
    secret = os.environ.pop("KARBOII_RUNNER_SECRET", "")
    clean_environment()

    runner = ansible_runner.run(private_data_dir=private_data_dir, playbook=playbook, quiet=True)

    with open(os.path.join(runner.config.artifact_dir, "command"), encoding="utf-8") as handle:
        job_env = json.load(handle).get("env") or {}
    credential_file = os.path.realpath(job_env.get("OS_CLIENT_CONFIG_FILE", ""))
    summary = {
        "status": runner.status,
        "rc": runner.rc,
        "artifact_dir": runner.config.artifact_dir,
        "events": [summarise(event) for event in runner.events],
        "stats": runner.stats,
        "job_os_variables": sorted(name for name in job_env if name.startswith("OS_")),
        "credential_file": credential_file,
        "secret_in": files_holding(private_data_dir, secret, credential_file) if secret else None,
        # proves the search works: the credential file itself does hold the secret
        "secret_in_credential_file": bool(secret) and os.path.isfile(credential_file) and holds(credential_file, secret),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
