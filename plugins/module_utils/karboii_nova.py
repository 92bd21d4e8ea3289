# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The two Nova calls a plan needs to name its VMs: find by name, read by id. No Ansible imports."""

from __future__ import annotations

import re

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_client import ApiClient

# Nova reads `name` as a regular expression; a name without these characters matches itself.
REGEX_SPECIALS = re.compile(r"[\\^$.|?*+()\[\]{}]")


class NovaClient(ApiClient):
    """Compute API at the catalog's `compute` URL (which may already hold the project id)."""

    @property
    def base_url(self):
        return self.keystone.endpoint("compute").rstrip("/")

    def servers_named(self, name):
        """Servers whose name is exactly `name`; Nova's own filter is a regex search, so filter again."""
        params = None if REGEX_SPECIALS.search(name) else {"name": name}
        servers = (self.call("GET", "/servers", params=params) or {}).get("servers") or []
        return [server for server in servers if server.get("name") == name]

    def server(self, server_id):
        return self.get_or_none("/servers/%s" % server_id, "server")
