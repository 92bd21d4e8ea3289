#!/usr/bin/env bash
# make integration: run ansible-test integration against the Karboii emulator.
#   1. lay the collection out in .build/ansible_collections/vkcloud/karboii
#   2. start the emulator (tests/emulator) on a free loopback port
#   3. write tests/integration/integration_config.yml in that copy from its info file
#   4. ansible-test integration (extra arguments, e.g. target names, are passed on)
#   5. stop the emulator, whatever happened
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=${PY:-$REPO/.venv/bin/python}
ANSIBLE_TEST=${ANSIBLE_TEST:-$(dirname "$PY")/ansible-test}
TEST_PYTHON=${TEST_PYTHON:-3.11}
# venv: ansible-test builds its own venv and installs tests/integration/requirements.txt
# local: use the toolchain Python ($PY) as it is
INTEGRATION_MODE=${INTEGRATION_MODE:-venv}
# shellcheck source=tools/emulator.sh
source "$REPO/tools/emulator.sh"

coll=$(bash "$REPO/tools/build-tree.sh")
trap emulator_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

emulator_start "$REPO/.build/run/integration"
"$PY" "$REPO/tools/emulator_info.py" integration-config "$EMULATOR_INFO" \
    "$coll/tests/integration/integration_config.yml"

case "$INTEGRATION_MODE" in
    venv)
        "$PY" "$REPO/tools/install_get_pip_shim.py"
        mode=(--venv --python "$TEST_PYTHON" --requirements)
        ;;
    local)
        mode=(--local --python "$TEST_PYTHON")
        ;;
    *)
        echo "INTEGRATION_MODE must be venv or local, not $INTEGRATION_MODE" >&2
        exit 2
        ;;
esac

cd "$coll"
rc=0
"$ANSIBLE_TEST" integration "${mode[@]}" --color no "$@" || rc=$?
if ((rc != 0)); then
    echo "integration: ansible-test failed (exit $rc); emulator log: $EMULATOR_LOG" >&2
fi
exit "$rc"
