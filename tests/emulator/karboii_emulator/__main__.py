# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Command line: `PYTHONPATH=tests/emulator python -m karboii_emulator --port 0`."""

import argparse
import json
import os
import signal
import sys
import threading

from .app import Emulator
from .config import DEFAULT_HOST, DEFAULT_PAGE_CAP, DEFAULT_PORT, Identity, Settings
from .nova import seed_specs
from .server import RunningServer, check_loopback


def parse_args(argv):
    defaults = Identity()
    parser = argparse.ArgumentParser(prog="python -m karboii_emulator",
                                     description="Stateful Karboii + Keystone v3 + Nova emulator on loopback.")
    parser.add_argument("--host", default=DEFAULT_HOST, help="loopback address to listen on (default %(default)s)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port; 0 picks a free one (default %(default)s)")
    parser.add_argument("--info-file", help="write the URLs, credentials and pid here as JSON once listening")
    parser.add_argument("--state-file", help="load state from this JSON file at start and save it after each change")
    parser.add_argument("--swagger", help="Swagger spec: answer 400 to Karboii request bodies that do not fit it")
    parser.add_argument("--servers-file", help="JSON list of Nova servers to seed: [{id, name, volumes: [{id, name?}]}]")
    parser.add_argument("--seed-servers", type=int, default=0, metavar="N", help="create N servers named vm-001...")
    parser.add_argument("--page-cap", type=int, default=DEFAULT_PAGE_CAP, help="largest page a list call returns")
    parser.add_argument("--checkpoint-delay", type=float, default=0.0, metavar="SECONDS",
                        help="how long checkpoints stay protecting and restores restoring (default 0)")
    parser.add_argument("--username", default=defaults.username)
    parser.add_argument("--password", default=defaults.password)
    parser.add_argument("--project-id", default=defaults.project_id)
    parser.add_argument("--project-name", default=defaults.project_name)
    parser.add_argument("--quiet", action="store_true", help="do not log each request to stderr")
    args = parser.parse_args(argv)
    try:
        check_loopback(args.host)
    except ValueError as exc:
        parser.error(str(exc))
    if args.page_cap < 1 or args.seed_servers < 0 or args.checkpoint_delay < 0:
        parser.error("--page-cap must be >= 1, --seed-servers and --checkpoint-delay >= 0")
    return args


def build_emulator(args):
    identity = Identity(args.username, args.password, args.project_id, args.project_name)
    settings = Settings(page_cap=args.page_cap, checkpoint_delay=args.checkpoint_delay)
    emulator = Emulator(identity, settings, state_file=args.state_file, swagger_path=args.swagger)
    specs = seed_specs(args.seed_servers)
    if args.servers_file:
        with open(args.servers_file) as handle:
            specs.extend(json.load(handle))
    if specs:
        emulator.add_servers(specs)
    return emulator


def connection_info(url, identity):
    return {
        "url": url,
        "auth_url": url + "/v3",
        "karboii_url": url + "/infra/karboii/v1",
        "compute_url": url + "/compute/v2.1",
        "control_url": url + "/_emulator",
        "username": identity.username,
        "password": identity.password,
        "user_domain_name": identity.user_domain_name,
        "project_id": identity.project_id,
        "project_name": identity.project_name,
        "project_domain_name": identity.project_domain_name,
        "region": identity.region,
        "application_credential_id": identity.app_cred_id,
        "application_credential_secret": identity.app_cred_secret,
        "pid": os.getpid(),
    }


def write_info(path, info):
    """Write atomically: a script polling for the file never reads half of it."""
    temp_path = path + ".tmp"
    with open(temp_path, "w") as handle:
        json.dump(info, handle, indent=2)
    os.replace(temp_path, path)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        emulator = build_emulator(args)
    except (OSError, ValueError, RuntimeError) as exc:
        print("karboii emulator: %s" % exc, file=sys.stderr)
        return 2
    try:
        server = RunningServer(emulator, args.host, args.port, quiet=args.quiet)
    except OSError as exc:
        print("karboii emulator: cannot listen on %s:%s: %s" % (args.host, args.port, exc), file=sys.stderr)
        return 1
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_args: stop.set())
    if args.info_file:
        write_info(args.info_file, connection_info(server.url, emulator.identity))
    identity = emulator.identity
    print("Karboii emulator listening on %s (project %s, user %s)" % (server.url, identity.project_id, identity.username),
          flush=True)
    while not stop.wait(0.5):
        pass
    server.stop()
    if args.info_file and os.path.exists(args.info_file):
        os.remove(args.info_file)  # a stale file would point the next run at a dead port
    return 0


if __name__ == "__main__":
    sys.exit(main())
