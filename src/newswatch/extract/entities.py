"""Canonical entities: spaCy's mentions, corrected, merged across aliases and spellings, with titles.

Steps: collect mentions (fixing possessives, leading "the", titles mis-tagged as ORG, towns tagged
ORG); cluster them (alias lexicon, then person names by surname and near-identical first names,
then exact text); add mentions the model missed (exact aliases and surnames); attach titles,
affiliations and countries from the words around person mentions.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

import pycountry
from spacy.tokens import Doc, Span as SpacySpan, Token

from .. import gazetteer, lexicons
from ..schema import Entity, Span

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass
class _Mention:
    start: int  # char offsets in doc.text
    end: int
    text: str
    label: str
    token_start: int
    token_end: int


@dataclass
class _Cluster:
    mentions: list[_Mention] = field(default_factory=list)
    canonical: str | None = None  # from the alias lexicon
    type: str | None = None
    country: str | None = None


@functools.lru_cache(maxsize=1)
def _alias_index() -> dict[str, dict]:
    index = {}
    for entry in lexicons.load("entity_aliases"):
        for name in [entry["name"], *entry.get("aliases", [])]:
            index[gazetteer.fold(name)] = entry
    return index


@functools.lru_cache(maxsize=1)
def _titles() -> dict:
    lex = lexicons.load("titles")
    return {
        "words": {w.lower() for w in lex["title_words"]},
        "party": set(lex["party_words"]),
        "glue": set(lex["title_glue"]),
        "honorifics": set(lex["honorifics"]),
    }


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Nationality words -> ISO-3: our lexicon first, then countryinfo's demonym of each country
    (singular and plural), leaving out words that more than one country uses."""
    from countryinfo import CountryInfo
    from countryinfo.exceptions import CountryNotFoundError

    found: dict[str, set[str]] = {}
    for country in pycountry.countries:
        try:
            word = CountryInfo(country.alpha_3).demonym()
        except (CountryNotFoundError, ValueError, KeyError, TypeError):
            continue
        if word:
            for form in (word, word if word.endswith(("s", "sh", "ch", "ese")) else word + "s"):
                found.setdefault(form, set()).add(country.alpha_3)
    table = {word: codes.pop() for word, codes in found.items() if len(codes) == 1}
    table.update(lexicons.load("demonyms"))
    return table


def demonym_country(word: str) -> str | None:
    """ISO-3 code of a nationality word ("Gambian" GMB), if known."""
    return _demonyms().get(word)


# Codes pycountry lacks: Kosovo's user-assigned code, as the demonym lexicon writes it.
EXTRA_ISO3 = {"XK": "XKX"}


def iso3(alpha2: str | None) -> str | None:
    """ISO-3 code of an ISO-2 country code (geonames' XK for Kosovo is XKX)."""
    if not alpha2:
        return None
    if alpha2 in EXTRA_ISO3:
        return EXTRA_ISO3[alpha2]
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def _clean(doc: Doc, ent: SpacySpan) -> _Mention | None:
    """Trim a leading 'the' and a trailing possessive from an entity mention."""
    start_tok, end_tok = ent.start, ent.end
    if doc[start_tok].lower_ == "the" and end_tok - start_tok > 1:
        start_tok += 1
    while end_tok > start_tok and doc[end_tok - 1].text in ("'s", "’s", "'", "’"):
        end_tok -= 1
    if end_tok <= start_tok:
        return None
    span = doc[start_tok:end_tok]
    text, end_char = span.text, span.end_char
    if m := _POSSESSIVE.search(text):  # "Obama’s" kept as one token by the tokenizer
        text, end_char = text[: m.start()], end_char - len(m.group(0))
    if not text.strip():
        return None
    return _Mention(span.start_char, end_char, text, ent.label_, start_tok, end_tok)


def _title_run_before(doc: Doc, token_index: int) -> tuple[int, int] | None:
    """Token range of a title just before token_index ("Deputy Defense Secretary"), if any."""
    titles = _titles()
    i = token_index - 1
    start = token_index
    has_title_word = False
    while i >= 0:
        tok = doc[i]
        word = tok.text.lower()
        if tok.ent_type_ == "PERSON":
            break  # another person's name: "Secretary George Shultz and Foreign Minister Eduard Shevardnadze"
        if word in titles["words"] or word.rstrip(".") in titles["words"]:
            has_title_word = True
        elif tok.text in titles["glue"] and i > 0 and doc[i - 1].text[:1].isupper():
            pass
        elif not (tok.text[:1].isupper() and tok.is_alpha or tok.text in ("-",) or tok.ent_type_ in ("ORG", "GPE", "NORP")):
            break
        if tok.is_sent_start:
            start = i
            break
        start = i
        i -= 1
    if not has_title_word or start == token_index:
        return None
    return start, token_index


def _collect_mentions(doc: Doc) -> list[_Mention]:
    aliases = _alias_index()
    gaz = gazetteer.load()
    titles = _titles()
    mentions: list[_Mention] = []
    # Token ranges of titles before PERSON mentions: ORG/GPE words inside them belong to the title
    # ("Deputy Defense Secretary") unless they are organisations in their own right ("Pentagon spokesman").
    title_ranges = []
    for ent in doc.ents:
        if ent.label_ == "PERSON" and (run := _title_run_before(doc, ent.start)):
            title_ranges.append(run)
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        mention = _clean(doc, ent)
        if mention is None:
            continue
        folded = gazetteer.fold(mention.text)
        inside_title = any(s <= ent.start and ent.end <= e for s, e in title_ranges)
        if inside_title and ent.label_ == "ORG" and folded not in aliases and all(
            t.lower_ in titles["words"] for t in ent
        ):
            continue  # "Defense" in "Deputy Defense Secretary"
        if ent.label_ == "ORG" and folded not in aliases and len(ent) <= 2:
            # Towns the small model calls ORG ("Hamah", "Idlib"): trust the gazetteer for big places.
            if _sizeable(gaz, mention.text, population=100_000):
                mention.label = "GPE"
        mentions.append(mention)
    _relabel_towns_called_people(doc, mentions, gaz)
    _relabel_nationality_words(doc, mentions, gaz)
    mentions += _unlabelled_settlements(doc, mentions, gaz)
    mentions += _unlabelled_organisations(doc, mentions)
    mentions.sort(key=lambda m: m.start)
    return mentions


@functools.lru_cache(maxsize=1)
def _name_spellings() -> dict[str, str]:
    return lexicons.load("actor_codes").get("name_spellings", {})


def organisation_key(name: str) -> str:
    """An organisation's name with plain apostrophes and American spellings, for look-ups:
    "Organisation of American States" and "Lord’s Resistance Army" find their entries."""
    name = name.replace("\u2019", "'")
    for british, american in _name_spellings().items():
        name = name.replace(british, american)
    return name


def _spelled_forms(name: str) -> set[str]:
    """A name as written in the lexicon, with curly apostrophes, and in the other spelling."""
    forms = {name, organisation_key(name)}
    for british, american in _name_spellings().items():
        forms |= {f.replace(american, british) for f in forms}
    return forms | {f.replace("'", "\u2019") for f in forms}


@functools.lru_cache(maxsize=1)
def _organisation_pattern() -> re.Pattern:
    """The actor lexicon's organisations whose name cannot be an ordinary word: names of two words
    or more, and acronyms of three capitals or more ("ECOWAS", "Lord's Resistance Army")."""
    names = [
        name for name in lexicons.load("actor_codes")["organizations"]
        if len(name.split()) > 1 or (len(name) >= 3 and name.isupper() and name.isalpha())
    ]
    forms = {form for name in names for form in _spelled_forms(name)}
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")\b")


def _unlabelled_organisations(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Organisations the actor lexicon names that the small model tagged as no entity, or as a
    piece of one ("ECOWAS imposed sanctions", "fighters of the Islamic State" with "Islamic" a
    nationality). Pieces are removed from `mentions`; a mention reaching outside the name wins."""
    found = []
    for match in _organisation_pattern().finditer(doc.text):
        span = doc.char_span(match.start(), match.end())
        if span is None:
            continue
        overlapping = [m for m in mentions + found if m.token_start < span.end and span.start < m.token_end]
        if any(m.token_start < span.start or m.token_end > span.end or (m.token_start, m.token_end) == (span.start, span.end) for m in overlapping):
            continue
        for piece in overlapping:
            mentions.remove(piece)
        found.append(_Mention(span.start_char, span.end_char, span.text, "ORG", span.start, span.end))
    return found


def _relabel_nationality_words(doc: Doc, mentions: list[_Mention], gaz) -> None:
    """Nationality words the small model tags as places, people or organisations, which then name
    no country: "The Sri Lankan army" (Sri Lankan a GPE), "Sri Lankan police" (a PERSON), "Radical
    French farmers" (Radical French an ORG). A demonym that is no country's or region's name is a
    nationality (NORP); an adjective joined to one that modifies a noun outside the mention is
    left out."""
    demonyms = _demonyms()
    for m in mentions:
        if m.label in ("GPE", "LOC", "PERSON", "ORG") and m.text in demonyms and not any(c.feature in ("country", "admin1") for c in gaz.lookup(m.text)):
            m.label = "NORP"  # also "Sri Lankan police", the first two words a PERSON
            continue
        last = doc[m.token_end - 1]
        if m.label in ("ORG", "GPE", "LOC") and m.token_end - m.token_start > 1 and last.text in demonyms and last.dep_ == "amod" and last.head.i >= m.token_end:
            m.start, m.text, m.token_start, m.label = last.idx, last.text, last.i, "NORP"


def _sizeable(gaz, name: str, population: int = 10_000) -> bool:
    return any(c.feature in ("country", "admin1") or c.population >= population for c in gaz.lookup(name))


@functools.lru_cache(maxsize=1)
def _settlement_nouns() -> frozenset[str]:
    return frozenset(lexicons.load("geo_aliases")["settlement_nouns"])


def settlement_named(tok: Token) -> Token | None:
    """The settlement noun a name is given for when `tok` is the object of "of" after one ("the
    city of Aleppo": city; geo_aliases lexicon, settlement_nouns), else None."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in _settlement_nouns():
        return tok.head.head
    return None


def _in_place_slot(doc: Doc, token_start: int, token_end: int) -> bool:
    """Whether a name stands where places stand: after a locative preposition ("clashes in Mali")
    or after "of" in "the city of", "the province of" (geo_aliases lexicon)."""
    root = doc[token_start:token_end].root
    if root.dep_ != "pobj":
        return False
    return root.head.lower_ in lexicons.load("geo_aliases")["locative_prepositions"] or settlement_named(root) is not None


def _unlabelled_settlements(doc: Doc, mentions: list[_Mention], gaz) -> list[_Mention]:
    """Names the small model tagged as no entity in "the city of Aleppo", "the towns of
    Budennovsk and Kizlyar": a place when the gazetteer knows a sizeable one by that name."""
    taken = {i for m in mentions for i in range(m.token_start, m.token_end)}
    found = []
    for root in doc:
        if root.pos_ != "PROPN" or (settlement_named(root) is None and not (root.dep_ == "conj" and settlement_named(root.head) is not None)):
            continue
        parts = [c for c in root.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [root]
        start, end = parts[0].i, root.i + 1
        if any(i in taken for i in range(start, end)) or end - start != len(parts):
            continue
        span = doc[start:end]
        if _sizeable(gaz, span.text):
            found.append(_Mention(span.start_char, span.end_char, span.text, "GPE", start, end))
            taken.update(range(start, end))
    return found


def _relabel_towns_called_people(doc: Doc, mentions: list[_Mention], gaz) -> None:
    """The small model often calls a lone town name a PERSON ("Gainesville", "an Alexandria man").
    A one-word PERSON becomes a place when the same word is a place elsewhere in the article, or
    when it names a sizeable place and a resident noun follows ("man", "police", "officials").
    A one-word PERSON, NORP or unlisted ORG that names a sizeable place becomes one in a place slot
    ("near Kidal", "in northern Mali", "the town of Kidal")."""
    places = {gazetteer.fold(m.text) for m in mentions if m.label in ("GPE", "LOC")}
    followers = set(lexicons.load("geo_aliases").get("resident_nouns", []))
    for m in mentions:
        if m.label != "PERSON" or " " in m.text:
            continue
        folded = gazetteer.fold(m.text)
        if folded in places:
            m.label = "GPE"
            continue
        after = doc[m.token_end] if m.token_end < len(doc) else None
        if after is not None and after.lower_ in followers and _sizeable(gaz, m.text):
            m.label = "GPE"
    aliases = _alias_index()
    for m in mentions:
        # "killed five soldiers near the town of Kidal in northern Mali" (Kidal tagged NORP, Mali
        # PERSON): a one-word name in a place slot that names a sizeable place is that place.
        if m.label in ("PERSON", "NORP", "ORG") and m.token_end - m.token_start == 1 and gazetteer.fold(m.text) not in aliases:
            if _in_place_slot(doc, m.token_start, m.token_end) and _sizeable(gaz, m.text):
                m.label = "GPE"


def _first_names_match(a: str, b: str) -> bool:
    """'Vladimir' ~ 'Valdimir' (a transposition), 'V.' ~ 'Vladimir', equal names."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    if abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    return _edit_distance(a, b) <= (2 if min(len(a), len(b)) >= 5 else 1)


def _edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (adjacent transpositions count once)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


_SURNAME_PARTICLE = re.compile(r"^(?:al|el| al|bin|ibn)[-\s]", re.IGNORECASE)


def _surname(token: str) -> str:
    """'al-Assad' and 'Assad' are one surname."""
    return _SURNAME_PARTICLE.sub("", token).lower()


def _cluster(mentions: list[_Mention]) -> list[_Cluster]:
    aliases = _alias_index()
    demonyms = _demonyms()
    clusters: list[_Cluster] = []
    by_key: dict[str, _Cluster] = {}
    persons: list[tuple[list[str], _Cluster]] = []  # name tokens of full-name clusters

    def person_cluster(tokens: list[str]) -> _Cluster | None:
        if len(tokens) >= 2:
            for other, cluster in persons:
                if len(other) >= 2 and _surname(other[-1]) == _surname(tokens[-1]) and _first_names_match(other[0], tokens[0]):
                    return cluster
            return None
        # A lone surname (or a lone given name) joins the latest full name it completes.
        for other, cluster in reversed(persons):
            if _surname(other[-1]) == _surname(tokens[0]) or (len(other) >= 2 and other[0] == tokens[0]):
                return cluster
        return None

    for m in sorted(mentions, key=lambda m: m.start):
        folded = gazetteer.fold(m.text)
        entry = aliases.get(folded)
        if entry is None and m.label == "NORP" and m.text in demonyms:
            key = f"NORP:{demonyms[m.text]}"  # "Russian" and "Russians" are one group
        elif entry is not None:
            key = f"ALIAS:{gazetteer.fold(entry['name'])}"
        elif m.label == "PERSON":
            tokens = m.text.split()
            cluster = person_cluster(tokens)
            if cluster is None and len(tokens) >= 2:
                # "Assad" may come before "Bashar al-Assad": the full name joins the earlier surname.
                cluster = next((c for t, c in persons if len(t) == 1 and _surname(t[0]) == _surname(tokens[-1])), None)
            if cluster is None:
                cluster = _Cluster()
                clusters.append(cluster)
                persons.append((tokens, cluster))
            elif len(tokens) >= 2:
                persons.append((tokens, cluster))
            cluster.mentions.append(m)
            continue
        else:
            key = f"{'GPE' if m.label in ('GPE', 'LOC') else m.label}:{folded}"
        cluster = by_key.get(key)
        if cluster is None:
            cluster = _Cluster()
            if entry is not None:
                cluster.canonical, cluster.type, cluster.country = entry["name"], entry["type"], entry.get("country")
            by_key[key] = cluster
            clusters.append(cluster)
        cluster.mentions.append(m)
    return clusters


def _add_missed_mentions(doc: Doc, clusters: list[_Cluster]) -> None:
    """The model tags repeated names inconsistently ("Work"): add exact repeats it missed."""
    taken = [(m.start, m.end) for c in clusters for m in c.mentions]
    title_words = _titles()["words"]
    surface: dict[str, _Cluster] = {}
    for c in clusters:
        for m in c.mentions:
            if m.label not in ("PERSON", "ORG", "GPE") or len(m.text) < 3:
                continue
            if all(w.lower() in title_words for w in m.text.split()):
                continue  # "Defense" is mostly part of a title
            surface.setdefault(m.text, c)
            if m.label == "PERSON" and len(m.text.split()) >= 2:
                surface.setdefault(m.text.split()[-1], c)
    if not surface:
        return
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in sorted(surface, key=len, reverse=True)) + r")\b")
    token_at = {t.idx: t for t in doc}
    for match in pattern.finditer(doc.text):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        tok = token_at.get(start)
        if tok is None or (tok.is_sent_start and tok.pos_ != "PROPN") or tok.pos_ not in ("PROPN", "NOUN", "ADJ"):
            continue  # "Work on the base began" is not Robert Work
        last = doc.char_span(start, end, alignment_mode="expand")
        if last is None:
            continue
        cluster = surface[match.group(0)]
        label = cluster.mentions[0].label
        cluster.mentions.append(_Mention(start, end, match.group(0), label, last.start, last.end))
        taken.append((start, end))


def _describe_person(doc: Doc, m: _Mention, entity: Entity) -> None:
    """Titles before the name and in apposition after it; country and affiliation from them."""
    titles = _titles()
    demonyms = _demonyms()
    aliases = _alias_index()
    gaz = gazetteer.load()
    run = _title_run_before(doc, m.token_start)
    phrases = []
    if run:
        toks = list(doc[run[0] : run[1]])
        while toks and toks[0].text in titles["glue"]:
            toks.pop(0)  # "... and Soviet Foreign Minister"
        # Leading place, nationality and party words describe the person, not the title.
        while toks and (toks[0].ent_type_ in ("GPE", "NORP", "LOC") or toks[0].text in titles["party"] or toks[0].text in demonyms) and toks[0].lower_ not in titles["words"]:
            tok = toks.pop(0)
            if tok.text in demonyms and entity.country is None:
                entity.country = demonyms[tok.text]
            elif tok.ent_type_ in ("GPE", "LOC") and entity.country is None:
                ent_text = next((e.text for e in doc.ents if e.start <= tok.i < e.end), tok.text)
                alias = aliases.get(gazetteer.fold(ent_text))
                cands = gaz.lookup(ent_text)
                entity.country = (alias or {}).get("country") or (iso3(cands[0].country_code) if cands else None)
        while toks and toks[-1].text in titles["glue"]:
            toks.pop()
        if toks:
            phrases.append(doc[toks[0].i : toks[-1].i + 1])
    # Apposition: "Gen. Phillip Breedlove, NATO’s Supreme Allied Commander, said"
    after = m.token_end
    if after < len(doc) and doc[after].text == ",":
        j = after + 1
        while j < len(doc) and j - after <= 8 and doc[j].text not in (",", ".", "“", "”", '"') and not doc[j].is_sent_start:
            j += 1
        app = doc[after + 1 : j]
        if len(app) and j < len(doc) and doc[j].text in (",", ".") and any(t.lower_ in titles["words"] for t in app) and not any(t.pos_ == "VERB" for t in app):
            phrases.append(app)
    for phrase in phrases:
        text = phrase.text
        if text not in entity.titles:
            entity.titles.append(text)
        for ent in doc.ents:
            if phrase.start <= ent.start and ent.end <= phrase.end and ent.label_ == "ORG" and entity.affiliation is None:
                alias = aliases.get(gazetteer.fold(_POSSESSIVE.sub("", ent.text)))
                if alias or not all(t.lower_ in titles["words"] for t in ent):
                    entity.affiliation = alias["name"] if alias else _POSSESSIVE.sub("", ent.text)
                    if entity.country is None and alias:
                        entity.country = alias.get("country")


def _canonical_name(cluster: _Cluster) -> str:
    if cluster.canonical:
        return cluster.canonical
    forms = Counter(m.text for m in cluster.mentions)
    if cluster.mentions[0].label == "PERSON":
        full = [f for f in forms if len(f.split()) >= 2]
        if full:
            # The spelling most used for each part wins ("Vladimir" twice beats "Valdimir" once).
            first_names = Counter()
            for f in full:
                first_names[f.split()[0]] += forms[f]
            best_first = first_names.most_common(1)[0][0]
            with_first = [f for f in full if f.split()[0] == best_first]
            return max(with_first, key=lambda f: (forms[f], len(f)))
    return max(forms, key=lambda f: (forms[f], len(f)))


def extract_entities(doc: Doc) -> list[Entity]:
    mentions = _collect_mentions(doc)
    clusters = _cluster(mentions)
    _add_missed_mentions(doc, clusters)
    demonyms = _demonyms()
    gaz = gazetteer.load()
    entities = []
    for cluster in sorted(clusters, key=lambda c: min(m.start for m in c.mentions)):
        cluster.mentions.sort(key=lambda m: m.start)
        labels = Counter(m.label for m in cluster.mentions)
        etype = cluster.type or labels.most_common(1)[0][0]
        if etype == "LOC" and "GPE" in labels:
            etype = "GPE"
        name = _canonical_name(cluster)
        entity = Entity(
            id=f"E{len(entities) + 1}",
            name=name,
            type=etype,
            aliases=sorted({m.text for m in cluster.mentions} - {name}),
            mentions=[Span(start=m.start, end=m.end, text=m.text) for m in cluster.mentions],
            country=cluster.country,
        )
        if entity.country is None:
            if etype == "NORP":
                entity.country = demonyms.get(name)
            elif etype == "GPE":
                cands = [c for c in gaz.lookup(name) if c.feature == "country"]
                entity.country = iso3(cands[0].country_code) if cands else None
        if etype == "PERSON":
            for m in cluster.mentions:
                _describe_person(doc, m, entity)
        entities.append(entity)
    return entities


_NAME_RE = re.compile(r"(?=\b([A-Z][a-z]+)\s+([A-Z][\w-]+))")  # lookahead: overlapping pairs


def link_mentions_in(text: str, spans: list[Span], entities: list[Entity]) -> None:
    """Add mentions of known people found in removed lines (captions, highlights) of `text`.

    Those lines are not parsed, so only full names are linked: the surname must match a known
    person's and the given name must be the same or a near spelling ("Valdimir Putin"). A person
    known only by surname in the story takes the full name found there.
    Offsets are into `text` (the original article text).
    """
    people = [e for e in entities if e.type == "PERSON"]
    for span in spans:
        for match in _NAME_RE.finditer(span.text):
            first, last = match.groups()
            last = _POSSESSIVE.sub("", last)
            for person in people:
                parts = person.name.split()
                if parts[-1] == last and (len(parts) == 1 or _first_names_match(parts[0], first)):
                    start = span.start + match.start(1)
                    end = start + (match.start(2) - match.start(1)) + len(last)
                    if not any(m.start == start for m in person.mentions):
                        person.mentions.append(Span(start=start, end=end, text=text[start:end]))
                        person.mentions.sort(key=lambda m: m.start)
                        found = text[start:end]
                        if len(parts) == 1:  # the caption gives the full name of "Obama"
                            person.aliases = sorted({*person.aliases, person.name} - {found})
                            person.name = found
                        elif found != person.name:
                            person.aliases = sorted({*person.aliases, found})
                    break
