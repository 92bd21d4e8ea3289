# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Where a task's time goes: the module alone, without Ansible's controller around it.

    .venv/bin/python -m bench.profile_task [--repeats 10] [--scale-plans 5000]   (from the repository root)

Runs one host of floor.yml and of collection.yml (twice: the second run changes nothing)
with ANSIBLE_KEEP_REMOTE_FILES, keeps the AnsiballZ payloads Ansible built, and runs those
payloads directly against the emulator: timed, with `python -X importtime`, and under cProfile.
Then the project grows to --scale-plans other plans and the no-change payload is timed again.
Do not run it while `make bench` runs: both use .build/bench.
"""

from __future__ import annotations

import argparse
import glob
import io
import os
import pstats
import resource
import statistics
import subprocess
import sys
import time

from . import plays
from .emulator import Emulator
from .layout import REPO, build_tree, fresh_dir
from .seed import seed_plans

GROUPS = (
    # (group, first components of the imported module names)
    ('collection (module + module_utils)', ('ansible_collections',)),
    ('ansible.module_utils', ('ansible',)),
    ('requests, urllib3, idna, charset_normalizer', ('requests', 'urllib3', 'idna', 'charset_normalizer', 'certifi', 'chardet')),
    ('cryptography, cffi', ('cryptography', '_cffi_backend', 'cffi')),
)
OTHER = 'stdlib and other'
# functions whose cumulative time the report shows, when they appear in a profile
WATCHED = ('run_module', '__call__', 'run', 'update', 'create', '_build_client', 'list_all', 'list_plans', 'list_triggers',
           'call', 'send', 'request', 'loads', 'exit_json', 'find_plan', 'find_trigger', 'sync_trigger', 'fetch_url',
           'open_url', 'json', 'authenticate', '_find_and_load', 'build_session', 'decode')
# run a payload under cProfile; the AnsiballZ wrapper must be __main__ itself (it drops its script dir from sys.path)
PROFILE_CODE = "import cProfile, runpy, sys; cProfile.run('runpy.run_path(sys.argv[1], run_name=\"__main__\")', sys.argv[2])"


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_payloads(python: str, payloads: dict, repeats: int) -> dict:
    """Wall and CPU seconds of `python payload` (one module run in a fresh interpreter), the payloads interleaved.

    Interleaving spreads the noise of a shared machine evenly; the minimum is the least disturbed run.
    """
    samples = dict((name, {'wall': [], 'cpu': []}) for name in payloads)
    for dummy in range(repeats):
        for name, payload in payloads.items():
            cpu = children_cpu()
            started = time.monotonic()
            subprocess.run([python, payload], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            samples[name]['wall'].append(time.monotonic() - started)
            samples[name]['cpu'].append(children_cpu() - cpu)
    return dict((name, {'wall': min(values['wall']), 'cpu': min(values['cpu']),
                        'median_wall': statistics.median(values['wall']), 'median_cpu': statistics.median(values['cpu'])})
                for name, values in samples.items())


def import_times(python: str, payload: str) -> dict:
    """Seconds spent importing, by package (self time of every import, from `python -X importtime`)."""
    done = subprocess.run([python, '-X', 'importtime', payload], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=True)
    groups = dict((name, 0.0) for name, dummy in GROUPS)
    groups[OTHER] = 0.0
    for line in done.stderr.splitlines():
        fields = line.split('|')
        if not line.startswith('import time:') or len(fields) != 3 or 'self [us]' in line:
            continue
        first = fields[2].strip().split('.')[0]
        self_seconds = int(fields[0].split(':')[1]) / 1e6
        group = next((group for group, prefixes in GROUPS if first in prefixes), OTHER)
        groups[group] += self_seconds
    groups['total'] = sum(groups.values())
    return groups


def profile_payload(python: str, payload: str, out: str) -> str:
    """cProfile of one run: the functions listed in WATCHED and the top 12 by own time."""
    subprocess.run([python, '-c', PROFILE_CODE, payload, out], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    stats = pstats.Stats(out)
    lines = ['total %.3f s (profiled, so slower than unprofiled runs)' % stats.total_tt]
    watched = []
    for (filename, line_number, function), row in stats.stats.items():  # pylint: disable=no-member
        cumulative = row[3]
        if function in WATCHED and cumulative >= 0.003:
            where = filename.split('site-packages/')[-1].split('ansible_collections/')[-1].split('lib/python3.11/')[-1]
            watched.append((cumulative, '%-20s %7.3f s cumulative  %s:%d' % (function, cumulative, where, line_number)))
    lines += [text for dummy, text in sorted(watched, reverse=True)[:18]]
    buffer = io.StringIO()
    pstats.Stats(out, stream=buffer).sort_stats('tottime').print_stats(12)
    table = [line for line in buffer.getvalue().splitlines() if line.strip()]
    lines += ['top 12 by own time:'] + table[-13:]
    return '\n'.join(lines)


def keep_payload(ansible_playbook: str, playbook: str, inventory: str, env: dict, work: str, name: str) -> str:
    """Run the play for one host keeping the remote files; returns the path of the module's AnsiballZ payload."""
    keep = os.path.join(work, 'keep-' + name)
    env = dict(env, ANSIBLE_KEEP_REMOTE_FILES='1', ANSIBLE_REMOTE_TMP=keep)
    plays.run_playbook(ansible_playbook, playbook, inventory, 1, env, os.path.join(work, name + '.log'), work)
    found = sorted(glob.glob(os.path.join(keep, '*', 'AnsiballZ_%s.py' % name)))
    if not found:
        raise RuntimeError('no AnsiballZ_%s.py kept under %s' % (name, keep))
    return found[-1]


def section(title: str) -> str:
    return '\n== %s ==' % title


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m bench.profile_task', description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--repeats', type=int, default=10, help='runs of each payload for the median (default 10)')
    parser.add_argument('--base-plans', type=int, default=10)
    parser.add_argument('--scale-plans', type=int, default=5000)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    python = sys.executable
    ansible_playbook = os.path.join(os.path.dirname(python), 'ansible-playbook')
    collections_root = build_tree()
    work = fresh_dir('profile')
    emulator = Emulator(REPO, python, work)
    report = []
    try:
        info = emulator.start()
        emulator.reset()
        seed_plans(info, 1, args.base_plans)
        inventory = os.path.join(work, 'inventory.json')
        plays.write_inventory(inventory, 1, python, info)
        env = plays.environment(collections_root, info)
        book = os.path.join(plays.PLAYBOOK_DIR, '%s.yml')
        payloads = {'uri': keep_payload(ansible_playbook, book % 'floor', inventory, env, work, 'uri')}
        plays.run_playbook(ansible_playbook, book % 'collection', inventory, 1, env, os.path.join(work, 'create.log'), work)
        payloads['karboii_plan'] = keep_payload(ansible_playbook, book % 'collection', inventory, env, work, 'karboii_plan')

        report.append(section('one module run, its payload run directly (fastest and median of %d, interleaved)' % args.repeats))
        timings = time_payloads(python, payloads, args.repeats)
        for name, timing in timings.items():
            report.append('%-13s wall %.3f s  CPU %.3f s   (median: wall %.3f s  CPU %.3f s)'
                          % (name, timing['wall'], timing['cpu'], timing['median_wall'], timing['median_cpu']))
        plan, uri = timings['karboii_plan'], timings['uri']
        report.append('karboii_plan / uri: wall %.2fx, CPU %.2fx' % (plan['wall'] / uri['wall'], plan['cpu'] / uri['cpu']))

        report.append(section('import seconds by package (python -X importtime, self times summed)'))
        imports = dict((name, import_times(python, payload)) for name, payload in payloads.items())
        report.append('%-45s %8s %13s' % ('', 'uri', 'karboii_plan'))
        for group in imports['uri']:
            report.append('%-45s %8.3f %13.3f' % (group, imports['uri'][group], imports['karboii_plan'][group]))

        for name, payload in payloads.items():
            report.append(section('cProfile of %s, %d other plans' % (name, args.base_plans)))
            report.append(profile_payload(python, payload, os.path.join(work, name + '.prof')))

        seed_plans(info, args.base_plans + 1, args.scale_plans - args.base_plans)
        scaled = time_payloads(python, {'karboii_plan': payloads['karboii_plan']}, args.repeats)['karboii_plan']
        emulator_cpu = emulator.cpu_seconds()
        time_payloads(python, {'karboii_plan': payloads['karboii_plan']}, 1)
        emulator_cpu = emulator.cpu_seconds() - emulator_cpu
        report.append(section('karboii_plan, no change, %d vs %d other plans (fastest of %d)'
                              % (args.scale_plans, args.base_plans, args.repeats)))
        base = timings['karboii_plan']
        report.append('%5d other plans: wall %.3f s  CPU %.3f s' % (args.base_plans, base['wall'], base['cpu']))
        report.append('%5d other plans: wall %.3f s  CPU %.3f s  (emulator CPU per task %.3f s)'
                      % (args.scale_plans, scaled['wall'], scaled['cpu'], emulator_cpu))
        report.append('ratio: wall %.2fx  CPU %.2fx' % (scaled['wall'] / base['wall'], scaled['cpu'] / base['cpu']))
        emulator.clear_requests()
        report.append(section('cProfile of karboii_plan, %d other plans' % args.scale_plans))
        report.append(profile_payload(python, payloads['karboii_plan'], os.path.join(work, 'karboii_plan-scale.prof')))
        report.append('requests sent: %s' % emulator.request_counts())
    finally:
        emulator.stop()
    text = '\n'.join(report).lstrip('\n')
    print(text)
    with open(os.path.join(work, 'profile.txt'), 'w', encoding='utf-8') as out:
        out.write(text + '\n')
    print('\n(also in %s)' % os.path.relpath(os.path.join(work, 'profile.txt'), REPO))
    return 0


if __name__ == '__main__':
    sys.exit(main())
