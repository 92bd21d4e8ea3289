# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The inventory of N VMs, the environment ansible-playbook runs in, and one timed run."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import time

from .seed import vm_id

PLAYBOOK_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'playbooks')
# The policy every VM gets, in every play: Tuesdays 03:03 UTC, keep 20 full backups.
PATTERN = '3 3 * * 2'
MAX_BACKUPS = 20
RECAP_LINE = re.compile(r'^(?P<host>\S+)\s+:\s+(?P<counters>(?:\w+=\d+\s*)+)$')
RECAP_COUNTER = re.compile(r'(\w+)=(\d+)')


class PlayFailed(RuntimeError):
    """ansible-playbook failed: the benchmark measured nothing worth reporting."""


def host_names(count: int) -> list:
    width = max(3, len(str(count)))
    return ['vm-%0*d' % (width, number) for number in range(1, count + 1)]


def write_inventory(path: str, count: int, python: str, info: dict) -> None:
    """N hosts vm-001..vm-N, each run locally; the emulator's URLs and credentials as group vars.

    The collection plays read their credentials from OS_* variables (see environment());
    only the uri plays use the bench_* credentials below.
    """
    hosts = dict((name, {'bench_vm_id': vm_id(name)}) for name in host_names(count))
    group_vars = {
        'ansible_connection': 'local',
        'ansible_python_interpreter': python,
        'bench_plan_name': 'bench-{{ inventory_hostname }}',
        'bench_pattern': PATTERN,
        'bench_max_backups': MAX_BACKUPS,
        'bench_karboii_url': info['karboii_url'].rstrip('/'),
        'bench_auth_url': info['auth_url'].rstrip('/'),
        'bench_project_id': info['project_id'],
        'bench_username': info['username'],
        'bench_password': info['password'],
        'bench_user_domain_name': info['user_domain_name'],
    }
    inventory = {'all': {'children': {'vms': {'hosts': hosts, 'vars': group_vars}}}}
    with open(path, 'w', encoding='utf-8') as out:
        json.dump(inventory, out, indent=1)


def environment(collections_root: str, info: dict, extra: dict | None = None) -> dict:
    """The caller's environment without any OS_* (never a real cloud), plus the emulator's openrc."""
    env = dict((key, value) for key, value in os.environ.items() if not key.startswith('OS_'))
    env.update({
        'ANSIBLE_COLLECTIONS_PATH': collections_root,
        'ANSIBLE_COLLECTIONS_SCAN_SYS_PATH': 'false',
        'ANSIBLE_NOCOLOR': '1',
        'ANSIBLE_RETRY_FILES_ENABLED': 'false',
        'ANSIBLE_HOST_KEY_CHECKING': 'false',
        # what a sourced VK Cloud openrc file sets
        'OS_AUTH_URL': info['auth_url'],
        'OS_USERNAME': info['username'],
        'OS_PASSWORD': info['password'],
        'OS_PROJECT_ID': info['project_id'],
        'OS_USER_DOMAIN_NAME': info['user_domain_name'],
        'OS_REGION_NAME': info['region'],
        'OS_INTERFACE': 'public',
        'OS_IDENTITY_API_VERSION': '3',
    })
    # no ansible.cfg from the caller's directory or home may change what is measured
    env.pop('ANSIBLE_CONFIG', None)
    env.update(extra or {})
    return env


def parse_recap(text: str) -> dict:
    """Sum the PLAY RECAP counters over all hosts: {"hosts": n, "ok": n, "changed": n, ...}."""
    totals = {'hosts': 0}
    in_recap = False
    for line in text.splitlines():
        if line.startswith('PLAY RECAP'):
            in_recap = True
            continue
        match = RECAP_LINE.match(line.strip()) if in_recap else None
        if not match:
            continue
        totals['hosts'] += 1
        for key, value in RECAP_COUNTER.findall(match.group('counters')):
            totals[key] = totals.get(key, 0) + int(value)
    return totals


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_playbook(ansible_playbook: str, playbook: str, inventory: str, forks: int, env: dict, log_path: str,
                 cwd: str) -> dict:
    """Run one play, timed; returns wall seconds, the CPU seconds of ansible and its modules, and the recap."""
    command = [ansible_playbook, '-i', inventory, '-f', str(forks), playbook]
    cpu_before = children_cpu_seconds()
    started = time.monotonic()
    with open(log_path, 'w', encoding='utf-8') as log:
        result = subprocess.run(command, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, check=False)
    wall = time.monotonic() - started
    cpu = children_cpu_seconds() - cpu_before
    with open(log_path, encoding='utf-8') as log:
        output = log.read()
    recap = parse_recap(output)
    if result.returncode != 0 or recap.get('failed') or recap.get('unreachable'):
        tail = '\n'.join(output.splitlines()[-40:])
        raise PlayFailed('%s failed (exit %s); log %s:\n%s' % (os.path.basename(playbook), result.returncode, log_path, tail))
    return {'wall': wall, 'cpu': cpu, 'recap': recap}


def role_playbook(path: str) -> None:
    """The vm_backup role applied to every VM, written only when the role exists (lint would fail on it otherwise).

    Id and name are both given (no Nova lookup), and the plan prefix makes the plan names those of
    the other plays (bench-vm-001, ...), with the same schedule and retention.
    """
    text = """---
# Generated by bench/run.py: the vkcloud.karboii.vm_backup role, once per VM.
- name: "Role: vkcloud.karboii.vm_backup per VM"
  hosts: vms
  gather_facts: false
  roles:
    - role: vkcloud.karboii.vm_backup
      vars:
        vm_backup_server_id: "{{ bench_vm_id }}"
        vm_backup_server_name: "{{ inventory_hostname }}"
        vm_backup_plan_prefix: bench-
        vm_backup_schedule:
          pattern: "{{ bench_pattern }}"
        vm_backup_retention:
          max_backups: "{{ bench_max_backups }}"
"""
    with open(path, 'w', encoding='utf-8') as out:
        out.write(text)
