"""Toponyms geocoded with the offline gazetteer, disambiguated by the article's own geography.

Each candidate is scored: log10(population) + a feature prior (a bare "Jordan" is the country)
+ a bonus when its country is one the article names + a bonus for an exact (not alternate) name
+ a bonus for an admin area when the text says "province" or "governorate". Confidence is the
logistic of the margin between the best and the second-best score.
"""

from __future__ import annotations

import math
from collections import Counter

from spacy.tokens import Doc

from .. import gazetteer
from ..gazetteer import FEATURE_BONUS, Candidate, fold
from ..schema import Entity, Place, Span

PLACE_TYPES = {"GPE", "LOC", "FAC"}
ADMIN_WORDS = {"province", "governorate", "region", "state", "district", "county", "oblast", "prefecture"}
CONTEXT_BONUS = 3.0
EXACT_BONUS = 1.0
ADMIN_CUE_BONUS = 8.0


def _score(cand: Candidate, query: str, context: Counter, admin_cue: bool) -> float:
    score = math.log10(cand.population + 1) + FEATURE_BONUS.get(cand.feature, 0.0)
    if cand.country_code and context[cand.country_code]:
        score += CONTEXT_BONUS
    if fold(cand.name) == fold(query):
        score += EXACT_BONUS
    if admin_cue and cand.feature == "admin1":
        score += ADMIN_CUE_BONUS
    return score


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


def _admin_cue(doc: Doc, mentions: list[Span]) -> bool:
    text = doc.text  # Doc.text is rebuilt on every access: once, not once per mention
    for m in mentions:
        after = text[m.end : m.end + 16].split()
        if after and after[0].lower().strip(".,") in ADMIN_WORDS:
            return True
    return False


def extract_places(doc: Doc, entities: list[Entity]) -> list[Place]:
    gaz = gazetteer.load()
    toponyms = _toponyms(doc, entities)
    lookups = {}
    for entity in toponyms:
        candidates = []
        for name in [entity.name, *entity.aliases]:
            candidates.extend(c for c in gaz.lookup(name) if c not in candidates)
        lookups[entity.id] = candidates

    # The article's geography: countries it names outright, weighted by mentions.
    context: Counter = Counter()
    for entity in toponyms:
        if any(c.feature == "country" for c in lookups[entity.id]):
            best = max(lookups[entity.id], key=lambda c: FEATURE_BONUS.get(c.feature, 0))
            context[best.country_code] += len(entity.mentions)
    for entity in entities:
        if entity.type == "NORP" and entity.country:
            country = gaz.country(_alpha2(entity.country) or "")
            if country:
                context[country.country_code] += len(entity.mentions)

    places = []
    for entity in toponyms:
        candidates = lookups[entity.id]
        if not candidates:
            continue
        cue = _admin_cue(doc, entity.mentions)
        scored = sorted(((_score(c, entity.name, context, cue), c) for c in candidates), key=lambda sc: -sc[0])
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
