# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:

    DOCUMENTATION = r"""
options:
  cloud:
    description:
      - The name of a cloud in C(clouds.yaml), or a dict with the same content as such an entry.
      - When left out, E(OS_CLOUD) names the cloud; when that is unset too and the C(clouds.yaml) found holds a
        single cloud, that cloud is used (this is how the AWX OpenStack credential works).
      - A cloud named here outranks all E(OS_*) variables.
    type: raw
  auth:
    description:
      - Keystone v3 credentials. Every key may also come from E(OS_*) variables or C(clouds.yaml).
      - Precedence is task options, then E(OS_*) variables, then C(clouds.yaml), key by key.
    type: dict
    suboptions:
      auth_url:
        description: Keystone v3 URL, for example C(https://infra.mail.ru:35357/v3/). Env E(OS_AUTH_URL).
        type: str
      username:
        description: User name. Env E(OS_USERNAME).
        type: str
      user_id:
        description: User id, instead of O(auth.username). Env E(OS_USER_ID).
        type: str
      password:
        description: Password. Env E(OS_PASSWORD).
        type: str
      user_domain_name:
        description:
          - Domain of the user. Env E(OS_USER_DOMAIN_NAME).
          - Defaults to O(auth.domain_name), else C(users), where VK Cloud keeps its users.
        type: str
      user_domain_id:
        description: Domain id of the user. Env E(OS_USER_DOMAIN_ID).
        type: str
      project_id:
        description:
          - Project id; every Karboii path contains it. Env E(OS_PROJECT_ID).
          - When only O(auth.project_name) is known, the id is taken from the token.
        type: str
      project_name:
        description: Project name, scoped together with its domain. Env E(OS_PROJECT_NAME).
        type: str
      project_domain_name:
        description: Domain of the project. Defaults to O(auth.domain_name), else the user's domain. Env E(OS_PROJECT_DOMAIN_NAME).
        type: str
      project_domain_id:
        description: Domain id of the project. Env E(OS_PROJECT_DOMAIN_ID).
        type: str
      domain_name:
        description: Default for both the user's and the project's domain. Env E(OS_DOMAIN_NAME).
        type: str
      domain_id:
        description: Default for both the user's and the project's domain id. Env E(OS_DOMAIN_ID).
        type: str
      application_credential_id:
        description: Application credential id. Env E(OS_APPLICATION_CREDENTIAL_ID).
        type: str
      application_credential_name:
        description: Application credential name, with the user, instead of the id. Env E(OS_APPLICATION_CREDENTIAL_NAME).
        type: str
      application_credential_secret:
        description: Application credential secret. Env E(OS_APPLICATION_CREDENTIAL_SECRET).
        type: str
      token:
        description:
          - An existing Keystone token. Env E(OS_TOKEN).
          - With O(endpoint_override) and O(auth.project_id) no Keystone call is made at all.
        type: str
  auth_type:
    description:
      - How to authenticate. Env E(OS_AUTH_TYPE).
      - When unset it follows from the credentials given - an application credential, a token, else a password.
      - V(password) (or V(v3password)), V(v3applicationcredential) and V(token) (or V(v3token)) are understood.
    type: str
  region_name:
    description:
      - Region of the Karboii endpoint in the service catalog. Env E(OS_REGION_NAME).
      - Needed only when the catalog lists the service in several regions.
    type: str
  interface:
    description:
      - Which catalog endpoint to use. Env E(OS_INTERFACE). C(public) when unset.
    type: str
    choices: [public, internal, admin]
    aliases: [endpoint_type]
  endpoint_override:
    description:
      - The Karboii base URL, used instead of the service catalog, for example C(https://mcs.mail.ru/infra/karboii/v1).
        The project id is appended to it.
      - Env E(OS_BACKUP_ENDPOINT_OVERRIDE), as with the VK Cloud Terraform provider.
    type: str
  validate_certs:
    description:
      - Whether to verify TLS certificates. True when unset; E(OS_INSECURE=true) or C(verify) in C(clouds.yaml) may turn it off.
      - Turning it off prints a warning.
    type: bool
    aliases: [verify]
  ca_cert:
    description: A CA bundle to verify the servers with. Env E(OS_CACERT).
    type: path
    aliases: [cacert]
  client_cert:
    description: A client certificate for mutual TLS. Env E(OS_CERT).
    type: path
    aliases: [cert]
  client_key:
    description: The key of O(client_cert). Env E(OS_KEY).
    type: path
    aliases: [key]
  api_timeout:
    description: Seconds to wait for each HTTP answer. 30 when unset.
    type: int
  retries:
    description:
      - How many times to retry a call the server could not handle right now - HTTP 429, 502 and 503 for any call,
        500 and 504 and lost connections only for calls that are safe to repeat (reads, updates, deletes).
      - Waits grow exponentially with jitter and honour C(Retry-After). Each retry is reported as a warning.
      - A create whose answer was lost is never sent again blindly; the module first looks whether it happened.
      - V(0) turns retries off. TLS errors and other client errors are never retried.
    type: int
    default: 4
  retry_timeout:
    description: Seconds that all retries of one call may take together.
    type: int
    default: 60
notes:
  - The modules run where the task runs, usually the controller (C(delegate_to=localhost) or C(connection=local)),
    and need the Python library C(requests) there.
  - All modules are in the action group C(vkcloud.karboii.karboii), so common options can be set once with
    C(module_defaults) for C(group/vkcloud.karboii.karboii).
  - Passwords, secrets and tokens are never printed; they are masked in results, diffs and error messages.
requirements:
  - python >= 3.9
  - requests >= 2.25
"""

    ATTRIBUTES = r"""
attributes:
  check_mode:
    description: Can run in check mode and return the predicted result without sending any change.
    support: full
  diff_mode:
    description: Returns the object before and after the change (normalised) in diff mode.
    support: full
  action_group:
    description: Use C(group/vkcloud.karboii.karboii) in C(module_defaults) to set the common options once.
    support: full
    membership:
      - vkcloud.karboii.karboii
"""

    INFO_ATTRIBUTES = r"""
attributes:
  check_mode:
    description: Reads only; runs the same in check mode.
    support: full
  diff_mode:
    description: Reads only; has nothing to show in diff mode.
    support: N/A
  action_group:
    description: Use C(group/vkcloud.karboii.karboii) in C(module_defaults) to set the common options once.
    support: full
    membership:
      - vkcloud.karboii.karboii
"""
