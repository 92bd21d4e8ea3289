#!/usr/bin/env bash
# make ee-check: what an execution environment build would see, without a container runtime.
#   1. build the collection tarball and install it into an empty collections path
#   2. `ansible-builder introspect` must find the collection's Python requirements
#      (meta/execution-environment.yml -> requirements.txt: requests)
#   3. `ansible-builder create` on a version 3 build definition that installs the tarball
#      (the example of docs/docsite/rst/guide_ee.rst) must write a build context whose
#      Containerfile installs the collections from it
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=${PY:-$REPO/.venv/bin/python}
BIN=$(dirname "$PY")

fail() { echo "ee-check: FAILED - $*" >&2; exit 1; }

# a tree of its own, so a parallel `make` using .build/ansible_collections is not disturbed
coll=$(bash "$REPO/tools/build-tree.sh" "$REPO/.build/ee-check")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/karboii-ee-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# 1. the tarball, installed
(cd "$coll" && "$BIN/ansible-galaxy" collection build --output-path "$tmp/dist" >/dev/null)
tarballs=("$tmp"/dist/vkcloud-karboii-*.tar.gz)
[[ -f "${tarballs[0]}" ]] || fail "ansible-galaxy collection build made no vkcloud-karboii-*.tar.gz"
tarball=$(basename "${tarballs[0]}")
"$BIN/ansible-galaxy" collection install --offline -p "$tmp/collections" "${tarballs[0]}" >"$tmp/install" 2>&1 \
    || { cat "$tmp/install" >&2; fail "ansible-galaxy collection install failed"; }
echo "ee-check: built and installed $tarball"

# 2. introspect: the collection's Python requirements as ansible-builder reads them
"$BIN/ansible-builder" introspect --sanitize "$tmp/collections" >"$tmp/introspect" 2>&1 \
    || { cat "$tmp/introspect" >&2; fail "ansible-builder introspect failed"; }
grep -Eq "requests.*from collection vkcloud\.karboii" "$tmp/introspect" \
    || { cat "$tmp/introspect" >&2; fail "ansible-builder introspect does not list requests for vkcloud.karboii"; }
echo "ee-check: ansible-builder introspect lists: $(grep -E 'from collection vkcloud\.karboii' "$tmp/introspect" | sed 's/^[- ]*//' | tr '\n' ' ')"

# 3. create: a build context for an image with the collection
ee="$tmp/ee"
mkdir -p "$ee"
cp "${tarballs[0]}" "$ee/"
cat >"$ee/execution-environment.yml" <<EOF
---
version: 3
images:
  base_image:
    name: quay.io/centos/centos:stream9
dependencies:
  python_interpreter:
    package_system: python3.11
    python_path: /usr/bin/python3.11
  ansible_core:
    package_pip: ansible-core==2.19.14
  ansible_runner:
    package_pip: ansible-runner==2.4.3
  galaxy: requirements.yml
additional_build_files:
  - src: $tarball
    dest: collections
options:
  package_manager_path: /usr/bin/dnf
EOF
cat >"$ee/requirements.yml" <<EOF
---
collections:
  - name: /build/collections/$tarball
    type: file
EOF
# (without podman installed, ansible-builder would name the file Dockerfile)
(cd "$ee" && "$BIN/ansible-builder" create --file execution-environment.yml --context context \
    --output-filename Containerfile >"$tmp/create" 2>&1) \
    || { cat "$tmp/create" >&2; fail "ansible-builder create failed"; }
containerfile="$ee/context/Containerfile"
[[ -s "$containerfile" ]] || fail "ansible-builder create wrote no $containerfile"
[[ -f "$ee/context/_build/collections/$tarball" ]] || fail "the build context lacks _build/collections/$tarball"
grep -q "/build/collections/$tarball" "$ee/context/_build/requirements.yml" \
    || fail "the build context's requirements.yml does not install $tarball"
for want in 'COPY _build /build' 'ansible-galaxy collection install' 'ansible-core==2.19.14' 'ansible-runner==2.4.3'; do
    grep -qF -- "$want" "$containerfile" || { cat "$containerfile" >&2; fail "the Containerfile has no '$want'"; }
done
echo "ee-check: ansible-builder create wrote $(wc -l <"$containerfile") Containerfile lines and _build/ with $tarball"
echo "ee-check: OK (no image was built: this machine has no container runtime)"
