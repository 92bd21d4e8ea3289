#!/usr/bin/env bash
# make demo: the README's first command.
# Starts the Karboii emulator, sets the environment the way a sourced VK Cloud
# openrc file does, runs playbooks/demo.yml twice against the collection laid
# out in .build, and checks that the second run changes nothing.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=${PY:-$REPO/.venv/bin/python}
BIN=$(dirname "$PY")
PLAYBOOK=${PLAYBOOK:-$REPO/playbooks/demo.yml}
# shellcheck source=tools/emulator.sh
source "$REPO/tools/emulator.sh"

[[ -f "$PLAYBOOK" ]] || { echo "demo: $PLAYBOOK does not exist" >&2; exit 1; }
bash "$REPO/tools/build-tree.sh" >/dev/null
run="$REPO/.build/run/demo"
trap emulator_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
emulator_start "$run"

# Only the emulator's credentials: drop any OS_* (OS_CLOUD, a real cloud's openrc)
# from the caller's environment so the demo can never reach a real cloud.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^OS_' || true)
eval "$("$PY" "$REPO/tools/emulator_info.py" openrc "$EMULATOR_INFO")"
export ANSIBLE_COLLECTIONS_PATH="$REPO/.build"
export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
export ANSIBLE_NOCOLOR=1

recap() {  # the PLAY RECAP line for localhost in log $1
    sed -n '/^PLAY RECAP/,$p' "$1" | grep -E '^localhost[[:space:]]+:' | tail -n 1 || true
}
stat_of() {  # value of counter $2 (changed, failed, ...) in recap line $1
    sed -n "s/.*[[:space:]]$2=\([0-9][0-9]*\).*/\1/p" <<<"$1"
}

recaps=()
for n in 1 2; do
    echo
    echo "===== demo run $n: ansible-playbook $(basename "$PLAYBOOK") ====="
    rc=0
    "$BIN/ansible-playbook" -i localhost, -c local \
        -e "ansible_python_interpreter=$PY" "$PLAYBOOK" 2>&1 | tee "$run/run$n.log" || rc=$?
    if ((rc != 0)); then
        echo "demo: run $n failed (exit $rc); emulator log: $EMULATOR_LOG" >&2
        exit 1
    fi
    recaps[n]=$(recap "$run/run$n.log")
done

changed1=$(stat_of "${recaps[1]}" changed)
changed2=$(stat_of "${recaps[2]}" changed)
if [[ -z "$changed2" ]]; then
    echo "demo: no PLAY RECAP for localhost in run 2 ($run/run2.log)" >&2
    exit 1
fi
echo
echo "===== demo result ====="
echo "  emulator:  $("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["url"])' "$EMULATOR_INFO")"
echo "  run 1:     changed=$changed1"
echo "  run 2:     changed=$changed2"
if [[ "$changed2" != 0 ]]; then
    echo "demo: FAILED - the second run changed $changed2 task(s); the playbook is not idempotent" >&2
    exit 1
fi
echo "demo: OK - the second run changed nothing (idempotent)"
