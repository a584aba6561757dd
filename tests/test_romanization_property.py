"""Property: any romanization translitua makes of a gazetteer name resolves back to that place."""

from __future__ import annotations

import translitua
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontclaims.names import name_key, normalise_apostrophes
from frontclaims.resolve import resolve_name

UKRAINIAN_TABLES = st.sampled_from(translitua.ALL_UKRAINIAN)
RUSSIAN_TABLES = st.sampled_from(translitua.ALL_RUSSIAN)


def _with_names(gazetteer, attribute):
    return [p for p in gazetteer.places if getattr(p, attribute)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_romanized_ukrainian_name_resolves_back(gazetteer, data):
    place = data.draw(st.sampled_from(_with_names(gazetteer, "name_uk")))
    table = data.draw(UKRAINIAN_TABLES)
    spelling = translitua.translit(normalise_apostrophes(place.name_uk), table)
    _assert_resolves_to(gazetteer, spelling, place)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_romanized_russian_name_resolves_back(gazetteer, data):
    place = data.draw(st.sampled_from(_with_names(gazetteer, "name_ru")))
    table = data.draw(RUSSIAN_TABLES)
    spelling = translitua.translit(place.name_ru, table)
    _assert_resolves_to(gazetteer, spelling, place)


def _assert_resolves_to(gazetteer, spelling, place):
    result = resolve_name(gazetteer, spelling)
    candidates = {c.place.id for c, _ in result.candidates}
    assert place.id in candidates, f"{spelling!r} does not reach {place.name} ({place.id})"
    sharing = gazetteer.lookup_key(name_key(spelling))
    if len(sharing) == 1:  # a spelling only one place has must resolve to it
        assert result.place.id == place.id
