# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Keystone v3, just enough to authenticate: password, application credential and token methods."""

import datetime
import uuid

from .routing import Router
from .web import ApiError, Response

UNAUTHORIZED = "The request you have made requires authentication."
TITLES = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed"}
ROLES = ({"id": "9fe2ff9ee4384b1894a90878d3e92bab", "name": "member"},
         {"id": "f9d5a2d1a3e14e0b9e6e1b33e2b3f1c0", "name": "reader"})


def iso_time(epoch):
    """Keystone's time format: microseconds and a Z."""
    moment = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def error_body(status, message):
    return {"error": {"code": status, "message": message, "title": TITLES.get(status, "Error")}}


def _unauthorized():
    return ApiError(401, UNAUTHORIZED)


def _object(value):
    return value if isinstance(value, dict) else {}


class Keystone:
    """POST/GET/DELETE /v3/auth/tokens and the version documents clients probe first."""

    def __init__(self, app):
        self.app = app
        self.router = Router()
        self.router.add("/v3/auth/tokens", post=self.create_token, get=self.show_token, head=self.show_token,
                        delete=self.revoke_token)
        self.router.add("/v3", get=self.version)
        self.router.add("/", get=self.versions)

    def handle(self, request):
        try:
            handler = self.router.resolve(request.method, request.path)[0]
            return handler(request)
        except ApiError as err:
            return Response(err.status, error_body(err.status, err.message), err.headers)

    # discovery ---------------------------------------------------------------
    def _version_doc(self):
        return {
            "id": "v3.14", "status": "stable", "updated": "2020-04-07T00:00:00Z",
            "links": [{"rel": "self", "href": self.app.base_url + "/v3/"}],
            "media-types": [{"base": "application/json", "type": "application/vnd.openstack.identity-v3+json"}],
        }

    def version(self, request):
        return Response(200, {"version": self._version_doc()})

    def versions(self, request):
        return Response(300, {"versions": {"values": [self._version_doc()]}})

    # authentication --------------------------------------------------------------
    def create_token(self, request):
        body = request.json_object()
        auth = body.get("auth")
        if not isinstance(auth, dict) or not isinstance(auth.get("identity"), dict):
            raise ApiError(400, "Expecting to find auth.identity in the request body.")
        identity = auth["identity"]
        methods = identity.get("methods")
        if not isinstance(methods, list) or not methods or not all(isinstance(m, str) for m in methods):
            raise ApiError(400, "auth.identity.methods must be a non-empty list of strings.")
        if "application_credential" in methods:
            self._check_app_cred(_object(identity.get("application_credential")))
            project_id = self._scope(auth.get("scope"))
        elif "password" in methods:
            self._check_password(_object(identity.get("password")))
            project_id = self._scope(auth.get("scope"))
        elif "token" in methods:
            previous = self.app.tokens.check(_object(identity.get("token")).get("id"), self.app.epoch(), count=False)
            if previous is None:
                raise _unauthorized()
            project_id = self._scope(auth.get("scope")) if auth.get("scope") else previous["project_id"]
        else:
            raise _unauthorized()
        record = self.app.tokens.issue(methods, project_id, self.app.epoch(), uses=self.app.settings.expire_tokens_after,
                                       app_cred="application_credential" in methods)
        return Response(201, self.token_body(record), {"X-Subject-Token": record["id"]})

    def _user_matches(self, user):
        ident = self.app.identity
        if "id" in user:
            return user["id"] == ident.user_id
        domain = _object(user.get("domain"))
        domain_ok = domain.get("name") == ident.user_domain_name or domain.get("id") == ident.user_domain_id
        return user.get("name") == ident.username and domain_ok

    def _check_password(self, section):
        user = _object(section.get("user"))
        if not self._user_matches(user) or user.get("password") != self.app.identity.password:
            raise _unauthorized()

    def _check_app_cred(self, section):
        ident = self.app.identity
        if section.get("secret") != ident.app_cred_secret:
            raise _unauthorized()
        if "id" in section:
            if section["id"] != ident.app_cred_id:
                raise _unauthorized()
        elif section.get("name") != ident.app_cred_name or not self._user_matches(_object(section.get("user"))):
            raise _unauthorized()

    def _scope(self, scope):
        """The project id a token is scoped to; any other project or scope kind is a 401."""
        ident = self.app.identity
        if scope is None:
            # Unscoped requests get the user's default (and only) project; an
            # application credential is always scoped to its project.
            return ident.project_id
        project = _object(_object(scope).get("project"))
        if not project:
            raise _unauthorized()
        if "id" in project:
            matched = project["id"] == ident.project_id
        else:
            domain = _object(project.get("domain"))
            domain_ok = domain.get("name") == ident.project_domain_name or domain.get("id") == ident.project_domain_id
            matched = project.get("name") == ident.project_name and domain_ok
        if not matched:
            raise _unauthorized()
        return ident.project_id

    def token_body(self, record):
        ident = self.app.identity
        domain = {"id": ident.user_domain_id, "name": ident.user_domain_name}
        token = {
            "methods": record["methods"],
            "issued_at": iso_time(record["issued_at"]),
            "expires_at": iso_time(record["expires_at"]),
            "audit_ids": [record["audit_id"]],
            "user": {"id": ident.user_id, "name": ident.username, "domain": domain, "password_expires_at": None},
            "project": {"id": ident.project_id, "name": ident.project_name,
                        "domain": {"id": ident.project_domain_id, "name": ident.project_domain_name}},
            "is_domain": False,
            "roles": [dict(role) for role in ROLES],
            "catalog": self.catalog(),
        }
        if record["app_cred"]:
            token["application_credential"] = {"id": ident.app_cred_id, "name": ident.app_cred_name, "restricted": True}
        return {"token": token}

    def catalog(self):
        """The Karboii URL has no project id in it, as on VK Cloud: clients append it."""
        base = self.app.base_url
        region = self.app.identity.region
        services = (
            ("data-protect", "karboii", base + "/infra/karboii/v1/"),
            ("compute", "nova", base + "/compute/v2.1"),
            ("identity", "keystone", base + "/v3"),
        )
        catalog = []
        for service_type, name, url in services:
            endpoints = [{
                "id": uuid.uuid5(uuid.NAMESPACE_URL, url + interface).hex,
                "interface": interface, "region": region, "region_id": region, "url": url,
            } for interface in ("public", "internal", "admin")]
            catalog.append({"id": uuid.uuid5(uuid.NAMESPACE_URL, url).hex, "type": service_type, "name": name,
                            "endpoints": endpoints})
        return catalog

    # validation and revocation -------------------------------------------------
    def _subject(self, request):
        now = self.app.epoch()
        if self.app.tokens.check(request.header("X-Auth-Token"), now, count=False) is None:
            raise _unauthorized()
        subject = self.app.tokens.check(request.header("X-Subject-Token"), now, count=False)
        if subject is None:
            raise ApiError(404, "Could not find token: %s." % request.header("X-Subject-Token"))
        return subject

    def show_token(self, request):
        subject = self._subject(request)
        return Response(200, self.token_body(subject), {"X-Subject-Token": subject["id"]})

    def revoke_token(self, request):
        subject = self._subject(request)
        self.app.tokens.revoke(subject["id"])
        return Response(204)
