#!/usr/bin/env bash
# make docs: the HTML documentation site, built offline, failing on any warning.
#   1. build the collection tarball and install it into .build/docs/collections, so the site shows
#      what the artifact ships: module and role docs, and the user guide (docs/docsite)
#   2. antsibull-docs lint-collection-docs (the guide's RST, extra-docs.yml, links.yml)
#   3. antsibull-docs sphinx-init --use-current, made to build offline: intersphinx reads a small
#      local inventory holding the two ansible-core labels the generated pages refer to, instead
#      of downloading docs.ansible.com's (nothing else is silenced)
#   4. build.sh (sphinx-build -W --keep-going); any WARNING or ERROR in the log fails
#   5. every module, the role and every guide page has its HTML page; the AWX guide's
#      awx.awx.credential_type task matches extensions/awx/credential_type.yml
# The site ends up in .build/docs/site/build/html (open index.html).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=${PY:-$REPO/.venv/bin/python}
BIN=$(dirname "$PY")
export PATH="$BIN:$PATH"
OUT="$REPO/.build/docs"

fail() { echo "docs: FAILED - $*" >&2; exit 1; }

# 1. the artifact, installed on its own
rm -rf "$OUT"
mkdir -p "$OUT/dist"
coll=$(bash "$REPO/tools/build-tree.sh" "$OUT/tree")
(cd "$coll" && ansible-galaxy collection build --output-path "$OUT/dist" >/dev/null)
tarballs=("$OUT"/dist/vkcloud-karboii-*.tar.gz)
[[ -f "${tarballs[0]}" ]] || fail "ansible-galaxy collection build made no tarball"
ansible-galaxy collection install --offline -p "$OUT/collections" "${tarballs[0]}" >"$OUT/install.log" 2>&1 \
    || { cat "$OUT/install.log" >&2; fail "ansible-galaxy collection install failed"; }
installed="$OUT/collections/ansible_collections/vkcloud/karboii"
export ANSIBLE_COLLECTIONS_PATH="$OUT/collections"
export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
export ANSIBLE_NOCOLOR=1
echo "docs: installed $(basename "${tarballs[0]}") into $ANSIBLE_COLLECTIONS_PATH"

# 2. the guide and the links, as antsibull-docs lints them
(cd "$installed" && antsibull-docs lint-collection-docs .) || fail "antsibull-docs lint-collection-docs found problems"

# 3. the Sphinx project
site="$OUT/site"
mkdir -m 755 "$site"
antsibull-docs sphinx-init --use-current --dest-dir "$site" vkcloud.karboii >"$OUT/sphinx-init.log" 2>&1 \
    || { cat "$OUT/sphinx-init.log" >&2; fail "antsibull-docs sphinx-init failed"; }
"$PY" - "$site" <<'PYEOF'
import sys
import zlib

site = sys.argv[1]
# name domain:role priority uri display-name (Sphinx inventory version 2)
labels = [
    "common_return_values std:label -1 reference_appendices/common_return_values.html#common-return-values Return Values",
    "ansible_configuration_settings std:label -1 reference_appendices/config.html#ansible-configuration-settings"
    " Ansible Configuration Settings",
]
header = ("# Sphinx inventory version 2\n# Project: Ansible\n# Version: devel\n"
          "# The remainder of this file is compressed using zlib.\n")
with open(site + "/ansible_devel_offline.inv", "wb") as inv:
    inv.write(header.encode() + zlib.compress(("\n".join(labels) + "\n").encode()))
with open(site + "/conf.py", "a", encoding="utf-8") as conf:
    conf.write("\n# make docs: offline; the ansible-core labels the pages use come from a local inventory\n"
               "intersphinx_mapping = {'ansible_devel': ('https://docs.ansible.com/projects/ansible/devel/', %r)}\n"
               % (site + "/ansible_devel_offline.inv"))
PYEOF

# 4. the HTML site
rc=0
(cd "$site" && ./build.sh) >"$OUT/build.log" 2>&1 || rc=$?
if ((rc != 0)) || grep -Eq 'WARNING|ERROR|CRITICAL' "$OUT/build.log"; then
    grep -E 'WARNING|ERROR|CRITICAL' "$OUT/build.log" >&2 || tail -n 30 "$OUT/build.log" >&2
    fail "the site did not build cleanly (exit $rc); full log: $OUT/build.log"
fi
html="$site/build/html"

# 5. what must be there
pages=(index.html collections/vkcloud/karboii/index.html collections/vkcloud/karboii/vm_backup_role.html)
for path in "$installed"/plugins/modules/*.py; do
    module=$(basename "$path" .py)
    [[ "$module" == __init__ ]] || pages+=("collections/vkcloud/karboii/${module}_module.html")
done
for path in "$installed"/docs/docsite/rst/*.rst; do
    pages+=("collections/vkcloud/karboii/docsite/$(basename "$path" .rst).html")
done
for page in "${pages[@]}"; do
    [[ -s "$html/$page" ]] || fail "the site has no $page"
done
"$PY" - "$installed" <<'PYEOF'
import re
import sys

import yaml

root = sys.argv[1]

with open(root + "/docs/docsite/rst/guide_awx.rst", encoding="utf-8") as handle:
    blocks = re.findall(r"\.\. code-block:: yaml\n\n((?:(?:    .*)?\n)+)", handle.read())
# the task wraps the injector templates in {% raw %} so that Ansible passes them on unchanged
tasks = next(yaml.safe_load(re.sub(r"(?m)^    ", "", block).replace("{% raw %}", "").replace("{% endraw %}", ""))
             for block in blocks if "awx.awx.credential_type:" in block)
task = next(t["awx.awx.credential_type"] for t in tasks if "awx.awx.credential_type" in t)
with open(root + "/extensions/awx/credential_type.yml", encoding="utf-8") as handle:
    ctype = yaml.safe_load(handle)
for field in ctype["inputs"]["fields"]:
    field.pop("help_text", None)
problems = [key for key in ("name", "description", "kind", "inputs", "injectors") if task.get(key) != ctype.get(key)]
if problems:
    sys.exit("docs: FAILED - the awx.awx.credential_type task in guide_awx.rst differs from "
             "extensions/awx/credential_type.yml in: %s" % ", ".join(problems))
PYEOF
echo "docs: OK - $(find "$html" -name '*.html' | wc -l) HTML pages, no warnings; open $html/index.html"
