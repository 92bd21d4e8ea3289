# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Where things are: the repository, the benchmark's own copy of the collection, logs and results."""

from __future__ import annotations

import os
import shutil
import subprocess

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# A copy of its own (not .build/ansible_collections): `make tree` run meanwhile by
# `make test` would otherwise delete the collection under a running benchmark.
BUILD_ROOT = os.path.join(REPO, '.build', 'bench')
RESULTS_DIR = os.path.join(REPO, 'bench', 'results')
ROLE_TASKS = os.path.join(REPO, 'roles', 'vm_backup', 'tasks', 'main.yml')


def build_tree() -> str:
    """Lay the collection out in .build/bench/ansible_collections (tools/build-tree.sh); returns the root."""
    subprocess.run(['bash', os.path.join(REPO, 'tools', 'build-tree.sh'), BUILD_ROOT], cwd=REPO,
                   stdout=subprocess.DEVNULL, check=True)
    return BUILD_ROOT


def fresh_dir(name: str) -> str:
    """An empty .build/bench/<name> for logs, inventories and the emulator's files."""
    path = os.path.join(BUILD_ROOT, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path
