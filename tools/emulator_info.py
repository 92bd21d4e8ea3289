"""Read the info file that the Karboii emulator writes once it listens.

Subcommands:
  wait INFO --pid PID [--timeout S]   wait until INFO holds the emulator's JSON
                                      (fails early if process PID exits)
  integration-config INFO OUT         write ansible-test's integration_config.yml
  openrc INFO                         print `export OS_...=...` lines, like a
                                      VK Cloud openrc file, for `eval`
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time

# integration_config.yml variable -> key in the emulator's info file
INTEGRATION_VARS = (
    ('karboii_emulator_url', 'url'),
    ('karboii_auth_url', 'auth_url'),
    ('karboii_username', 'username'),
    ('karboii_password', 'password'),
    ('karboii_user_domain_name', 'user_domain_name'),
    ('karboii_project_id', 'project_id'),
    ('karboii_project_name', 'project_name'),
    ('karboii_region', 'region'),
    ('karboii_app_cred_id', 'application_credential_id'),
    ('karboii_app_cred_secret', 'application_credential_secret'),
    ('karboii_endpoint', 'karboii_url'),
)

# openrc variable -> key in the emulator's info file
OPENRC_VARS = (
    ('OS_AUTH_URL', 'auth_url'),
    ('OS_USERNAME', 'username'),
    ('OS_PASSWORD', 'password'),
    ('OS_PROJECT_ID', 'project_id'),
    ('OS_USER_DOMAIN_NAME', 'user_domain_name'),
    ('OS_REGION_NAME', 'region'),
)


def load(path: str) -> dict:
    """Return the info JSON, or raise ValueError/OSError while it is missing or partly written."""
    with open(path, encoding='utf-8') as info_file:
        info = json.load(info_file)
    if not isinstance(info, dict) or not info.get('url'):
        raise ValueError('no url yet')
    return info


def pid_alive(pid: int) -> bool:
    """Return True while process PID exists (and is not a zombie we could detect)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open('/proc/%d/stat' % pid, encoding='utf-8') as stat:
            return stat.read().rsplit(')', 1)[-1].split()[0] != 'Z'
    except OSError:
        return True


def wait(args: argparse.Namespace) -> int:
    """Wait for the info file; 0 when ready, 1 when the emulator died or timed out."""
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        try:
            info = load(args.info)
        except (OSError, ValueError):
            if args.pid and not pid_alive(args.pid):
                print('emulator (pid %d) exited before writing %s' % (args.pid, args.info), file=sys.stderr)
                return 1
            time.sleep(0.1)
            continue
        print('emulator up: %s (Keystone %s, Karboii %s)' % (info['url'], info.get('auth_url'), info.get('karboii_url')))
        return 0
    print('emulator did not write %s within %s s' % (args.info, args.timeout), file=sys.stderr)
    return 1


def yaml_scalar(value: object) -> str:
    """Return VALUE as a YAML scalar (JSON is valid YAML; strings are always quoted)."""
    return json.dumps(value)


def integration_config(args: argparse.Namespace) -> int:
    """Write integration_config.yml for ansible-test from the info file."""
    info = load(args.info)
    missing = [key for dummy, key in INTEGRATION_VARS if key not in info]
    if missing:
        print('emulator info file %s lacks: %s' % (args.info, ', '.join(missing)), file=sys.stderr)
        return 1
    lines = ['---', '# Written by tools/integration.sh from the running emulator; do not edit.']
    lines += ['%s: %s' % (var, yaml_scalar(info[key])) for var, key in INTEGRATION_VARS]
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, 'w', encoding='utf-8') as out:
        out.write('\n'.join(lines) + '\n')
    return 0


def openrc(args: argparse.Namespace) -> int:
    """Print shell exports like a VK Cloud openrc file (sourced, then run ansible)."""
    info = load(args.info)
    for var, key in OPENRC_VARS:
        print('export %s=%s' % (var, shlex.quote(str(info[key]))))
    print('export OS_INTERFACE=public')
    print('export OS_IDENTITY_API_VERSION=3')
    return 0


def main() -> int:
    """Parse the command line and run the subcommand."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest='command', required=True)
    p_wait = sub.add_parser('wait')
    p_wait.add_argument('info')
    p_wait.add_argument('--pid', type=int, default=0)
    p_wait.add_argument('--timeout', type=float, default=60.0)
    p_wait.set_defaults(func=wait)
    p_config = sub.add_parser('integration-config')
    p_config.add_argument('info')
    p_config.add_argument('out')
    p_config.set_defaults(func=integration_config)
    p_openrc = sub.add_parser('openrc')
    p_openrc.add_argument('info')
    p_openrc.set_defaults(func=openrc)
    args = parser.parse_args()
    return args.func(args)


if __name__ == '__main__':
    sys.exit(main())
