# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_http import KarboiiError
from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_sync import create_once, update_resources_verified

AMBIGUOUS = KarboiiError("POST /plans failed: no answer from the server", "POST", "/plans", ambiguous=True)
CLEAR = KarboiiError("POST /plans failed: HTTP 400: bad", "POST", "/plans", 400)


class Script:
    """Calls that answer from a list: a value is returned, an exception raised."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.calls = 0

    def __call__(self):
        self.calls += 1
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


@pytest.mark.parametrize("creates, finds, result, create_calls, warned", [
    ([{"id": "new"}], [], "new", 1, 0),
    ([AMBIGUOUS], [{"id": "made"}], "made", 1, 1),  # the answer was lost, the plan was made: never POST again
    ([AMBIGUOUS, {"id": "second"}], [None], "second", 2, 1),  # it was not made: send it again
    ([AMBIGUOUS, AMBIGUOUS, {"id": "third"}], [None, None], "third", 3, 2),
])
def test_create_once(creates, finds, result, create_calls, warned):
    create, find, warnings = Script(*creates), Script(*finds), []
    assert create_once(create, find, warnings.append)["id"] == result
    assert create.calls == create_calls and len(warnings) == warned


@pytest.mark.parametrize("creates, finds", [([CLEAR], []), ([AMBIGUOUS] * 3, [None, None])])
def test_create_once_gives_up_with_the_error(creates, finds):
    with pytest.raises(KarboiiError):
        create_once(Script(*creates), Script(*finds))


class SharedPlan:
    """A plan whose resource list another writer overwrites once, as a racing PUT would."""

    def __init__(self, stolen_rounds):
        self.resources = [{"id": "a", "type": "T", "name": "a"}]
        self.stolen_rounds = stolen_rounds
        self.puts = []

    def update_plan(self, plan_id, changes):
        self.puts.append(changes)
        if len(self.puts) <= self.stolen_rounds:
            self.resources = [{"id": "other", "type": "T", "name": "other"}]  # someone else's write wins
        else:
            self.resources = changes["resources"]
        return {"id": plan_id, "resources": self.resources}

    def get_plan(self, plan_id):
        return {"id": plan_id, "resources": self.resources}


@pytest.mark.parametrize("stolen_rounds, puts", [(0, 1), (1, 2), (3, 4)])
def test_adding_resources_merges_again_after_a_lost_update(stolen_rounds, puts):
    client = SharedPlan(stolen_rounds)
    wanted = [{"id": "b", "type": "T", "name": "b"}]
    plan = update_resources_verified(client, {"id": "p"}, {"resources": client.resources + wanted}, wanted, purge=False,
                                     sleep=lambda seconds: None)
    assert "b" in {r["id"] for r in plan["resources"]}
    assert len(client.puts) == puts


def test_adding_gives_up_after_too_many_lost_updates():
    client = SharedPlan(100)
    wanted = [{"id": "b", "type": "T", "name": "b"}]
    with pytest.raises(KarboiiError, match="could not be added"):
        update_resources_verified(client, {"id": "p"}, {"resources": wanted}, wanted, purge=False, sleep=lambda s: None)
