# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""KarboiiModule: the common options, the client, and the one place errors become fail_json.

A module subclasses it with an `argument_spec`, optional `module_kwargs` and a
`run()` that returns the result dict. Secrets found anywhere (options, OS_*
variables, clouds.yaml, the token itself) are registered with Ansible's
no_log machinery, so they are masked in results, diffs and failures.
"""

from __future__ import annotations

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_auth import (
    AuthConfigError, KeystoneSession, check_settings, resolve_settings,
)
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_client import KarboiiClient
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_http import (
    REQUESTS_IMPORT_ERROR, KarboiiError, RetryPolicy, build_session,
)
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_nova import NovaClient
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import InvalidOption

DEFAULT_API_TIMEOUT = 30
DEFAULT_RETRIES = 4
DEFAULT_RETRY_TIMEOUT = 60


def auth_options():
    secret = dict(type="str", no_log=True)
    plain = dict(type="str")
    options = {key: dict(plain) for key in (
        "auth_url", "username", "user_id", "user_domain_name", "user_domain_id", "project_id", "project_name",
        "project_domain_name", "project_domain_id", "domain_name", "domain_id", "application_credential_name")}
    options["application_credential_id"] = dict(type="str", no_log=False)
    for key in ("password", "application_credential_secret", "token"):
        options[key] = dict(secret)
    return options


def common_argument_spec():
    return dict(
        cloud=dict(type="raw"),
        auth=dict(type="dict", options=auth_options()),
        auth_type=dict(type="str"),
        region_name=dict(type="str"),
        interface=dict(type="str", choices=["public", "internal", "admin"], aliases=["endpoint_type"]),
        endpoint_override=dict(type="str"),
        validate_certs=dict(type="bool", aliases=["verify"]),
        ca_cert=dict(type="path", aliases=["cacert"]),
        client_cert=dict(type="path", aliases=["cert"]),
        client_key=dict(type="path", no_log=False, aliases=["key"]),
        api_timeout=dict(type="int"),
        retries=dict(type="int", default=DEFAULT_RETRIES),
        retry_timeout=dict(type="int", default=DEFAULT_RETRY_TIMEOUT),
    )


class KarboiiModule:
    argument_spec = {}
    module_kwargs = {}
    # Only the auth module hands its token back to the play; every other module masks it.
    returns_token = False

    def __init__(self):
        spec = common_argument_spec()
        spec.update(self.argument_spec)
        self.ansible = AnsibleModule(argument_spec=spec, supports_check_mode=True, **self.module_kwargs)
        self.params = self.ansible.params
        self.check_mode = self.ansible.check_mode
        self._client = None
        self._nova = None

    def hide(self, secret):
        if secret:
            self.ansible.no_log_values.add(str(secret))

    def warn(self, message):
        self.ansible.warn(message)

    @property
    def client(self):
        """Built on first use, so input errors are reported before any connection is made."""
        if self._client is None:
            self._client = self._build_client()
        return self._client

    def _build_client(self):
        settings = resolve_settings(self.params)
        for secret in settings.secrets():
            self.hide(secret)
        check_settings(settings)
        if not settings.validate_certs:
            self.warn("TLS certificates are not verified (validate_certs is false): anyone on the path can read the token")
        timeout = int(settings.api_timeout or DEFAULT_API_TIMEOUT)
        http = build_session(settings.validate_certs, settings.ca_cert, settings.client_cert, settings.client_key)
        retry = RetryPolicy(retries=max(0, self.params["retries"]), max_total=max(0, self.params["retry_timeout"]))
        on_secret = None if self.returns_token else self.hide
        keystone = KeystoneSession(settings, http, timeout=timeout, retry=retry, on_retry=self.warn, on_secret=on_secret)
        return KarboiiClient(keystone, http, timeout=timeout, retry=retry, on_retry=self.warn, read_only=self.check_mode)

    @property
    def nova(self):
        """The compute API, sharing the Karboii client's token and connections; used only to name VMs."""
        if self._nova is None:
            karboii = self.client
            self._nova = NovaClient(karboii.keystone, karboii.http, timeout=karboii.timeout, retry=karboii.retry,
                                    on_retry=self.warn, read_only=True)
        return self._nova

    def with_diff(self, result, before, after):
        if self.ansible._diff:
            result["diff"] = {"before": before or {}, "after": after or {}}
        return result

    def run(self):
        raise NotImplementedError

    def __call__(self):
        if REQUESTS_IMPORT_ERROR:
            self.ansible.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
        result = None
        try:
            result = self.run()
        except InvalidOption as exc:
            self.ansible.fail_json(msg=str(exc), option=exc.option)
        except AuthConfigError as exc:
            self.ansible.fail_json(msg=str(exc))
        except KarboiiError as exc:
            self.ansible.fail_json(msg=str(exc), error=exc.to_dict())
        except TimeoutError as exc:
            self.ansible.fail_json(msg=str(exc))
        # exit_json stays outside the try: it raises SystemExit, which must not be caught.
        self.ansible.exit_json(**result)
