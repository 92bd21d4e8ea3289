# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_finders import find_backup


class Backups:
    """A client whose backups live under given providers; records which providers were asked."""

    def __init__(self, held):
        self.held = held
        self.asked = []

    def get_checkpoint(self, provider_id, checkpoint_id):
        self.asked.append(provider_id)
        return self.held.get((provider_id, checkpoint_id))


@pytest.mark.parametrize("held, providers, expected, asked", [
    ({("nova", "c1"): {"id": "c1"}}, ["nova", "trove"], ("nova", {"id": "c1"}), ["nova"]),
    ({("trove", "c1"): {"id": "c1"}}, ["nova", "trove"], ("trove", {"id": "c1"}), ["nova", "trove"]),
    ({}, ["nova", "trove"], (None, None), ["nova", "trove"]),
    ({("nova", "c1"): {"id": "c1"}}, [], (None, None), []),
])
def test_find_backup_asks_providers_in_turn(held, providers, expected, asked):
    client = Backups(held)
    assert find_backup(client, "c1", providers) == expected
    assert client.asked == asked
