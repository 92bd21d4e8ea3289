"""Make `ansible-test --venv` work without reaching ansible-test's download host.

ansible-test bootstraps pip in each virtual environment it creates with a
``get-pip.py`` script that it downloads from a host this project's machines
cannot reach. It first looks for the script in its cache,
``~/.ansible/test/cache/get_pip_<pip version with _>.py``. This tool writes a
small stand-in there: it installs pip from the wheel bundled with Python's
``ensurepip`` and passes its arguments to ``pip install`` (so the requested pip
version and every other package still come from the package index).

The pip version is read from the installed ansible-test
(``ansible_test/_internal/python_requirements.py``, ``pip='...'``).
Run it with the Python that has ansible-core installed.
"""

from __future__ import annotations

import os
import re
import sys

MARKER = '# vkcloud.karboii get-pip stand-in'

SHIM = MARKER + '''
"""Install pip from the wheel bundled with ensurepip, then run pip install with our arguments."""
import glob
import os
import sys

import ensurepip

wheels = sorted(glob.glob(os.path.join(os.path.dirname(ensurepip.__file__), '_bundled', 'pip-*.whl')))
if not wheels:
    sys.exit('get-pip stand-in: no pip wheel bundled with ensurepip in ' + sys.prefix)
sys.path.insert(0, wheels[-1])
# get-pip.py options that are not pip options
args = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel')]

from pip._internal.cli.main import main  # noqa: E402  pylint: disable=wrong-import-position

sys.exit(main(['install', '--upgrade', '--force-reinstall'] + args))
'''


def pip_version() -> str:
    """Return the pip version the installed ansible-test bootstraps into its venvs."""
    import ansible_test  # pylint: disable=import-outside-toplevel

    path = os.path.join(os.path.dirname(ansible_test.__file__), '_internal', 'python_requirements.py')
    with open(path, encoding='utf-8') as source:
        match = re.search(r"\bpip='([0-9][^']*)'", source.read())
    if not match:
        raise SystemExit('install_get_pip_shim: no pip=\'...\' constant in %s' % path)
    return match.group(1)


def main() -> None:
    """Write the stand-in unless a script (ours or a real get-pip.py) is already cached."""
    version = pip_version()
    cache = os.path.expanduser(os.path.join('~', '.ansible', 'test', 'cache'))
    path = os.path.join(cache, 'get_pip_%s.py' % version.replace('.', '_'))

    if os.path.exists(path):
        with open(path, encoding='utf-8') as existing:
            if not existing.read().startswith(MARKER):
                print('get-pip: using the cached bootstrap script %s' % path)
                return

    os.makedirs(cache, exist_ok=True)
    with open(path, 'w', encoding='utf-8') as target:
        target.write(SHIM)
    print('get-pip: wrote the ensurepip stand-in for pip %s to %s' % (version, path))


if __name__ == '__main__':
    main()
    sys.exit(0)
