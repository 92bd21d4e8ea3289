# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""make bench: time the collection against bare uri tasks and the curl-style playbook, side by side.

    .venv/bin/python -m bench.run [--vms N] [--forks F] [--repeats R]     (from the repository root)

Every play runs over an inventory of N hosts vm-001..vm-N (local connection): one host per VM,
as a play that provisions the VMs and backs each one up would. The emulator's request counters
are cleared before each play. The table goes to stdout and bench/results/<timestamp>.json/.md.
Exit status 0 unless something crashed; the targets are printed, never enforced.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from . import plays, report
from .emulator import Emulator, EmulatorError
from .layout import BUILD_ROOT, REPO, RESULTS_DIR, ROLE_TASKS, build_tree, fresh_dir
from .seed import seed_plans


SKIPPABLE = {'role', 'no-auth', 'scale'}
ROLE_LABEL = 'role: vkcloud.karboii.vm_backup'


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, '')
    return int(value) if value.strip() else default


def parse_args(argv: list) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog='python -m bench.run', description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--vms', type=int, default=env_int('BENCH_N', 100), help='VMs (hosts) per play (BENCH_N, default 100)')
    parser.add_argument('--forks', type=int, default=env_int('BENCH_FORKS', 10), help='ansible-playbook -f (BENCH_FORKS, default 10)')
    parser.add_argument('--repeats', type=int, default=env_int('BENCH_REPEATS', 1),
                        help='runs of each play; the table shows the fastest (BENCH_REPEATS, default 1)')
    parser.add_argument('--base-plans', type=int, default=10, help='other plans in the project for every play (default 10)')
    parser.add_argument('--scale-plans', type=int, default=env_int('BENCH_SCALE_PLANS', 5000),
                        help='other plans for the scale row (BENCH_SCALE_PLANS, default 5000)')
    parser.add_argument('--skip', default=os.environ.get('BENCH_SKIP', ''),
                        help='comma-separated scenarios to leave out: role, no-auth, scale (BENCH_SKIP)')
    parser.add_argument('--role-first-run', action='store_true', default=os.environ.get('BENCH_ROLE_FIRST_RUN', '0') not in ('', '0'),
                        help='time the role creating the plans too, not only its no-change run (BENCH_ROLE_FIRST_RUN=1; ~1.5 min more)')
    parser.add_argument('--results-dir', default=RESULTS_DIR, help='where <timestamp>.json and .md go')
    args = parser.parse_args(argv)
    args.skip = set(item.strip() for item in args.skip.split(',') if item.strip())
    if args.skip - SKIPPABLE:
        parser.error('--skip takes %s, not %s' % (', '.join(sorted(SKIPPABLE)), ', '.join(sorted(args.skip - SKIPPABLE))))
    if args.vms < 1 or args.forks < 1 or args.repeats < 1 or args.base_plans < 0 or args.scale_plans < args.base_plans:
        parser.error('--vms, --forks and --repeats must be >= 1, and 0 <= --base-plans <= --scale-plans')
    return args


def command_output(command: list) -> str:
    try:
        return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ''


def load_average() -> str:
    return '%.2f' % os.getloadavg()[0]


class Bench:
    """One benchmark run: the emulator, the inventory, and the rows measured so far."""

    def __init__(self, args: argparse.Namespace, emulator: Emulator, info: dict, run_dir: str):
        self.args = args
        self.run_dir = run_dir
        self.emulator = emulator
        self.info = info
        self.started = time.monotonic()
        self.bin_dir = os.path.dirname(sys.executable)
        self.inventory = os.path.join(run_dir, 'inventory.json')
        plays.write_inventory(self.inventory, args.vms, sys.executable, info)
        self.env = plays.environment(BUILD_ROOT, info)
        self.rows = []
        self.other_plans = 0

    def say(self, message: str) -> None:
        print('[%4.0f s] %s' % (time.monotonic() - self.started, message), flush=True)

    # project state ---------------------------------------------------------------
    def fresh_project(self) -> None:
        """No plans but the base ones: what a first run starts from."""
        self.emulator.reset()
        self.other_plans = seed_plans(self.info, 1, self.args.base_plans)

    def grow_project(self, total: int) -> None:
        added = seed_plans(self.info, self.other_plans + 1, total - self.other_plans)
        self.say('seeded %d more plans with their triggers (%d other plans now)' % (added, total))
        self.other_plans = total

    # one scenario ------------------------------------------------------------------
    def play(self, key: str, label: str, playbook: str, run=None, prepare=None, counts_plans: bool = True) -> dict:
        """Run the play `repeats` times (calling prepare() before each); keep the fastest run."""
        best = None
        for repeat in range(1, self.args.repeats + 1):
            if prepare:
                prepare()
            self.emulator.clear_requests()
            emulator_cpu = self.emulator.cpu_seconds()
            log = os.path.join(self.run_dir, '%s%s-%d.log' % (key, '-run%d' % run if run else '', repeat))
            measured = plays.run_playbook(os.path.join(self.bin_dir, 'ansible-playbook'), playbook, self.inventory,
                                          self.args.forks, self.env, log, self.run_dir)
            measured['emulator_cpu'] = self.emulator.cpu_seconds() - emulator_cpu
            measured['counts'] = self.emulator.request_counts()
            self.say('%-55s %6.1f s  (%s)' % (label + (' run %d' % run if run else ''), measured['wall'],
                                              ', '.join('%s=%d' % item for item in sorted(measured['counts'].items()))))
            if best is None or measured['wall'] < best['wall']:
                best = dict(measured, walls=[])
            best['walls'].append(round(measured['wall'], 3))
        recap, counts = best['recap'], best['counts']
        row = {
            'key': key, 'label': label, 'run': run, 'playbook': os.path.relpath(playbook, REPO),
            'other_plans': self.other_plans if counts_plans else None,
            'wall': best['wall'], 'walls': best['walls'], 'cpu': best['cpu'], 'emulator_cpu': best['emulator_cpu'],
            'tasks': recap.get('ok', 0), 'changed': recap.get('changed', 0), 'skipped': recap.get('skipped', 0),
            'karboii': counts.get('karboii', 0), 'keystone': counts.get('keystone', 0), 'nova': counts.get('nova', 0),
        }
        self.rows.append(row)
        return row

    def pair(self, key: str, label: str, playbook: str) -> None:
        """First run from a fresh project (creates everything), then the second run (changes nothing)."""
        self.play(key, label, playbook, run=1, prepare=self.fresh_project)
        second = self.play(key, label, playbook, run=2)
        if second['changed']:
            self.say('note: the second run of %s changed %d task(s)' % (label, second['changed']))

    # the whole benchmark --------------------------------------------------------------
    def run_all(self) -> None:
        book = dict((name, os.path.join(plays.PLAYBOOK_DIR, name + '.yml'))
                    for name in ('floor', 'curl_style', 'collection', 'collection_no_auth'))
        skip = self.args.skip
        role_book = None
        if 'role' in skip or not os.path.exists(ROLE_TASKS):
            self.say('vm_backup role skipped: %s' % ('--skip role' if 'role' in skip else 'roles/vm_backup/tasks/main.yml not found'))
        else:
            role_book = os.path.join(self.run_dir, 'role.yml')
            plays.role_playbook(role_book)
        self.pair('curl', 'curl-style: uri walk-through', book['curl_style'])
        if role_book and self.args.role_first_run:
            self.pair('role', ROLE_LABEL, role_book)
        self.pair('collection', 'collection: karboii_auth + karboii_plan', book['collection'])
        if role_book and not self.args.role_first_run:
            # The collection's plans are exactly the role's (names, VMs, schedule, retention),
            # so the role's no-change run needs no first run of its own: that saves minutes.
            role = self.play('role', ROLE_LABEL, role_book, run=2)
            if role['changed']:
                self.say('note: the role changed %d task(s) on the plans the collection made' % role['changed'])
        # the floor right after the no-change runs it is compared with, so they see the same machine
        self.play('floor', 'floor: one bare uri GET per VM', book['floor'], counts_plans=False)
        if 'no-auth' not in skip:
            self.play('collection-no-auth', 'collection: karboii_plan, each task logs in', book['collection_no_auth'], run=2)
        if 'scale' not in skip:
            self.grow_project(self.args.scale_plans)
            self.play('collection-scale', 'collection: karboii_auth + karboii_plan', book['collection'], run=2)


def main(argv: list | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.monotonic()
    load_before = load_average()
    try:
        build_tree()
    except subprocess.CalledProcessError:
        print('bench: tools/build-tree.sh failed', file=sys.stderr)
        return 1
    run_dir = fresh_dir('run')
    emulator = Emulator(REPO, sys.executable, run_dir)
    try:
        info = emulator.start()
        bench = Bench(args, emulator, info, run_dir)
        where = (info['url'], os.path.relpath(BUILD_ROOT, REPO), os.path.relpath(run_dir, REPO))
        bench.say('emulator %s, collection in %s, logs in %s' % where)
        bench.run_all()
    except (plays.PlayFailed, EmulatorError, RuntimeError, OSError) as exc:
        print('bench: %s' % exc, file=sys.stderr)
        return 1
    finally:
        emulator.stop()
    report.derive(bench.rows, args.vms)
    meta = {
        'timestamp': time.strftime('%Y%m%dT%H%M%SZ', time.gmtime()),
        'vms': args.vms, 'forks': args.forks, 'repeats': args.repeats,
        'base_plans': args.base_plans, 'scale_plans': args.scale_plans,
        'ansible_version': command_output([os.path.join(bench.bin_dir, 'ansible-playbook'), '--version']).split('\n')[0]
        .rsplit(' ', 1)[-1].strip('[]'),
        'python_version': sys.version.split()[0], 'cpus': os.cpu_count() or 0,
        'commit': command_output(['git', 'rev-parse', '--short', 'HEAD']) + ('-dirty' if command_output(['git', 'status', '--porcelain']) else ''),
        'load_before': load_before, 'load_after': load_average(),
        'elapsed': time.monotonic() - started,
    }
    result = {'meta': meta, 'rows': bench.rows, 'targets': report.targets(bench.rows, args.vms, args.scale_plans, args.base_plans)}
    print()
    print(report.text_report(result))
    paths = report.write_results(result, args.results_dir)
    print()
    print('results: %s' % ', '.join(os.path.relpath(path, REPO) for path in paths))
    return 0


if __name__ == '__main__':
    sys.exit(main())
