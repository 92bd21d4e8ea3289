# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_client import KarboiiClient
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_http import KarboiiError
from ansible_collections.vkcloud.karboii.tests.unit.plugins.fakes import FakeResponse, FakeSession


class FakeKeystone:
    def __init__(self, renewable=True, endpoint="https://k/infra/karboii/v1/"):
        self.tokens = iter(["tok-1", "tok-2", "tok-3"])
        self.token = next(self.tokens)
        self.project_id = "proj"
        self.can_reauthenticate = renewable
        self._endpoint = endpoint
        self.logins = 0

    def endpoint(self):
        return self._endpoint

    def authenticate(self):
        self.logins += 1
        self.token = next(self.tokens)


class Rig:
    """A client wired to a scripted session and a fake Keystone."""

    def __init__(self, *answers, **kwargs):
        self.http = FakeSession(*answers)
        self.keystone = kwargs.pop("keystone", None) or FakeKeystone()
        self.client = KarboiiClient(self.keystone, self.http, **kwargs)


def plans(*ids):
    return FakeResponse(200, {"plans": [{"id": i, "name": "n" + i} for i in ids]})


def test_paths_carry_the_project_id_once():
    rig = Rig(FakeResponse(200, {"providers": []}))
    client, http = rig.client, rig.http
    client.list_providers()
    assert http.sent[0]["url"] == "https://k/infra/karboii/v1/proj/providers"
    assert http.sent[0]["headers"]["X-Auth-Token"] == "tok-1"


def test_an_override_that_already_ends_in_the_project_is_not_doubled():
    rig = Rig(FakeResponse(200, {"providers": []}), keystone=FakeKeystone(endpoint="http://e/v1/proj/"))
    client, http = rig.client, rig.http
    client.list_providers()
    assert http.sent[0]["url"] == "http://e/v1/proj/providers"


@pytest.mark.parametrize("pages, expected_requests", [
    ([[]], 1),
    ([["1", "2"]], 1),
    ([["1", "2", "3"], []], 2),
    ([["1", "2", "3"], ["4", "5", "6"], ["7"]], 3),
])
def test_paging_walks_until_a_short_page(pages, expected_requests):
    rig = Rig(*[plans(*page) for page in pages], page_size=3)
    client, http = rig.client, rig.http
    listed = client.list_plans()
    assert [p["id"] for p in listed] == [i for page in pages for i in page]
    assert len(http.sent) == expected_requests
    assert [s["params"]["offset"] for s in http.sent] == [3 * n for n in range(expected_requests)]
    assert all(s["params"]["limit"] == 3 for s in http.sent)


def test_paging_stops_when_the_server_ignores_limit():
    rig = Rig(plans("1", "2", "3", "4", "5"), page_size=3)
    client, http = rig.client, rig.http
    assert len(client.list_plans()) == 5 and len(http.sent) == 1


def test_paging_drops_an_id_seen_twice():
    client = Rig(plans("1", "2", "3"), plans("3", "4"), page_size=3).client
    assert [p["id"] for p in client.list_plans()] == ["1", "2", "3", "4"]


def test_a_401_logs_in_again_once_and_repeats():
    rig = Rig(FakeResponse(401, {"message": "expired"}), plans("1"))
    client, http, keystone = rig.client, rig.http, rig.keystone
    assert len(client.list_plans()) == 1
    assert keystone.logins == 1
    assert [s["headers"]["X-Auth-Token"] for s in http.sent] == ["tok-1", "tok-2"]


def test_a_second_401_fails():
    rig = Rig(FakeResponse(401, {"message": "no"}), FakeResponse(401, {"message": "no"}))
    client, keystone = rig.client, rig.keystone
    with pytest.raises(KarboiiError, match="HTTP 401"):
        client.list_plans()
    assert keystone.logins == 1


def test_a_bare_token_that_expired_says_so():
    client = Rig(FakeResponse(401, {"message": "no"}), keystone=FakeKeystone(renewable=False)).client
    with pytest.raises(KarboiiError, match="the token was refused"):
        client.list_providers()


@pytest.mark.parametrize("call", [
    lambda c: c.create_plan({"name": "x"}),
    lambda c: c.update_plan("p", {"name": "x"}),
    lambda c: c.delete_plan("p"),
    lambda c: c.create_trigger("t", "p", "3 3 * * 2", 20),
    lambda c: c.update_trigger("t", {"max_backups": 2}),
])
def test_read_only_refuses_every_change_without_sending(call):
    rig = Rig(read_only=True)
    client, http = rig.client, rig.http
    with pytest.raises(KarboiiError, match="check mode"):
        call(client)
    assert http.sent == []


def test_delete_of_a_missing_plan_is_not_an_error():
    client = Rig(FakeResponse(404, {"message": "not found", "code": 404})).client
    assert client.delete_plan("gone") is False


def test_delete_accepts_204_and_200():
    rig = Rig(FakeResponse(204), FakeResponse(200, {}))
    client, http = rig.client, rig.http
    assert client.delete_plan("a") is True and client.delete_plan("b") is True
    assert [s["method"] for s in http.sent] == ["DELETE", "DELETE"]


def test_get_plan_returns_none_on_404():
    client = Rig(FakeResponse(404, {"message": "no"})).client
    assert client.get_plan("x") is None


def test_create_trigger_body_matches_the_documented_request():
    answer = FakeResponse(200, {"trigger_info": {"id": "t"}})
    rig = Rig(answer)
    client, http = rig.client, rig.http
    client.create_trigger("example-plan", "p1", "3 3 * * 2", 20)
    assert http.sent[0]["json"] == {"trigger_info": {"name": "example-plan", "plan_id": "p1", "properties": {
        "pattern": "3 3 * * 2", "max_backups": 20, "next_time": 0}}}


def test_update_trigger_body_is_flat():
    rig = Rig(FakeResponse(200, {"trigger_info": {"id": "t"}}))
    client, http = rig.client, rig.http
    client.update_trigger("t", {"pattern": "0 1 * * *"})
    assert http.sent[0]["json"] == {"trigger_info": {"pattern": "0 1 * * *"}}
    assert http.sent[0]["method"] == "PUT" and http.sent[0]["url"].endswith("/proj/triggers/t")


def test_a_non_json_success_is_reported():
    client = Rig(FakeResponse(200, text="<html>proxy</html>")).client
    with pytest.raises(KarboiiError, match="not JSON"):
        client.list_providers()
