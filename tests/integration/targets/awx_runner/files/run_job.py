# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Do what AWX does with a credential and a job, and summarise the result as JSON.

  python run_job.py inject CREDENTIAL_TYPE_YML PRIVATE_DATA_DIR
      Check a custom credential type the way AWX validates one, then apply its injectors to the
      inputs in the KARBOII_RUNNER_INPUTS variable (JSON): files into PRIVATE_DATA_DIR/env,
      variables into PRIVATE_DATA_DIR/env/envvars. Prints {"env": [names], "files": [paths]}.

  python run_job.py run PRIVATE_DATA_DIR PLAYBOOK
      Run the job with ansible-runner in the environment an AWX job gets: no OS_* variables and
      no ansible-test settings, only what env/envvars adds. Prints the job's status, rc, events
      and stats, and where the secret in KARBOII_RUNNER_SECRET (removed from the environment
      before the job starts) can be found afterwards.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
import tempfile

import ansible_runner
import yaml
from jinja2 import StrictUndefined, sandbox

KEEP = ("ANSIBLE_COLLECTIONS_PATH",)
FIELD_ID = re.compile(r"^[a-zA-Z_]+[a-zA-Z0-9_]*$")
FILE_KEY = re.compile(r"^template(\.[a-zA-Z_]+[a-zA-Z0-9_]*)?$")
FIELD_KEYS = {"id", "type", "label", "help_text", "multiline", "secret", "ask_at_runtime", "default", "choices", "format"}
STRING_ONLY = ("choices", "multiline", "format", "secret")


class Filenames:
    """AWX's `tower.filename`: a path, or an object with one attribute per named file."""

    def __init__(self, single=None):
        self.single = single

    def __str__(self):
        if self.single is None:
            raise ValueError("tower.filename used without an unnamed file injector")
        return self.single


class Tower:
    def __init__(self, filename):
        self.filename = filename


def check_credential_type(ctype):
    """The checks AWX makes when a credential type is saved; raises ValueError."""
    fields = ctype["inputs"].get("fields", [])
    ids = set()
    for field in fields:
        unknown = set(field) - FIELD_KEYS
        if unknown or "id" not in field or "label" not in field:
            raise ValueError("field %r: unknown keys %s or no id/label" % (field.get("id"), sorted(unknown)))
        if not FIELD_ID.match(field["id"]) or field["id"] == "tower" or field["id"] in ids:
            raise ValueError("field id %r is invalid, reserved or repeated" % field["id"])
        ids.add(field["id"])
        kind = field.get("type", "string")
        if kind not in ("string", "boolean"):
            raise ValueError("field %s: type %r" % (field["id"], kind))
        if "default" in field and not isinstance(field["default"], {"string": str, "boolean": bool}[kind]):
            raise ValueError("field %s: default is not a %s" % (field["id"], kind))
        if kind != "string" and any(key in field for key in STRING_ONLY):
            raise ValueError("field %s: %s only apply to strings" % (field["id"], STRING_ONLY))
    for name in ctype["inputs"].get("required", []):
        if name not in ids:
            raise ValueError("required field %s is not defined" % name)
    injectors = ctype["injectors"]
    if set(injectors) - {"env", "file", "extra_vars"}:
        raise ValueError("unknown injector kinds %s" % sorted(set(injectors) - {"env", "file", "extra_vars"}))
    files = list(injectors.get("file", {}))
    if any(not FILE_KEY.match(key) for key in files) or ("template" in files and len(files) > 1):
        raise ValueError("file injectors %s: use `template` alone or `template.<name>` keys" % files)
    for name, value in injectors.get("env", {}).items():
        if not FIELD_ID.match(name) or name.startswith("ANSIBLE_") or not str(value).isascii():
            raise ValueError("env injector %s is not allowed" % name)
    namespace = dict((field_id, "EXAMPLE") for field_id in ids)
    namespace["tower"] = Tower(Filenames("EXAMPLE_FILENAME" if "template" in files else None))
    strict = sandbox.ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    for kind in ("env", "file", "extra_vars"):
        for template in injectors.get(kind, {}).values():
            strict.from_string(template).render(namespace)


def inject(type_path, private_data_dir):
    """Apply the credential type's injectors to the inputs, as AWX does before a job."""
    with open(type_path, encoding="utf-8") as handle:
        ctype = yaml.safe_load(handle)
    check_credential_type(ctype)
    inputs = json.loads(os.environ.pop("KARBOII_RUNNER_INPUTS", "{}"))
    namespace = dict(inputs)
    env_dir = os.path.join(private_data_dir, "env")
    os.makedirs(env_dir, mode=0o700, exist_ok=True)
    render = sandbox.ImmutableSandboxedEnvironment()
    filename = Filenames()
    written = []
    for label, template in ctype["injectors"].get("file", {}).items():
        handle, path = tempfile.mkstemp(dir=env_dir)
        with os.fdopen(handle, "w") as out:
            out.write(render.from_string(template).render(**namespace))
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
        written.append(path)
        if "." in label:
            setattr(filename, label.split(".", 1)[1], path)
        else:
            filename.single = path
    namespace["tower"] = namespace["awx"] = Tower(filename)
    env = dict((name, render.from_string(template).render(**namespace))
               for name, template in ctype["injectors"].get("env", {}).items())
    envvars = os.path.join(env_dir, "envvars")
    with open(envvars, "w", encoding="utf-8") as out:
        yaml.safe_dump(env, out, default_flow_style=False)
    os.chmod(envvars, stat.S_IRUSR | stat.S_IWUSR)
    return {"env": sorted(env), "empty": sorted(name for name, value in env.items() if not value),
            "cacert": env.get("OS_CACERT"), "files": written}


def clean_environment():
    """Drop what an AWX job would not have: credentials and ansible-test's settings."""
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


def files_holding(root, secret, skip=()):
    """Paths under root (relative to it) whose bytes contain secret, leaving out the paths in skip."""
    found = []
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            if os.path.realpath(path) not in skip and not os.path.islink(path) and holds(path, secret):
                found.append(os.path.relpath(path, root))
    return sorted(found)


def run(private_data_dir, playbook):
    """Run the job as AWX would and describe it."""
    secret = os.environ.pop("KARBOII_RUNNER_SECRET", "")
    clean_environment()
    runner = ansible_runner.run(private_data_dir=private_data_dir, playbook=playbook, quiet=True)
    artifacts = runner.config.artifact_dir
    with open(os.path.join(artifacts, "command"), encoding="utf-8") as handle:
        job_env = json.load(handle).get("env") or {}
    credential_file = os.path.realpath(job_env.get("OS_CLIENT_CONFIG_FILE", ""))
    output = [os.path.join(artifacts, name) for name in ("stdout", "stderr") if os.path.isfile(os.path.join(artifacts, name))]
    output += [os.path.join(artifacts, "job_events", name) for name in os.listdir(os.path.join(artifacts, "job_events"))]
    return {
        "status": runner.status,
        "rc": runner.rc,
        "artifact_dir": artifacts,
        "events": [summarise(event) for event in runner.events],
        "stats": runner.stats,
        "job_os_variables": sorted(name for name in job_env if name.startswith("OS_")),
        # what AWX keeps and shows: the job's output and events
        "secret_in_output": sorted(os.path.relpath(path, artifacts) for path in output if secret and holds(path, secret)),
        # anything else in the private data dir, but for the credential file
        "secret_in_files": files_holding(private_data_dir, secret, {credential_file}) if secret else [],
        # proves the search works: the credential file itself holds the secret
        "secret_in_credential_file": bool(secret) and os.path.isfile(credential_file) and holds(credential_file, secret),
    }


def main(argv):
    if len(argv) == 4 and argv[1] == "inject":
        result = inject(argv[2], os.path.realpath(argv[3]))
    elif len(argv) == 4 and argv[1] == "run":
        result = run(os.path.realpath(argv[2]), argv[3])
    else:
        sys.stderr.write(__doc__)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
