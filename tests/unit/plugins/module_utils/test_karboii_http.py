# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pathlib

import pytest
import requests
import yaml

from ansible_collections.vkcloud.karboii.plugins.module_utils import karboii_http

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_http import (
    KarboiiError, RetryPolicy, build_session, is_retryable, parse_retry_after, send, server_message,
)

from ansible_collections.vkcloud.karboii.tests.unit.plugins.fakes import FakeResponse, FakeSession


def no_sleep_policy(retries=3):
    slept = []
    return RetryPolicy(retries=retries, sleep=slept.append), slept


@pytest.mark.parametrize("body, text, expected", [
    ({"message": "bad name", "code": 400}, None, "bad name"),
    ({"badRequest": {"message": "upstream style", "code": 400}}, None, "upstream style"),
    ({"error": {"message": "keystone style", "code": 401}}, None, "keystone style"),
    (None, "<html>Bad Gateway</html>", "<html>Bad Gateway</html>"),
    (None, "", "Reason"),
    (["odd"], None, '["odd"]'),
])
def test_server_message_tolerates_every_shape(body, text, expected):
    assert server_message(FakeResponse(400, body, text=text)) == expected


@pytest.mark.parametrize("method, status, expected", [
    ("POST", 429, True), ("POST", 502, True), ("POST", 503, True),
    ("POST", 500, False), ("POST", 504, False),
    ("GET", 500, True), ("PUT", 504, True), ("DELETE", 500, True),
    ("GET", 400, False), ("GET", 404, False), ("GET", 401, False),
])
def test_retryable_statuses_depend_on_method(method, status, expected):
    assert is_retryable(method, status) is expected


@pytest.mark.parametrize("value, expected", [
    (None, None), ("", None), ("3", 3.0), ("-1", 0.0), ("soon", None),
    ("Thu, 01 Jan 1970 00:00:10 GMT", 10.0),
])
def test_parse_retry_after(value, expected):
    assert parse_retry_after(value, now=0) == expected


def test_send_retries_a_throttled_post_honouring_retry_after():
    policy, slept = no_sleep_policy()
    warnings = []
    session = FakeSession(FakeResponse(429, {"message": "slow down"}, {"Retry-After": "2"}), FakeResponse(200, {"ok": 1}))
    response = send(session, "POST", "http://x/plans", "POST /plans", retry=policy, on_retry=warnings.append)
    assert response.status_code == 200
    assert slept == [2.0]
    assert "HTTP 429: slow down" in warnings[0] and "retry 1 of 3" in warnings[0]


def test_send_never_retries_a_post_on_500_and_marks_it_ambiguous():
    policy, slept = no_sleep_policy()
    session = FakeSession(FakeResponse(500, {"message": "boom"}))
    with pytest.raises(KarboiiError) as info:
        send(session, "POST", "http://x/plans", "POST /plans", retry=policy)
    assert info.value.status == 500 and info.value.ambiguous
    assert str(info.value) == "POST /plans failed: HTTP 500: boom"
    assert slept == []


def test_send_retries_get_on_500_until_the_count_runs_out():
    policy, slept = no_sleep_policy(retries=2)
    session = FakeSession(*[FakeResponse(500, {"message": "boom"})] * 3)
    with pytest.raises(KarboiiError) as info:
        send(session, "GET", "http://x/plans", "GET /plans", retry=policy)
    assert info.value.status == 500 and not info.value.ambiguous
    assert len(session.sent) == 3 and len(slept) == 2


def test_a_dropped_post_is_ambiguous_and_not_retried():
    policy, slept = no_sleep_policy()
    session = FakeSession(requests.exceptions.ConnectionError("Connection aborted."))
    with pytest.raises(KarboiiError) as info:
        send(session, "POST", "http://x/plans", "POST /plans", retry=policy)
    assert info.value.ambiguous and info.value.status is None
    assert slept == []


def test_a_dropped_get_is_retried():
    policy, slept = no_sleep_policy()
    session = FakeSession(requests.exceptions.ConnectionError("reset"), FakeResponse(200, {}))
    assert send(session, "GET", "http://x/plans", "GET /plans", retry=policy).status_code == 200
    assert len(slept) == 1


def test_tls_errors_are_never_retried():
    policy, slept = no_sleep_policy()
    session = FakeSession(requests.exceptions.SSLError("certificate verify failed"))
    with pytest.raises(KarboiiError, match="TLS error"):
        send(session, "GET", "https://x/plans", "GET /plans", retry=policy)
    assert slept == []


def test_client_errors_are_not_retried():
    policy, slept = no_sleep_policy()
    session = FakeSession(FakeResponse(400, {"message": "name too long", "code": 400}))
    with pytest.raises(KarboiiError) as info:
        send(session, "PUT", "http://x/plans/1", "PUT /plans/1", retry=policy)
    assert info.value.to_dict() == {"method": "PUT", "path": "PUT /plans/1", "status": 400, "server_message": "name too long"}
    assert slept == []


def test_total_time_bounds_the_retries():
    clock = iter([0, 0, 100]).__next__
    policy = RetryPolicy(retries=5, max_total=30, sleep=lambda s: None, clock=clock)
    session = FakeSession(FakeResponse(503, {"message": "busy"}, {"Retry-After": "1"}),
                          FakeResponse(503, {"message": "busy"}, {"Retry-After": "1"}))
    with pytest.raises(KarboiiError, match="HTTP 503"):
        send(session, "GET", "http://x/p", "GET /p", retry=policy)
    assert len(session.sent) == 2


def test_jittered_delay_stays_under_the_ceiling():
    policy = RetryPolicy(backoff=1, max_delay=5)
    for attempt in range(6):
        assert 0 <= policy.delay(attempt) <= min(5, 2 ** attempt)
    assert policy.delay(0, retry_after=60) == 5


@pytest.mark.parametrize("verify, ca, expected", [(True, None, True), (False, None, False), (True, "/ca.pem", "/ca.pem"),
                                                  (False, "/ca.pem", False)])
def test_build_session_tls(verify, ca, expected):
    session = build_session(verify, ca, "/c.pem", "/k.pem")
    assert session.verify == expected
    assert session.cert == ("/c.pem", "/k.pem")
    assert session.headers["User-Agent"].startswith("vkcloud.karboii/")


def test_the_user_agent_carries_the_collection_version_from_galaxy_yml():
    galaxy = pathlib.Path(karboii_http.__file__).resolve().parents[2] / "galaxy.yml"
    version = yaml.safe_load(galaxy.read_text())["version"]
    assert karboii_http.USER_AGENT == "vkcloud.karboii/%s" % version


@pytest.mark.parametrize("raised, expected", [
    (requests.exceptions.ConnectionError(
        "HTTPConnectionPool(host='127.0.0.1', port=1): Max retries exceeded with url: /v3/auth/tokens (Caused by "
        "NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f>: Failed to establish a new connection: "
        "[Errno 111] Connection refused'))"), "no answer from the server ([Errno 111] Connection refused)"),
    (requests.exceptions.ReadTimeout("HTTPConnectionPool(host='h', port=80): Read timed out. (read timeout=1)"),
     "no answer from the server (Read timed out.)"),
    (requests.exceptions.ConnectionError("('Connection aborted.', RemoteDisconnected("
                                         "'Remote end closed connection without response'))"),
     "no answer from the server (Remote end closed connection without response)"),
])
def test_connection_errors_read_cleanly(raised, expected):
    with pytest.raises(KarboiiError) as info:
        send(FakeSession(raised), "PUT", "http://x/p", "PUT /p", retry=RetryPolicy(retries=0))
    assert str(info.value) == "PUT /p failed: " + expected
