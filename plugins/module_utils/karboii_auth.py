# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Where credentials come from, and the Keystone v3 token + catalog lookup.

Precedence, highest first: task options, OS_* environment, clouds.yaml. A cloud
named in the task outranks the environment as a whole, so a stray openrc in the
shell cannot leak into a task that chose its cloud. No Ansible imports.
"""

from __future__ import annotations

import os

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_http import KarboiiError, send, NO_RETRY

AUTH_KEYS = (
    "auth_url", "username", "user_id", "password", "user_domain_name", "user_domain_id",
    "project_id", "project_name", "project_domain_name", "project_domain_id", "domain_name", "domain_id",
    "application_credential_id", "application_credential_name", "application_credential_secret", "token",
)
SECRET_AUTH_KEYS = ("password", "application_credential_secret", "token")
SETTING_KEYS = ("auth_type", "region_name", "interface", "endpoint_override", "validate_certs",
                "ca_cert", "client_cert", "client_key", "api_timeout")

ENV_AUTH = {
    "OS_AUTH_URL": "auth_url",
    "OS_USERNAME": "username",
    "OS_USER_ID": "user_id",
    "OS_PASSWORD": "password",
    "OS_USER_DOMAIN_NAME": "user_domain_name",
    "OS_USER_DOMAIN_ID": "user_domain_id",
    "OS_PROJECT_ID": "project_id",
    "OS_TENANT_ID": "project_id",
    "OS_PROJECT_NAME": "project_name",
    "OS_TENANT_NAME": "project_name",
    "OS_PROJECT_DOMAIN_NAME": "project_domain_name",
    "OS_PROJECT_DOMAIN_ID": "project_domain_id",
    "OS_DOMAIN_NAME": "domain_name",
    "OS_DOMAIN_ID": "domain_id",
    "OS_APPLICATION_CREDENTIAL_ID": "application_credential_id",
    "OS_APPLICATION_CREDENTIAL_NAME": "application_credential_name",
    "OS_APPLICATION_CREDENTIAL_SECRET": "application_credential_secret",
    "OS_TOKEN": "token",
}
ENV_SETTINGS = {
    "OS_AUTH_TYPE": "auth_type",
    "OS_REGION_NAME": "region_name",
    "OS_INTERFACE": "interface",
    "OS_BACKUP_ENDPOINT_OVERRIDE": "endpoint_override",
    "OS_CACERT": "ca_cert",
    "OS_CERT": "client_cert",
    "OS_KEY": "client_key",
}
# clouds.yaml spells some settings the openstacksdk way.
CLOUDS_YAML_SETTINGS = {
    "auth_type": "auth_type",
    "region_name": "region_name",
    "interface": "interface",
    "cacert": "ca_cert",
    "cert": "client_cert",
    "key": "client_key",
    "verify": "validate_certs",
    "api_timeout": "api_timeout",
    "data_protect_endpoint_override": "endpoint_override",
    "backup_endpoint_override": "endpoint_override",
}
AUTH_TYPES = {
    "password": "password",
    "v3password": "password",
    "token": "token",
    "v3token": "token",
    "v3applicationcredential": "v3applicationcredential",
    "applicationcredential": "v3applicationcredential",
    "application_credential": "v3applicationcredential",
}
VK_USER_DOMAIN = "users"  # where VK Cloud keeps its users; the Terraform provider's default too
KARBOII_SERVICE_TYPE = "data-protect"


class AuthConfigError(Exception):
    """Credentials that cannot work; raised before anything is sent."""


class Settings:
    """The merged connection settings: an `auth` dict plus the other options."""

    def __init__(self, auth, **settings):
        self.auth = auth
        for key in SETTING_KEYS:
            setattr(self, key, settings.get(key))
        self.sources = settings.get("sources", [])

    def secrets(self):
        return [self.auth[k] for k in SECRET_AUTH_KEYS if self.auth.get(k)] + ([self.client_key] if self.client_key else [])


def clouds_yaml_paths(environ):
    explicit = environ.get("OS_CLIENT_CONFIG_FILE")
    if explicit:
        return [explicit]
    home = os.path.expanduser("~")
    return [os.path.join(os.getcwd(), "clouds.yaml"),
            os.path.join(home, ".config", "openstack", "clouds.yaml"),
            "/etc/openstack/clouds.yaml"]


def load_clouds(environ):
    """Return ({name: cloud}, path) from the first clouds.yaml found, merged with a secure.yaml beside it."""
    for path in clouds_yaml_paths(environ):
        if os.path.isfile(path):
            clouds = _read_yaml(path).get("clouds") or {}
            secure = os.path.join(os.path.dirname(path), "secure.yaml")
            if os.path.isfile(secure):
                for name, extra in (_read_yaml(secure).get("clouds") or {}).items():
                    clouds[name] = _deep_merge(clouds.get(name, {}), extra)
            return clouds, path
    return {}, None


def _read_yaml(path):
    # Imported here: most tasks never read a clouds.yaml, and PyYAML costs every module start ~25 ms.
    try:
        import yaml
    except ImportError:
        raise AuthConfigError("reading %s needs PyYAML, which is not installed" % path) from None
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise AuthConfigError("cannot read %s: %s" % (path, exc)) from None
    if not isinstance(data, dict):
        raise AuthConfigError("%s does not hold a mapping" % path)
    return data


def _deep_merge(base, extra):
    merged = dict(base)
    for key, value in extra.items():
        merged[key] = _deep_merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


def _from_cloud(cloud):
    auth = {k: v for k, v in (cloud.get("auth") or {}).items() if k in AUTH_KEYS and v not in (None, "")}
    settings = {ours: cloud[theirs] for theirs, ours in CLOUDS_YAML_SETTINGS.items() if cloud.get(theirs) is not None}
    if "region_name" not in settings and cloud.get("regions"):
        first = cloud["regions"][0]
        settings["region_name"] = first.get("name") if isinstance(first, dict) else first
    return auth, settings


def _from_env(environ):
    auth = {key: environ[var] for var, key in ENV_AUTH.items() if environ.get(var)}
    settings = {key: environ[var] for var, key in ENV_SETTINGS.items() if environ.get(var)}
    if environ.get("OS_INSECURE", "").lower() in ("1", "true", "yes"):
        settings["validate_certs"] = False
    return auth, settings


def _pick_cloud(options, environ, loader):
    """The clouds.yaml entry that applies, or ({}, {}) and a description of the choice."""
    wanted = options.get("cloud")
    if isinstance(wanted, dict):
        return _from_cloud(wanted), "the cloud dict given in the task"
    name = wanted or environ.get("OS_CLOUD")
    if not name and environ.get("OS_AUTH_URL") and not environ.get("OS_CLIENT_CONFIG_FILE"):
        return ({}, {}), None  # an openrc in the environment stands on its own, like openstacksdk's envvars cloud
    clouds, path = loader(environ)
    if name:
        if name not in clouds:
            known = ", ".join(sorted(clouds)) or "none"
            where = path or "any clouds.yaml (OS_CLIENT_CONFIG_FILE, ./clouds.yaml, ~/.config/openstack/, /etc/openstack/)"
            raise AuthConfigError("cloud: no cloud named '%s' in %s (clouds there: %s)" % (name, where, known))
        return _from_cloud(clouds[name]), "cloud '%s' from %s" % (name, path)
    if len(clouds) == 1:
        only = next(iter(clouds))
        return _from_cloud(clouds[only]), "cloud '%s', the only one in %s" % (only, path)
    if clouds:
        raise AuthConfigError("cloud: %s holds several clouds (%s); set cloud or OS_CLOUD to choose one"
                              % (path, ", ".join(sorted(clouds))))
    return ({}, {}), None


def resolve_settings(options, environ=None, loader=load_clouds):
    """Merge task options over OS_* environment over clouds.yaml, key by key."""
    environ = os.environ if environ is None else environ
    (cloud_auth, cloud_settings), cloud_source = _pick_cloud(options, environ, loader)
    env_auth, env_settings = ({}, {}) if options.get("cloud") else _from_env(environ)
    task_auth = {k: v for k, v in (options.get("auth") or {}).items() if v not in (None, "")}
    task_settings = {k: options.get(k) for k in SETTING_KEYS if options.get(k) is not None}

    auth = dict(cloud_auth)
    auth.update(env_auth)
    auth.update(task_auth)
    settings = dict(cloud_settings)
    settings.update(env_settings)
    settings.update(task_settings)
    sources = [s for s in (cloud_source, "OS_* environment" if (env_auth or env_settings) else None,
                           "task options" if (task_auth or task_settings) else None) if s]
    _apply_domain_defaults(auth)
    settings["auth_type"] = _auth_type(settings.get("auth_type"), auth)
    settings["validate_certs"] = _as_bool(settings.get("validate_certs", True))
    return Settings(auth, sources=sources, **settings)


def _apply_domain_defaults(auth):
    """domain_name/id is the default for both the user's and the project's domain (AWX writes only that)."""
    for scope in ("user", "project"):
        if not auth.get(scope + "_domain_name") and not auth.get(scope + "_domain_id"):
            if auth.get("domain_id"):
                auth[scope + "_domain_id"] = auth["domain_id"]
            elif auth.get("domain_name"):
                auth[scope + "_domain_name"] = auth["domain_name"]
    if auth.get("username") and not auth.get("user_domain_name") and not auth.get("user_domain_id"):
        auth["user_domain_name"] = VK_USER_DOMAIN
    if auth.get("project_name") and not auth.get("project_domain_name") and not auth.get("project_domain_id"):
        auth["project_domain_name"] = auth.get("user_domain_name") or VK_USER_DOMAIN


def _auth_type(value, auth):
    if value:
        kind = AUTH_TYPES.get(str(value).lower().replace("-", ""))
        if not kind:
            raise AuthConfigError("auth_type: '%s' is not supported; use password, v3applicationcredential or token" % value)
        return kind
    if auth.get("application_credential_id") or auth.get("application_credential_secret"):
        return "v3applicationcredential"
    if auth.get("token") and not auth.get("password"):
        return "token"
    return "password"


def _as_bool(value):
    if isinstance(value, str):
        return value.strip().lower() not in ("0", "false", "no", "off")
    return bool(value)


def check_settings(settings):
    """Fail early, naming what is missing and where it may come from."""
    auth = settings.auth
    kind = settings.auth_type
    missing = []
    if kind == "token":
        if not auth.get("token"):
            missing.append("auth.token (or OS_TOKEN)")
        if not settings.endpoint_override and not auth.get("auth_url"):
            missing.append("endpoint_override (or OS_BACKUP_ENDPOINT_OVERRIDE) or auth.auth_url")
        if settings.endpoint_override and not auth.get("project_id") and not auth.get("auth_url"):
            missing.append("auth.project_id (or OS_PROJECT_ID)")
    else:
        if not auth.get("auth_url"):
            missing.append("auth.auth_url (or OS_AUTH_URL)")
        if kind == "password":
            if not auth.get("username") and not auth.get("user_id"):
                missing.append("auth.username (or OS_USERNAME)")
            if not auth.get("password"):
                missing.append("auth.password (or OS_PASSWORD)")
            if not auth.get("project_id") and not auth.get("project_name"):
                missing.append("auth.project_id or auth.project_name (or OS_PROJECT_ID)")
        else:
            if not auth.get("application_credential_id") and not auth.get("application_credential_name"):
                missing.append("auth.application_credential_id (or OS_APPLICATION_CREDENTIAL_ID)")
            if not auth.get("application_credential_secret"):
                missing.append("auth.application_credential_secret (or OS_APPLICATION_CREDENTIAL_SECRET)")
    if missing:
        found = ", ".join(settings.sources) if settings.sources else "no task options, OS_* variables or clouds.yaml"
        raise AuthConfigError("cannot authenticate with auth_type %s: missing %s (looked at: %s)"
                              % (kind, "; ".join(missing), found))


def token_request_body(settings):
    """The Keystone v3 POST /auth/tokens body for the configured method."""
    auth = settings.auth
    if settings.auth_type == "v3applicationcredential":
        credential = {"secret": auth["application_credential_secret"]}
        if auth.get("application_credential_id"):
            credential["id"] = auth["application_credential_id"]
        else:
            credential["name"] = auth["application_credential_name"]
            credential["user"] = _user(auth)
        # An application credential carries its own project scope.
        return {"auth": {"identity": {"methods": ["application_credential"], "application_credential": credential}}}
    if settings.auth_type == "token":
        identity = {"methods": ["token"], "token": {"id": auth["token"]}}
    else:
        user = _user(auth)
        user["password"] = auth["password"]
        identity = {"methods": ["password"], "password": {"user": user}}
    return {"auth": {"identity": identity, "scope": {"project": _project(auth)}}}


def _user(auth):
    if auth.get("user_id"):
        return {"id": auth["user_id"]}
    return {"name": auth["username"], "domain": _domain(auth, "user")}


def _project(auth):
    if auth.get("project_id"):
        return {"id": auth["project_id"]}
    return {"name": auth["project_name"], "domain": _domain(auth, "project")}


def _domain(auth, scope):
    if auth.get(scope + "_domain_id"):
        return {"id": auth[scope + "_domain_id"]}
    return {"name": auth.get(scope + "_domain_name") or VK_USER_DOMAIN}


def tokens_url(auth_url):
    base = auth_url.rstrip("/")
    if not base.endswith("/v3"):
        base += "/v3"
    return base + "/auth/tokens"


def find_endpoint(catalog, service_type, region=None, interface=None):
    """The catalog URL of a service for a region and interface (public by default)."""
    wanted = (interface or "public").lower().replace("url", "")
    candidates = []
    for service in catalog or []:
        if service.get("type") != service_type:
            continue
        for endpoint in service.get("endpoints") or []:
            if endpoint.get("interface") == wanted:
                candidates.append(endpoint)
    if region:
        matching = [e for e in candidates if region in (e.get("region"), e.get("region_id"))]
        if not matching:
            regions = sorted({e.get("region") or e.get("region_id") for e in candidates if e.get("region") or e.get("region_id")})
            raise KarboiiError("the service catalog has no %s %s endpoint in region '%s' (regions: %s); check region_name"
                               % (wanted, service_type, region, ", ".join(regions) or "none"))
        candidates = matching
    if not candidates:
        raise KarboiiError("the service catalog has no %s endpoint of type '%s'; set endpoint_override" % (wanted, service_type))
    regions = {e.get("region") or e.get("region_id") for e in candidates}
    if len(regions) > 1:
        raise KarboiiError("the service catalog has '%s' endpoints in several regions (%s); set region_name"
                           % (service_type, ", ".join(sorted(str(r) for r in regions))))
    return candidates[0]["url"]


class KeystoneSession:
    """A token, the project it is scoped to, and the endpoints it may use.

    Authenticates lazily: a task that only validates its input sends nothing.
    `on_secret` learns every token so the module can mask it everywhere.
    """

    def __init__(self, settings, http, timeout=30, retry=NO_RETRY, on_retry=None, on_secret=None):
        self.settings = settings
        self.http = http
        self.timeout = timeout
        self.retry = retry
        self.on_retry = on_retry
        self.on_secret = on_secret or (lambda secret: None)
        self._token = None
        self._project_id = settings.auth.get("project_id")
        self._catalog = None
        self.keystone_requests = 0

    @property
    def uses_keystone(self):
        return not (self.settings.auth_type == "token" and self.settings.endpoint_override and self._project_id)

    @property
    def can_reauthenticate(self):
        return self.settings.auth_type != "token"

    @property
    def token(self):
        if self._token is None:
            self.authenticate()
        return self._token

    @property
    def project_id(self):
        if self._project_id is None:
            self.authenticate()
        return self._project_id

    def authenticate(self):
        if not self.uses_keystone:
            self._token = self.settings.auth["token"]
            return
        self._login()

    def _login(self):
        self.keystone_requests += 1
        response = send(self.http, "POST", tokens_url(self.settings.auth["auth_url"]), "POST /v3/auth/tokens (Keystone)",
                        json_body=token_request_body(self.settings), timeout=self.timeout, retry=self.retry,
                        on_retry=self.on_retry, ok=(200, 201))
        token = response.headers.get("X-Subject-Token")
        if not token:
            raise KarboiiError("Keystone answered without an X-Subject-Token header; is auth_url a Keystone v3 endpoint?")
        self.on_secret(token)
        body = response.json().get("token") or {}
        self._token = token
        self._catalog = body.get("catalog") or []
        project = body.get("project") or {}
        if project.get("id"):
            self._project_id = project["id"]
        if not self._project_id:
            raise KarboiiError("the Keystone token is not scoped to a project; set auth.project_id or auth.project_name")

    def endpoint(self, service_type=KARBOII_SERVICE_TYPE):
        if service_type == KARBOII_SERVICE_TYPE and self.settings.endpoint_override:
            return self.settings.endpoint_override
        if self._catalog is None:
            # A token with endpoint_override skips Keystone; another service (Nova) still needs the catalog.
            if not self.settings.auth.get("auth_url"):
                raise KarboiiError("no service catalog to find '%s' in: set auth.auth_url (or OS_AUTH_URL)" % service_type)
            self._login()
        return find_endpoint(self._catalog, service_type, self.settings.region_name, self.settings.interface)
