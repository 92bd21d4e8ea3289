# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Karboii API, one method per call. No Ansible imports.

Paths follow VK's Swagger spec: `<endpoint>/<project_id>/<collection>[/<id>]`.
"""

from __future__ import annotations

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_http import KarboiiError, send, NO_RETRY

PAGE_SIZE = 1000  # the largest page the API serves
MAX_PAGES = 1000  # a runaway-paging guard: a million objects is far beyond any project
READ_METHODS = frozenset(("GET", "HEAD"))


class ApiClient:
    """Calls one OpenStack-style service with the token of a KeystoneSession.

    `read_only` makes every changing call raise: check mode is enforced here too,
    not only by the modules' own care.
    """

    def __init__(self, keystone, http, timeout=30, retry=NO_RETRY, on_retry=None, read_only=False, page_size=PAGE_SIZE):
        self.keystone = keystone
        self.http = http
        self.timeout = timeout
        self.retry = retry
        self.on_retry = on_retry
        self.read_only = read_only
        self.page_size = page_size
        self.requests_sent = 0

    @property
    def base_url(self):
        raise NotImplementedError

    def call(self, method, path, json_body=None, params=None, ok=(200, 201, 202, 204)):
        """One API call; returns the parsed JSON body, or None when there is none."""
        label = "%s %s" % (method, path)
        if self.read_only and method not in READ_METHODS:
            raise KarboiiError("%s refused: the task runs in check mode" % label, method, path)
        response = self._send_authenticated(method, path, label, json_body, params, ok)
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise KarboiiError("%s: the server answered HTTP %s with a body that is not JSON" % (label, response.status_code),
                               method, path, response.status_code) from None

    def _send_authenticated(self, method, path, label, json_body, params, ok):
        url = self.base_url + path
        for attempt in (1, 2):
            headers = {"X-Auth-Token": self.keystone.token}
            self.requests_sent += 1
            try:
                return send(self.http, method, url, label, json_body=json_body, params=params, headers=headers,
                            timeout=self.timeout, retry=self.retry, on_retry=self.on_retry, ok=ok)
            except KarboiiError as exc:
                if exc.status != 401:
                    raise
                if attempt == 1 and self.keystone.can_reauthenticate:
                    # Tokens live an hour; a long play can outlive one. Log in again once.
                    self.keystone.authenticate()
                    continue
                if not self.keystone.can_reauthenticate:
                    exc.message = "%s failed: HTTP 401: the token was refused (expired or revoked); get a new token" % label
                raise
        raise AssertionError("unreachable")

    def list_all(self, path, key, params=None):
        """Every item of a collection, page by page with explicit limit/offset.

        A page shorter than asked ends the walk. A server that ignores paging and
        answers more than asked has sent everything at once. Ids seen twice (an
        insert shifting offsets mid-walk) are kept once.
        """
        items, seen = [], set()
        offset = 0
        for _page in range(MAX_PAGES):
            query = dict(params or {}, limit=self.page_size, offset=offset)
            page = (self.call("GET", path, params=query) or {}).get(key) or []
            for item in page:
                ident = item.get("id") if isinstance(item, dict) else None
                if ident is None or ident not in seen:
                    items.append(item)
                    seen.add(ident)
            if len(page) != self.page_size:
                return items
            offset += len(page)
        raise KarboiiError("GET %s: more than %d pages; refusing to page further" % (path, MAX_PAGES), "GET", path)

    def member(self, method, path, key, json_body=None):
        """The object under `key` in the answer; an answer without it is an error, not a KeyError."""
        body = self.call(method, path, json_body) or {}
        if not isinstance(body, dict) or not isinstance(body.get(key), dict):
            raise KarboiiError("%s %s: the answer has no '%s' object" % (method, path, key), method, path)
        return body[key]

    def delete(self, path):
        """True when deleted now, False when it was already gone (a 404 is the state asked for)."""
        try:
            self.call("DELETE", path, ok=(200, 202, 204))
        except KarboiiError as exc:
            if exc.status == 404:
                return False
            raise
        return True

    def get_or_none(self, path, key):
        try:
            return (self.call("GET", path) or {}).get(key)
        except KarboiiError as exc:
            if exc.status == 404:
                return None
            raise


class KarboiiClient(ApiClient):
    """The Karboii API: `<endpoint>/<project_id>/<collection>[/<id>]`."""

    @property
    def base_url(self):
        endpoint = self.keystone.endpoint().rstrip("/")
        project = self.keystone.project_id
        # An override may already end with the project id; the catalog URL never does.
        if endpoint.rsplit("/", 1)[-1] == project:
            return endpoint
        return "%s/%s" % (endpoint, project)

    # Providers
    def list_providers(self):
        return (self.call("GET", "/providers") or {}).get("providers") or []

    # Plans
    def list_plans(self, **filters):
        return self.list_all("/plans", "plans", filters)

    def get_plan(self, plan_id):
        return self.get_or_none("/plans/%s" % plan_id, "plan")

    def create_plan(self, plan):
        return self.member("POST", "/plans", "plan", {"plan": plan})

    def update_plan(self, plan_id, changes):
        return self.member("PUT", "/plans/%s" % plan_id, "plan", {"plan": changes})

    def delete_plan(self, plan_id):
        return self.delete("/plans/%s" % plan_id)

    # Triggers
    def list_triggers(self):
        return self.list_all("/triggers", "triggers")

    def get_trigger(self, trigger_id):
        return self.get_or_none("/triggers/%s" % trigger_id, "trigger_info")

    def create_trigger(self, name, plan_id, pattern, max_backups):
        # next_time is output only, but the documented request sends 0; so do we.
        body = {"trigger_info": {"name": name, "plan_id": plan_id,
                                 "properties": {"pattern": pattern, "max_backups": max_backups, "next_time": 0}}}
        return self.member("POST", "/triggers", "trigger_info", body)

    def update_trigger(self, trigger_id, changes):
        """`changes` is flat: name, pattern, max_backups (the API's update body is not nested)."""
        return self.member("PUT", "/triggers/%s" % trigger_id, "trigger_info", {"trigger_info": changes})

    # Checkpoints (backups); the API files them under the plan's provider.
    def list_checkpoints(self, provider_id, plan_id=None):
        params = {"plan_id": plan_id} if plan_id else None
        return self.list_all("/providers/%s/checkpoints" % provider_id, "checkpoints", params)

    def get_checkpoint(self, provider_id, checkpoint_id):
        return self.get_or_none("/providers/%s/checkpoints/%s" % (provider_id, checkpoint_id), "checkpoint")

    def create_checkpoint(self, provider_id, plan_id, extra_info=None):
        body = {"checkpoint": {"plan_id": plan_id}}
        if extra_info:
            body["checkpoint"]["extra_info"] = extra_info
        return self.member("POST", "/providers/%s/checkpoints" % provider_id, "checkpoint", body)

    def delete_checkpoint(self, provider_id, checkpoint_id):
        return self.delete("/providers/%s/checkpoints/%s" % (provider_id, checkpoint_id))

    # Restores
    def list_restores(self):
        return self.list_all("/restores", "restores")

    def get_restore(self, restore_id):
        return self.get_or_none("/restores/%s" % restore_id, "restore")

    def create_restore(self, provider_id, checkpoint_id, parameters):
        body = {"restore": {"provider_id": provider_id, "checkpoint_id": checkpoint_id, "parameters": parameters}}
        return self.member("POST", "/restores", "restore", body)
