#!/usr/bin/env bash
# make build-smoke: build the collection artifact, install it into an empty
# collections path, and read every module's (and role's) documentation back
# from the installed copy, as a user of the tarball would.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=${PY:-$REPO/.venv/bin/python}
BIN=$(dirname "$PY")

coll=$(bash "$REPO/tools/build-tree.sh")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/karboii-build-smoke.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fail() { echo "build-smoke: $*" >&2; exit 1; }

# 1. build (from the git file list, so local junk cannot leak into the artifact)
(cd "$coll" && "$BIN/ansible-galaxy" collection build --output-path "$tmp/dist")
tarballs=("$tmp"/dist/vkcloud-karboii-*.tar.gz)
[[ -f "${tarballs[0]}" ]] || fail "no vkcloud-karboii-*.tar.gz built"
tarball=${tarballs[0]}
tar -tzf "$tarball" | sed 's#^\./##' >"$tmp/contents"
for must in MANIFEST.json FILES.json README.md meta/runtime.yml meta/execution-environment.yml requirements.txt; do
    grep -qx "$must" "$tmp/contents" || fail "$must is missing from $(basename "$tarball")"
done
if grep -E '^(\.venv|\.build|\.ci|tools|tests/output|\.ansible)(/|$)|^(Makefile|requirements-test\.txt|\.gitignore|\.ansible-lint)$' "$tmp/contents" >"$tmp/leaked"; then
    fail "development files leaked into the artifact (fix build_ignore in galaxy.yml): $(tr '\n' ' ' <"$tmp/leaked")"
fi
echo "build-smoke: $(basename "$tarball"), $(wc -l <"$tmp/contents") entries"

# 2. install into an empty collections path
"$BIN/ansible-galaxy" collection install --offline -p "$tmp/collections" "$tarball"
installed="$tmp/collections/ansible_collections/vkcloud/karboii"
[[ -f "$installed/MANIFEST.json" ]] || fail "install did not create $installed"

# 3. documentation of every module and role, from the installed copy only
export ANSIBLE_COLLECTIONS_PATH="$tmp/collections"
export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
export ANSIBLE_NOCOLOR=1
cd "$tmp"
"$BIN/ansible-doc" -t module -l vkcloud.karboii >"$tmp/doc-list" 2>"$tmp/doc-list.err" \
    || { cat "$tmp/doc-list.err" >&2; fail "ansible-doc -l vkcloud.karboii failed"; }
count=0
for path in "$installed"/plugins/modules/*.py; do
    [[ -e "$path" ]] || continue
    module=$(basename "$path" .py)
    [[ "$module" == __init__ ]] && continue
    if ! "$BIN/ansible-doc" -t module "vkcloud.karboii.$module" >"$tmp/doc.out" 2>"$tmp/doc.err"; then
        cat "$tmp/doc.err" >&2
        fail "ansible-doc vkcloud.karboii.$module failed"
    fi
    if grep -q 'ERROR\|WARNING' "$tmp/doc.err"; then
        cat "$tmp/doc.err" >&2
        fail "ansible-doc vkcloud.karboii.$module printed errors or warnings"
    fi
    grep -q "^vkcloud\.karboii\.$module " "$tmp/doc-list" \
        || fail "ansible-doc -l vkcloud.karboii does not list $module"
    count=$((count + 1))
done
((count > 0)) || fail "no modules found in plugins/modules"
roles=0
for spec in "$installed"/roles/*/meta/argument_specs.yml; do
    [[ -e "$spec" ]] || continue
    role=$(basename "$(dirname "$(dirname "$spec")")")
    "$BIN/ansible-doc" -t role "vkcloud.karboii.$role" >/dev/null \
        || fail "ansible-doc -t role vkcloud.karboii.$role failed"
    roles=$((roles + 1))
done
echo "build-smoke: ansible-doc read $count modules and $roles roles from the installed artifact"

# 4. documentation markup (antsibull-docs), offline
(cd "$installed" && "$BIN/antsibull-docs" lint-collection-docs --plugin-docs .)
echo "build-smoke: antsibull-docs lint-collection-docs passed"

# 5. execution-environment metadata: ansible-builder must find our Python requirements
"$BIN/ansible-builder" introspect "$tmp/collections" >"$tmp/introspect" 2>&1 \
    || { cat "$tmp/introspect" >&2; fail "ansible-builder introspect failed"; }
grep -q 'requests' "$tmp/introspect" || { cat "$tmp/introspect" >&2; fail "ansible-builder introspect does not list requests"; }
echo "build-smoke: ansible-builder introspect lists the Python requirements"
