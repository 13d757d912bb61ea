"""A country typed as a name, ISO2 or ISO3 code, in any case, is one ISO2 code."""

from __future__ import annotations

import pytest

from eventdesk.resolve.countries import country_code


@pytest.mark.parametrize("typed", ["Somalia", "somalia", "SO", "so", "SOM", "som", " Somalia "])
def test_name_iso2_and_iso3_are_one_country(typed):
    assert country_code(typed) == "SO"


def test_common_names_count_too():
    assert country_code("DR Congo") == "CD"
    assert country_code("UK") == "GB"


@pytest.mark.parametrize("typed", ["Somaliland Republic", "XX", "", None])
def test_a_name_of_no_country_is_none(typed):
    assert country_code(typed) is None
