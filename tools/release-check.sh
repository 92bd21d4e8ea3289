#!/usr/bin/env bash
# make release-check: what a user of the release tarball gets.
#   1. ansible-galaxy collection build, then install the tarball into an empty temp path
#   2. start the Karboii emulator; the environment holds only its openrc-style OS_* variables
#   3. run playbooks/demo.yml from the INSTALLED copy twice, with ANSIBLE_COLLECTIONS_PATH set to
#      the temp path only and from a directory outside the repo; the second run must change nothing
#   4. run the installed vkcloud.karboii.vm_backup role for two hosts twice (second: changed=0),
#      then take both VMs out again
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=${PY:-$REPO/.venv/bin/python}
BIN=$(dirname "$PY")
# shellcheck source=tools/emulator.sh
source "$REPO/tools/emulator.sh"

fail() { echo "release-check: FAILED - $*" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/karboii-release-check.XXXXXX")
cleanup() {
    emulator_stop
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1. build (from the files git would commit, in a tree of its own) and install
coll=$(bash "$REPO/tools/build-tree.sh" "$REPO/.build/release-check")
(cd "$coll" && "$BIN/ansible-galaxy" collection build --output-path "$tmp/dist" >/dev/null)
tarballs=("$tmp"/dist/vkcloud-karboii-*.tar.gz)
[[ -f "${tarballs[0]}" ]] || fail "ansible-galaxy collection build made no vkcloud-karboii-*.tar.gz"
"$BIN/ansible-galaxy" collection install --offline -p "$tmp/collections" "${tarballs[0]}" >"$tmp/install.log" 2>&1 \
    || { cat "$tmp/install.log" >&2; fail "ansible-galaxy collection install failed"; }
installed="$tmp/collections/ansible_collections/vkcloud/karboii"
[[ -f "$installed/MANIFEST.json" ]] || fail "the install did not create $installed"
playbook="$installed/playbooks/demo.yml"
[[ -f "$playbook" ]] || fail "the artifact does not ship playbooks/demo.yml (see build_ignore in galaxy.yml)"
echo "release-check: installed $(basename "${tarballs[0]}") into $tmp/collections"

# 2. the emulator, and only its credentials (never a real cloud's)
emulator_start "$tmp/emulator"
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^OS_' || true)
eval "$("$PY" "$REPO/tools/emulator_info.py" openrc "$EMULATOR_INFO")"
export ANSIBLE_COLLECTIONS_PATH="$tmp/collections"
export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
export ANSIBLE_NOCOLOR=1
export ANSIBLE_PIPELINING=1
unset ANSIBLE_CONFIG
mkdir -p "$tmp/work"
cd "$tmp/work"   # no ansible.cfg, no playbook-adjacent collections

found=$("$BIN/ansible-galaxy" collection list vkcloud.karboii 2>/dev/null | sed -n 's/^# //p' | head -n 1)
[[ "$found" == "$tmp/collections/ansible_collections" ]] \
    || fail "vkcloud.karboii resolves to '$found', not to the installed copy"

recap_changed() {  # total of changed= over the PLAY RECAP lines of log $1
    sed -n '/^PLAY RECAP/,$p' "$1" | sed -n 's/.*[[:space:]]changed=\([0-9][0-9]*\).*/\1/p' \
        | awk '{ total += $1 } END { print total + 0 }'
}
recap_hosts() {  # number of hosts in the PLAY RECAP of log $1
    sed -n '/^PLAY RECAP/,$p' "$1" | grep -cE '^[^ ]+[[:space:]]+:[[:space:]]+ok=' || true
}
run() {  # run LABEL LOG ansible-playbook-arguments...; prints nothing, fails on a failed run
    local label=$1 log=$2
    shift 2
    if ! "$BIN/ansible-playbook" "$@" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        fail "$label failed; emulator log: $EMULATOR_LOG"
    fi
}

# 3. the demo, from the installed copy
for n in 1 2; do
    run "demo run $n" "$tmp/demo$n.log" -i localhost, -c local -e "ansible_python_interpreter=$PY" "$playbook"
done
demo1=$(recap_changed "$tmp/demo1.log")
demo2=$(recap_changed "$tmp/demo2.log")
echo "release-check: installed playbooks/demo.yml: run 1 changed=$demo1, run 2 changed=$demo2"
((demo1 > 0)) || fail "the first demo run changed nothing; it should have created the plan"
((demo2 == 0)) || fail "the second demo run changed $demo2 task(s); the installed demo is not idempotent"

# 4. the installed role, two hosts
cat >"$tmp/work/hosts.yml" <<EOF
all:
  vars:
    ansible_connection: local
    ansible_python_interpreter: $PY
  hosts:
    release-vm-1: {vm_backup_server_id: 6a1c0de0-7777-4000-8000-000000000001, vm_backup_server_name: release-vm-1}
    release-vm-2: {vm_backup_server_id: 6a1c0de0-7777-4000-8000-000000000002, vm_backup_server_name: release-vm-2}
EOF
cat >"$tmp/work/role.yml" <<'EOF'
- name: Back up the VMs with the installed role
  hosts: all
  gather_facts: false
  roles:
    - role: vkcloud.karboii.vm_backup
EOF
for n in 1 2; do
    run "role run $n" "$tmp/role$n.log" -i hosts.yml -f 2 role.yml
done
run "role decommission" "$tmp/role3.log" -i hosts.yml -f 2 role.yml -e vm_backup_state=absent
role1=$(recap_changed "$tmp/role1.log")
role2=$(recap_changed "$tmp/role2.log")
role3=$(recap_changed "$tmp/role3.log")
echo "release-check: installed vm_backup role, 2 hosts: run 1 changed=$role1, run 2 changed=$role2, absent changed=$role3"
[[ "$(recap_hosts "$tmp/role2.log")" == 2 ]] || fail "the role's second run did not report both hosts"
((role1 == 2 && role2 == 0 && role3 == 2)) \
    || fail "expected changed=2, then 0, then 2 (one plan per VM made, kept, deleted)"
echo "release-check: OK - the release tarball installs and works on its own"
