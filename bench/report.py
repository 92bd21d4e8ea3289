# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Derived numbers, the issue's targets, and the table as text and Markdown.

Ratios are informational: nothing here fails on a number.
"""

from __future__ import annotations

import json
import os

COLUMNS = (
    # (key, heading, format)
    ('label', 'scenario', '%s'),
    ('run', 'run', '%s'),
    ('other_plans', 'other plans', '%s'),
    ('tasks', 'tasks run', '%d'),
    ('wall', 'wall s', '%.1f'),
    ('per_vm', 's/VM', '%.3f'),
    ('per_task', 's/task', '%.3f'),
    ('x_floor', 'x floor (task)', '%.2f'),
    ('x_curl', 'x curl-style', '%.2f'),
    ('karboii_per_vm', 'Karboii req/VM', '%.2f'),
    ('keystone', 'Keystone req/play', '%d'),
    ('cpu_per_vm', 'CPU s/VM', '%.3f'),
    ('emulator_cpu', 'emulator CPU s', '%.2f'),
)


def derive(rows: list, vms: int) -> None:
    """Add per-VM and per-task times and the ratios to each row (in place)."""
    floor = next((row for row in rows if row['key'] == 'floor'), None)
    curl = dict((row['run'], row) for row in rows if row['key'] == 'curl')
    for row in rows:
        row['per_vm'] = row['wall'] / vms
        row['per_task'] = row['wall'] / max(1, row['tasks'])
        row['cpu_per_vm'] = row['cpu'] / vms
        row['karboii_per_vm'] = row['karboii'] / vms
        row['keystone_per_vm'] = row['keystone'] / vms
    for row in rows:
        row['x_floor'] = row['per_task'] / floor['per_task'] if floor else None
        same_run = curl.get(row['run'])
        row['x_curl'] = row['wall'] / same_run['wall'] if same_run and row['key'] != 'floor' else None


def _find(rows: list, key: str, run=None) -> dict | None:
    return next((row for row in rows if row['key'] == key and (run is None or row['run'] == run)), None)


def _ratio(numerator: dict | None, denominator: dict | None, field: str = 'wall') -> float | None:
    if not numerator or not denominator or not denominator[field]:
        return None
    return numerator[field] / denominator[field]


def targets(rows: list, vms: int, scale_plans: int, base_plans: int) -> list:
    """The issue's targets next to what this run measured: [{name, measured, measured_cpu, limit, unit, met}].

    `measured` is the ratio of wall times, which the targets are about; `measured_cpu` the same ratio of
    the CPU seconds ansible and its modules used, a second opinion when other work shares the machine.
    """
    floor, curl1, curl2 = _find(rows, 'floor'), _find(rows, 'curl', 1), _find(rows, 'curl', 2)
    coll1, coll2 = _find(rows, 'collection', 1), _find(rows, 'collection', 2)
    scale = _find(rows, 'collection-scale')
    ratios = [
        ('no-change karboii_plan task vs a bare uri GET task (per VM)', coll2, floor, 1.0),
        ('%d VMs, second run vs the curl-style play' % vms, coll2, curl2, 0.33),
        ('%d VMs, first run vs the curl-style play' % vms, coll1, curl1, 0.5),
        ('no-change run with %d other plans vs with %d' % (scale_plans, base_plans), scale, coll2, 1.5),
    ]
    role1, role2 = _find(rows, 'role', 1), _find(rows, 'role', 2)
    if role2:
        ratios.append(('vm_backup role, second run vs the curl-style play', role2, curl2, 0.33))
    if role1:
        ratios.append(('vm_backup role, first run vs the curl-style play', role1, curl1, 0.5))
    counts = [
        ('Karboii requests per no-change karboii_plan task', coll2 and coll2['karboii_per_vm'], 2),
        ('Keystone requests per play with karboii_auth', coll2 and coll2['keystone'], 1),
        ('Keystone requests per task without karboii_auth', _per_vm(_find(rows, 'collection-no-auth'), 'keystone'), 1),
    ]
    items = [{'name': name, 'measured': _ratio(mine, theirs), 'measured_cpu': _ratio(mine, theirs, 'cpu'), 'limit': limit,
              'unit': 'x'} for name, mine, theirs, limit in ratios]
    items += [{'name': name, 'measured': value, 'measured_cpu': None, 'limit': limit, 'unit': 'req'}
              for name, value, limit in counts]
    for item in items:
        item['met'] = None if item['measured'] is None else item['measured'] <= item['limit'] + 1e-9
    return items


def _per_vm(row: dict | None, field: str) -> float | None:
    return row[field + '_per_vm'] if row else None


def _cell(row: dict, key: str, fmt: str) -> str:
    value = row.get(key)
    if value is None or value == '':
        return '-'
    return fmt % value


def _table_cells(rows: list) -> list:
    return [[_cell(row, key, fmt) for key, dummy, fmt in COLUMNS] for row in rows]


def text_table(rows: list) -> str:
    headings = [heading for dummy, heading, dummy2 in COLUMNS]
    cells = _table_cells(rows)
    widths = [max(len(line[index]) for line in [headings] + cells) for index in range(len(headings))]

    def line(values):
        first = values[0].ljust(widths[0])
        return '  '.join([first] + [value.rjust(width) for value, width in zip(values[1:], widths[1:])])
    rule = '-' * len(line(headings))
    return '\n'.join([line(headings), rule] + [line(values) for values in cells])


def markdown_table(rows: list) -> str:
    headings = [heading for dummy, heading, dummy2 in COLUMNS]
    lines = ['| ' + ' | '.join(headings) + ' |', '|' + '|'.join(['---'] + ['---:'] * (len(headings) - 1)) + '|']
    lines += ['| ' + ' | '.join(values) + ' |' for values in _table_cells(rows)]
    return '\n'.join(lines)


def _target_cells(target: dict) -> tuple:
    if target['measured'] is None:
        measured, verdict = 'n/a', 'not measured'
    else:
        measured = ('%.3fx' if target['unit'] == 'x' else '%.2f') % target['measured']
        verdict = 'met' if target['met'] else 'missed'
    cpu = '-' if target['measured_cpu'] is None else '%.3fx' % target['measured_cpu']
    limit = ('<= %.2fx' if target['unit'] == 'x' else '<= %d') % target['limit']
    return target['name'], measured, limit, verdict, cpu


def text_targets(items: list) -> str:
    cells = [_target_cells(target) for target in items]
    width = max(len(cell[0]) for cell in cells)
    form = '%s  %8s  %9s  %-6s  %s'
    lines = [form % ('target (informational)'.ljust(width), 'measured', 'goal', '', 'CPU ratio')]
    lines += [form % ((cell[0].ljust(width),) + cell[1:]) for cell in cells]
    return '\n'.join(lines)


def markdown_targets(items: list) -> str:
    lines = ['| target (informational) | measured | goal | | CPU ratio |', '|---|---:|---:|---|---:|']
    lines += ['| %s | %s | %s | %s | %s |' % cells for cells in (_target_cells(target) for target in items)]
    return '\n'.join(lines)


def text_report(result: dict) -> str:
    meta = result['meta']
    head = ('Karboii benchmark: %(vms)d VMs (hosts), forks %(forks)d, ansible-core %(ansible_version)s, '
            'Python %(python_version)s, %(cpus)d CPUs, load average %(load_before)s before, %(load_after)s after' % meta)
    return '\n'.join([head, '', text_table(result['rows']), '', text_targets(result['targets'])])


def markdown_report(result: dict) -> str:
    meta = result['meta']
    lines = [
        '# Karboii benchmark, %s' % meta['timestamp'], '',
        '%(vms)d VMs (hosts), forks %(forks)d, ansible-core %(ansible_version)s, Python %(python_version)s, '
        '%(cpus)d CPUs; load average %(load_before)s before, %(load_after)s after; commit %(commit)s; '
        'whole run %(elapsed).0f s.' % meta, '',
        markdown_table(result['rows']), '',
        markdown_targets(result['targets']), '',
        'Wall times are the minimum of %(repeats)d run(s) of each play.' % meta,
    ]
    return '\n'.join(lines) + '\n'


def write_results(result: dict, directory: str) -> tuple:
    """bench/results/<timestamp>.json and .md; returns their paths."""
    os.makedirs(directory, exist_ok=True)
    stem = os.path.join(directory, result['meta']['timestamp'])
    with open(stem + '.json', 'w', encoding='utf-8') as out:
        json.dump(result, out, indent=2, sort_keys=True)
    with open(stem + '.md', 'w', encoding='utf-8') as out:
        out.write(markdown_report(result))
    return stem + '.json', stem + '.md'
