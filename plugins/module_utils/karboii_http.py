# -*- coding: utf-8 -*-
# Copyright: (c) 2026, vkcloud.karboii contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The HTTP layer shared by the Keystone and Karboii calls.

It knows requests, TLS, retries and how servers phrase their errors, and nothing
of Ansible, so it is unit tested on its own and can serve a lookup or inventory
plugin later.
"""

from __future__ import annotations

import email.utils
import json
import random
import re
import time
import traceback

try:
    import requests
    REQUESTS_IMPORT_ERROR = None
except ImportError:  # the module reports it with missing_required_lib
    requests = None
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

COLLECTION_VERSION = "0.1.0"
USER_AGENT = "vkcloud.karboii/%s" % COLLECTION_VERSION

IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "PUT", "DELETE"))
# 429/502/503 mean "not handled, come back later", safe for any method;
# 500/504 may hide a change that was made, so only repeatable calls retry them.
RETRY_ANY_METHOD = frozenset((429, 502, 503))
RETRY_IDEMPOTENT_ONLY = frozenset((500, 504))


# The part of a connection or TLS error worth reading; urllib3 wraps it in several layers of reprs.
REASON = re.compile(r"(\[Errno -?\d+\][^'\"()]*|Read timed out[^'\"()]*|timed out|"
                    r"\[SSL: [^'\"()]*|certificate verify failed[^'\"()]*|Remote end closed connection without response)")


class KarboiiError(Exception):
    """A failed call: what was asked, what the server answered.

    `ambiguous` is true when the request may or may not have taken effect
    (a timeout, a dropped connection or a 5xx answer to a POST), so the caller
    must look before it tries again.
    """

    def __init__(self, message, method=None, path=None, status=None, server_message=None, ambiguous=False):
        super().__init__(message)
        self.message = message
        self.method = method
        self.path = path
        self.status = status
        self.server_message = server_message
        self.ambiguous = ambiguous

    def __str__(self):
        return self.message

    def to_dict(self):
        return {
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "server_message": self.server_message,
        }


class RetryPolicy:
    """How often and how long to retry; delays grow exponentially with full jitter."""

    def __init__(self, retries=4, backoff=0.5, max_delay=10.0, max_total=60.0, sleep=time.sleep, clock=time.monotonic):
        self.retries = retries
        self.backoff = backoff
        self.max_delay = max_delay
        self.max_total = max_total
        self.sleep = sleep
        self.clock = clock

    def delay(self, attempt, retry_after=None):
        if retry_after is not None:
            return min(retry_after, self.max_delay)
        ceiling = min(self.max_delay, self.backoff * (2 ** attempt))
        return random.uniform(0, ceiling)


NO_RETRY = RetryPolicy(retries=0)


def build_session(verify=True, ca_cert=None, client_cert=None, client_key=None):
    """One requests.Session per task: keeps connections alive across calls."""
    session = requests.Session()
    session.headers.update({
        "User-Agent": USER_AGENT,
        "Accept": "application/json",
    })
    session.verify = ca_cert if (verify and ca_cert) else bool(verify)
    if client_cert:
        session.cert = (client_cert, client_key) if client_key else client_cert
    return session


def server_message(response):
    """The server's own words, whatever shape it chose for them.

    Karboii documents {"message", "code"}; upstream Karbor wraps that in a fault
    name ({"badRequest": {...}}); Keystone uses {"error": {...}}; proxies answer
    plain text or HTML.
    """
    text = response.text or ""
    try:
        body = response.json()
    except ValueError:
        return text.strip()[:500] or response.reason or ""
    if isinstance(body, dict):
        if isinstance(body.get("message"), str):
            return body["message"]
        for value in body.values():
            if isinstance(value, dict) and isinstance(value.get("message"), str):
                return value["message"]
    return json.dumps(body)[:500]


def parse_retry_after(value, now=None):
    """Retry-After is either seconds or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, when - (now if now is not None else time.time()))


def is_retryable(method, status):
    if status in RETRY_ANY_METHOD:
        return True
    return status in RETRY_IDEMPOTENT_ONLY and method in IDEMPOTENT_METHODS


def send(session, method, url, label, json_body=None, params=None, headers=None, timeout=30,
         retry=NO_RETRY, on_retry=None, ok=(200, 201, 202, 204)):
    """Send one request, retrying what is safe to retry.

    `label` names the call in errors ("POST /plans") so that messages never
    carry the token-bearing headers or the full URL with credentials.
    Returns the response; raises KarboiiError for anything but `ok`.
    """
    started = retry.clock()
    attempt = 0
    while True:
        try:
            response = session.request(method, url, json=json_body, params=params, headers=headers, timeout=timeout)
        except requests.exceptions.SSLError as exc:
            raise KarboiiError("%s failed: TLS error: %s" % (label, _short(exc)), method, label) from None
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            failure = "%s failed: no answer from the server (%s)" % (label, _short(exc))
            ambiguous = method not in IDEMPOTENT_METHODS
            if ambiguous or not _may_retry(retry, attempt, started, None):
                raise KarboiiError(failure, method, label, ambiguous=ambiguous) from None
            _wait(retry, attempt, None, on_retry, failure)
            attempt += 1
            continue

        if response.status_code in ok:
            return response
        message = server_message(response)
        failure = "%s failed: HTTP %s: %s" % (label, response.status_code, message)
        if is_retryable(method, response.status_code):
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            if _may_retry(retry, attempt, started, retry_after):
                _wait(retry, attempt, retry_after, on_retry, failure)
                attempt += 1
                continue
        ambiguous = method not in IDEMPOTENT_METHODS and response.status_code >= 500
        raise KarboiiError(failure, method, label, response.status_code, message, ambiguous)


def _may_retry(retry, attempt, started, retry_after):
    if attempt >= retry.retries:
        return False
    planned = retry.delay(attempt, retry_after) if retry_after is not None else 0
    return retry.clock() - started + planned <= retry.max_total


def _wait(retry, attempt, retry_after, on_retry, failure):
    delay = retry.delay(attempt, retry_after)
    if on_retry:
        on_retry("%s; retry %d of %d in %.1f s" % (failure, attempt + 1, retry.retries, delay))
    retry.sleep(delay)


def _short(exc):
    """The reason inside a requests exception, without urllib3's nested reprs and URLs."""
    text = str(exc)
    match = REASON.search(text)
    if match:
        return match.group(1).strip()
    return text.rsplit(": ", 1)[-1].strip(" '\")(")[:300] or exc.__class__.__name__
