#!/usr/bin/env bash
# Lay the collection out as <root>/ansible_collections/vkcloud/karboii, afresh.
# ansible-test and the import path `ansible_collections.vkcloud.karboii` both
# need that layout; the repo root itself is the collection root.
# Copies what git would commit: tracked files plus untracked, not-ignored ones.
# Usage: tools/build-tree.sh [ROOT]   (default: .build); prints the collection dir.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
root=${1:-.build}
case "$root" in /*) ;; *) root="$repo/$root" ;; esac
dest="$root/ansible_collections/vkcloud/karboii"

if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "build-tree: $repo is not a git work tree; the file list comes from git ls-files" >&2
    exit 1
fi

rm -rf "$root/ansible_collections"
mkdir -p "$dest"
# Skip files that git still tracks but that were deleted from the work tree.
git ls-files -z --cached --others --exclude-standard \
    | while IFS= read -r -d '' f; do
        if [[ -e "$f" || -L "$f" ]]; then printf '%s\0' "$f"; fi
    done \
    | tar --null -T - -cf - \
    | tar -xf - -C "$dest"
# ansible-test lists a collection's files with git when it finds a .git at or
# above the collection root. Without one here it would find the repo's own .git,
# where .build is ignored, and see no files at all. A fresh repo (no commit
# needed: it lists untracked, not-ignored files) makes it see exactly this copy.
git -C "$dest" init -q
echo "$dest"
