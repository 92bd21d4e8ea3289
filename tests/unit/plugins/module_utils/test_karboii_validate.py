# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.vkcloud.karboii.plugins.module_utils.karboii_validate import (
    NOVA_ID, TROVE_ID, InvalidOption, check_cron, check_length, check_provider, check_range,
)


@pytest.mark.parametrize("value, expected_id", [
    ("OS::Nova", NOVA_ID), ("os::nova", NOVA_ID), ("vm", NOVA_ID), ("cloud_servers", NOVA_ID), (NOVA_ID, NOVA_ID),
    ("OS::Trove", TROVE_ID), ("dbaas", TROVE_ID), ("database", TROVE_ID), (TROVE_ID, TROVE_ID),
    ("0b7b5c1e-1111-4222-8333-944455556666", "0b7b5c1e-1111-4222-8333-944455556666"),
])
def test_providers_resolve_without_a_request(value, expected_id):
    assert check_provider(value)["id"] == expected_id


@pytest.mark.parametrize("value", ["OS::Glance", "nonexistent", "", "37997f75"])
def test_unknown_provider_names_the_option_and_the_choices(value):
    with pytest.raises(InvalidOption) as info:
        check_provider(value)
    assert info.value.option == "provider"
    assert "OS::Nova" in str(info.value) and "OS::Trove" in str(info.value)


@pytest.mark.parametrize("pattern", [
    "3 3 * * 2", "0 */3 * * *", "30 22 * * 0,6", "0 0 1 1 *", "5-10 1-3/2 * * 7", "  3  3 * *  2 ",
])
def test_valid_cron(pattern):
    assert check_cron(pattern) == " ".join(pattern.split())


@pytest.mark.parametrize("pattern, fragment", [
    ("3 3 * *", "needs 5 fields"),
    ("3 3 * * 2 2025", "needs 5 fields"),
    ("60 3 * * 2", "minute field '60'"),
    ("3 24 * * *", "hour field '24'"),
    ("3 3 0 * *", "day of month field '0'"),
    ("3 3 * 13 *", "month field '13'"),
    ("3 3 * * 8", "day of week field '8'"),
    ("3 3 * * MON", "day of week field 'MON'"),
    ("*/0 * * * *", "minute field '*/0'"),
    ("5-1 * * * *", "minute field '5-1'"),
    ("a b c d e", "minute field 'a'"),
])
def test_invalid_cron_says_which_field(pattern, fragment):
    with pytest.raises(InvalidOption) as info:
        check_cron(pattern)
    assert info.value.option == "pattern" and fragment in str(info.value)


@pytest.mark.parametrize("value, ok", [("a", True), ("x" * 100, True), ("", False), ("x" * 101, False), (None, False)])
def test_name_length(value, ok):
    if ok:
        assert check_length(value, "name", 1, 100) == value
    else:
        with pytest.raises(InvalidOption, match=r"^name: must be 1 to 100 characters"):
            check_length(value, "name", 1, 100)


@pytest.mark.parametrize("value, ok", [(1, True), (200, True), (0, False), (201, False), (True, False), ("5", False)])
def test_max_backups_range(value, ok):
    if ok:
        assert check_range(value, "max_backups", 1, 200) == value
    else:
        with pytest.raises(InvalidOption, match=r"^max_backups: must be an integer from 1 to 200"):
            check_range(value, "max_backups", 1, 200)
