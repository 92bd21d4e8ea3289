"""Check that meta/runtime.yml's action group `karboii` lists exactly the modules.

Every module file in plugins/modules must be in the group (so
`module_defaults: {group/vkcloud.karboii.karboii: ...}` reaches it), and the
group must not name modules that do not exist.
Usage: python tools/check_action_groups.py [COLLECTION_ROOT]
"""

from __future__ import annotations

import os
import sys

import yaml

GROUP = 'karboii'


def main() -> int:
    """Compare the group with plugins/modules; return the exit code."""
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
    modules_dir = os.path.join(root, 'plugins', 'modules')
    modules = set()
    if os.path.isdir(modules_dir):
        modules = {
            name[:-3] for name in os.listdir(modules_dir)
            if name.endswith('.py') and not name.startswith('_')
        }

    with open(os.path.join(root, 'meta', 'runtime.yml'), encoding='utf-8') as runtime_file:
        runtime = yaml.safe_load(runtime_file) or {}
    group = (runtime.get('action_groups') or {}).get(GROUP) or []
    listed = set()
    for entry in group:
        if isinstance(entry, str):
            # short name or FQCN
            listed.add(entry.rsplit('.', 1)[-1] if entry.startswith('vkcloud.karboii.') else entry)

    missing = sorted(modules - listed)
    stale = sorted(listed - modules)
    for name in missing:
        print('meta/runtime.yml: module %s is missing from action_groups.%s' % (name, GROUP))
    for name in stale:
        print('meta/runtime.yml: action_groups.%s lists %s, but plugins/modules/%s.py does not exist' % (GROUP, name, name))
    if missing or stale:
        return 1
    print('action group %s: all %d modules listed' % (GROUP, len(modules)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
