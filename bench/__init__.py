# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""`make bench`: the collection timed against bare uri tasks and the curl-style playbook.

Run it with `make bench`, or `.venv/bin/python -m bench.run` from the repository root.
See docs/benchmark.md.
"""
