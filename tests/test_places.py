"""Places: geocoded with the offline gazetteer, disambiguated by the article's geography."""

from __future__ import annotations

import pytest

from newswatch import nlp
from newswatch.extract.places import extract_places
from newswatch.gazetteer import distance_km, fold, load


def place(brief, name):
    found = [p for p in brief.places if p.name == name or any(m.text == name for m in p.mentions)]
    assert found, f"no place {name!r} in {[p.name for p in brief.places]}"
    return found[0]


def test_latakia_is_the_syrian_port(example_brief):
    latakia = place(example_brief, "Latakia")
    assert latakia.country_code == "SY"
    assert distance_km(latakia.latitude, latakia.longitude, 35.53, 35.79) < 30


@pytest.mark.parametrize("name", ["Hamah", "Idlib"])
def test_syrian_towns_resolve_in_syria(example_brief, name):
    assert place(example_brief, name).country_code == "SY"


def test_jordan_is_the_country(example_brief):
    jordan = place(example_brief, "Jordan")
    assert (jordan.feature, jordan.country_code) == ("country", "JO")


def test_countries_are_countries(example_brief):
    for name, code in [("Syria", "SY"), ("Russia", "RU"), ("Turkey", "TR"), ("Ukraine", "UA")]:
        p = place(example_brief, name)
        assert (p.feature, p.country_code) == ("country", code)


def test_every_place_has_coordinates_and_a_confidence(example_brief):
    for p in example_brief.places:
        assert -90 <= p.latitude <= 90 and -180 <= p.longitude <= 180
        assert 0 <= p.confidence <= 1


def test_folding_ignores_accents_case_and_dots():
    assert fold("Ḩamāh") == "hamah"
    assert fold("U.S.") == "us"


def test_gazetteer_knows_alternate_names():
    assert any(c.country_code == "SY" for c in load().lookup("Hamah"))


@pytest.fixture(scope="module")
def places_of():
    model = nlp.load()
    return lambda text: extract_places(model(text), [])


def test_context_country_picks_the_local_town(places_of):
    # Without context the most populous Paris wins; a Texas story pulls toward the US.
    assert places_of("Paris was quiet on Sunday.")[0].country_code == "FR"
    texan = places_of("Storms hit the United States. In Texas, Paris was flooded.")
    paris = [p for p in texan if p.mentions[0].text == "Paris"][0]
    assert paris.country_code == "US"


def test_text_without_places_has_none(places_of):
    assert places_of("The committee met and agreed on a budget.") == []
