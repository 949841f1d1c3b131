"""PLOVER event coding over spaCy dependency parses.

For each sentence: find triggers (verbs and nouns from the event lexicon, with their object and
particle constraints), fill actor and target from the parse (subject, object, "against/with/on"
objects, conjoined subjects of "meet"), code them (extract.actors), attach place, date,
modality, quantities, attribution and evidence. Two constructions are coded outside the verb
lexicon: deployments stated with "be" ("600 troops are in place") and accusations carried by a
speech verb ("Work confirmed that Russia has violated a treaty").
"""

from __future__ import annotations

import bisect
import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import get_args

from spacy.tokens import Doc, Span as SpacySpan, Token

from .. import lexicons
from ..schema import Actor, Brief, Event, PloverType, Source, Span
from .actors import ActorCoder, country_named, is_quantity_head, marks_foreign, org_named, sector_of_noun
from .entities import demonym_country, iso3, settlement_named
from .mentions import MentionIndex
from .quantities import extract_quantities, find_equipment

TARGET_PREPS = {"against", "on", "with", "at", "toward", "towards", "upon"}
# Where a joint act happens ("signed a ceasefire in Lusaka"), not who takes part in it.
VENUE_PREPS = {"in", "at", "near"}
# Verbal judgements of an act: their target is whoever did it.
JUDGED = {"ACCUSE", "SUPPORT", "REJECT"}
# "imposed sanctions after the crackdown", "protested against the arrests": an act behind these
# prepositions is someone else's, not the subject's.
OTHER_ACT_PREPS = {"after", "before", "following", "since", "amid", "despite", "over", "until", "against"}
NOMINAL_TARGET_PREPS = {"against", "on", "upon"}
# Verbs whose object names the act of their subject ("Russia launched airstrikes").
LIGHT_VERBS = {"launch", "conduct", "carry", "begin", "start", "continue", "mount", "hold", "make", "wage", "step", "stage", "resume", "escalate", "order", "raise", "heighten", "increase"}
# With these types the other party is a participant, not a target: "Putin and Obama met".
SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}
LOCATION_PREPS = {"in", "at", "into", "near", "to", "across", "inside", "around", "from"}
ANAPHORIC_TIMES = ("the day", "later", "that day", "then", "earlier")
MAX_TOKENS = 60


@dataclass(frozen=True)
class Trigger:
    type: str
    cameo: str
    token: Token
    nominal: bool
    # The giver is behind "from" and the subject receives ("received weapons from Y").
    received: bool = False
    # The word the sense needs ("fire" in "open fire"): part of the act, not its target.
    needs: str | None = None


# Word lists one type's lexicon entry holds, by the name the coder reads them under: (type, key)
# or (type, key, nested key).
TYPE_WORD_LISTS: dict[str, tuple[str, ...]] = {
    "military": ("MOBILIZE", "needs_military_object"),
    "nouns_need_military": ("MOBILIZE", "nouns_need_military"),
    "military_senses": ("COERCE", "military_senses"),
    "warrant_kinds": ("COERCE", "warrant_kinds"),
    "territorial": ("COERCE", "territorial", "verbs"),
    "ground": ("COERCE", "territorial", "objects"),
    "halt_verbs": ("SANCTION", "halt_verbs"),
    "halt_objects": ("SANCTION", "halt_objects"),
    "halt_nouns": ("SANCTION", "halt_nouns"),
    "halted_by": ("ASSAULT", "halted_by"),
    "kept_or_broken": ("AGREE", "kept_or_broken"),
    "obstruct": ("PROTEST", "obstruct_by_non_state"),
    "intransitive_only": ("PROTEST", "intransitive_only"),
    "state_sectors": ("PROTEST", "state_sectors"),
    "official_protest": ("PROTEST", "official_when_by_state"),
    "participants": ("PROTEST", "participants"),
    "strikers": ("PROTEST", "strikers"),
    "strike_verbs": ("PROTEST", "strike_verbs"),
    "strike_kinds": ("PROTEST", "strike_kinds"),
    "dismissal": ("ASSAULT", "dismissal_senses"),
    "figurative": ("ASSAULT", "figurative_objects"),
    "reciprocal": ("ASSAULT", "reciprocal"),
    "figurative_subjects": ("ASSAULT", "figurative_subjects"),
    "figurative_modifiers": ("ASSAULT", "figurative_modifiers"),
    "accidents": ("ASSAULT", "accidents"),
    "criticism_verbs": ("ASSAULT", "criticism_senses", "verbs"),
    "criticism_preps": ("ASSAULT", "criticism_senses", "preps"),
    "under_verbs": ("ASSAULT", "came_under", "verbs"),
    "under_nouns": ("ASSAULT", "came_under", "nouns"),
    "joint": ("COOPERATE", "joint_nouns"),
    "not_with": ("CONSULT", "not_with"),
    "audience_of": ("CONSULT", "audience_of"),
    "met_with": ("CONSULT", "met_with"),
    "warnings": ("THREATEN", "warnings"),
    "questions": ("REQUEST", "questions"),
    "attempts": ("REQUEST", "attempts"),
    "no_comment_verbs": ("REJECT", "no_comment", "verbs"),
    "no_comment_acts": ("REJECT", "no_comment", "acts"),
    "no_comment_objects": ("REJECT", "no_comment", "objects"),
    "refusals": ("REJECT", "refusals"),
    "hosting_verbs": ("CONSULT", "hosting", "verbs"),
    "carrying_on_verbs": ("REQUEST", "carrying_on", "verbs"),
    "carrying_on_particles": ("REQUEST", "carrying_on", "particles"),
    "ultimatum_verbs": ("THREATEN", "ultimatums", "verbs"),
    "ultimatum_spans": ("THREATEN", "ultimatums", "spans"),
    "police_forces": ("MOBILIZE", "police_forces"),
    "coercing": ("COERCE", "coercing"),
    "bodily": ("ASSAULT", "bodily"),
    "ordering_verbs": ("COERCE", "ordering", "verbs"),
    "ordered_people": ("COERCE", "ordering", "people"),
    "telling": ("REQUEST", "telling"),
    "shields": ("COERCE", "shields"),
    "group_nouns": ("REJECT", "group_nouns"),
    "crowd_violence": ("PROTEST", "crowd_violence"),
    "crowds": ("PROTEST", "crowds"),
    "throw_objects": ("PROTEST", "objects", "throw"),
    "drills": ("MOBILIZE", "drills"),
    "armed_strikes": ("CONCEDE", "armed_strikes"),
    "charging": ("ACCUSE", "charging"),
    "sexual": ("ASSAULT", "sexual"),
    "guests": ("CONSULT", "hosting", "guests"),
    "exploding": ("ASSAULT", "exploding"),
    "left_behind": ("RETREAT", "left_behind"),
    "mediating": ("CONSULT", "mediating"),
    "pledging_passives": ("AGREE", "pledging_passives"),
}
# Lemma lists any type may hold, each true of that type's sense only: read as (type, lemma) pairs.
SENSE_LISTS = {
    "needs_party_object": "needs_party_object",
    "needs_direct_object": "needs_direct_object",
    "needs_party_subject": "needs_party_subject",
    "needs_party_argument": "needs_party_argument",
    "needs_complement": "needs_complement",
    "travel": "travel_senses",
    "helping": "helping",
}


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict:
    lex = lexicons.load("event_triggers")
    verbs: dict[str, list[tuple[str, str, str | None]]] = {}
    nouns: dict[str, tuple[str, str]] = {}
    constraints: dict = {"objects": {}, "particles": {}} | {name: set() for name in (*TYPE_WORD_LISTS, *SENSE_LISTS)}
    for etype, spec in lex.items():
        if not etype.isupper():
            continue  # word lists shared by all types ("wrongdoing", "markets", ...), read below
        by_lemma = spec.get("cameo_by_lemma", {})
        for entry in spec.get("verbs", []):
            lemma, *rest = entry.split()
            verbs.setdefault(lemma, []).append((etype, by_lemma.get(lemma, spec["cameo"]), rest[0] if rest else None))
        for noun in spec.get("nouns", []):
            nouns.setdefault(noun, (etype, by_lemma.get(noun, spec["cameo"])))
        for lemma, objs in spec.get("objects", {}).items():
            constraints["objects"][(etype, lemma)] = set(objs)
        for lemma, parts in spec.get("particles", {}).items():
            constraints["particles"][(etype, lemma)] = set(parts)
        for name, key in SENSE_LISTS.items():
            constraints[name] |= {(etype, lemma) for lemma in spec.get(key, [])}
    for name, (etype, *path) in TYPE_WORD_LISTS.items():
        words = lex[etype]
        for key in path:
            words = words.get(key, {})
        constraints[name] = set(words)
    # A more specific sense is tried first: one that names its objects ("lift a blockade" is
    # RETREAT before "lift" is CONCEDE; "handed over power" is RETREAT before "hand over" is
    # COOPERATE), then one that needs a particle or word ("backed down" is CONCEDE before
    # "back" is SUPPORT).
    def specificity(lemma: str, sense: tuple) -> int:
        if (sense[0], lemma) in constraints["objects"]:
            return 0
        return 1 if sense[2] is not None or (sense[0], lemma) in constraints["particles"] else 2

    for lemma, senses in verbs.items():
        senses.sort(key=lambda sense: specificity(lemma, sense))
    modality = lexicons.load("event_modality")
    received = lex["AID"].get("received_from", {})
    out = {
        "received": {"verbs": set(received.get("verbs", [])), "objects": set(received.get("objects", []))},
        "verbs": verbs, "nouns": nouns, "constraints": constraints,
        "wrongdoing": set(lex.get("wrongdoing", [])),
        "contested": set(lex.get("contested_speech", [])),
        "modality": {k: set(v) for k, v in modality.items() if k not in ("commitment", "model_cues", "menace")},
        "menace": {k: set(v) for k, v in modality["menace"].items()},
        "speech": set(lexicons.load("speech_cues")["verbs"]),
        "commitment": {k: set(v) for k, v in modality["commitment"].items()},
        "request_words": {w.split()[0] for w in lex["REQUEST"]["verbs"] + lex["REQUEST"]["nouns"]},
        "threat_words": {w.split()[0] for w in lex["THREATEN"]["verbs"]},
        "object_control": {w.split()[0] for w in lex["REQUEST"]["verbs"]} | set(lex.get("object_control", [])),
        "judgement_received": set(lex.get("judgement_received", [])),
        "enacting": set(lex.get("enacting_verbs", [])),
        "foreign_people": set(lex.get("foreign_people", [])),
        "market_nouns": set(lex.get("markets", {}).get("nouns", [])),
        "units": set(lex.get("markets", {}).get("units", [])),
        "market_words": set(lex.get("markets", {}).get("instruments", [])) | set(lex.get("markets", {}).get("modifiers", [])),
        "idioms": {verb: set(objs) for verb, objs in lex.get("idiom_objects", {}).items()},
        "non_agents": set(lex.get("non_agents", [])),
        "act_heads": set(lex.get("act_heads", [])),
        "purpose_nouns": set(lex.get("purpose_nouns", [])),
        # Subjects that do no act of any type: market instruments, moods, nature, athletes.
        "non_acting_subjects": set(lex.get("markets", {}).get("instruments", [])) | set(lex.get("abstract_subjects", [])) | set(lex.get("non_agents", [])),
        "idiom_complements": {verb: set(words) for verb, words in lex.get("idiom_complements", {}).items()},
        "answering": set(lex.get("answering_verbs", [])),
        "structural": {k: set(v) for k, v in lex.get("structural", {}).items()},
    }
    # Words whose dependants are acts asked for, refused, allowed, threatened or forced (`_asked_for`).
    out["asking"] = (
        out["request_words"] | out["structural"]["demand_clauses"] | constraints["refusals"]
        | out["structural"]["access_verbs"] | out["threat_words"] | constraints["coercing"]
    )
    return out


def quad_class(cameo: str) -> int:
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def _objects(tok: Token) -> list[Token]:
    out = [c for c in tok.children if c.dep_ in ("dobj", "obj", "attr", "oprd", "xcomp", "ccomp")]
    for c in tok.children:
        if c.dep_ == "prep":
            out.extend(g for g in c.children if g.dep_ == "pobj")
            if c.lower_ == "out":  # "walked out of wage talks", "pulled its monitors out of Kosovo"
                out.extend(g for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj")
    if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
        out.append(tok.head)  # "bombers being moved" -> bombers
    for c in [c for c in tok.children if c.dep_ in ("nsubjpass",)]:
        out.append(c)
    # "furnished Afghan fighters with Stinger missiles": the tagger may hang what is given on whom.
    out.extend(g for o in list(out) if o.dep_ in ("dobj", "obj") for p in o.children if p.dep_ == "prep" and p.lower_ == "with" for g in p.children if g.dep_ == "pobj")
    # "aerial photographs and other military intelligence": each conjoined object counts.
    out.extend(c for o in list(out) for c in o.children if c.dep_ == "conj")
    return out + _measured(out)


def _measured(heads: list[Token]) -> list[Token]:
    """What a measure measures: "25,000 tons of food aid", "$5 million of aid", "300 mln dlrs in
    sanctions"."""
    out = []
    for o in heads:
        for c in o.children:
            counted = o.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") or o.like_num or any(n.dep_ == "nummod" for n in o.children)
            if c.dep_ == "prep" and (c.lower_ == "of" or (c.lower_ == "in" and counted)):
                out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _giver(tok: Token) -> Token | None:
    """Who something comes from: "received weapons from Y", "obtained a loan from Y"."""
    received = [c for c in tok.children if c.dep_ in ("dobj", "obj")] + [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "under" for g in c.children if g.dep_ == "pobj"]
    received += _measured(received)
    return _prep_object(tok, ("from",)) or next((g for o in received if (g := _prep_object(o, ("from",))) is not None), None)


def _received_aid(tok: Token, objects: set[str]) -> bool:
    """Whether the verb receives aid from someone ("received weapons from the government")."""
    giver = _giver(tok)
    received = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    received += _measured(received)  # "received the first 250 mln dlrs of a credit from Japan"
    return giver is not None and _is_party(giver) and any(o.lemma_.lower() in objects or o.lower_ in objects for o in received)


def _token_span(tok: Token) -> Span:
    return Span(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text)


def _uncoded(head: Token) -> Actor | None:
    """A party or thing the lexicons cannot code, kept as the phrase up to its head word."""
    phrase = head.doc[head.left_edge.i : head.i + 1]
    if not phrase.text.strip():
        return None
    return Actor(text=phrase.text, span=Span(start=phrase.start_char, end=phrase.end_char, text=phrase.text))


def _equipment_classes(tokens: list[Token]) -> set[str]:
    """Equipment classes named in the phrases the tokens head ("four SU-34s" -> fighter aircraft)."""
    return {k for tok in tokens for _, _, k in find_equipment(tok.doc[tok.left_edge.i : tok.right_edge.i + 1].text)}


def _has_military(tokens: list[Token]) -> bool:
    return bool(_equipment_classes(tokens))


def _military_subject(verb: Token) -> bool:
    """'Syrian tanks moved into positions': forces that move themselves (no direct object)."""
    if any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return False
    return _military_subject_of(verb)


def _triggers(sent: SpacySpan) -> list[Trigger]:
    lex = _lexicon()
    cons = lex["constraints"]
    found = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in cons["under_verbs"] and (under := _prep_object(tok, ("under",))) is not None and under.lemma_.lower() in cons["under_nouns"]:
            # "came under fire from Israeli positions": attacked, by whoever is behind "from".
            found.append(Trigger("ASSAULT", _default_cameo("ASSAULT"), tok, nominal=False, received=True))
            continue
        if tok.pos_ == "VERB" and any(
            g.lemma_.lower() in cons["shields"] for h in (tok, *(c for c in tok.children if c.dep_ in ("dobj", "obj")))
            for p in h.children if p.dep_ == "prep" and p.lower_ == "as" for g in p.children
        ):
            # "used thousands of civilians as human shields" (CAMEO 184)
            found.append(Trigger("COERCE", "18", tok, nominal=False))
            continue
        if tok.pos_ == "VERB" and lemma in cons["telling"] and any(c.dep_ in ("dobj", "obj") and _is_party(c) for c in tok.children) and any(
            c.dep_ == "xcomp" and c.pos_ == "VERB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in tok.children
        ):
            # "told opposition leaders to call off the demonstrations": an order given is a demand (CAMEO 10).
            found.append(Trigger("REQUEST", "10", tok, nominal=False))
            continue
        if tok.pos_ == "VERB" and lemma in cons["ordering_verbs"] and _orders_own_people(tok, cons):
            found.append(Trigger("COERCE", "17", tok, nominal=False))
            continue
        if tok.pos_ == "VERB" and lemma in cons["coercing"] and _makes_people_act(tok, lex):
            # "forced hundreds of villagers to work as porters": making people act (CAMEO 170).
            found.append(Trigger("COERCE", "17", tok, nominal=False))
            continue
        if tok.pos_ == "VERB" and (lemma in lex["verbs"] or lemma in lex["received"]["verbs"]) and tok.dep_ not in ("amod", "compound"):
            if lemma in lex["received"]["verbs"] and _received_aid(tok, lex["received"]["objects"]):
                found.append(Trigger("AID", _default_cameo("AID"), tok, nominal=False, received=True))
                continue
            sense = _verb_sense(tok, lex, cons)
            if sense is not None:
                etype, cameo, needs = sense
                found.append(Trigger(etype, cameo, tok, nominal=False, needs=needs))
                continue
        if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound") and _admits_outsiders(tok):
            # "opened the delta to foreign relief workers", "threw open its weapons sites to
            # experts", "had been given access": letting outsiders in (CAMEO 086), whatever senses
            # the lexicon lists for the verb, if any.
            found.append(Trigger("RETREAT", "08", tok, nominal=False))
        elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":
            key = None
            if tok.i > sent.start:  # "hunger strike" before "strike"
                pair = f"{tok.doc[tok.i - 1].lower_} {tok.lower_}"
                key = pair if pair in lex["nouns"] else None
            if key is None:
                key = lemma if lemma in lex["nouns"] else tok.lower_ if tok.lower_ in lex["nouns"] else None
            if lemma in cons["joint"] and any(c.dep_ == "amod" and c.lower_ == "joint" for c in tok.children):
                key = "cooperation"  # "joint naval exercises": done together, whatever else the noun codes
            if key is not None and _not_an_act(tok, lex["nouns"][key][0], cons):
                key = None
            if key is not None:
                etype, cameo = lex["nouns"][key]
                found.append(Trigger(etype, cameo, tok, nominal=True))
        elif tok.pos_ == "NOUN" and tok.dep_ == "compound" and tok.head.lemma_.lower() in lex["act_heads"] and tok.head.pos_ == "NOUN":
            # "a mediation effort between the two": the undertaking is the act, of the modifier's kind.
            key = lemma if lemma in lex["nouns"] else tok.lower_ if tok.lower_ in lex["nouns"] else None
            if key is not None and not _not_an_act(tok.head, lex["nouns"][key][0], cons):
                etype, cameo = lex["nouns"][key]
                found.append(Trigger(etype, cameo, tok.head, nominal=True))
    # "signed an agreement", "lodged a protest": the verb codes the act; its object noun is
    # not a second one.
    # "Demonstrators launched missiles": a participant noun as the subject of another act
    # names who acts; it is not a protest of its own.
    # "approved a trade ban against South Africa": adopting a measure is the measure.
    enacted = {t.token.head.i for t in found if t.nominal and t.token.dep_ in ("dobj", "obj") and t.type != "SUPPORT"}
    found = [t for t in found if not (t.type == "SUPPORT" and not t.nominal and t.token.i in enacted and t.token.lemma_.lower() in lex["enacting"])]
    verbal = {t.token.i: t.type for t in found if not t.nominal}
    return [
        t for t in found
        if not (t.nominal and t.token.dep_ in ("dobj", "obj", "nsubj", "nsubjpass") and t.token.head.i in verbal and not _owned_subject_act(t, verbal))
        # "imposed 300 mln dlrs in sanctions": nor is the noun a measured object stands for.
        and not (t.nominal and t.token.dep_ == "pobj" and t.token.head.lower_ in ("of", "in") and t.token.head.head.dep_ in ("dobj", "obj") and t.token.head.head.head.i in verbal)
        # "police opened fire on demonstrators": nor is a participant noun behind the act's preposition.
        and not (t.nominal and t.type == "PROTEST" and t.token.dep_ == "pobj" and t.token.head.head.i in verbal)
        # "had beaten and abused detained protesters": protesters acted on are not protesting here.
        and not (t.nominal and t.type == "PROTEST" and t.token.dep_ in ("dobj", "obj", "nsubjpass") and (t.token.lemma_.lower() in cons["participants"] or t.token.lower_ in cons["participants"]))
    ]


# Named bodies and documents whose name may hold a trigger noun ("the Paris Agreement").
NAME_TYPES = {"ORG", "LAW", "WORK_OF_ART", "PRODUCT", "FAC"}
QUESTION_WORDS = {"if", "whether", "what", "why", "how", "who", "whom", "when", "where", "which"}


def _orders_own_people(verb: Token, cons: dict) -> bool:
    """Whether a state orders people, the press, NGOs or firms to act ("the junta ordered all
    private newspapers to submit their pages to censors")."""
    ordered = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    if ordered is None or not any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in verb.children):
        return False
    subject = _subject(verb)
    if subject is None or not (subject.ent_type_ == "GPE" or _sector_word(subject) in cons["state_sectors"]):
        return False
    group = _counted_group(ordered)
    return any(_sector_word(t) in cons["ordered_people"] for t in (group, *(c for c in group.children if c.dep_ in ("compound", "amod"))))


def _sector_word(tok: Token) -> str | None:
    return sector_of_noun(tok.lemma_.lower()) or sector_of_noun(tok.lower_)


def _makes_people_act(verb: Token, lex: dict) -> bool:
    """Whether a verb makes people do something: an object of people, a clause of what they do,
    and neither a purpose clause ("went on strike to force the ministry to ...") nor a doer that
    does nothing ("rising prices forced families to skip meals")."""
    if verb.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children):
        return False
    subject = _subject(verb)
    if subject is not None and subject.lemma_.lower() in lex["non_acting_subjects"] and not _named_firm(subject):
        return False
    people = any(c.dep_ in ("dobj", "obj") and (_is_party(_counted_group(c)) or c.tag_ in ("NNS", "NNPS")) for c in verb.children)
    return people and any(c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" for c in verb.children)


def _verb_sense(tok: Token, lex: dict, cons: dict) -> tuple[str, str, str | None] | None:
    """The first sense of a trigger verb whose conditions hold here: (type, CAMEO root, the
    particle or word it needs)."""
    lemma = tok.lemma_.lower()
    objects, object_lemmas, particles = _verb_frame(tok)
    senses = lex["verbs"].get(lemma, [])
    # A sense named by the verb's particle ("handed over three suspects": extradition) comes before
    # one that needs none, unless that one's listed objects are what it acts on ("shot down
    # appeals"). With no particle the lexicon's order stands.
    prts = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    direct = _direct_object_lemmas(tok) if prts else set()
    by_object = [s for s in senses if s[2] is None and direct & cons["objects"].get((s[0], lemma), set())]
    by_particle = [s for s in senses if s[2] is not None and s[2] in prts]
    senses = by_object + by_particle + [s for s in senses if s not in by_object and s not in by_particle]
    for etype, cameo, needs in senses:
        if _sense_holds(tok, etype, lemma, needs, cons, objects, object_lemmas, particles):
            return etype, cameo, needs
    return None


def _sense_holds(tok: Token, etype: str, lemma: str, needs: str | None, cons: dict, objects, object_lemmas, particles) -> bool:
    """Whether one sense of a trigger verb holds here: its conditions, and no other sense ruled
    out (`_other_sense`)."""
    return _sense_conditions(tok, etype, lemma, needs, cons, objects, object_lemmas, particles) and not _other_sense(tok, etype, lemma, cons)


def _sense_conditions(tok: Token, etype: str, lemma: str, needs: str | None, cons: dict, objects, object_lemmas, particles) -> bool:
    """Whether a sense's listed conditions hold: its particle or word, its listed objects, its
    military or halted object."""
    if needs and needs not in particles and needs not in object_lemmas:
        return False
    if needs is None and (etype, lemma) in cons["objects"] and any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children):
        return False  # "called off their walkout" undoes what "called a strike" does
    if needs is None and "on" in particles and (etype, lemma) in cons["objects"]:
        # "called on Arab League members to rally": what they are called on to do is no object
        # of the call ("called a rally" is).
        object_lemmas = {o.lemma_.lower() for o in objects if o.dep_ not in ("xcomp", "ccomp")}
    if (etype, lemma) in cons["objects"] and not (object_lemmas & cons["objects"][(etype, lemma)]):
        if not (etype == "AID" and _arms_to_a_party(tok)) and not _weapon_went_off(tok, lemma, cons):
            return False
    if (etype, lemma) in cons["particles"] and not (particles & cons["particles"][(etype, lemma)]):
        return False
    if etype == "MOBILIZE" and lemma in cons["military"] and not (_has_military(objects) or _police(objects, cons) or "up" in particles or _military_subject(tok)):
        return False
    if etype == "MOBILIZE" and _direct_object_lemmas(tok) & cons["halted_by"]:
        return False  # "ordered a halt to hostilities against government troops": a ceasefire
    if etype == "SANCTION" and lemma in cons["halt_verbs"] and not (_direct_object_lemmas(tok) & cons["halt_objects"]):
        return False  # "cancelled a reception in an effort to ...": what stops is the reception
    return True


def _weapon_went_off(verb: Token, lemma: str, cons: dict) -> bool:
    """"A car bomb exploded", "a device that went off": an exploding verb with no object whose
    subject (or the noun its clause describes) is one of the weapons its sense lists."""
    if lemma not in cons["exploding"] or any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.tag_ == "WDT" and verb.dep_ == "relcl":
        subject = verb.head  # "a device that exploded"
    if subject is None and verb.dep_ in ("relcl", "acl"):
        subject = verb.head
    return subject is not None and subject.lemma_.lower() in cons["objects"][("ASSAULT", lemma)]


def _verb_frame(tok: Token) -> tuple[list[Token], set[str], set[str]]:
    """A verb's objects, their lemmas and forms, and its particles (with adjective complements)."""
    objects = _objects(tok)
    object_lemmas = {o.lemma_.lower() for o in objects} | {o.lower_ for o in objects}
    # "held the company liable", "set free": an adjective complement names the sense too.
    # "were called up on Monday": a preposition of time is no particle ("called on the UN").
    particles = {
        c.lower_ for c in tok.children
        if (c.dep_ in ("prt", "prep", "advmod") or (c.pos_ == "ADJ" and c.dep_ in ("acomp", "oprd", "advcl", "ccomp", "xcomp")))
        and not (c.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children))
    }
    following = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if following is not None and following.pos_ == "ADJ" and following.dep_ == "amod" and following.head in objects:
        particles.add(following.lower_)  # "set free three sailors": the tagger hangs "free" on the object
    return objects, object_lemmas, particles


def _police(tokens: list[Token], cons: dict) -> bool:
    """Whether the phrases name police ("3,000 additional federal police officers", "riot police")."""
    return any(t.lemma_.lower() in cons["police_forces"] or t.lower_ in cons["police_forces"] for tok in tokens for t in tok.subtree)


def _arms_to_a_party(verb: Token) -> bool:
    """"shipped howitzers to Ukraine", "delivered armoured carriers to the army": weapons (not
    troops) handed to someone are aid, whatever the lexicon lists as aid objects."""
    weapons = _equipment_classes([c for c in verb.children if c.dep_ in ("dobj", "obj")]) - {"troops"}
    recipient = _prep_object(verb, ("to",))
    return bool(weapons) and recipient is not None and _is_party(recipient)


def _direct_object_lemmas(verb: Token) -> set[str]:
    """Lemmas and forms of what a verb acts on directly (with conjuncts and what a measure measures),
    not of every phrase behind its prepositions."""
    # "stopped moving new recruits": a clause it governs is what stops.
    direct = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass", "xcomp", "ccomp")]
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        direct.append(verb.head)  # "the aid program suspended last week" (not "efforts to end the war")
    direct += [c for o in direct for c in o.children if c.dep_ == "conj"]
    direct += _measured(direct)
    # "halted aid payments": the kind named before the head counts ("interest payments" is no aid).
    direct += [c for o in direct for c in o.children if c.dep_ == "compound"]
    return {o.lemma_.lower() for o in direct} | {o.lower_ for o in direct}


def _not_an_act(noun: Token, etype: str, cons: dict) -> bool:
    """Whether a trigger noun names no act here: part of a name or a date, a standing agreement
    one acts under ("Under the agreement, Britain can operate flights"), a market's demand ("oil
    demand"), an audience ("told a news conference"), or an airline's flights."""
    if noun.ent_type_ in NAME_TYPES and noun.text[:1].isupper():
        return True  # "the General Agreement on Tariffs and Trade" names a body
    if noun.ent_type_ in TIMES_AND_AMOUNTS:
        return True  # "in March"
    if etype == "AGREE" and noun.dep_ == "pobj" and noun.head.lower_ == "under":
        return True
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ in ("dobj", "obj") else None
    if etype == "AGREE" and governor is not None and governor.lemma_.lower() in cons["kept_or_broken"]:
        return True  # "cheating on the OPEC agreement"
    lex = _lexicon()
    if etype in ("ACCUSE", "REQUEST", "THREATEN") and governor is not None and governor.lemma_.lower() in lex["answering"] and not (etype in JUDGED and _judgement_received(noun) is not None):
        return True  # "to respond to the criticisms of his presidency"
    if etype == "SANCTION" and noun.lemma_.lower() in cons["halt_nouns"]:
        stopped = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")] + _measured([noun])
        if stopped and not any({t.lemma_.lower(), t.lower_} & cons["halt_objects"] for t in stopped):
            return True  # "Brazil's repayment suspension", "a wage freeze"
    modifiers = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
    if noun.lemma_.lower() in lex["market_nouns"] or noun.lower_ in lex["market_nouns"]:
        # "oil demand", "the dollar's retreat", "a rally in the Canadian dollar", "supply and demand"
        around = modifiers | {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "poss")}
        around |= {c.lemma_.lower() for c in noun.children if c.dep_ == "poss"}
        around |= {g.lemma_.lower() for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "on", "for", "of") for g in c.children if g.dep_ == "pobj"}
        if noun.dep_ == "conj":
            around.add(noun.head.lemma_.lower())
        if around & lex["market_words"]:
            return True
        if noun.lower_ == "demand" and not any(c.dep_ in ("det", "poss") for c in noun.children):
            return True  # "depending on demand": bare, it is a market's
    if etype == "CONSULT" and modifiers & cons["not_with"]:
        return True  # "told a news conference"
    if etype == "COERCE" and noun.lemma_.lower() in cons["obstruct"] and noun.dep_ == "pobj":
        return True  # "slit the throats of 17 villagers at a fake roadblock": a place, not an act
    if noun.lemma_.lower() in cons["group_nouns"] and not any(c.dep_ == "prep" and c.lower_ in ("to", "against") for c in noun.children):
        return True  # "dissolved the opposition New Horizon Party", "the Kenyan opposition said": a side named, not a refusal
    if etype == "CONSULT" and noun.dep_ in ("dobj", "obj", "dative") and noun.head.lemma_.lower() in cons["audience_of"]:
        return True  # "told a debt-equity swaps conference"
    if etype == "COERCE" and noun.lemma_.lower() == "warrant" and not (modifiers & cons["warrant_kinds"]) and _prep_object(noun, ("for",)) is None:
        return True  # "exercised a warrant to buy shares"
    if etype == "MOBILIZE" and noun.lemma_.lower() in cons["nouns_need_military"]:
        phrase = list(noun.subtree)
        governing = noun.head if noun.dep_ in ("dobj", "obj") else None
        military = _has_military([noun]) or any(sector_of_noun(t.lemma_.lower()) == "MIL" for t in phrase)
        if not military and governing is not None:
            military = _military_subject_of(governing)
        return not military
    return False


def _military_subject_of(verb: Token) -> bool:
    """Whether the verb's subject is a military force or its equipment."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and (_has_military([subject]) or sector_of_noun(subject.lemma_.lower()) == "MIL")


def _antecedent(tok: Token) -> Token:
    """The noun a relative pronoun refers to ("loans that Sudan hoped to receive" -> loans)."""
    if tok.tag_ not in ("WDT", "WP"):
        return tok
    for ancestor in tok.ancestors:
        if ancestor.dep_ == "relcl":
            return ancestor.head
    return tok


def _warns_someone(verb: Token, objects: list[Token]) -> bool:
    """Whether a warning is a threat: someone is warned ("warned Iran"), warned against something,
    or the warning names a hostile act ("warned that it would retaliate")."""
    if any(_is_party(o) for o in objects) or _prep_object(verb, ("against",)) is not None:
        return True
    said = [t for c in verb.children if c.dep_ in ("ccomp", "xcomp") for t in c.subtree]
    lex = _lexicon()
    return any(
        (t.pos_ == "VERB" and t.i != verb.i and (sense := _verb_sense(t, lex, lex["constraints"])) is not None and sense[0] in HOSTILE)
        or (t.pos_ == "NOUN" and _noun_type(t) in HOSTILE)
        for t in said
    )


def _other_sense(verb: Token, etype: str, lemma: str, cons: dict) -> bool:
    """Whether a trigger verb is used in a sense that is no event of its type."""
    # "loans that Sudan hoped to receive": a relative pronoun stands for the noun it refers to.
    objects = [_antecedent(c) for c in _shared_objects(verb)]
    clauses = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    if etype == "REQUEST" and lemma in cons["attempts"] and not objects and any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in verb.children) and _prep_object(verb, ("from",)) is None:
        return True  # "sought to end the unrest by a show of force": an attempt, not a request
    if etype == "REQUEST" and lemma in cons["carrying_on_verbs"] and any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ in cons["carrying_on_particles"] for c in verb.children):
        return True  # "pressed on with a general strike", "press ahead with drilling"
    if etype == "MOBILIZE" and lemma == "order" and clauses:
        return True  # "ordered troops to withdraw": the order is of another act
    if etype == "AID" and lemma == "evacuate" and objects and all(o.ent_type_ in ("GPE", "LOC", "FAC") for o in objects):
        return True  # "M23 rebels evacuated Goma": they left the town (RETREAT), no one was rescued
    if etype == "RETREAT" and (etype, lemma) in cons["travel"] and verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.i > verb.head.i:
        return True  # "..., leaving him with a broken arm": a result, not a withdrawal
    if etype == "RETREAT" and (etype, lemma) in cons["travel"] and verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("as", "when", "while", "after", "before") for c in verb.children):
        return True  # "shot dead a mayor as he left Mass": a time, not a withdrawal
    if etype == "PROTEST" and lemma in cons["intransitive_only"] and (subj := _subject(verb)) is not None and (_has_military([subj]) or sector_of_noun(subj.lemma_.lower()) == "MIL"):
        return True  # "Eritrean forces marched into Badme": forces on the move, no demonstration
    if etype == "REQUEST" and lemma in cons["questions"]:
        # "asked whether ...", "asked about the strike", "Asked if ..., he said": a question.
        if _prep_object(verb, ("about",)) is not None:
            return True
        # "asked if protection could be provided by U.S. destroyers" is a polite request.
        asked = [c for c in clauses if any(t.lower_ in QUESTION_WORDS for t in c.subtree if t.i < c.i)]
        if asked and not any(a.dep_ == "aux" and a.lower_ in ("could", "would", "can", "will") for c in asked for a in c.children):
            return True
        if verb.tag_ == "VBN" and verb.dep_ == "advcl" and not objects and not any(c.dep_ == "xcomp" for c in verb.children) and _prep_object(verb, ("for",)) is None:
            return True
    if (etype, lemma) in cons["needs_complement"] and not objects and not clauses and not any(c.dep_ == "nsubjpass" for c in verb.children):
        return True  # "the dollar declined against the yen", "before defending at Turf Moor"
    if etype == "REJECT" and lemma in cons["no_comment_verbs"]:
        acts = [c for c in clauses if c.dep_ == "xcomp"]
        said = cons["no_comment_objects"]
        if any({o.lemma_.lower(), o.lower_} & said for o in objects):
            return True  # "declined comment"
        if any(a.lemma_.lower() in cons["no_comment_acts"] or any({o.lemma_.lower(), o.lower_} & said for o in a.children if o.dep_ in ("dobj", "obj")) for a in acts):
            return True  # "declined to say", "refused to give details"
    lex = _lexicon()
    acted_on = objects + [c for c in verb.children if c.dep_ == "nsubjpass"]
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        acted_on.append(verb.head)  # "a survey released last year"
    undergoing = acted_on or [c for c in verb.children if c.dep_ == "nsubj"]  # "with the new movie released"
    if not acted_on:
        undergoing = undergoing + [g for c in clauses for g in c.children if g.dep_ == "nsubj"]  # "let it be known"
    if any(c.lower_ in lex["idiom_complements"].get(lemma, set()) for c in verb.children):
        return True  # "pleaded not guilty"
    if any({o.lemma_.lower(), o.lower_} & lex["idioms"].get(lemma, set()) for o in undergoing):
        return True  # "seized the opportunity", "released a report", "a movie released this week"
    subject = next((_antecedent(c) for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lemma_.lower() in lex["non_acting_subjects"] and not _named_firm(subject):
        return True  # "stocks rallied", "the dollar retreated", "pressure will build up", "a storm struck"
    if subject is not None and any(c.dep_ == "compound" and c.lemma_.lower() in lex["non_agents"] for c in subject.children):
        return True  # "Hurricane Harvey slammed into Texas"
    if etype == "PROTEST" and lemma in cons["intransitive_only"] and (objects or any(c.dep_ == "ccomp" for c in verb.children)):
        return True  # "to demonstrate its authority", "to demonstrate that the method is cruel"
    met = _prep_object(verb, ("with",)) if etype == "CONSULT" and lemma == "meet" else None
    if met is not None and (met.lemma_.lower() in cons["met_with"] or _noun_type(met) in JUDGED):
        return True  # "the plan met with sharp criticism from Japan": a reception, not a meeting
    if (etype, lemma) in cons["needs_party_argument"] and any(c.dep_ == "nsubjpass" for c in verb.children):
        arguments = acted_on + ([subject] if subject is not None else []) + [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if not any(_is_party(a) and a.tag_ not in ("WDT", "WP") for a in arguments):
            return True  # "would be met by a strong response"
    if (etype, lemma) in cons["needs_direct_object"] and not objects:
        return True  # "protesters rallied against the plan" demonstrate; "rallied elders against it" gathers opposition
    if (etype, lemma) in cons["needs_party_object"] and not (lemma in cons["bodily"] and _done_to_a_body(verb)) and not any(_is_party(_counted_group(o)) or _named_modifier(o) is not None for o in acted_on):
        return True  # "received an application", "evacuated their stock holdings"
    if etype == "THREATEN" and lemma in cons["warnings"] and not _warns_someone(verb, objects):
        return True  # "analysts cautioned that output cuts are difficult"
    if (etype, lemma) in cons["needs_party_subject"] and subject is not None and not _is_party(_counted_group(subject)):
        return True  # "the revolt left the bill's fate in doubt"
    if (etype, lemma) in cons["travel"] and (_prep_object(verb, ("for",)) is not None or (subject is not None and (subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she")))):
        return True  # "leaves for Washington", "Thatcher left Bonn", "he left the scene"
    if (etype, lemma) in cons["travel"] and any(
        o.pos_ != "PROPN" and o.ent_type_ not in ("GPE", "LOC", "FAC", "ORG", "NORP") and o.lemma_.lower() not in cons["left_behind"]
        for o in verb.children if o.dep_ in ("dobj", "obj")
    ):
        return True  # "left a note", "left 300 injured": no place or body withdrawn from
    if (etype, lemma) in cons["helping"] and not any(_is_party(o) for o in objects) and any(c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" for c in verb.children):
        return True  # "helped block the plans"
    return False


def _unnamed_doer(trigger: Trigger) -> bool:
    """Whether a trigger is the sentence's main act with no doer named: a verb in the passive with
    no agent ("Entry to the camps was denied to international monitors, the ministry said"), or
    violence as the main verb's subject ("An explosion ripped through a market in Kabul")."""
    verb = trigger.token
    if trigger.nominal and trigger.type == "ASSAULT" and verb.dep_ == "nsubj" and verb.head.dep_ == "ROOT" and verb.head.pos_ == "VERB":
        return True  # "An explosion ripped through a market in Kabul": the violence is the subject
    if trigger.nominal or not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or any(c.dep_ == "agent" for c in verb.children):
        return False
    return verb.dep_ == "ROOT" or (verb.dep_ == "ccomp" and verb.head.dep_ == "ROOT" and verb.head.lemma_.lower() in _lexicon()["speech"])


def _misread_name(tok: Token) -> bool:
    """A capitalised word the tagger called a pronoun ("Lusaka today legalised ...")."""
    return tok.pos_ == "PRON" and tok.text[:1].isupper() and not tok.is_stop and tok.is_alpha


def _shared_objects(verb: Token) -> list[Token]:
    """A verb's direct objects, or, when it has none, those of the verb joined to it that has no
    subject of its own ("police clubbed and kicked the students": both acts hit the students)."""
    direct = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if direct or any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        return direct
    # Only "V and V X": "relented on Thursday and let inspectors in" relents on nothing.
    joined = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i == verb.i + 2 and verb.doc[verb.i + 1].dep_ == "cc"), None)
    if joined is None or any(c.dep_ in ("nsubj", "nsubjpass") for c in joined.children):
        return direct
    return [c for c in joined.children if c.dep_ in ("dobj", "obj")]


def _named_firm(tok: Token) -> bool:
    """"Anglo Platinum", "Shell": a name that holds a commodity's or a storm's word is a party."""
    return tok.pos_ == "PROPN" and tok.ent_type_ in ("ORG", "PERSON") and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)


def _done_to_a_body(verb: Token) -> bool:
    """"beat up an opposition candidate", "beat to death a factory manager": only a person is
    beaten up or to death, whoever the object is."""
    return any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children) or any(g.lower_ == "death" for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children)


def _figurative(trigger: Trigger, actor_tok: Token | None, target_tok: Token | None, cons: dict) -> bool:
    """Violence that is none: a problem fought ("fight drug trafficking"), or a blow dealt by
    nature, a market, a measure or a vehicle ("an earthquake struck Nepal", "hit by a car")."""
    if trigger.type != "ASSAULT":
        return False
    if trigger.nominal and any(
        (c.dep_ in ("compound", "amod") and c.lemma_.lower() in cons["figurative_modifiers"])
        or (c.dep_ == "prep" and c.lower_ == "of" and any({g.lemma_.lower(), g.lower_} & cons["figurative_modifiers"] for g in c.children))
        for c in trigger.token.children
    ):
        return True  # "a trade war", "a war of words"
    if target_tok is not None and {target_tok.lemma_.lower(), target_tok.lower_} & cons["figurative"]:
        return True
    if actor_tok is None and not trigger.nominal and any({t.lemma_.lower(), t.lower_} & cons["accidents"] for t in trigger.token.sent):
        return True  # "Seventeen people were killed after a dam collapsed": no one did it
    verb = trigger.token
    if not trigger.nominal and verb.dep_ == "advcl" and verb.tag_ == "VBG" and {verb.head.lemma_.lower(), verb.head.lower_} & cons["accidents"]:
        return True  # "The airliner crashed into the sea ..., killing all 189 people on board"
    if (actor_tok is None or actor_tok.tag_ == "WDT") and verb.dep_ == "relcl":
        actor_tok = verb.head  # "proposals that could hit farmers"
    return actor_tok is not None and actor_tok.lemma_.lower() in cons["figurative_subjects"]


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return _wielder(child) if child.pos_ == "NOUN" else child
        if child.dep_ == "agent":
            for g in child.children:
                if g.dep_ == "pobj" and not _is_amount(g):  # "reduced by 20 pct"
                    return _wielder(g)
                if g.dep_ == "pobj" and _counted_group(g) is not g:
                    return _counted_group(g)  # "blocked by hundreds of Madhesi activists"
    if any(c.dep_ == "nsubjpass" for c in verb.children) and verb.dep_ in ("conj", "advcl"):
        return None  # "was visiting his girlfriend when he was gunned down": by whom is not said
    if verb.dep_ == "xcomp" and verb.head.i != verb.i:
        # "Obama is scheduled to attend": the passive subject of the governing verb.
        passive = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            return passive
        # "urged the EC to support the PLO": the one urged is the one to act.
        if verb.head.lemma_.lower() in _lexicon()["object_control"]:
            # "called on the United States to remove curbs": the one called on, likewise.
            asked = next((c for c in verb.head.children if c.dep_ in ("dobj", "obj")), None) or _prep_object(verb.head, ("on", "upon", "to", "with"))
            if asked is not None:
                return asked
    if verb.tag_ == "VBN":
        # "supported, trained and armed by Paris and Washington": the last participle's agent.
        conjuncts = [t for t in verb.subtree if t.dep_ == "conj" and t.tag_ == "VBN" and all(h.dep_ == "conj" for h in _path_up(t, verb))]
        shared = next((g for c in conjuncts for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)
        if shared is not None:
            return _wielder(shared)
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ in ("acomp", "amod") and verb.head.head.i != verb.head.i:
        return _subject(verb.head.head)  # "The U.S. is willing to drop tariffs"
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
        return _subject(verb.head)  # "Russia continues to position itself"
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN") and _is_party(verb.head):
        return verb.head  # "the rebels fighting the leftist Managua government"
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ in ("dobj", "obj") and verb.head.head.pos_ == "VERB":
        return _subject(verb.head.head)  # "The party issued a declaration demanding ..."
    if _promised_by_noun(verb) and verb.head.dep_ in ("dobj", "obj") and verb.head.head.pos_ == "VERB":
        return _subject(verb.head.head)  # "The Pentagon announced plans to deliver tanks"
    if _decided_by_noun(verb) and (owner := _possessor(verb.head)) is not None:
        return owner  # "Chile's decision to cut back its relations with Bolivia"
    return _stranded_subject(verb)


def _stranded_subject(verb: Token) -> Token | None:
    """The subject the tagger hung inside an opening phrase: in "In a statement from Abuja, the
    Economic Community of West African States said ...", the noun phrase right after the comma
    becomes an apposition or conjunct of "Abuja"; it is the subject of the first verb after it
    that has none."""
    sent = verb.sent
    opener = sent[0]
    if opener.pos_ != "ADP" or opener.dep_ != "prep":
        return None
    for tok in sent:
        if tok.i >= verb.i:
            return None
        if tok.dep_ in ("conj", "appos") and tok.pos_ in ("NOUN", "PROPN") and tok.left_edge.i > sent.start and tok.doc[tok.left_edge.i - 1].text == ",":
            between = [v for v in sent if tok.i < v.i < verb.i and v.pos_ == "VERB"]
            if opener in tok.ancestors and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for v in between for c in v.children):
                return tok
            return None
    return None


# Sectors whose unnamed members act for the country they are in (see _Coder.state_agent).
STATE_AGENT_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "SPY")

DOMESTIC_BY_DEFAULT = ("PROTEST", "COERCE")
# A concession with no one named to receive it is made to the actor's own people ("President
# Bashir shortened the curfew"), as PLOVER codes it; a described receiver the lexicons cannot
# code stays an uncoded target.
DOMESTIC_WHEN_UNNAMED = (*DOMESTIC_BY_DEFAULT, "CONCEDE")


def _country_name(code: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    # "Iran", not the ISO "Iran, Islamic Republic of"
    return (getattr(country, "common_name", None) or country.name) if country else code


def _pro(tok: Token) -> bool:
    """Whether a country is named as what a group is for or against ("pro-Russia rebels"), or as
    part of a wider whole ("the Pan-American highway", "pan-Arab")."""
    before = [tok.doc[i].lower_ for i in range(max(0, tok.i - 2), tok.i)]
    return bool(before) and (before[-1] in ("pro", "anti") or before[-2:] in (["pro", "-"], ["anti", "-"], ["pan", "-"]))


def _country_at(tok: Token) -> str | None:
    """A country named by this word, or with the next one ("Sri Lanka"), whatever the tagger made of
    it, unless it is a person's surname ("Frank Jordan")."""
    if tok.ent_type_ == "PERSON" and tok.ent_iob_ == "I":
        return None
    if tok.i + 1 < len(tok.doc) and (code := country_named(f"{tok.text} {tok.doc[tok.i + 1].text}")):
        return code
    return country_named(tok.text)


def _wielder(agent: Token) -> Token | None:
    """A weapon named as the doer stands for whoever used it: "blown up by a missile believed to
    be fired by rebels" was done by the rebels. So does an attack: "the bombing by Basque
    separatists killed two policemen" was done by the separatists, and an attack by no one
    named was done by no one known."""
    if agent.pos_ == "NOUN" and _noun_type(agent) == "ASSAULT":
        by = _prep_object(agent, ("by",))
        if by is not None:
            return by
        # "Recent US Predator attacks": a party named before the noun is coded from the phrase.
        named = any(t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") for t in agent.doc[agent.left_edge.i : agent.i])
        return agent if named else None
    if not find_equipment(agent.text):
        return agent
    for tok in agent.subtree:
        if tok.dep_ == "agent" and tok.head.i != agent.i:
            user = next((g for g in tok.children if g.dep_ == "pobj"), None)
            if user is not None:
                return user
    return agent


def _judgement_received(noun: Token) -> tuple[Token | None, Token | None] | None:
    """(judge, judged) when a judgement noun falls on a verb's subject: "the decision won praise
    from Democrats", "Seoul came under criticism from Tokyo", "the plan met with opposition",
    "he pleaded not guilty to the charges"."""
    verb = None
    if noun.dep_ in ("dobj", "obj"):
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.lower_ in ("under", "with", "to") and noun.head.head.pos_ == "VERB":
        verb = noun.head.head
    if verb is None or verb.lemma_.lower() not in _lexicon()["judgement_received"]:
        return None
    if verb.lemma_.lower() == "come" and noun.head.lower_ != "under":
        return None
    return _prep_object(noun, ("from",)) or _prep_object(verb, ("from",)), _subject(verb)


def _roles(trigger: Trigger) -> tuple[Token | None, Token | None]:
    tok = trigger.token
    if trigger.nominal and trigger.type in JUDGED and (received := _judgement_received(tok)) is not None:
        return received
    if trigger.nominal and trigger.type == "CONSULT" and (visitor := _prep_object(tok, ("by",))) is not None:
        # "a scheduled Moscow visit by Secretary of State George Shultz": the visitor, and the host.
        return visitor, _named_modifier(tok) or _prep_object(tok, ("to", "with"))
    if trigger.nominal:
        actor = _named_modifier(tok)
        if actor is None and trigger.type not in ("ASSAULT", "COERCE"):
            # "the opposition's demand": whoever owns the act does it ("the country's genocide"
            # names whom violence was done to, or where).
            actor = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN") and c.ent_type_ not in TIMES_AND_AMOUNTS), None)
        target = None
        preps = NOMINAL_TARGET_PREPS if trigger.type in ("MOBILIZE", "ASSAULT") else TARGET_PREPS
        if trigger.type in ("ASSAULT", "COERCE", "RETREAT"):
            preps = preps | {"of"}  # "the slaying of seven demonstrators", "the release of prisoners"
        if trigger.type in ("AID", "CONSULT", "SUPPORT", "REQUEST"):
            preps = preps | {"to"}  # "military aid to Mozambique", "a visit to Beirut", "an appeal to the UN"
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in preps):
            # "a bomb attack on Thursday": a day or an amount is never the target
            target = target or next((g for g in prep.children if g.dep_ == "pobj" and g.ent_type_ not in TIMES_AND_AMOUNTS), None)
        between = _prep_object(tok, ("between",))
        mediating = trigger.type == "CONSULT" and any(
            w.lemma_.lower() in _lexicon()["constraints"]["mediating"] for w in (tok, *(c for c in tok.children if c.dep_ == "compound"))
        )
        if between is not None and mediating:
            target = target or between  # the sides mediated between; the mediator is found below
        elif between is not None and actor is None and target is None and (trigger.type == "ASSAULT" or trigger.type in SYMMETRIC):
            # "clashes between police and protesters", "talks between Israel and Syria": the
            # two sides.
            actor, target = between, next((c for c in between.children if c.dep_ == "conj"), None)
        subjecting = next((h for h in (tok.head.head, tok.head.head.head, tok.head.head.head.head) if h.lemma_.lower() == "subject" and h.pos_ == "VERB"), None) if tok.dep_ == "pobj" and tok.head.lower_ == "to" else None
        if actor is None and target is None and subjecting is not None:
            # "militiamen subjected displaced women to sexual violence": the verb's subject does it
            # to its object (the tagger may hang "to" lower, under a clause of the object).
            return _subject(subjecting), next((c for c in subjecting.children if c.dep_ in ("dobj", "obj")), None)
        governed = tok
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ in ("dobj", "obj"):
            governed = tok.head.head  # "launched 10 days of war games": the measure stands for it
        if actor is None and governed.dep_ in ("dobj", "obj") and governed.head.lemma_ in LIGHT_VERBS:
            actor = _subject(governed.head)  # "Russia ... launch airstrikes"
        if actor is None and tok.dep_ == "nsubjpass" and tok.head.pos_ == "VERB" and any(c.dep_ == "agent" for c in tok.head.children):
            # "A formal request was submitted to the commission by the opposition party": the
            # agent of the verb the act is the passive subject of, and whom it was made to.
            actor = _subject(tok.head)
            if target is None:
                target = next((g for g in (_prep_object(tok.head, (p,)) for p in ("to", "against", "on")) if g is not None and _is_party(g)), None)
        if actor is None and tok.dep_ == "pobj" and tok.head.lower_ == "on" and tok.head.head.lemma_ == "go":
            actor = _subject(tok.head.head)  # "youths went on a rampage", "went on strike"
        if actor is None:
            # "a call by Prime Minister Nakasone" (not whoever the sentence says followed it),
            # "a bombing by Basque separatists"
            actor = _prep_object(tok, ("by",))
        if actor is None and tok.dep_ == "pobj" and trigger.type not in ("MOBILIZE", "ASSAULT") and tok.head.lower_ not in OTHER_ACT_PREPS:
            governor = tok.head.head
            for _ in range(2):
                # "arrived in Algiers at the head of a delegation for talks": through the nouns
                # the act hangs from, to the verb.
                if tok.head.lower_ == "for" and governor.pos_ in ("NOUN", "PROPN") and governor.dep_ == "pobj":
                    governor = governor.head.head
            if governor.pos_ == "VERB":
                actor = _subject(governor)  # "Saddam Hussein arrived in Amman on a visit"
        if actor is None and tok.dep_ in ("dobj", "obj") and tok.head.pos_ == "VERB" and trigger.type not in ("MOBILIZE", "ASSAULT") and tok.head.lemma_.lower() not in _lexicon()["structural"]["causes"]:
            # "The judge opened investigations against officials", "X lodged a protest with Y"
            actor = _subject(tok.head)
            if target is None:
                for prep in (c for c in tok.head.children if c.dep_ == "prep" and c.lower_ in NOMINAL_TARGET_PREPS | {"with"}):
                    target = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if actor is None and trigger.type in ("MOBILIZE", "ASSAULT"):
            # "the staging of multiple rocket launch systems at Russian ports"
            # (not from a clause about the act: "the tanker attack, blamed by the Americans on Iran")
            clauses = {t.i for c in tok.children if c.dep_ in ("acl", "relcl", "appos", "conj", "cc") for t in c.subtree}
            actor = next((t for t in tok.subtree if t.ent_type_ == "NORP" and t.i != tok.i and t.i not in clauses), None)
        if actor is not None and actor.i == tok.i:
            actor = None  # "ties frayed by a threat": the act does not act
        return actor, target
    if trigger.received:
        return _giver(tok), _subject(tok)
    actor = _subject(tok)
    if actor is None and tok.lemma_.lower() in _lexicon()["constraints"]["pledging_passives"] and not any(c.dep_ == "agent" for c in tok.children):
        actor = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)  # "Vietnam is committed to opening up"
    if trigger.type in SYMMETRIC or (tok.lemma_.lower() in _lexicon()["constraints"]["reciprocal"] and not any(c.dep_ in ("dobj", "obj") for c in tok.children)):
        received = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if received is not None and trigger.type == "CONSULT":
            # "The minister was greeted on arrival by Belkacem Nabi": the host and the guest.
            # The tagger may hang "by" under another phrase ("on arrival by ...").
            by = (t for t in tok.subtree if t.lower_ == "by" or t.dep_ == "agent")
            host = actor or next((g for t in by for g in t.children if g.dep_ == "pobj"), None)
            return host, received
        partner = None
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "between")):
            partner = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if partner is None:
            # "Obama met Putin on Monday": whom the act is done with, as its object.
            partner = next((c for c in tok.children if (c.dep_ in ("dobj", "obj") and _is_party(c)) or (c.dep_ == "dative" and _named_party(c))), None)
        if partner is None and actor is not None:
            # "Putin and Obama met"; the tagger may hang the second name lower ("Barack Obama and ...").
            partner = next((c for c in actor.subtree if c.dep_ == "conj" and c.head.i in {t.i for t in actor.subtree}), None)
        return actor, partner
    passive_subject = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    target = next((c for c in _shared_objects(tok) if c.lemma_.lower() != trigger.needs), None)
    if passive_subject is not None and target is None:
        target = passive_subject
    dative = next((c for c in tok.children if c.dep_ == "dative" and _named_party(c)), None)
    if dative is not None and (target is None or not _is_party(target)):
        target = dative  # "promised opposition groups a package of reforms": to whom, not what
    if target is None:
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS | {"for"}):
            target = next((g for g in prep.children if g.dep_ == "pobj" and g.ent_type_ not in TIMES_AND_AMOUNTS), None)
            if target is not None:
                break
    if target is None and trigger.type == "THREATEN":
        # "threatened to ban opposition candidates": the threat is against whom the act would hit.
        act = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp")), None)
        if act is not None:
            target = next((c for c in act.children if c.dep_ in ("dobj", "obj")), None) or _prep_object(act, PARTY_PREPS)
    if target is None and trigger.type == "REQUEST":
        # "demanded that the DPRK forsake its nuclear program": who is asked is the subject of
        # what is asked.
        asked = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        target = _subject(asked) if asked is not None else None
    if trigger.type in ("MOBILIZE", "ASSAULT") and target is not None and target.dep_ in ("dobj", "obj") and _has_military([target]):
        # What is moved or fired is a weapon, not a target: "fired two missiles at Seoul"
        # hits whom the missiles were fired at.
        target = _party_behind(PARTY_PREPS, tok) if trigger.type == "ASSAULT" else None
    # Responses, and requests, look for the party behind "from" and "by" too: "dismissed an appeal
    # from Y", "is seeking help from donor governments".
    preps = PARTY_PREPS + (("from", "by") if trigger.type in RESPONSES or trigger.type == "REQUEST" else ())
    named_objects = _lexicon()["constraints"]["objects"].get((trigger.type, tok.lemma_.lower()), set())
    if target is not None and (_noun_type(target) == trigger.type or (target.lemma_.lower() in named_objects and not _is_party(target))):
        # "launched a major offensive (against Y)", "expressed regret": the act itself, or the
        # object its sense names, is not acted on.
        target = _party_behind(preps, target, tok)
    if target is not None and trigger.type in JUDGED and target.pos_ == "NOUN" and _noun_type(target) is not None:
        # "condemned the Israeli air raid on Tunis": an act is judged against whoever did it.
        doer = _prep_object(target, ("by",)) or _named_modifier(target)
        if doer is not None:
            return actor, doer
    if target is not None and not _is_party(target):
        # The object is a thing ("ratified an agreement with the EU", "will supply arms to
        # Israel"): the party is the one it is with, on, against or to.
        target = _party_behind(preps, target, tok) or target
    if target is not None and target.dep_ == "xcomp":
        target = None
    passive_participle = tok.tag_ == "VBN" or any(c.dep_ == "agent" for c in tok.children)
    participle = tok
    while participle.dep_ == "conj" and participle.head.i != participle.i:
        participle = participle.head  # "trained and armed by Iran": the first participle's noun
    if target is None and participle.dep_ == "acl" and passive_participle and participle.head.pos_ in ("NOUN", "PROPN"):
        target = participle.head  # "Cherif Chekatt, shot dead by police"
    return actor, target


# "demanded on Thursday": times and amounts behind a preposition are not targets.
TIMES_AND_AMOUNTS = {"DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}
# Named things that are not parties: "attacked Camp Shorabak" hits a place, not a group.
NOT_PARTIES = {"FAC", "LOC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE", "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}
# Responses to someone's proposal, demand or ban: "dismissed an appeal from President Gbagbo".
RESPONSES = ("REJECT", "CONCEDE", "AGREE")
PARTY_PREPS = ("with", "on", "against", "at", "to", "toward", "towards", "upon")


def _noun_type(tok: Token) -> str | None:
    """The PLOVER type the trigger lexicon gives a token's lemma as a noun ("raid": ASSAULT)."""
    entry = _lexicon()["nouns"].get(tok.lemma_.lower())
    return entry[0] if entry else None


def _named_modifier(tok: Token) -> Token | None:
    """A named party modifying a noun: "the Israeli raid", "Russia's offensive", "US airstrikes"."""
    return next((c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")), None)


def _party_behind(preps: tuple[str, ...], *heads: Token) -> Token | None:
    """The object of the first of these prepositions under the first head that has one, if it
    names a party ("an agreement with the EU", "fired missiles at Seoul")."""
    party = next((p for h in heads if (p := _prep_object(h, preps)) is not None), None)
    return party if party is not None and _is_party(party) else None


def _prep_object(tok: Token, preps: tuple[str, ...]) -> Token | None:
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in preps):
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if pobj is not None:
            return pobj
    return None


def _counted_group(tok: Token) -> Token:
    """The group a count names ("Hundreds of UN troops", "tens of thousands of Thais"), else the
    token itself."""
    while (tok.pos_ == "NUM" or is_quantity_head(tok.lemma_.lower())) and (counted := _prep_object(tok, ("of",))) is not None:
        tok = counted
    return tok


def _is_party(tok: Token) -> bool:
    """Whether a role filler names someone (a country, group, person or people), not a thing."""
    if tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
        return True
    if tok.pos_ in ("PROPN", "PRON") and tok.ent_type_ not in NOT_PARTIES:
        return True
    return sector_of_noun(tok.lemma_.lower()) is not None or sector_of_noun(tok.lower_) is not None


def _named_party(tok: Token) -> bool:
    """A noun that names a party, itself or by its modifier ("opposition groups", "Turkish police")."""
    group = _counted_group(tok)
    return group.pos_ in ("NOUN", "PROPN") and (_is_party(group) or any(c.dep_ in ("compound", "amod") and _is_party(c) for c in group.children))


ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "pobj", "attr", "dative"}


def _modality(trigger: Trigger) -> str:
    words = _lexicon()["modality"]
    chain = [trigger.token]
    head = trigger.token
    for _ in range(3):
        if head.head.i == head.i:
            break
        if head.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children) and head.head.dep_ not in ("ccomp", "xcomp", "advcl"):
            # "Iraq has never given figures but Hussein conceded": a clause of its own (but
            # "alleged that France knew and that its military helped" reports both).
            break
        if head.dep_ == "pobj" and head.head.lower_ in OTHER_ACT_PREPS | {"during"} and head.i == trigger.token.i:
            break  # "During the U.S. bombing of Libya, France refused ...": a circumstance
        head = head.head
        chain.append(head)
        if head.pos_ == "VERB" and head.lemma_ in _lexicon()["speech"]:
            break
    near = set()
    # "was not satisfied with the cuts and pressed for more": a negation of the first of two
    # acts joined by "and" is not the second's (one joined by "or" or "nor" is).
    joined_by_and = {
        chain[k + 1].i for k in range(len(chain) - 1)
        if chain[k].dep_ == "conj" and not any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in chain[k + 1].children)
    }
    for tok in chain:
        for child in tok.children:
            if tok.i in joined_by_and and (child.dep_ == "neg" or child.lower_ in words["negation"]):
                continue
            if child.dep_ in ARGUMENT_DEPS:
                continue  # an argument's own words are no modality of the act: "opposed plans to merge"
            near.add(child.lower_)
            near.add(child.lemma_.lower())
        near.add(tok.lemma_.lower())
    # "No major battles have been reported", "killed nobody": an argument that is no one or nothing.
    none_argument = any(
        c.dep_ in ARGUMENT_DEPS and (c.lower_ in words["negation"] or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children))
        for t in chain if t.i not in joined_by_and for c in t.children
    )
    if any(c.dep_ == "mark" and c.lower_ in words["conditional"] for c in trigger.token.children):
        return "hedged"  # "asked whether Iran had attacked", "did not say whether it would attack"
    denying = any(t.lemma_ in words["denial_verbs"] or _denies_with_particle(t, words) for t in chain[1:])
    if near & words["negation"] or none_argument or denying:
        negated = [t for t in chain[1:] if any(c.lower_ in words["negation"] for c in t.children)]
        if negated and all(t.lemma_.lower() in words["epistemic"] for t in negated) and not denying:
            return "hedged"  # "could not confirm reports that Iran had offered"
        return "denied"
    own = {c.lower_ for c in trigger.token.children}
    if own & words["possible"] and not own & words["hedges"]:
        return "possible"  # "to potentially launch airstrikes"
    hedged = (
        bool((near - {trigger.token.lemma_.lower()}) & words["hedges"])  # "seeking help" is asked, not hedged
        or any(t.lower_ in words["hedges"] for t in chain[1:])  # the tagger's lemma may be wrong ("hoped" -> "hop")
        or any(c.lower_ in words["conditional"] for t in chain for c in t.children)
        or any(t.lemma_.lower() in _lexicon()["contested"] for t in chain[1:])  # "claimed that ISIL had attacked"
    )
    if hedged:
        return "hedged"
    if near & words["possible"]:
        return "possible"
    tok = trigger.token
    if trigger.nominal and (governing := _governing_verb(tok)) is not None:
        tok = governing  # "would set up a joint intelligence cell": the verb's auxiliaries
    if not trigger.nominal and tok.dep_ == "conj":
        tok = tok.head  # "to train and equip": the infinitive marker sits on the first verb
    if not trigger.nominal and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and (
        tok.dep_ in ("advcl", "acl", "relcl") or tok.head.pos_ in ("NOUN", "PROPN") or (tok.dep_ == "conj" and tok.head.dep_ in ("advcl", "acl"))
    ) and not (tok.dep_ == "acl" and tok.head.lemma_.lower() in words["decisions"]):
        return "future"  # a purpose: "centers ... to train and equip rebels"
    auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if "would" in auxes and "have" in auxes:
        return "possible"  # counterfactual: "a resolution that would have imposed sanctions"
    if near & (words["future"] | words["obligation"]):
        return "future"  # an act someone must do has not happened yet
    if any(c.lower_ == "would" and c.dep_ == "aux" for c in tok.children) and any(t.lemma_ in _lexicon()["speech"] for t in chain[1:]):
        return "future"  # reported intention: "said they would boycott"
    if not trigger.nominal and tok.dep_ in ("xcomp", "ccomp", "advcl") and tok.head.lemma_.lower() in _lexicon()["commitment"]["heads"]:
        return "future"  # "have sworn to fight": promised, not yet done
    if _requested(chain):
        return "future"  # "urged the EC to support the PLO": asked for, not done
    if not trigger.nominal and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _lexicon()["object_control"] and any(c.dep_ in ("dobj", "obj") for c in tok.head.children):
        return "future"  # "to persuade the government to relax quotas": urged, not done
    if not trigger.nominal and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in _lexicon()["object_control"] and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return "future"  # "allowed [UN peacekeepers to deploy]": allowed, not yet done
    for k in (1, 2):
        if k < len(chain) and chain[k].lemma_.lower() in _lexicon()["threat_words"] and chain[k - 1].dep_ in ("xcomp", "ccomp"):
            return "future"  # "threatened to ban candidates", "threatened to institute a curfew": not done
    if trigger.nominal and len(chain) > 2 and chain[1].lower_ == "with" and chain[2].lemma_.lower() in _lexicon()["threat_words"]:
        return "future"  # "threatened Iran with sanctions": threatened, not imposed
    if near & words["background"] or _earlier_act(trigger):
        return "background"
    if not trigger.nominal and tok.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in tok.children):
        return "background"  # "the militant group that has seized parts of Iraq": who they are
    return "asserted"


def _denies_with_particle(tok: Token, words: dict) -> bool:
    """A verb that denies with its particle only: "ruled out accepting a U.N. force"."""
    return any(f"{tok.lemma_.lower()} {c.lower_}" in words["denial_phrasal"] for c in tok.children if c.dep_ == "prt")


def _earlier_act(trigger: Trigger) -> bool:
    """Whether the act is told as the background of another: in a clause opened by "after" or
    headed by "citing" ("..., a week after soldiers overthrew the president", "Citing a surge in
    attacks, France ..."), or a verb's participle describing a noun ("returned three trawlers
    seized last month")."""
    words = _lexicon()["modality"]
    tok = trigger.token
    if (
        not trigger.nominal and tok.dep_ == "acl" and tok.tag_ == "VBN" and quad_class(trigger.cameo) != 3
        and tok.head.dep_ in ("dobj", "obj", "pobj") and any(a.pos_ in ("VERB", "AUX") for a in tok.head.ancestors)
    ):
        # Not a charge or a threat: what is said of a noun ("the tanker attack, blamed ... on Iran")
        # may be the news. Not "A coalition of groups called on ...", a main verb misread as a participle.
        return True
    for _ in range(6):
        if tok.dep_ == "advcl" and (tok.lemma_.lower() in words["earlier_heads"] or any(
            # "after soldiers overthrew ...", "a month after protests forced ..." (the tagger may hang
            # "after" on the measure of time)
            (c.dep_ == "mark" and c.lower_ in words["earlier_marks"])
            or (c.dep_ == "npadvmod" and any(p.dep_ == "prep" and p.lower_ in words["earlier_marks"] for p in c.children))
            for c in tok.children
        )):
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _requested(chain: list[Token]) -> bool:
    """Whether a request word within two steps up governs the trigger as what is asked for
    ("urged the EC to support", "called for the release"), not as a circumstance ("called
    for protests following the slaying")."""
    words = _lexicon()["request_words"]
    for k in (1, 2):
        if k < len(chain) and chain[k].lemma_.lower() in words:
            path = chain[:k]
            return all(not (t.dep_ == "prep" and t.lower_ not in ("for", "to")) for t in path)
    return False


def _in_condition(tok: Token) -> bool:
    """Whether a token sits in a clause that states a condition ("if Israeli warplanes struck
    Beirut", "should it press ahead with its call")."""
    marks = _lexicon()["commitment"]["hostile_conditions"]
    head = tok
    for _ in range(4):
        if head.dep_ == "advcl" and head.head.i != head.i and _condition_clause(head.head, marks) is head:
            return True
        if head.head.i == head.i:
            return False
        head = head.head
    return False


def _asked_for(tok: Token) -> bool:
    """Whether an act sits within three steps below a word that asks, demands, refuses, allows or
    threatens ("demanding that Beijing allow suffrage", "urged the EC to support the PLO", "refused
    to end their walkout", "allowed IAEA inspectors to visit the plant", "threatened to institute
    a curfew")."""
    asking = _lexicon()["asking"]
    head = tok
    for _ in range(3):
        if head.head.i == head.i:
            return False
        head = head.head
        if head.pos_ in ("VERB", "NOUN") and head.lemma_.lower() in asking:
            return True
    return False


class _Coder:
    def __init__(self, doc: Doc, brief: Brief):
        self.doc = doc
        self.brief = brief
        article = brief.article
        self.actors = ActorCoder(brief.entities, brief.places, article.published)
        self.place_at = {}
        for place in brief.places:
            for m in place.mentions:
                for i in range(m.start, m.end):
                    self.place_at[i] = place
        # Sorted by start, for look-ups by position in long documents.
        self.times = sorted(brief.times, key=lambda t: t.span.start)
        self.time_starts = [t.span.start for t in self.times]
        self.quotes = sorted(brief.quotes, key=lambda q: q.span.start)
        self.quote_starts = [q.span.start for q in self.quotes]

    def actor(self, tok: Token | None) -> Actor | None:
        if tok is None:
            return None
        if tok.pos_ == "PRON" and tok.lower_ in ("it", "they", "we"):
            # "The United States announced it would prohibit aid": the speaker is "it".
            speaker = _speaker_of(tok)
            if speaker is not None:
                return self.actors.code(speaker)
            antecedent = _previous_subject(tok) if tok.lower_ == "they" else None
            if antecedent is None:
                return None
            # "Taliban gunmen attacked the camp. They killed 23 soldiers": the pronoun, coded
            # as the group the previous sentence was about.
            coded = self.actors.code(antecedent)
            span = _token_span(tok)
            return Actor(text=tok.text, span=span, code=coded.code if coded else None, sector=coded.sector if coded else None, entity_id=coded.entity_id if coded else None)
        if tok.pos_ == "PRON" and tok.lower_ in ("him", "her", "he", "she"):
            speaker = _speaker_of(tok) if tok.lower_ in ("he", "she") else None
            if speaker is not None and speaker.ent_type_ == "PERSON":
                return self.actors.code(speaker)  # "Reagan, who will meet Nakasone, said he would lift tariffs"
            entity = self.actors.mentions.person_before(tok.idx)
            if entity is not None:
                code, sector = self.actors.entity_code(entity)
                return Actor(text=tok.text, entity_id=entity.id, code=code, sector=sector, span=_token_span(tok))
            return None
        group = _counted_group(tok)
        if group is not tok:
            return self.actor(group)  # "Hundreds of UN troops withdrew": the troops act, not the number
        coded = self.actors.code(tok)
        if (coded is None or not coded.code) and tok.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for c in tok.children):
            # "Iraq said its warplanes hit two ships": the speaker's forces.
            speaker = _speaker_of(tok)
            owner = self.actors.code(speaker) if speaker is not None else None
            if owner is not None and owner.code:
                base = coded or Actor(text=tok.text, span=_token_span(tok))
                return base.model_copy(update={"code": owner.code, "sector": base.sector or sector_of_noun(tok.lemma_.lower())})
        return coded

    def countries(self, tokens, exclude: Token | None = None):
        """Actors coded from the countries, capitals and nationalities among `tokens`, in order."""
        skip = set(range(exclude.left_edge.i, exclude.right_edge.i + 1)) if exclude is not None else set()
        for tok in tokens:
            if tok.i in skip or _pro(tok):
                continue
            if tok.ent_type_ in ("GPE", "NORP", "LOC") and tok.ent_iob_ == "B":  # the tagger calls some capitals LOC
                end = tok.i + 1
                while end < len(tok.doc) and tok.doc[end].ent_iob_ == "I":
                    end += 1
                coded = self.actors.code(tok.doc[tok.i : end].root)  # "the Ivory Coast": its root
                if (coded is None or not coded.code) and (country := demonym_country(tok.text)) is not None:
                    coded = Actor(text=tok.text, code=country, span=_token_span(tok))
            elif (country := demonym_country(tok.text) or _country_at(tok)) is not None:
                # A nationality or country the tagger put inside another name ("British Defence
                # Secretary", "the Malaysia Airlines flight").
                coded = Actor(text=tok.text, code=country, span=_token_span(tok))
            else:
                continue
            if coded is not None and coded.code and len(coded.code) == 3:
                yield coded

    def country_in(self, tokens, base: Actor | None, avoid: str | None = None, exclude: Token | None = None) -> Actor | None:
        """An actor coded from the first country, capital or nationality among `tokens`."""
        coded = next((c for c in self.countries(tokens, exclude) if c.code != avoid), None)
        if coded is None or base is None:
            return coded
        return base.model_copy(update={"code": coded.code, "entity_id": base.entity_id or coded.entity_id})

    def state_agent(self, sent: SpacySpan, trigger: Trigger, agent: Token, actor: Actor, target_tok: Token | None) -> Actor:
        """Soldiers, police, courts and governments named with no nationality. "Its forces" and "the
        government" in a reported clause are the reporter's ("Malaysia's education minister said the
        government had given in"). Forces, police and courts serve the country of the place they act
        in ("Security forces fired tear gas at demonstrators in Khartoum"); officials, who travel,
        do not. Else the first country the sentence names outside the target, and for forces, police
        and courts last the place they act on. Unchanged when none is found."""
        owner = next((c for c in agent.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ != "PRON":
            return actor
        reporter = _reporter(owner if owner is not None else agent)
        reporter = _speaker_of(reporter) if reporter is not None and reporter.pos_ == "PRON" else reporter
        coded = self.actor(reporter) if reporter is not None else None
        if coded is not None and not coded.code:
            coded = self.country_in(reporter.subtree, coded)  # "Armenia's defence ministry", one ORG
        if coded is not None and coded.code and len(coded.code) == 3:
            return actor.model_copy(update={"code": coded.code})
        if owner is not None:
            return actor
        officials = actor.sector == "GOV"
        place_id = None if officials else self.location(sent, trigger, set())
        place = next((p for p in self.brief.places if p.id == place_id), None)
        if place is not None and (code := iso3(place.country_code)):
            return actor.model_copy(update={"code": code})
        outside = self.country_in(sent, actor, exclude=target_tok)
        if outside is not None or officials:
            return outside or actor  # "Roma community leaders called on the Slovak government"
        # "Security forces stormed a Lhasa monastery"
        return self.country_in(sent, actor) or actor

    def location(self, sent: SpacySpan, trigger: Trigger, exclude: set[str]) -> str | None:
        """A place the sentence puts something in, at or into; the trigger's own first."""

        def located(tok: Token) -> bool:
            for _ in range(4):
                if (settlement := settlement_named(tok)) is not None:
                    tok = settlement  # "in the city of Aleppo", "in the towns of Budennovsk and Kizlyar"
                    continue
                if tok.dep_ == "pobj":
                    return tok.head.lower_ in LOCATION_PREPS
                if tok.dep_ not in ("compound", "amod", "conj", "appos", "nmod", "npadvmod") or tok.head.i == tok.i:
                    return False
                tok = tok.head  # "the Latakia air base", "Idlib, Hamah and Latakia areas"
            return False

        preferred = [self.place_at[t.idx] for t in trigger.token.subtree if t.idx in self.place_at and located(t)]
        preferred += [self.place_at[t.idx] for t in sent if t.idx in self.place_at and located(t)]
        for place in preferred:
            if place.entity_id not in exclude:
                return place.id
        return None

    def when(self, sent: SpacySpan) -> tuple:
        lo, hi = bisect.bisect_left(self.time_starts, sent.start_char), bisect.bisect_left(self.time_starts, sent.end_char)
        times = self.times[lo:hi]
        for t in times:
            if t.resolved and t.kind in ("date", "range"):
                return t.start, (t.end if t.end != t.start else None), "sentence"
        anaphoric = any(a in sent.text.lower() for a in ANAPHORIC_TIMES)
        if anaphoric:
            window = self.times[bisect.bisect_right(self.time_starts, sent.start_char - 600) : lo]
            earlier = [t for t in window if t.resolved and t.kind == "date" and t.granularity == "day"]
            if earlier:
                return earlier[-1].start, None, "context"
        if self.brief.article.published:
            return self.brief.article.published, None, "publication"
        return None, None, "unknown"

    def announcer(self, trigger: Trigger, event: Event) -> Actor | None:
        """Who announces an act that has no doer of its own ("a curfew would be imposed on Jos,
        the administrator said"): the speaker, coded if possible."""
        if event.actor is not None:
            return None
        speaker = _speaker_of(trigger.token)
        return (self.actor(speaker) or _uncoded(speaker)) if speaker is not None else None

    def attribution(self, trigger: Trigger) -> tuple[Source | None, str | None]:
        pos = trigger.token.idx
        # Quotes can nest (a direct quote inside a reported clause): check the few that start before.
        i = bisect.bisect_right(self.quote_starts, pos)
        for quote in reversed(self.quotes[max(0, i - 8) : i]):
            if quote.span.start <= pos < quote.span.end:
                return quote.speaker, quote.id
        return Source(kind="outlet", name=self.brief.article.outlet) if self.brief.article.outlet else None, None

    def confidence(self, sent: SpacySpan, trigger: Trigger, actor: Actor | None, target: Actor | None, actor_inferred: bool = False) -> float:
        # A noun trigger that a verb governs as its object reads as that verb's act
        # ("Italy announced a suspension of air links", "Russia launched airstrikes").
        verbal = not trigger.nominal or (trigger.token.dep_ in ("dobj", "obj") and trigger.token.head.pos_ == "VERB")
        score = 0.55 if verbal else 0.45
        if actor is not None and actor.code:
            # An actor whose country is inferred, not named ("troops" in Rangoon), counts for less.
            score += 0.1 if actor_inferred else 0.2
        if target is not None and target.code:
            score += 0.1
        words = [t for t in sent if t.is_alpha]
        if len(words) > MAX_TOKENS:
            score -= 0.2
        if words and sum(t.is_upper for t in words) / len(words) > 0.6:
            score -= 0.25  # all-caps text parses badly
        if not any(t.pos_ in ("VERB", "AUX") for t in sent):
            score -= 0.2
        return round(min(0.95, max(0.05, score)), 3)

    def event(self, sent, trigger, actor_tok, target_tok, actor=None, target=None, modality=None) -> Event | None:
        if actor is None and actor_tok is not None and actor_tok.pos_ == "NOUN" and actor_tok.lemma_.lower() in _lexicon()["purpose_nouns"]:
            # "the goal should be to take the fight to ISIL": an aim is not the actor; whose aim it
            # is, when named ("Russia's goal"), acts, and the act is intended, not done.
            owner = next((c for c in actor_tok.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None)
            actor_tok = owner
            if (modality or _modality(trigger)) == "asserted":
                modality = "future"
        actor = actor or self.actor(actor_tok)
        target = target or self.actor(target_tok)
        if actor is None and trigger.type == "MOBILIZE":
            # "a small number of Russian long-range bombers being moved": whose forces move
            norp = next((t for t in sent if t.ent_type_ == "NORP" and t.head.i != t.i and find_equipment(t.head.text)), None)
            actor = self.actor(norp) if norp is not None else None
            if actor is not None:
                actor = actor.model_copy(update={"sector": actor.sector or "MIL"})
        if actor is None and actor_tok is not None and actor_tok.pos_ == "PRON" and actor_tok.lower_ in ("it", "they", "we", "he", "she"):
            # "Somali pirates said they would blow up the ship", "Tunisia's prime minister
            # announced he would resign": the speaker, coded if possible, else as named.
            speaker = _speaker_of(actor_tok)
            if speaker is not None:
                actor_tok, actor = speaker, self.actor(speaker)
        if actor is None and actor_tok is not None and (actor_tok.pos_ in ("NOUN", "PROPN") or _misread_name(actor_tok)):
            # A named or described party the lexicons cannot code is still the one acting
            # ("Judge Alejandro Rivera opened investigations"): keep it, uncoded.
            actor = _uncoded(actor_tok)
        if actor is None and target is None and target_tok is not None and trigger.type in ("ASSAULT", "COERCE", "RETREAT") and target_tok.pos_ in ("NOUN", "PROPN"):
            # Violence, repression and releases are events by whom they hit even when the doer
            # is unnamed ("the release of the prisoners", "seven demonstrators were killed").
            target = _uncoded(target_tok)
        if actor is None and target is None and (modality or _modality(trigger)) in ("future", "possible"):
            # "a curfew would be imposed on the city, the governor said": announced by the speaker.
            speaker = _speaker_of(trigger.token)
            if speaker is not None:
                actor_tok, actor = speaker, self.actor(speaker) or _uncoded(speaker)
        if actor is None and target is None and _unnamed_doer(trigger):
            # "Chlorine-filled barrel bombs were dropped on a residential block in Saraqeb": the
            # sentence's own news, in the passive, with its doer unnamed. Coded with the country
            # the sentence names as the side acted on, if any, and ranked low.
            passive = next((c for c in trigger.token.children if c.dep_ == "nsubjpass"), None)
            target = self.country_in(sent, None) or (_uncoded(passive) if passive is not None and passive.pos_ in ("NOUN", "PROPN") else None)
            if target is None:
                return None
        if actor is None and target is None:
            return None  # no one acting and no one acted on: context, not an event
        at_home = False
        if actor is not None and not actor.code and actor_tok is not None:
            # "A report released in the Rwandan capital": the country named inside the phrase.
            actor = self.country_in(actor_tok.subtree, actor) or actor
            if not actor.code and actor_tok.ent_type_ == "PERSON" and actor.sector in _lexicon()["constraints"]["state_sectors"]:
                # "President Levy Mwanawasa", "Lt. Gen. Prosper Avril": an official of the country
                # the sentence is about, other than the one acted on.
                actor = self.country_in(sent, actor, exclude=target_tok) or actor
            elif not actor.code and actor.sector in STATE_AGENT_SECTORS and _unnamed_agent(actor_tok, self.actors.mentions):
                actor = self.state_agent(sent, trigger, actor_tok, actor, target_tok)
                at_home = actor.code is not None
        actor_code = actor.code if actor is not None else None
        if trigger.type == "MOBILIZE" and target_tok is not None and _moved_force(target_tok):
            # "Russian long-range bombers being moved": the forces moved are no one acted on.
            target_tok, target = None, None
        if target is None or not target.code:
            # The acted-on side is often named only as a place or a nationality: the first
            # other country inside the target phrase, else elsewhere in the sentence.
            # Inside the phrase the actor's own country may be meant ("Uganda's president
            # threatened to ban Ugandan opposition candidates").
            inside = self.country_in(target_tok.subtree, target) if target_tok is not None else None
            elsewhere = sent
            if trigger.type in ("AGREE", "SUPPORT", "COOPERATE"):
                # "signed a ceasefire in Lusaka": where an agreement is signed is not a party to it.
                heads = [trigger.token, *(c for c in trigger.token.children if c.dep_ in ("dobj", "obj"))]
                venue = {t.i for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in VENUE_PREPS for t in p.subtree}
                elsewhere = [t for t in sent if t.i not in venue]
            if trigger.type == "MOBILIZE":
                # Forces are mobilised against someone ("along its border with Colombia", "after
                # North Korea announced a nuclear test"), not against whoever reports seeing it
                # ("U.S. intelligence has observed the staging of rocket launchers").
                observers = {t.i for h in trigger.token.ancestors for c in h.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
                elsewhere = [t for t in elsewhere if t.i not in observers]
            if at_home and trigger.type == "RETREAT":
                # Forces placed by where they are withdraw from home: no one else is named.
                target = inside if inside is not None and inside.code != actor_code else target
            else:
                # A state agent placed by where it acts acts there: "Troops broke up a student
                # rally in Rangoon" is Myanmar's against Myanmar's.
                avoid = None if at_home else actor_code
                target = inside or self.country_in(elsewhere, target, avoid=avoid, exclude=actor_tok) or target
            if target is not None and not target.code and actor_code and len(actor_code) == 3 and target_tok is not None and target_tok.pos_ == "NOUN" and _is_party(target_tok) and not trigger.received and target_tok.lemma_.lower() not in _lexicon()["foreign_people"] and target_tok.lower_ not in _lexicon()["foreign_people"]:
                # No other country in sight: people acted on at home ("Egyptian police dispersed
                # demonstrators") are the actor's compatriots. A guess, as coders of this kind make.
                target = target.model_copy(update={"code": actor_code})
        if target is None and target_tok is not None and target_tok.pos_ in ("NOUN", "PROPN") and trigger.type not in DOMESTIC_BY_DEFAULT:
            # As with actors: a described party or thing the lexicons cannot code is still the
            # one acted on ("the army hit three gunmen").
            target = _uncoded(target_tok)
        if target is None and actor_code and len(actor_code) == 3 and trigger.type in DOMESTIC_WHEN_UNNAMED:
            # Protest, repression and concession with no one named on the other side are domestic,
            # as PLOVER codes them ("students staged demonstrations" -> against their own government).
            # The target is inferred: it has no span in the text.
            target = Actor(text=_country_name(actor_code), code=actor_code, sector="GOV" if trigger.type == "PROTEST" else None)
        if trigger.type == "PROTEST" and actor is not None and not actor.code and actor_tok is not None and actor_tok.pos_ == "NOUN" and target is not None and target.code and len(target.code) == 3 and (target_tok is None or target_tok.ent_type_ != "NORP"):
            # Protesters named by what they are, against a government, are its people ("Islamic
            # fundamentalists continued their hunger strike to demand the resignation of the
            # Algerian president"), as the gold sets code them.
            actor = actor.model_copy(update={"code": target.code})
            at_home = True
        date, date_end, date_source = self.when(sent)
        # The actor's own place is not where it acts ("Moscow sent drones"); a place acted on is
        # ("shelled Idlib"), as is one a target was coded from ("killed protesters in Derry").
        exclude = {actor.entity_id} if actor is not None and actor.entity_id else set()
        source, quote_id = self.attribution(trigger)
        quantities = extract_quantities(sent) if trigger.type in ("MOBILIZE", "ASSAULT", "AID", "RETREAT", "COERCE") else []
        text = sent.text.strip()
        start = sent.start_char + sent.text.index(text) if text else sent.start_char
        return Event(
            id="",
            type=trigger.type,
            cameo_root=trigger.cameo[:2],
            quad_class=quad_class(trigger.cameo),
            actor=actor,
            target=target,
            location=self.location(sent, trigger, exclude),
            date=date,
            date_end=date_end,
            date_source=date_source,
            modality=modality or _modality(trigger),
            quantities=quantities,
            attribution=source,
            quote_id=quote_id,
            trigger=_trigger_span(trigger),
            evidence=Span(start=start, end=start + len(text), text=text),
            confidence=self.confidence(sent, trigger, actor, target, actor_inferred=at_home),
        )


def _deployments(sent: SpacySpan) -> list[tuple[Token, Token]]:
    """'600 Russian troops are in place', 'fighters are now at the air base': (be, subject)."""
    out = []
    for tok in sent:
        if tok.lemma_ == "be" and tok.pos_ in ("AUX", "VERB"):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("at", "in", "into", "inside", "near")]
            if subj is not None and preps and _has_military([subj]):
                out.append((tok, subj))
    return out


def _hostile_verb(tok: Token) -> bool:
    """Whether a verb is a conflict trigger (CAMEO quad class 3 or 4) in the lexicon."""
    senses = _lexicon()["verbs"].get(tok.lemma_.lower(), [])
    return tok.pos_ == "VERB" and any(quad_class(cameo) >= 3 for _, cameo, _ in senses)


def _accusations(sent: SpacySpan) -> list[tuple[Token, Token, Token]]:
    """(speech verb, speaker, accused) for "X said/confirmed that Y violated ..."."""
    lex = _lexicon()
    out = []
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_ in lex["speech"]:
            speaker = _subject(tok)
            for clause in (c for c in tok.children if c.dep_ == "ccomp"):
                if speaker is not None and _breaks_truce(clause):
                    continue  # "Pakistan violated the ceasefire by firing mortars": the fighting is the news
                if any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "may") for c in clause.children):
                    continue  # "saying the force would violate its sovereignty": a fear, not a charge
                if clause.lemma_ in lex["wrongdoing"] and any(c.dep_ == "prt" and c.lower_ in ("off", "up", "away") for c in clause.children):
                    continue  # "had broken off negotiations": a halt, not a breach
                if speaker is not None and (clause.lemma_ in lex["wrongdoing"] or (tok.lemma_ in lex["contested"] and _hostile_verb(clause))):
                    accused = _subject(clause)
                    if accused is not None:
                        out.append((tok, speaker, accused))
    return out


@dataclass
class Candidate:
    """A rule-coded event before the model has looked at the sentence."""

    trigger: Trigger
    actor_tok: Token | None
    target_tok: Token | None
    modality: str | None = None
    # Typed by a rule that weighed the sentence's structure ("rioters attacked police" is a
    # riot, "an ultimatum ... or face air strikes" a threat): the model does not re-type it.
    settled: bool = False


def _referred_request(trigger: Trigger) -> bool:
    """A request named as the thing answered, not made here: "the assistance Pyongyang had
    demanded", "the tents requested by Afghan authorities", "despite appeals from Tamil legislators"."""
    if trigger.type != "REQUEST":
        return False
    tok = trigger.token
    if not trigger.nominal:
        referred = tok.dep_ == "acl" and tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children)
        return referred or (tok.dep_ == "relcl" and any(a.lower_ in ("had", "has", "have") for a in tok.children if a.dep_ == "aux"))
    return tok.dep_ == "pobj" and tok.head.lower_ in ("despite", "notwithstanding")


def rule_candidates(sent: SpacySpan, coder: "_Coder | None" = None) -> list[Candidate]:
    """What the rules propose for one sentence (accusations, one deployment, lexicon triggers)."""
    out = []
    for verb, speaker, accused in _accusations(sent):
        trigger = Trigger("ACCUSE", "11", verb, nominal=False)
        out.append(Candidate(trigger, speaker, accused, "asserted" if _modality(trigger) == "asserted" else None, settled=True))
    deployments = _deployments(sent)
    if deployments:
        # One build-up per sentence, led by the subject whose side is known.
        coded = [(verb, subj) for verb, subj in deployments if coder is not None and (a := coder.actor(subj)) is not None and a.code]
        verb, subject = (coded or deployments)[0]
        out.append(Candidate(Trigger("MOBILIZE", "15", verb, nominal=False), subject, None))
    for verb, speaker, addressee in _obligations(sent):
        out.append(Candidate(Trigger("REQUEST", _default_cameo("REQUEST"), verb, nominal=False), speaker, addressee, "asserted", settled=True))
    for verb, speaker, menaced in _menaces(sent):
        out.append(Candidate(Trigger("THREATEN", "139", verb, nominal=False), speaker, menaced, "asserted", settled=True))
    cons = _lexicon()["constraints"]
    found = [(t, _not_an_amount(a), g) for t, a, g in ((t, *_roles(t)) for t in _triggers(sent)) if not _referred_request(t)]
    # "French rail workers struck against the pension plan": a labour strike is no figurative blow.
    found = [(t, a, g) for t, a, g in found if not _figurative(t, a, g, cons) or (t.token.lemma_.lower() == "strike" and _by_workers(t.token, a, cons))]
    triggers = [t for t, _, _ in found]
    for trigger, actor_tok, target_tok in found:
        lemma = trigger.token.lemma_.lower()
        lexical = trigger
        if lemma in cons["obstruct"] and trigger.type != "PROTEST" and _non_state(actor_tok, coder):
            # Protesters, workers or rebels blocking roads obstruct passage: CAMEO 144, PROTEST.
            trigger = Trigger("PROTEST", "14", trigger.token, trigger.nominal)
        elif trigger.type == "PROTEST" and not trigger.nominal and lemma in cons["official_protest"] and actor_tok is not None and not _non_state(actor_tok, coder):
            # "China protested against the visit": a state complains officially (CAMEO 114).
            trigger = Trigger("ACCUSE", "11", trigger.token, trigger.nominal)
        elif trigger.type == "ASSAULT" and trigger.nominal and trigger.token.dep_ == "pobj" and trigger.token.head.lower_ in ("to", "of", "in") and trigger.token.head.head.lemma_.lower() in cons["halted_by"]:
            # "ordered a halt to hostilities against Colombian army units": a ceasefire (0871).
            trigger = Trigger("RETREAT", "087", trigger.token, trigger.nominal)
        elif trigger.type == "AGREE" and not trigger.nominal and _promises_refusal(trigger.token):
            # "Sharon has vowed not to return the Golan Heights": a promised refusal.
            trigger = Trigger("REJECT", "12", trigger.token, trigger.nominal)
        elif trigger.type == "COERCE" and not trigger.nominal and lemma in cons["territorial"] and _takes_ground(trigger.token, cons):
            # "the group has seized parts of Iraq": taking ground is fighting (CAMEO 19).
            trigger = Trigger("ASSAULT", _default_cameo("ASSAULT"), trigger.token, trigger.nominal)
        elif trigger.type == "AGREE" and not trigger.nominal and _promises_hostility(trigger.token, triggers):
            # "The Taliban vowed to continue its fight": promising a hostile act is a threat.
            trigger = Trigger("THREATEN", _default_cameo("THREATEN"), trigger.token, trigger.nominal)
        elif trigger.type == "MOBILIZE" and not trigger.nominal and any(
            {(g := _counted_group(o)).lemma_.lower(), g.lower_} & (cons["crowds"] | cons["participants"]) for o in trigger.token.children if o.dep_ in ("dobj", "obj")
        ):
            # "Tehran mobilised crowds in every major city to protest": a demonstration organised.
            trigger = Trigger("PROTEST", "14", trigger.token, trigger.nominal)
        elif trigger.type == "MOBILIZE" and trigger.nominal and lemma in cons["nouns_need_military"] and _with_a_partner(trigger.token):
            # "drills with its Singaporean counterpart": an exercise held with a partner is joint.
            trigger = Trigger("COOPERATE", _default_cameo("COOPERATE"), trigger.token, trigger.nominal)
        elif trigger.type == "ASSAULT" and lemma in cons["dismissal"] and _dismisses(trigger.token):
            continue  # "fired the defence minister"
        elif trigger.type == "ASSAULT" and lemma == "strike" and _by_workers(trigger.token, actor_tok, cons) and (trigger.nominal or not any(c.dep_ in ("dobj", "obj") for c in trigger.token.children)):
            # "A strike by Brazil's 40,000 seafarers", "the teachers' strike", "Dock workers
            # struck against port employers": a labour strike.
            trigger = Trigger("PROTEST", "14", trigger.token, trigger.nominal)
        elif trigger.type == "ASSAULT" and not trigger.nominal and any(
            o.lemma_.lower() == "strike" and o.dep_ in ("dobj", "obj", "nsubjpass") and _by_workers(o, actor_tok, cons) for o in trigger.token.children
        ):
            # "Opposition leaders launched a hunger strike": the strike launched is a protest.
            trigger = Trigger("PROTEST", "14", trigger.token, trigger.nominal)
        elif trigger.type == "ASSAULT" and not trigger.nominal and lemma in cons["criticism_verbs"] and _reason_given(trigger.token, cons):
            # "attacking the Tories for failing the poor": criticism, not violence.
            trigger = Trigger("ACCUSE", "11", trigger.token, trigger.nominal)
        elif trigger.type == "ASSAULT" and not trigger.nominal and _tested(trigger.token):
            # "Iran has test-fired its Silkworm missile": a show of force, not an attack.
            trigger = Trigger("MOBILIZE", _default_cameo("MOBILIZE"), trigger.token, trigger.nominal)
        elif trigger.type == "COERCE" and lemma in cons["military_senses"] and actor_tok is not None and (
            _has_military([actor_tok]) or sector_of_noun(actor_tok.lemma_.lower()) == "MIL" or (trigger.nominal and actor_tok.ent_type_ in ("NORP", "GPE"))
        ):
            # "Israeli helicopter gunships raided south Lebanon": a military raid is an attack.
            trigger = Trigger("ASSAULT", _default_cameo("ASSAULT"), trigger.token, trigger.nominal)
        elif trigger.type == "CONCEDE" and not trigger.nominal and any(
            o.lemma_.lower() == "strike" and any(m.lower_ in cons["armed_strikes"] for m in o.children if m.dep_ in ("compound", "amod")) for o in _objects(trigger.token)
        ):
            # "halted air strikes on militant positions": de-escalation (CAMEO 087), not a strike called off.
            trigger = Trigger("RETREAT", "08", trigger.token, trigger.nominal)
        elif trigger.type == "ASSAULT" and not trigger.nominal and _with_means(trigger.token, cons["drills"]):
            # "warships paraded off the coast, firing live rounds in drills": a show of force.
            trigger = Trigger("MOBILIZE", _default_cameo("MOBILIZE"), trigger.token, trigger.nominal)
        elif trigger.type == "ACCUSE" and not trigger.nominal and lemma in cons["charging"] and _with_means(trigger.token, _lexicon()["structural"]["violent_means"]):
            # "militiamen charged protesters with clubs": a baton charge, violent repression (CAMEO 175).
            trigger = Trigger("ASSAULT", "175", trigger.token, trigger.nominal)
        elif trigger.type == "REJECT" and not trigger.nominal and any(c.dep_ == "advmod" and c.lower_ in cons["sexual"] for c in trigger.token.children):
            # "fighters sexually violated forty women" (CAMEO 1821)
            trigger = Trigger("ASSAULT", "18", trigger.token, trigger.nominal)
        elif trigger.type in ("ASSAULT", "COERCE") and not trigger.nominal and (lemma in cons["crowd_violence"] or _with_means(trigger.token, cons["throw_objects"])) and _civilian(actor_tok, coder) and (_counted_group(actor_tok).tag_ in ("NNS", "NNPS") or actor_tok.lemma_.lower() in cons["crowds"]):
            # "About 200 farmers occupied the regional governor's offices", "a mob attacked the
            # police station with stones": a crowd's sit-in or riot (CAMEO 1441, 145); one man
            # hurling a grenade attacks.
            trigger = Trigger("PROTEST", "14", trigger.token, trigger.nominal)
        elif trigger.type in ("ASSAULT", "COERCE") and actor_tok is not None and actor_tok.lower_ in cons["participants"] and not _has_military(_objects(trigger.token)):
            # "The building was demolished by a protester", "rioters attacked police": a riot
            # (launching missiles is not).
            trigger = Trigger("PROTEST", "14", trigger.token, trigger.nominal)
        elif trigger.type == "SUPPORT" and not trigger.nominal and lemma in cons["hosting_verbs"] and any(
            o.ent_type_ == "PERSON" or o.lemma_.lower() in cons["guests"] for o in _objects(trigger.token)
        ):
            # "Iran welcomed Venezuelan President Hugo Chavez to Tehran": hosting a visit (CAMEO 043).
            trigger = Trigger("CONSULT", "043", trigger.token, trigger.nominal)
        elif trigger.type in ("CONCEDE", "AGREE", "CONSULT", "AID") and not trigger.nominal and _admits_outsiders(trigger.token):
            # "Iraq allowed UN inspectors to enter", "Sudan accepted the deployment of a
            # joint force": allowing international involvement (CAMEO 086).
            trigger = Trigger("RETREAT", "08", trigger.token, trigger.nominal)
        # "received weapons from the government" is read from its shape (the giver behind "from"):
        # settled, like the rules' retypings. So is forces or weapons moved ("Moscow is sending
        # drones to Idlib"): a deployment by its object, not an attack unless a word says so.
        deployed = trigger.type == "MOBILIZE" and not trigger.nominal and lemma in cons["military"]
        out.append(Candidate(trigger, actor_tok, target_tok, settled=trigger is not lexical or trigger.received or deployed or _judges_named_act(trigger)))
    return _structural_acts(sent, out, coder)


# Acts a demand turns into a protest when a crowd does them ("stormed the parliament,
# demanding that the president resign"); cooperative acts and requests keep their type.
PROTESTABLE = {"ASSAULT", "COERCE", "REJECT", "SANCTION", "ACCUSE", "PROTEST", "RETREAT"}


def _admits_outsiders(verb: Token) -> bool:
    """Whether a verb of allowing lets outsiders in: its object, or the one it lets act, is a
    mission, monitors, a convoy or a deployment."""
    words = _lexicon()["structural"]
    lemma = verb.lemma_.lower()
    if lemma not in words["access_verbs"] and not (lemma in words["opening_verbs"] and any(c.lower_ == "open" for c in verb.children)):
        return False
    let_in = [_counted_group(o) for o in _objects(verb) if o.pos_ in ("NOUN", "PROPN")]
    for clause in (c for c in verb.children if c.dep_ in ("xcomp", "ccomp")):
        let_in += [c for c in clause.children if c.dep_ in ("nsubj", "dobj")]  # "allowed [monitors] to oversee"
    let_in += [g for g in [_prep_object(verb, ("to",))] if g is not None]  # "opened the delta to foreign relief workers"
    # "a team of EU election observers", "foreign relief workers": the words that say who comes in.
    named = [t for o in let_in for t in (o, *(c for c in o.children if c.dep_ in ("compound", "amod")))]
    return any(t.lemma_.lower() in words["outsiders"] or t.lower_ in words["outsiders"] for t in named)


def _ultimatum(verb: Token) -> Token | None:
    """The party given a deadline to act, if the verb sets one: "gave Bosnian Serb forces ten days
    to withdraw", "gave squatters 48 hours to leave or face eviction"."""
    cons = _lexicon()["constraints"]
    if verb.lemma_.lower() not in cons["ultimatum_verbs"]:
        return None
    args = [c for c in verb.children if c.dep_ in ("dobj", "obj", "dative", "iobj", "npadvmod")]
    span = next((a for a in args if a.lemma_.lower() in cons["ultimatum_spans"] or a.lower_ in cons["ultimatum_spans"]), None)
    party = next((a for a in args if a is not span and _is_party(a)), None)
    if span is None or party is None:
        return None
    act = [c for t in (verb, span) for c in t.children if c.dep_ in ("xcomp", "acl", "advcl", "relcl") and c.pos_ == "VERB"]
    return party if act else None


def _breaks_truce(verb: Token) -> bool:
    words = _lexicon()["structural"]
    return verb.lemma_.lower() in words["truce_breaking"] and any(o.lemma_.lower() in words["truces"] for o in _objects(verb))


def _ordered_out(verb: Token, words: dict) -> Token | None:
    """Who a verb of ordering sends away: "ordered IAEA inspectors to leave the complex", "gave
    French special forces one month to leave"."""
    if verb.lemma_.lower() not in words["ordering"]:
        return None
    ordered = next((c for c in verb.children if c.dep_ in ("dobj", "obj", "dative")), None)
    if ordered is None or ordered.pos_ not in ("NOUN", "PROPN"):
        return None
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in ordered.children):
        return None  # "told his troops to leave the city": one's own are not expelled
    for t in verb.subtree:
        clause = t.head if t.dep_ == "conj" else t  # "to shut its offices and leave"
        if t.pos_ == "VERB" and t.lemma_.lower() in words["leaving"] and clause.head.i in {verb.i, ordered.i} | {c.i for c in verb.children}:
            if any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
                return ordered
    return None


def _in_protest(verb: Token, words: dict) -> bool:
    """Whether a verb's act is done "in protest" or "in defiance"."""
    return any(
        c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pobj" and g.lemma_.lower() in words["protest_marks"] for g in c.children)
        for c in verb.children
    )


def _yielded_to(verb: Token, words: dict) -> set[int] | None:
    """The tokens of the demands a verb's act gives in to, or None: "resigned, bowing to weeks of
    demands", "gave in to opposition demands", "meeting the demand of West African mediators"."""
    def pressed(head: Token, deps=("dobj", "obj", "prep", "prt")) -> set[int]:
        # Only what the verb yields to or meets, not a clause of its own ("met to discuss the demands").
        args = [c for c in head.children if c.dep_ in deps]
        return {t.i for a in args for t in a.subtree if t.lemma_.lower() in words["pressures"] and t.pos_ in ("NOUN", "VERB")}

    if verb.lemma_.lower() in words["yielding"] and verb.dep_ not in ("advcl", "xcomp") and (found := pressed(verb)):
        if verb.lemma_.lower() != "give" or any((c.dep_ == "prt" and c.lower_ == "in") or (c.dep_ in ("dobj", "obj") and c.lower_ == "way") for c in verb.children):
            return found  # "gave in to", "gave way to" demands
    for c in verb.children:
        # "acceding to pressure from ...", which the tagger may read as "to [pressure]" (xcomp);
        # "Responding to a petition from indigenous federations, ...".
        if c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in words["yielding"] and (found := pressed(c, ("dobj", "obj", "prep", "prt", "xcomp"))):
            return found
        # "Responding to a petition from indigenous federations, ...", "resigned in response to
        # protesters' demands": only what is answered, not a circumstance inside it ("in response
        # to the army's killing of demonstrators").
        answer = c if c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in words["answering"] else None
        if c.dep_ == "prep" and c.lower_ == "in":
            answer = next((g for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in words["answering"]), None)
        answered = [g for p in (answer.children if answer is not None else []) if p.dep_ == "prep" and p.lower_ == "to" for g in p.children if g.dep_ == "pobj"]
        if any(g.lemma_.lower() in words["pressures"] for g in answered):
            return {g.i for g in answered}
    return None


def _after_demands(verb: Token, words: dict) -> set[int] | None:
    """The demand clause an act follows, if it follows one: "shelved its pension cuts after unions
    demanded a rethink", "restored the subsidy after labour unions demanded it"."""
    for c in verb.children:
        if c.dep_ == "advcl" and c.lemma_.lower() in words["pressures"] | words["demanding"] and any(m.dep_ == "mark" and m.lower_ in ("after", "following") for m in c.children):
            return {t.i for t in c.subtree}
    return None


def _violently(verb: Token, words: dict) -> bool:
    """Whether repression is done with weapons or blows: "dispersed the march with batons",
    "violently broke up the rally", "suppressed protests by shooting into crowds"."""
    if verb.lemma_.lower() not in words["repressing"]:
        return False
    if any(c.dep_ in ("advmod", "amod") and c.lower_ in words["violent_manner"] for c in verb.children):
        return True  # "violently broke up", "the army's violent dispersal of a sit-in"
    if any(c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in words["violent_acts"] for c in verb.children):
        return True  # "crushed a student uprising, shooting into crowds"
    return _with_means(verb, words["violent_means"] | words["violent_acts"], ("with", "by", "using"))


def _aid_given(verb: Token, objects: list[Token], words: dict) -> Token | None:
    """Relief goods a verb of carrying or handing moves to someone or somewhere, or refugees a
    verb of sheltering takes in; returns the recipient (a party, a place, or the sheltered
    people), or None."""
    lemma = verb.lemma_.lower()
    if lemma in words["sheltering"]:
        sheltered = next((o for o in objects if o.dep_ in ("dobj", "obj") and _counted_group(o).lemma_.lower() in words["sheltered"]), None)
        if sheltered is not None and (lemma != "take" or any(c.dep_ == "prt" and c.lower_ == "in" for c in verb.children)):
            return sheltered
        return None
    if lemma not in words["delivering"]:
        return None
    goods = [t for o in objects if o.dep_ in ("dobj", "obj") for t in o.subtree if t.lemma_.lower() in words["relief_goods"]]
    if not goods:
        return None
    # "rushed 20 tonnes of salts and antibiotics to Peru": the tagger may hang "to" on the goods.
    behind_goods = (g for o in objects if o.dep_ in ("dobj", "obj") for t in o.subtree if t.dep_ == "prep" and t.lower_ in ("to", "into") for g in t.children if g.dep_ == "pobj")
    return _prep_object(verb, ("to", "into", "for")) or next((c for c in verb.children if c.dep_ == "dative"), None) or next(behind_goods, None)


def _cooperation_partner(verb: Token, objects: list[Token], words: dict) -> Token | None:
    """The party an act carries an agreement out with, or trades with: "began pumping water to
    Jordan under the peace treaty", "began selling hydroelectric power to Djibouti"."""
    doer = _subject(verb)
    if doer is None or not _is_party(doer):
        return None
    lemma = verb.lemma_.lower()
    under = _prep_object(verb, ("under",))
    carried_out = under is not None and under.lemma_.lower() in words["agreements_carried_out"]
    if not carried_out and lemma not in words["trading"]:
        return None
    direct = [o for o in objects if o.dep_ in ("dobj", "obj")]
    if lemma in words["trading"] and (_has_military(direct) or any(t.lemma_.lower() in words["arms"] for o in direct for t in o.subtree)):
        return None  # arms sold are no trade here: handed to a party they are aid (`_arms_to_a_party`)
    doers = {doer.i} | {c.i for c in _conjuncts(doer)}
    parties = [c for c in verb.children if c.dep_ in ("dative", "dobj", "obj") and _named_party(c)]
    parties += [g for h in (verb, *direct) for p in h.children if p.dep_ in ("prep", "dative") and p.lower_ in ("to", "with", "alongside", "from") for g in p.children if g.dep_ == "pobj" and _is_party(g)]
    return next((p for p in parties if p.i not in doers and _country_at(p) != _country_at(doer)), None)


def _joint_act(verb: Token, objects: list[Token], words: dict) -> Token | None:
    """The partner of an act done jointly: a party "alongside" the doers, or "with" them when
    the act is marked as joint ("coordinated patrols with", "a shared customs post with")."""
    direct = [o for o in objects if o.dep_ in ("dobj", "obj")]
    alongside = _party_behind(("alongside",), verb, *direct)
    if alongside is not None:
        return alongside
    marked = any(c.dep_ in ("amod", "compound") and c.lower_ in words["joint_markers"] for o in direct for c in o.children)
    return _party_behind(("with",), verb, *direct) if marked else None


def _rallied_against(verb: Token, objects: list[Token], words: dict) -> Token | None:
    """What a verb of rallying turns people against ("rallied tribal elders against the
    amendment"): the object of "against" on the verb or on what it rallies, its owner when that
    names a party ("President Wade's bid"); None when the verb rallies no one against anything."""
    if verb.lemma_.lower() not in words["rallying"]:
        return None
    rallied = [o for o in objects if o.dep_ in ("dobj", "obj")]
    if not (rallied or verb.dep_ == "xcomp") or _has_military(rallied):
        return None  # "pensioners rallied against the reform" protest; troops mobilised are forces
    against = next((g for h in (verb, *rallied) if (g := _prep_object(h, ("against",))) is not None), None)
    if against is None:
        return None
    owner = next((c for c in against.children if c.dep_ == "poss"), None)
    return owner if owner is not None and not _is_party(against) and _is_party(owner) else against


def _protective(verb: Token, doer: Token | None = None, given: bool = False) -> bool:
    """Whether forces are sent to protect: peacekeepers or monitors sent (or sending), or a purpose
    of guarding, shielding or restoring order ("to protect foreign nationals"). Protection `given`
    (AID) is protection of people, not of buildings ("to guard government buildings")."""
    words = _lexicon()["commitment"]
    purposes = words["protecting_people"] if given else words["protective_purposes"]
    phrase = list(verb.subtree) + (list(doer.subtree) if doer is not None and doer.i not in {t.i for t in verb.subtree} else [])
    return any(t.lemma_.lower() in purposes if t.pos_ == "VERB" else t.lower_ in words["protective_forces"] for t in phrase)


def _invited(verb: Token, words: dict) -> bool:
    """Whether a verb is done "at the request of" or "at the invitation of" someone."""
    return any(
        p.dep_ == "prep" and p.lower_ == "at" and any(g.dep_ == "pobj" and g.lemma_.lower() in words["invited"] for g in p.children)
        for p in verb.subtree  # "sent paratroopers to guard the palace at the request of ..."
    )


def _support_drummed_up(verb: Token, objects: list[Token], words: dict) -> Token | None:
    """For whom a verb of rallying gathers support ("drum up backing for Sipho Moyo"), or None."""
    if verb.lemma_.lower() not in words["rallying"] or not any(o.dep_ in ("dobj", "obj") and o.lemma_.lower() in words["support_gathered"] for o in objects):
        return None
    return next((g for h in (verb, *objects) if (g := _prep_object(h, ("for",))) is not None), None)


def _diplomatic(verb: Token, words: dict) -> bool:
    """Whether a verb of cooperation is about diplomacy: a position, talks or a summit in its
    phrase, or done "diplomatically"."""
    return any(t.lower_ in words["diplomatic"] or t.lemma_.lower() in words["diplomatic"] for t in verb.subtree if t.i != verb.i)


def _violence_code(verb: Token, objects: list[Token], words: dict) -> str | None:
    """The CAMEO code of coercion that is violence (ASSAULT), or None: repression with weapons or
    blows (175), a land purged of its people (203: "purged the Krajina region of its ethnic Serb
    population"), people expelled by the thousand (201)."""
    lemma = verb.lemma_.lower()
    if _violently(verb, words):
        return "175"
    if lemma in words["purging"] and any(
        g.lemma_.lower() in words["populations"] for h in (verb, *objects) for p in h.children if p.dep_ == "prep" and p.lower_ in ("of", "from") for g in p.children
    ):
        return "203"
    if lemma in words["expelling"] and any(_by_the_thousand(o) for o in objects):
        return "201"
    return None


def _people_sent_away(verb: Token, objects: list[Token], words: dict) -> Token | None:
    """The people a verb of moving sends out against their will, or None: sent "back" or "home",
    moved "forcibly", or across a border ("trucked thousands of cane cutters across the border")."""
    if verb.lemma_.lower() not in words["sending_away"]:
        return None
    people = next((o for o in objects if _people(_counted_group(o))), None)
    if people is None or _counted_group(people).lemma_.lower() in words["captives"]:
        return None  # "sent home four prisoners of war": a release
    away = any(c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "home") for c in verb.children)
    away = away or any(c.dep_ == "advmod" and c.lower_ in words["violent_manner"] for c in verb.children)
    away = away or any(
        p.dep_ == "prep" and p.lower_ in ("across", "over") and any(g.lemma_.lower() in words["borders"] for g in p.children)
        for p in verb.children
    )
    return people if away else None


def _people(tok: Token) -> bool:
    """Whether a noun names people of no state office: migrants, workers, families."""
    lemma = tok.lemma_.lower()
    if lemma in _lexicon()["foreign_people"] or tok.lower_ in _lexicon()["foreign_people"] or sector_of_noun(lemma) == "CVL" or sector_of_noun(tok.lower_) == "CVL":
        return True
    # "3,000 Haitian cane cutters", "80,000 Congolese diamond diggers": a people's members.
    return tok.tag_ == "NNS" and any(c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP" for c in tok.children)


def _retyped(c: Candidate, etype: str, cameo: str) -> Candidate:
    """A rule candidate read again by a structural rule: same word, roles and modality, settled."""
    return Candidate(Trigger(etype, cameo, c.trigger.token, c.trigger.nominal), c.actor_tok, c.target_tok, c.modality, settled=True)


def _expelled_en_masse(verb: Token, objects: list[Token]) -> bool:
    """Whether the people a verb sends away are counted in thousands or said to go "en masse"."""
    people = next((o for o in objects if _people(_counted_group(o))), None)
    if people is None:
        return False
    return _by_the_thousand(people) or any(t.lower_ == "masse" for c in verb.children if c.dep_ in ("advmod", "prep", "npadvmod") for t in c.subtree)


def _by_the_thousand(tok: Token) -> bool:
    """Whether a phrase counts people in thousands ("thousands of Egyptian workers", "about 15,000
    Haitians"; from 5,000: "more than 1,200 workers" deported is no mass expulsion)."""
    for t in tok.subtree:
        if t.lower_ in ("thousands", "millions", "tens"):
            return True
        if t.like_num:
            try:
                if float(t.text.replace(",", "")) >= 5000:
                    return True
            except ValueError:
                pass
    return False


def _demand_clause(verb: Token, words: dict) -> Token | None:
    """The clause that says what a verb's doers want: "..., demanding that the Taliban restore
    rights", "... to press for the removal of the prime minister"."""
    held = [o for o in verb.children if o.dep_ in ("dobj", "obj")]  # "began a hunger strike demanding ..."
    held += [s for s in verb.children if s.dep_ == "nsubj"]  # "villagers demanding land titles set fire to ..."
    for c in [c for h in [verb, *held] for c in h.children]:
        if c.dep_ in ("advcl", "xcomp", "conj", "acl") and c.pos_ == "VERB" and c.lemma_.lower() in words["demand_clauses"]:
            if c.lemma_.lower() == "call" and not any(p.dep_ in ("prep", "prt") and p.lower_ in ("for", "on", "upon") for p in c.children):
                continue  # "..., calling the arrests a dark day": naming, not demanding
            if c.lemma_.lower() == "insist" and not any(p.dep_ == "prep" and p.lower_ == "on" or p.dep_ == "ccomp" and p.tag_ == "VB" for p in c.children):
                continue  # "insisting he retained a majority": a claim; "insisting Akayev stand down" demands
            if c.tag_ == "VBG" or any(a.dep_ == "aux" and a.lower_ == "to" or a.dep_ == "mark" and a.lower_ in ("as", "while") for a in c.children):
                return c
    return None


def _crowd(actor_tok: Token, coder: "_Coder | None") -> bool:
    """Whether the doers are people acting for no state: students, workers, or a people named by
    its demonym ("Thais", "Tibetans")."""
    if _non_state(actor_tok, coder):
        return True
    actor = coder.actor(actor_tok) if coder is not None else None
    return (actor is None or not actor.sector) and actor_tok.ent_type_ in ("", "NORP") and actor_tok.tag_ in ("NNS", "NNPS", "NNP") and actor_tok.text.endswith("s")


def _structural_acts(sent: SpacySpan, candidates: list[Candidate], coder: "_Coder | None") -> list[Candidate]:
    """Acts read from a sentence's shape rather than from one word (lexicon `structural`): breaking
    a truce is fighting (CAMEO 196), ordering a party out is expelling it (166, 174), an act done
    in protest or to press a crowd's demand is a protest (14), and one done giving in to demands
    is a concession (083). These replace the lexical reading at the same word, and are settled."""
    words = _lexicon()["structural"]
    out = list(candidates)
    at = {c.trigger.token.i: k for k, c in enumerate(out)}

    def put(c: Candidate) -> None:
        k = at.get(c.trigger.token.i)
        if k is None:
            at[c.trigger.token.i] = len(out)
            out.append(c)
        else:
            out[k] = c

    def drop(unwanted) -> None:
        out[:] = [c for c in out if not unwanted(c)]
        at.clear()
        at.update((c.trigger.token.i, k) for k, c in enumerate(out))

    for c in list(out):
        if c.trigger.nominal and c.trigger.type == "COERCE" and _violently(c.trigger.token, words):
            put(_retyped(c, "ASSAULT", "175"))
        elif not c.trigger.nominal and c.trigger.type == "MOBILIZE" and _modality(c.trigger) == "asserted" and _invited(c.trigger.token, words):
            # "France sent 600 paratroopers to Bangui at the request of the Central African
            # government": forces lent to a government (CAMEO 074, AID).
            put(_retyped(c, "AID", "074"))
        elif not c.trigger.nominal and c.trigger.type == "PROTEST" and c.trigger.token.lemma_.lower() == "rally" and (backed := _prep_object(c.trigger.token, tuple(words["rallied_behind"]))) is not None:
            # "called on Arab League members to rally behind the Palestinian delegation": backing (053).
            put(Candidate(Trigger("SUPPORT", "053", c.trigger.token, nominal=False), c.actor_tok, backed, c.modality, settled=True))
        elif not c.trigger.nominal and c.trigger.type == "MOBILIZE" and _modality(c.trigger) == "asserted" and _protective(c.trigger.token, c.actor_tok, given=True):
            # "Nigeria deployed 2,000 peacekeeping troops to Liberia", "deployed 600 soldiers to
            # Ivory Coast to protect foreign nationals": protection given (CAMEO 074, AID).
            put(_retyped(c, "AID", "074"))
        elif not c.trigger.nominal and c.trigger.type == "COOPERATE" and _diplomatic(c.trigger.token, words):
            # "coordinated negotiating positions with Argentina", "working hand in hand with
            # Moscow's envoys to prepare fresh talks": diplomatic cooperation (CAMEO 050, SUPPORT).
            put(_retyped(c, "SUPPORT", "050"))
    for tok in sent:
        if tok.pos_ != "VERB":
            continue
        lemma = tok.lemma_.lower()
        objects = _objects(tok)
        if _breaks_truce(tok):
            put(Candidate(Trigger("ASSAULT", _default_cameo("ASSAULT"), tok, nominal=False), _subject(tok), None, "asserted", settled=True))
            broken = {o.i for o in objects}
            drop(lambda c: c.trigger.token.i in broken)  # the truce broken is no truce declared
            continue
        k = at.get(tok.i)
        sent_away = _people_sent_away(tok, objects, words) if k is None or out[k].trigger.type not in ("COERCE", "ASSAULT") else None
        if sent_away is not None:
            # "sent back 3,000 Haitian cane cutters across the border", "forcibly returned 109
            # Uighur migrants to China": deportation (174), by the thousand mass expulsion (201).
            mass = _by_the_thousand(sent_away)
            put(Candidate(Trigger("ASSAULT" if mass else "COERCE", "201" if mass else "174", tok, nominal=False), _subject(tok), sent_away, settled=True))
            continue
        if k is not None and out[k].trigger.type == "COERCE" and lemma in words["sending_away"] and _expelled_en_masse(tok, objects):
            # "deported around 3,000 Uzbek labourers en masse", "expelled 20,000 Haitians": mass
            # expulsion (CAMEO 201), not a deportation.
            put(_retyped(out[k], "ASSAULT", "201"))
            continue
        if k is not None and out[k].trigger.type == "COERCE" and (cameo := _violence_code(tok, objects, words)) is not None:
            put(_retyped(out[k], "ASSAULT", cameo))
            continue
        if k is not None and out[k].trigger.type == "COERCE" and lemma in words["sentencing"] and tok.dep_ in ("conj", "advcl") and tok.head.i in at and out[at[tok.head.i]].trigger.type == "ACCUSE" and tok.head.lemma_.lower() in words["verdicts"]:
            drop(lambda c: c.trigger.token.i == tok.i)  # "convicted four activists and sentenced them"
            continue
        if k is None and (given := _aid_given(tok, objects, words)) is not None:
            # "Convoys of the WFP brought 2,500 tonnes of wheat into northern Afghanistan", "Albania
            # has taken in more than 300,000 refugees": relief delivered or shelter given (CAMEO 07).
            put(Candidate(Trigger("AID", "07", tok, nominal=False), _subject(tok), given if _is_party(given) else None))
            continue
        if k is None and (partner := _joint_act(tok, objects, words)) is not None and _subject(tok) is not None:
            # "mounted coordinated patrols with Ecuadorean officers", "carried out live-fire
            # training alongside Azerbaijani commandos": an act done jointly with a party (CAMEO 06).
            put(Candidate(Trigger("COOPERATE", "06", tok, nominal=False), _subject(tok), partner))
            continue
        if k is None and (partner := _cooperation_partner(tok, objects, words)) is not None:
            # "began pumping 50 million cubic metres of water to Jordan under the peace treaty":
            # an agreement carried out, or trade, with a party (CAMEO 06).
            put(Candidate(Trigger("COOPERATE", "06", tok, nominal=False), _subject(tok), partner))
            continue
        stopped = next((c for c in tok.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i in at and out[at[c.i]].trigger.type in ("AID", "COOPERATE")), None)
        if stopped is not None and lemma in _lexicon()["constraints"]["halt_verbs"] and _subject(tok) is not None:
            # "stopped distributing food to displaced families": aid cut off (CAMEO 162), not given.
            drop(lambda c: c.trigger.token.i == stopped.i)
            put(Candidate(Trigger("SANCTION", "16", tok, nominal=False), _subject(tok), _prep_object(stopped, ("to",)), settled=True))
            continue
        backed = _support_drummed_up(tok, objects, words) if k is None else None
        if backed is not None:
            # "toured European capitals to drum up backing for a jailed unionist": rallying
            # support for a party (CAMEO 053).
            put(Candidate(Trigger("SUPPORT", "053", tok, nominal=False), _subject(tok), backed))
            continue
        opposed = _rallied_against(tok, objects, words)
        if opposed is not None:
            # "rallied supporters against President Wade's bid", "drummed up support against the
            # referendum", "to form a united front against Iran": rallying opposition (CAMEO 113).
            put(Candidate(Trigger("ACCUSE", "113", tok, nominal=False), _subject(tok), opposed, settled=True))
            continue
        ordered_out = _ordered_out(tok, words)
        if ordered_out is not None:
            etype = "COERCE" if ordered_out.ent_type_ == "PERSON" else "SANCTION"
            put(Candidate(Trigger(etype, "174" if etype == "COERCE" else "166", tok, nominal=False), _subject(tok), ordered_out, "asserted", settled=True))
            continue
        given = _ultimatum(tok)
        if given is not None:
            # "NATO gave Bosnian Serb forces ten days to withdraw their heavy weapons" (CAMEO 139);
            # what they must do is no act of theirs yet.
            demanded = {t.i for c in tok.children if c.dep_ in ("xcomp", "ccomp", "advcl", "acl") for t in c.subtree}
            demanded |= {t.i for o in objects for c in o.children if c.dep_ in ("acl", "relcl") for t in c.subtree}
            drop(lambda c: c.trigger.token.i in demanded)
            put(Candidate(Trigger("THREATEN", "139", tok, nominal=False), _subject(tok), given, "asserted", settled=True))
            continue
        if _in_protest(tok, words) and (actor_tok := _subject(tok)) is not None and _crowd(actor_tok, coder):
            k = at.get(tok.i)
            target_tok = out[k].target_tok if k is not None else None
            site = tok
            if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _lexicon()["constraints"]["refusals"]:
                # "refused to pay land taxes in protest": the refusal is the protest (civil disobedience).
                drop(lambda c: c.trigger.token.i == tok.i)
                site = tok.head
            put(Candidate(Trigger("PROTEST", "14", site, nominal=False), actor_tok, target_tok, settled=True))
            held_objects = {o.i for o in objects}
            drop(lambda c: c.trigger.token.i in held_objects)  # "laid siege to the prefecture in protest": the protest's form
            continue
        yielded = _yielded_to(tok, words)
        k = at.get(tok.i)
        if yielded is None and _subject(tok) is not None and (out[k].trigger.type in CONCEDING if k is not None else lemma in words["conceding_acts"]):
            # A policy dropped or a measure granted after a demand answers it (CAMEO 083x).
            yielded = _after_demands(tok, words)
        if yielded is not None:
            drop(lambda c: c.trigger.type == "REQUEST" and c.trigger.token.i in yielded)  # the demands given in to are no new request
            k = at.get(tok.i)
            target_tok = out[k].target_tok if k is not None else None
            put(Candidate(Trigger("CONCEDE", "083", tok, nominal=False), _subject(tok), target_tok, settled=True))
            continue
        demand = _demand_clause(tok, words)
        if demand is None:
            continue
        actor_tok = _subject(tok)
        if actor_tok is not None:
            actor_tok = _counted_group(actor_tok)  # "Tens of thousands of Thais": the Thais
        if actor_tok is None or any(o.lemma_.lower() in words["written"] for o in objects):
            continue
        # "Opposition MP Julius Ngeno and hundreds of supporters blocked the highway": a crowd
        # among the doers; "led 20,000 protesters to the parliament": a crowd led.
        led = lemma in words["leading"] and any(_crowd(_counted_group(o), coder) for o in objects)
        if not (led or _crowd(actor_tok, coder) or any(_crowd(_counted_group(c), coder) for c in _conjuncts(actor_tok))):
            continue
        asked = out[at[demand.i]].target_tok if demand.i in at else None
        held = next((o for o in objects if o.i in at), None)  # "launched a hunger strike demanding ..."
        if led:
            site = tok
        elif tok.i in at:
            if out[at[tok.i]].trigger.type not in PROTESTABLE:
                continue
            site = tok
        elif held is not None and out[at[held.i]].trigger.type in PROTESTABLE:
            site = held
        elif lemma in words["crowd_acts"]:
            site = tok
        elif (named := next((o for o in objects if _noun_type(o) == "PROTEST"), None)) is not None:
            site = named  # "declared an open-ended fast ..., seeking family visits"
        else:
            continue
        put(Candidate(Trigger("PROTEST", "14", site, nominal=site.pos_ != "VERB"), actor_tok, asked, settled=True))
        # The crowd's other acts in the clause are the same protest ("stormed the building,
        # setting it ablaze and clashing with police").
        top = tok
        while top.dep_ in ("conj", "advcl") and top.head.i != top.i and top.head.pos_ == "VERB":
            top = top.head
        linked = [top]
        for verb in linked:
            linked.extend(c for c in verb.children if c.dep_ in ("conj", "advcl") and c.pos_ == "VERB" and c.i != demand.i)
        for other in (v for v in linked if v.i in at and v.i != tok.i):
            k = at[other.i]
            if out[k].trigger.type in PROTESTABLE - {"PROTEST"}:
                out[k] = Candidate(Trigger("PROTEST", "14", other, nominal=False), out[k].actor_tok, out[k].target_tok, settled=True)
    for tok in sent:
        intent = _stated_intent(tok, out)
        if intent is not None:
            put(intent)
    for k, c in enumerate(out):
        crowd = _crowd_demanding(c, out, words, coder)
        if crowd is not None:
            # "Crowds ... filled central Belgrade, demanding that Milosevic step down", "Hundreds
            # of villagers squatted on railway tracks to demand job quotas": whatever the parser
            # made of the crowd's act, a crowd pressing a demand is protesting (CAMEO 14).
            out[k] = Candidate(Trigger("PROTEST", "14", c.trigger.token, nominal=False), crowd, c.target_tok, settled=True)
    protests = {c.trigger.token.i for c in out if c.trigger.type == "PROTEST"}
    # What a protest demands is its aim, not a second act ("went on hunger strike to demand ...",
    # "a general strike called to demand an end to ...").
    drop(lambda c: c.trigger.type == "REQUEST" and not c.trigger.nominal and bool(_protest_near(c.trigger.token, words) & protests))
    return out


def _crowd_demanding(c: Candidate, candidates: list[Candidate], words: dict, coder: "_Coder | None") -> Token | None:
    """The crowd whose demand a request candidate is, when it hangs as a participle or a purpose
    clause ("..., demanding", "to demand") from a crowd or from an act no other candidate codes."""
    verb = c.trigger.token
    if c.trigger.type != "REQUEST" or c.trigger.nominal or not _protest_near(verb, words):
        return None
    doer = c.actor_tok
    if doer is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        doer = verb.head  # "Hundreds of Dalit villagers ..., to demand": the tagger hangs the clause on them
    if doer is None or doer.pos_ == "PRON":
        return None
    doer = _counted_group(doer)
    if not (_crowd(doer, coder) and _civilian(doer, coder)) or verb.head.lemma_.lower() in words["written"]:
        return None  # "the PKK issued a declaration demanding ...": a party's written demand
    coded = {o.trigger.token.i for o in candidates if o is not c}
    if verb.head.i in coded:
        return None  # the act it hangs from is coded: the structural rules above decide
    return doer


def _stated_intent(verb: Token, candidates: list[Candidate]) -> Candidate | None:
    """A party's stated intention to do an act no lexicon word names is itself an act (CAMEO 03,
    12, 13): "Uzbekistan would share water-management equipment with Tajikistan" is a promise
    (AGREE), "Tokyo would not extend the assistance" a refusal (REJECT), and an act held over the
    other side's conduct a threat ("drivers would stage go-slow convoys if the government pressed
    ahead"). Only a verb with "will"/"would" or under a head of commitment ("was prepared to
    share") that no candidate covers, whose subject is a party."""
    if verb.pos_ != "VERB":
        return None
    words = _lexicon()["commitment"]
    lemma = verb.lemma_.lower()
    if lemma in words["no_acts"]:
        return None
    near = {verb.i} | {c.i for c in verb.children if c.dep_ in ("dobj", "obj", "xcomp", "ccomp", "attr")}
    near |= {g.i for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"}
    if any(c.trigger.token.i in near or (c.trigger.token.i == verb.head.i and verb.dep_ == "xcomp") for c in candidates):
        return None
    nouns = _lexicon()["nouns"]
    if any(o.lemma_.lower() in nouns for o in _objects(verb)):
        return None  # "will hold its first air combat exercise": the noun names the act
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    head = verb.head if verb.dep_ == "xcomp" and verb.head.i != verb.i else None
    if head is not None and head.pos_ == "ADJ" and head.dep_ == "acomp" and head.lemma_.lower() in words["heads"]:
        committed = True  # "was prepared to share"
    else:
        committed = bool(auxes & words["auxiliaries"]) and verb.dep_ in ("ROOT", "ccomp", "conj")
    warned = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _lexicon()["constraints"]["warnings"]
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if not committed or (passive and not warned):
        return None
    subject = _subject(verb)
    if passive:
        # "warned local cadres that anyone falsifying figures would be stripped of their posts":
        # the warner threatens whoever would suffer it.
        speaker, subject = _subject(verb.head), next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if speaker is None or subject is None:
            return None
        return Candidate(Trigger("THREATEN", "13", verb, nominal=False), speaker, subject if _is_party(subject) else None, "asserted")
    if subject is None or not _is_party(subject) or subject.lower_ in ("there", "this", "that", "which", "what"):
        return None
    negation = [c for c in verb.children if c.dep_ == "neg"]
    if any(c.lower_ == "longer" for c in verb.children if c.dep_ == "advmod") or any(c.head.lower_ == "longer" for c in verb.subtree if c.lower_ == "no"):
        return None  # "would no longer need state approval": a restriction lifted, no refusal
    target = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")), None)
    target = target if target is not None else _party_behind(("with", "to", "for"), verb)
    if negation:
        return Candidate(Trigger("REJECT", "12", verb, nominal=False), subject, target, "asserted")
    # The condition may hang on a conjoined verb ("would enter and hold a strip if ...").
    clauses = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    conditions = [k for v in clauses if (k := _condition_clause(v, words["hostile_conditions"])) is not None]
    # "would take away the licences of hawkers who refused to move": those who defy are punished.
    defiers = [t for o in _objects(verb) for t in o.subtree if t.dep_ == "relcl"]
    defied = any(t.lemma_.lower() in words["defiance"] or t.lower_ in words["defiance"] for k in conditions + defiers for t in k.subtree)
    if defied or warned or any(t.lower_ in words["conditions"] for v in clauses for t in v.subtree):
        return Candidate(Trigger("THREATEN", "13", verb, nominal=False), subject, target, "asserted")
    return Candidate(Trigger("AGREE", "03", verb, nominal=False), subject, target, "asserted")


def _protest_near(verb: Token, words: dict) -> set[int]:
    """Where a demand clause hangs: its head, what the head holds, and the noun an `acl` head
    qualifies. Empty unless the verb is a demand clause ("..., demanding", "to press for")."""
    if verb.lemma_.lower() not in words["demand_clauses"] or verb.dep_ not in ("advcl", "xcomp", "acl") or verb.head.i == verb.i:
        return set()
    if not (verb.tag_ == "VBG" or any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)):
        return set()
    head = verb.head
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        # "Demonstrators calling for the resignation ... hurled petrol bombs": the crowd's protest.
        return {head.i} | {v.i for v in head.ancestors if v.pos_ == "VERB"}
    near = {head.i} | {c.i for c in head.children if c.dep_ in ("dobj", "obj")}
    near |= {g.i for c in head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"}
    if head.dep_ in ("acl", "relcl") and head.head.i != head.i:
        near.add(head.head.i)
    return near


HOSTILE = {"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
# Acts that may answer a demand: "shelved the cuts after unions demanded a rethink".
CONCEDING = {"CONCEDE", "RETREAT", "AGREE", "SUPPORT"}


def _path_up(tok: Token, top: Token) -> list[Token]:
    """The tokens from `tok` up to (not including) `top`."""
    path = []
    while tok.i != top.i and tok.head.i != tok.i:
        path.append(tok)
        tok = tok.head
    return path


def _reason_given(verb: Token, cons: dict) -> bool:
    """Whether the verb gives a reason ("for failing the poor", "over its handling"), not a time."""
    return any(
        c.dep_ == "prep" and c.lower_ in cons["criticism_preps"] and any(g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in TIMES_AND_AMOUNTS for g in c.children)
        for c in verb.children
    )


def _tested(verb: Token) -> bool:
    """Whether the verb is the second half of "test-fired" or "test-launched"."""
    doc = verb.doc
    return verb.i >= 2 and doc[verb.i - 1].text == "-" and doc[verb.i - 2].lower_ == "test"


def _trigger_span(trigger: Trigger) -> Span:
    """The words that name the act: the trigger, or a verb with the act it governs ("launched
    airstrikes") or that describes it ("bombings targeted at"), so the span shows what was done."""
    tok = trigger.token
    start_tok = end_tok = tok
    if not trigger.nominal:
        act = next((c for c in tok.children if c.dep_ in ("dobj", "obj") and _noun_type(c) is not None), None)
        if act is not None and act.i > tok.i and act.i - tok.i <= 4:
            end_tok = act
        if tok.dep_ == "acl" and tok.head.i < tok.i and tok.i - tok.head.i <= 3 and _noun_type(tok.head) == trigger.type:
            start_tok = tok.head  # "bombings targeted at the Russian military"
    start, end = start_tok.idx, end_tok.idx + len(end_tok.text)
    return Span(start=start, end=end, text=tok.doc.text[start:end])


def _not_an_amount(tok: Token | None) -> Token | None:
    """No sum or share acts: "40 mln dlrs would reach the rebels fighting the government"."""
    if tok is None or _prep_object(tok, ("of",)) is not None:
        return tok  # "Hundreds of UN troops": the counted act
    return None if _is_amount(tok) else tok


def _is_amount(tok: Token) -> bool:
    """A date, time, sum or share ("20 pct", "40 mln dlrs"): never a party that acts."""
    return tok.ent_type_ in TIMES_AND_AMOUNTS or tok.lemma_.lower() in _lexicon()["units"]


def _by_workers(noun: Token, actor_tok: Token | None, cons: dict) -> bool:
    """Whether workers (a union, seafarers, teachers) hold the strike the noun names."""
    holders = [actor_tok] if actor_tok is not None else []
    holders += [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    holders += [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "of") for g in c.children if g.dep_ == "pobj"]
    if any({h.lemma_.lower(), h.lower_} & cons["strikers"] for h in holders):
        return True
    if any(c.dep_ in ("compound", "amod") and c.lower_ in cons["strike_kinds"] for c in noun.children):
        return True  # "launched a hunger strike", "called a general strike"
    # "Producers, writers and technicians began a strike at NBC": people with no arms or force
    # behind them who begin or stage a strike.
    begun = noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in cons["strike_verbs"]
    return begun and actor_tok is not None and actor_tok.pos_ == "NOUN" and sector_of_noun(actor_tok.lemma_.lower()) is None and not _has_military([actor_tok])


def _promises_refusal(verb: Token) -> bool:
    """A promise verb ("vow", "pledge") whose promised act is negated ("vowed not to return")."""
    if verb.lemma_.lower() not in _lexicon()["commitment"]["heads"]:
        return False
    promised = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    return any(g.dep_ == "neg" for p in promised for g in p.children)


def _takes_ground(verb: Token, cons: dict) -> bool:
    """Whether what the verb seizes is ground: a place, or a word for territory."""
    taken = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    taken += [c for o in taken for c in o.children if c.dep_ == "conj"] + _measured(taken)  # "one of the strongest fortifications"
    return any(t.ent_type_ in ("GPE", "LOC", "FAC") or t.lemma_.lower() in cons["ground"] for t in taken)


def _promises_hostility(verb: Token, triggers: list[Trigger]) -> bool:
    """A promise verb ("vow", "pledge") whose promised act is hostile."""
    if verb.lemma_.lower() not in _lexicon()["commitment"]["heads"]:
        return False
    # The promised act and what it acts on ("to continue its fight"), not every word below it
    # ("to continue military aid to war-torn Mozambique" promises aid).
    promised = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    for _ in range(2):
        promised += [g for c in promised for g in c.children if g.dep_ in ("dobj", "obj", "xcomp") and g not in promised]
    # "offered to halt attacks on shipping": what is to be stopped is not promised.
    stopping = _lexicon()["commitment"]["stopping"]
    stopped = {t.i for p in promised if p.lemma_.lower() in stopping for t in p.subtree if t.i != p.i}
    promised = [t for t in promised if t.i not in stopped]
    indices = {t.i for t in promised}
    hostile_nouns = _lexicon()["commitment"]["hostile_objects"]
    # "offered to send 1,500 troops to a peacekeeping force": forces sent to protect are no threat.
    return any(t.type in HOSTILE and t.token.i in indices and not (t.type == "MOBILIZE" and _protective(t.token)) for t in triggers) or any(
        t.pos_ in ("NOUN", "VERB") and t.lemma_.lower() in hostile_nouns for t in promised
    )


def _dismisses(verb: Token) -> bool:
    """Whether the verb's direct object is a person or an official (dismissed, not shot at)."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    if obj is None:
        return False
    return obj.ent_type_ == "PERSON" or sector_of_noun(obj.lemma_.lower()) in _lexicon()["constraints"]["state_sectors"]


def _previous_subject(pronoun: Token) -> Token | None:
    """The plural subject of the sentence before the pronoun's, if it names a group."""
    sent = pronoun.sent
    if sent.start == 0:
        return None
    previous = pronoun.doc[sent.start - 1].sent
    subject = next((t for t in previous if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
    return subject if plural else None


def _moved_force(tok: Token) -> bool:
    """Whether a phrase names forces or weapons (what is mobilised), not a party to act on."""
    return find_equipment(tok.text) is not None or sector_of_noun(tok.lemma_.lower()) == "MIL"


def _unnamed_agent(head: Token, mentions: MentionIndex) -> bool:
    """Whether a phrase names soldiers, police, judges or officials by their job alone: no entity of
    the brief anywhere in it ("Judges at the International Criminal Court", "Polisario units"), no
    word of a non-state sector ("separatist forces", "student leaders"), no foreign marker
    ("Western diplomats") and no group it is "of" or "from"."""
    if head.pos_ != "NOUN" or marks_foreign(head.lower_):
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("of", "from") for c in head.children):
        return False  # "Fighters of the Marehan clan": whose they are is said, if not coded
    for tok in head.subtree:
        named = mentions.entity_at(tok.idx)
        misread = tok.is_sent_start and tok.dep_ == "compound" and tok.head.i == head.i  # "Riot police", a PERSON
        if named is not None and named.type not in ("GPE", "LOC", "FAC") and not misread:  # "Security forces in Guinea"
            return False
        if tok.i != head.i and (marks_foreign(tok.text) or org_named(tok.text) or org_named(tok.text + "s")):
            return False  # "coalition warplanes", "Taliban fighters", "Houthi commanders"
        if tok.i != head.i and (sector := sector_of_noun(tok.lemma_.lower())) is not None and sector not in STATE_AGENT_SECTORS:
            return False  # "separatist forces", "student leaders"
    return True


def _speaker_of(pronoun: Token) -> Token | None:
    """The named speaker a reported "it/they/we" (or "he/she") stands for, if a speech verb is near."""
    speaker = _reporter(pronoun)
    return speaker if speaker is not None and speaker.pos_ != "PRON" else None


def _non_state(actor_tok: Token | None, coder: "_Coder | None") -> bool:
    """Whether a role is filled by people not acting for a state (students, workers, rebels)."""
    if actor_tok is not None and actor_tok.pos_ == "PRON":
        actor_tok = _speaker_of(actor_tok)  # "farmers said they would blockade Paris"
    if actor_tok is None:
        return False
    state = _lexicon()["constraints"]["state_sectors"]
    if coder is not None:
        actor = coder.actor(actor_tok)
        sector = actor.sector if actor is not None else None
    else:
        sector = sector_of_noun(actor_tok.lemma_.lower())
    if sector:
        return sector not in state
    # A nationality ("young Algerians") or a common noun ("farmers"), not a country or a person.
    return actor_tok.ent_type_ == "NORP" or (not actor_tok.ent_type_ and actor_tok.pos_ == "NOUN")


def _with_means(verb: Token, means: set[str], preps: tuple[str, ...] = ("with", "in", "during", "using")) -> bool:
    """Whether a verb's act is done with or in one of `means` ("with stones", "in drills")."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps):
        found = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]
        found += [c for g in found for c in g.conjuncts]
        if any(g.lemma_.lower() in means or g.lower_ in means for g in found):
            return True
    return False


def _civilian(actor_tok: Token | None, coder: "_Coder | None") -> bool:
    """Whether the doers are civilians: not acting for a state, and not armed groups."""
    if not _non_state(actor_tok, coder):
        return False
    actor = coder.actor(actor_tok) if coder is not None and actor_tok is not None else None
    sector = actor.sector if actor is not None else sector_of_noun(actor_tok.lemma_.lower()) if actor_tok is not None else None
    return sector != "REB" and not _has_military([actor_tok])


def _obligations(sent: SpacySpan) -> list[tuple[Token, Token, Token]]:
    """Reported obligations are requests, as PLOVER codes them: "Straw said the government
    and the rebels must reach an agreement" is a REQUEST from Straw to them."""
    words = _lexicon()["modality"]["obligation"]
    speech = _lexicon()["speech"]
    found = []
    for tok in sent:
        wanted = _wanted_act(tok)
        if wanted is not None:
            found.append((tok, _subject(tok), wanted))
            continue
        if tok.lemma_.lower() in _lexicon()["modality"]["obligation_verbs"] and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in speech and not _objects(tok) and any(
            c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in tok.children
        ):
            speaker, addressee = _subject(tok.head), _subject(tok)
            if speaker is not None and addressee is not None and _is_party(addressee):
                found.append((tok, speaker, addressee))
            continue
        if tok.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "aux" and c.lower_ in words for c in tok.children):
            continue
        head = tok.head
        if tok.dep_ != "ccomp" or head.i == tok.i or head.lemma_.lower() not in speech:
            continue
        if tok.lemma_.lower() in _lexicon()["modality"]["obligation_states"]:
            continue  # "saying Turkish must remain the sole language": a claim about how things are
        speaker, addressee = _subject(head), _subject(tok)
        # "national income should rise", "the yen should stabilize": a forecast, not a demand.
        if speaker is not None and addressee is not None and _is_party(addressee):
            found.append((tok, speaker, addressee))
    return found


def _wanted_act(verb: Token) -> Token | None:
    """The party a party is reported to want to act: "said Dhaka wanted India to cooperate"
    (India). A wish said in so many words is an appeal; one only ascribed ("Obama wants Putin to
    attack") is not, as PETR2 codes it."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _lexicon()["modality"]["wanting"] or _subject(verb) is None or not _is_party(_subject(verb)):
        return None
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in _lexicon()["speech"]:
        return None
    for clause in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB"):
        if not any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
            continue
        doer = next((c for c in clause.children if c.dep_ == "nsubj"), None) or next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        if doer is not None and _is_party(doer):
            return doer
    return None


def _menaces(sent: SpacySpan) -> list[tuple[Token, Token | None, Token | None]]:
    """A party told what harm it will suffer is threatened by whoever tells it: "Pyongyang will
    face tougher penalties if ..., U.S. officials said", "an ultimatum to pull back the guns or
    face air strikes", "would be hit with a trade embargo if ...". Returns (verb, threatener,
    threatened); the threatener is the subject of the clause that frames the menace."""
    lex = _lexicon()
    words = lex["menace"]
    found = []
    for tok in sent:
        if tok.pos_ != "VERB":
            continue
        ahead = any(c.dep_ == "aux" and c.lower_ in words["auxiliaries"] for c in tok.children)
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        if tok.lemma_.lower() in words["verbs"] and (passive or tok.lemma_.lower() in words["suffered"]):
            held = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
            held += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "by") for g in c.children if g.dep_ == "pobj"]
            menacing = any(_names_harm(h, words["harms"]) for h in held)
        else:
            # "their accreditation would be revoked if they went on": a hostile act to be
            # suffered on a condition, by no one named but whoever says so.
            menacing = (
                ahead and passive and not any(c.dep_ == "agent" for c in tok.children)
                and any(etype in HOSTILE for etype, _, _ in lex["verbs"].get(tok.lemma_.lower(), ()))
                and _on_condition(tok, lex["commitment"]["hostile_conditions"])
            )
        if not menacing:
            continue
        # "pull the guns back ... or face air strikes": the alternative to a demand.
        alternative = tok.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "or" for c in tok.head.children)
        if not (ahead or alternative):
            continue
        threatened = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        frame = tok.head if alternative else tok
        threatener, steps = None, 0
        while frame.head.i != frame.i and steps < 4 and threatener is None:
            frame, steps = frame.head, steps + 1
            threatener = _subject(frame)
            if threatened is None:
                threatened = next((c for c in frame.children if c.dep_ == "dative"), None)
        if threatener is None and not alternative:
            continue  # "the team will face Brazil": with no one to utter it, a forecast
        found.append((tok, threatener, threatened))
    return found


def _names_harm(tok: Token, harms: set[str]) -> bool:
    """Whether a noun, with its compound ("air strikes"), is a harm of the menace list."""
    compound = " ".join(c.lower_ for c in tok.children if c.dep_ == "compound")
    return tok.lemma_.lower() in harms or tok.lower_ in harms or f"{compound} {tok.lower_}".strip() in harms


def rule_trigger_names(candidates: list[Candidate]) -> list[tuple[str, str]]:
    """(type, lemma) of the rule triggers, the one nearest the root first: model features."""
    ordered = sorted(range(len(candidates)), key=lambda k: (_depth(candidates[k].trigger.token), k))
    return [(candidates[k].trigger.type, candidates[k].trigger.token.lemma_.lower()) for k in ordered]


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


@functools.lru_cache(maxsize=None)
def _default_cameo(etype: str) -> str:
    spec = lexicons.load("event_triggers").get(etype)
    return str(spec["cameo"]) if isinstance(spec, dict) and "cameo" in spec else "01"


def _model_candidates(sent: SpacySpan, candidates: list[Candidate], model) -> tuple[list[Candidate], str | None, float]:
    """Let the learned type model re-type the main rule event or propose one the rules missed.

    Returns the candidates and the model's type and probability (for confidence). The model
    only overrides the rules when its probability clears the thresholds chosen on the
    calibration sentences at training time, never re-types an event a structural rule typed,
    and drops the rules' events only when it is sure the sentence holds none; candidates whose
    type it agrees with are kept as they are.
    """
    prediction = model.predict(sent, rule_trigger_names(candidates))
    mtype, p = prediction.type, prediction.probability
    if mtype == "NONE":
        # Trained on sentences without an event too: when it is sure, the rules' finds are
        # words used in another sense ("the striker attacked the near post"), and the sentence
        # gets no event at all (mtype "NONE"); else it has no say (mtype None).
        if p >= model.veto_threshold:
            return [], "NONE", p
        return candidates, None, p
    if any(c.trigger.type == mtype for c in candidates) or (mtype in COMMITMENTS and any(_modality(c.trigger) in PROMISED for c in candidates)):
        # Agreement ranks that candidate first, when the model is sure enough. A promise, threat
        # or refusal the rules derive from a promised act agrees too (the trainer sees it so).
        return candidates, (mtype if p >= model.agree_threshold else None), p
    from .event_model import predicate

    if candidates:
        main = main_candidate(candidates)
        if candidates[main].settled or p < model.retype_threshold:
            return candidates, None, p
        pred = predicate(sent)
        if _refused_at(pred) == ALL_TYPES:
            # "sought to end the unrest by a show of force": the main verb was read in another
            # sense than any act on purpose; the model does not re-type the sentence's act.
            return candidates, None, p
        if all(c.trigger.token.i != pred.i for c in candidates) and pred.pos_ in ("VERB", "NOUN"):
            # The rules coded only lesser clauses ("Asked whether Iran had attacked the tanker,
            # the minister declined to comment"): the model's act is the predicate's, beside them.
            at_predicate = _model_act_at(pred, mtype)
            if at_predicate is not None:
                return [at_predicate, *candidates], mtype, p
        # Re-type the rule event nearest the root (the sentence's main act); keep the others.
        old = candidates[main]
        trigger = Trigger(mtype, _default_cameo(mtype), old.trigger.token, old.trigger.nominal)
        actor_tok, target_tok = _roles(trigger)
        if old.actor_tok is not None and actor_tok is None:
            actor_tok = old.actor_tok
        modality = _stated(mtype, old.trigger) or old.modality
        candidates = list(candidates)
        candidates[main] = Candidate(trigger, actor_tok, target_tok if target_tok is not None else old.target_tok, modality)
        return candidates, mtype, p
    if p < model.propose_threshold:
        return candidates, None, p
    pred = predicate(sent)
    if mtype in _refused_at(pred):
        return candidates, None, p  # "refused to give further details", "sent a letter": no such act, on purpose
    proposed = _model_act_at(pred, mtype) if pred.pos_ in ("VERB", "AUX", "NOUN") else None
    if proposed is None:
        return candidates, None, p
    return [proposed], mtype, p


# Types the rules derive from a promised, possible or refused act (`_commitment`).
COMMITMENTS = {"AGREE", "THREATEN", "REJECT"}
PROMISED = {"future", "possible", "denied"}


def proposal_refused(sent: SpacySpan) -> frozenset[str]:
    """The types the model may not propose at the sentence's main verb: every type when the rules
    read the verb in another sense than any act of its lexicon entry (declining to comment, firing
    a minister); else the types of the entry's senses whose conditions fail there ("sent a letter"
    is no AID, for "send" is aid only with aid sent). The trainer asks too."""
    from .event_model import predicate

    return _refused_at(predicate(sent))


ALL_TYPES = frozenset(get_args(PloverType))


def _refused_at(tok: Token) -> frozenset[str]:
    """`proposal_refused` for a given main verb: every type when each sense of its lexicon entry is
    ruled out as another sense, else the types none of whose senses holds there."""
    senses = _lexicon()["verbs"].get(tok.lemma_.lower(), []) if tok.pos_ == "VERB" else []
    if not senses:
        return frozenset()
    cons = _lexicon()["constraints"]
    lemma = tok.lemma_.lower()
    frame = _verb_frame(tok)
    held, failed, other = set(), set(), True
    for etype, _, needs in senses:
        in_another_sense = _other_sense(tok, etype, lemma, cons)
        other = other and in_another_sense
        holds = not in_another_sense and _sense_conditions(tok, etype, lemma, needs, cons, *frame)
        (held if holds else failed).add(etype)
    return ALL_TYPES if other else frozenset(failed - held)


def main_candidate(candidates: list[Candidate]) -> int:
    """Index of the candidate nearest the root (the sentence's main act), the first on a tie."""
    return min(range(len(candidates)), key=lambda k: (_depth(candidates[k].trigger.token), k))


def _model_act_at(pred: Token, mtype: str) -> Candidate | None:
    """The model's act on the sentence's main predicate, or None when no one performs it there."""
    trigger = Trigger(mtype, _default_cameo(mtype), pred, nominal=pred.pos_ == "NOUN")
    actor_tok, target_tok = _roles(trigger)
    if actor_tok is None:
        return None
    return Candidate(trigger, actor_tok, target_tok, _stated(mtype, trigger))


def _stated(mtype: str, trigger: Trigger) -> str | None:
    """The modality "asserted" when the model's type makes the statement itself the act, as
    PLOVER codes it: "will not accept refugees" as REJECT (the negation is the refusal, not a
    denial of it); "will shut the pipeline if ..." as THREATEN and "will give Kenya a loan" as
    AGREE (the act is to come, the threat or promise is made). Else None: the trigger's own
    modality stands."""
    own = _modality(trigger)
    made = (
        (mtype == "REJECT" and own == "denied")
        or (mtype == "THREATEN" and own in ("future", "possible"))
        or (mtype == "AGREE" and own == "future")
    )
    return "asserted" if made else None


def model_enabled() -> bool:
    """The learned type model is on unless NEWSWATCH_EVENT_MODEL is 0/off/false."""
    return os.environ.get("NEWSWATCH_EVENT_MODEL", "1").strip().lower() not in ("0", "off", "false", "no")


def extract_events(doc: Doc, brief: Brief, use_model: bool | None = None) -> list[Event]:
    """Code the document's events; `use_model=False` (or NEWSWATCH_EVENT_MODEL=0) gives the rules alone."""
    coder = _Coder(doc, brief)
    model = None
    if use_model if use_model is not None else model_enabled():
        from . import event_model

        model = event_model.load()
    events: list[Event] = []
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        seen: set[tuple] = set()
        trigger_of: dict[int, Token] = {}
        promised: dict[int, Token] = {}  # commitments read from a promised act, by id: that act's trigger

        def add(event: Event | None, trigger: Token | None = None, commitment_of: Token | None = None) -> None:
            if event is None:
                return
            key = (*_parties(event), event.modality)
            if key in seen:
                return
            seen.add(key)
            if trigger is not None:
                trigger_of[id(event)] = trigger
            if commitment_of is not None:
                promised[id(event)] = commitment_of
            event.id = f"V{len(events) + 1}"
            events.append(event)

        candidates = rule_candidates(sent, coder)
        mtype, p = None, 0.0
        if model is not None and len(sent) <= 3 * MAX_TOKENS:
            candidates, mtype, p = _model_candidates(sent, candidates, model)
        before = len(events)
        acts = {c.trigger.token.i: c.trigger.type for c in candidates}
        for c in candidates:
            event = coder.event(sent, c.trigger, c.actor_tok, c.target_tok, modality=c.modality)
            commitment = None
            if event is not None:
                # The sentence's main act sits nearest the root; a purpose clause ("staged
                # demonstrations to demand reforms") ranks below it.
                event.confidence = _lowered(event.confidence, DEPTH_PENALTY * min(_depth(c.trigger.token), 4))
                if mtype is not None and event.type == mtype:
                    # The rules and the model agree on the sentence's act: rank it first.
                    event.confidence = round(min(0.95, event.confidence + 0.15 * p), 3)
                commitment = _commitment(event, c.trigger, coder.announcer(c.trigger, event))
                if c.modality is None and event.modality in UNASSERTED:
                    # What is requested, planned or possible ranks below what the sentence asserts
                    # ("students staged demonstrations to demand reforms" is first a PROTEST).
                    event.confidence = _lowered(event.confidence, UNASSERTED_PENALTY)
                if c.trigger.nominal and _acted_on(c.trigger.token, c.trigger.type, acts):
                    # "rejected demands by Kurdish deputies", "laid the blame on Russian warplanes for
                    # bombing": the act done about a named act is the sentence's news, however well
                    # coded the named act's parties are.
                    event.confidence = _lowered(event.confidence, 2 * UNASSERTED_PENALTY)
                if _reaction_to_named_act(c.trigger.token, c.trigger.type, acts):
                    # "Germany's decision to give sanctuary ... was praised by rights groups", "the EU's
                    # threat to withhold aid prompted an emergency meeting": the named act is the news,
                    # what it met with comes after it.
                    event.confidence = _lowered(event.confidence, 4 * UNASSERTED_PENALTY)
                if c.modality is None and event.modality == "background" and _earlier_act(c.trigger):
                    # "..., two months after Serb police clashed with guerrillas": the act the
                    # sentence explains itself by ranks below the act it reports.
                    event.confidence = _lowered(event.confidence, 2 * UNASSERTED_PENALTY)
                if c.trigger.nominal and _circumstance(c.trigger.token):
                    # "After a meeting with the labour minister, the union said ...", "during a visit to
                    # Managua": the setting, not the news.
                    event.confidence = _lowered(event.confidence, UNASSERTED_PENALTY)
                if _in_condition(c.trigger.token):
                    # "would send troops if the government requested help": the condition is no act of its own.
                    event.confidence = _lowered(event.confidence, UNASSERTED_PENALTY)
                if c.modality is None and event.modality != "asserted" and _asked_for(c.trigger.token):
                    # What a request or a protest demands, or a refusal refuses, ranks below the
                    # demand or the refusal itself.
                    event.confidence = _lowered(event.confidence, UNASSERTED_PENALTY)
            add(event, c.trigger.token)
            add(commitment, commitment_of=c.trigger.token)
            if event is not None:
                for variant in _conjoined(coder, c, event):
                    add(variant, c.trigger.token)
                    add(_commitment(variant, c.trigger, coder.announcer(c.trigger, variant)), commitment_of=c.trigger.token)
                add(_reciprocal(c, event))
        if len(events) == before and mtype != "NONE":
            # The parse found no act the rules accept (and the model did not rule one out); a
            # bare lexicon word is weak evidence.
            # The first one that gives an event stands.
            for c in _lexicon_fallback(sent):
                event = coder.event(sent, c.trigger, c.actor_tok, c.target_tok, modality=c.modality)
                if event is not None:
                    event.confidence = round(event.confidence * FALLBACK_CONFIDENCE, 3)
                    add(event)
                    break
        restated = _restatements(events[before:], trigger_of) | _stated_twice(events[before:], trigger_of, promised)
        if restated:
            events[before:] = [e for e in events[before:] if id(e) not in restated]
            for k, e in enumerate(events[before:], before + 1):
                e.id = f"V{k}"
    return events


def _restatements(events: list[Event], trigger_of: dict[int, Token]) -> set[int]:
    """Events (by id) that only restate another of the sentence's acts, with its type and parties:
    - a purpose clause on an act told as done: "met with Assad on Tuesday to discuss the war" is
      one meeting, "staged demonstrations to demand reforms" one protest (the to-infinitive is
      coded `future`);
    - the noun inside a phrase trigger: "exercises" in "offered to hold joint exercises" is the
      act the phrase names, with the phrase's modality, not an exercise held."""
    by_parties: dict[tuple, list[Event]] = {}
    for e in events:
        if id(e) in trigger_of:
            by_parties.setdefault(_parties(e), []).append(e)
    restated = set()
    for e in events:
        tok = trigger_of.get(id(e))
        if tok is None:
            continue
        others = [o for o in by_parties[_parties(e)] if o is not e]
        if tok.pos_ in ("NOUN", "PROPN") and any(
            o.trigger.start <= tok.idx and tok.idx + len(tok) <= o.trigger.end and o.trigger.end - o.trigger.start > len(tok)
            for o in others
        ):
            restated.add(id(e))
            continue
        if e.modality != "future":
            continue
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        if verb.dep_ not in ("advcl", "xcomp", "acl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            continue
        # The act the clause serves: its verb, or the noun of "staged demonstrations to demand".
        for o in others:
            act = trigger_of[id(o)]
            if o.modality in ("asserted", "background") and (
                verb.head.i == act.i or (act.pos_ in ("NOUN", "PROPN") and verb.head.i == act.head.i)
            ):
                restated.add(id(e))
                break
    return restated


def _stated_twice(events: list[Event], trigger_of: dict[int, Token], promised: dict[int, Token]) -> set[int]:
    """Commitments (by id) that a verb of the sentence already states: in "Ethiopia agreed to
    reopen its borders to UN peacekeepers" the agreement is "agreed", not a second promise read
    from "reopen". The stated one takes the commitment's target when it names none; a commitment
    to someone else than the stated one names stays."""
    twice = set()
    for commitment in events:
        act = promised.get(id(commitment))
        if act is None or commitment.actor is None:
            continue
        verb = act if act.pos_ in ("VERB", "AUX") else _governing_verb(act)
        if verb is None or verb.dep_ not in ("xcomp", "ccomp", "advcl"):
            continue
        stating = next((
            e for e in events
            if e is not commitment and id(e) not in promised and trigger_of.get(id(e)) is not None and trigger_of[id(e)].i == verb.head.i
            and e.type == commitment.type and e.actor is not None and e.actor.code == commitment.actor.code
        ), None)
        if stating is None:
            continue
        if stating.target is None:
            stating.target = commitment.target
        elif commitment.target is not None and commitment.target.code != stating.target.code:
            continue  # "NATO offered [in Brussels] to share data with Georgia": the promise is to Georgia
        twice.add(id(commitment))
    return twice


def _parties(event: Event) -> tuple:
    """(type, actor code, target code): what two events of one sentence must share to be one act."""
    return (event.type, event.actor.code if event.actor else None, event.target.code if event.target else None)


def _circumstance(noun: Token) -> bool:
    """Whether a noun trigger sets the scene: the object of "after", "during", "amid", "despite"
    ..., or the request an act answers ("at the request of the Congolese government")."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "pobj":
        noun = noun.head.head  # "Following a string of air strikes", "Despite weeks of appeals"
    if noun.dep_ != "pobj":
        return False
    return noun.head.lower_ in _lexicon()["modality"]["circumstance"] or (noun.head.lower_ == "at" and noun.lemma_.lower() in _lexicon()["structural"]["invited"])


def _acted_on(noun: Token, etype: str, acts: dict[int, str]) -> bool:
    """Whether a noun trigger names what an act of another type is done about: the object of its
    verb, or of a preposition on its verb or noun ("rejected demands by Kurdish deputies", "the
    blame on X for bombing", "a board of inquiry into the shelling")."""
    tok = noun
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i in acts:
            return acts[tok.i] != etype
        if tok.pos_ not in ("ADP", "NOUN", "PROPN"):
            return False
    return False


def _judges_named_act(trigger: Trigger) -> bool:
    """Whether a verb acts on another's named act ("The United States welcomed Peru's pledge",
    "rejected the rebels' offer"): read from its shape, so the model does not re-type it as the
    act named."""
    if trigger.nominal:
        return False
    return any(
        (named := _noun_type(o)) is not None and named != trigger.type and _owns_act(o)
        for o in trigger.token.children if o.dep_ in ("dobj", "obj")
    )


def _owned_subject_act(trigger: Trigger, verbal: dict[int, str]) -> bool:
    """A noun act that names its doer as the subject of a verb of another type ("Chile's pledge
    ... was welcomed"): an act of its own, not the verb's act named again."""
    noun = trigger.token
    if verbal.get(noun.head.i) == trigger.type or not _owns_act(noun):
        return False
    participants = _lexicon()["constraints"]["participants"]
    if noun.lemma_.lower() in participants or noun.lower_ in participants:
        return False  # "Georgian demonstrators received weapons": who acts, not an act
    # Received, not done: "was welcomed by ...", "drew criticism from ..." (not "Kenya's
    # opposition alliance demanded", where the noun names the doer).
    return noun.dep_ == "nsubjpass" or (noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _lexicon()["judgement_received"])


def _owns_act(noun: Token) -> bool:
    """Whether a noun act names its doer: "Chile's pledge", "the threat by the junta", "a Turkish offer"."""
    return _named_modifier(noun) is not None or _possessor(noun) is not None or any(c.dep_ == "prep" and c.lower_ == "by" for c in noun.children)


def _possessor(noun: Token) -> Token | None:
    """The named possessor of a noun: "Chile" in "Chile's decision" (not "its")."""
    return next((c for c in noun.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None)


def _reaction_to_named_act(verb: Token, etype: str, acts: dict[int, str]) -> bool:
    """Whether a verb's subject is an act of another type that names its doer ("Chile's pledge ...
    was welcomed", "the threat by the junta drew criticism"): the verb tells how it was received."""
    if verb.pos_ in ("NOUN", "PROPN"):
        # "... drew a rebuke from Moscow", "... prompted urgent calls": the reaction is the object
        # of the verb whose subject is the named act.
        head = verb.head.lemma_.lower()
        if verb.dep_ not in ("dobj", "obj") or (head not in _lexicon()["judgement_received"] and head not in _lexicon()["structural"]["causes"]):
            return False
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not _owns_act(subject):
        return False
    if subject.i not in acts and subject.lemma_.lower() in _lexicon()["modality"]["decisions"]:
        # "Germany's decision to give sanctuary ... was praised": the act decided on.
        subject = next((c for c in subject.children if c.dep_ == "acl" and c.i in acts), subject)
    return acts.get(subject.i) not in (None, etype)


def _lowered(confidence: float, by: float) -> float:
    """A confidence lowered for a reason the ranking weighs, never below 0.05."""
    return round(max(0.05, confidence - by), 3)


FALLBACK_CONFIDENCE = 0.5
CONJUNCT_PENALTY = 0.02
DEPTH_PENALTY = 0.03
UNASSERTED_PENALTY = 0.1
UNASSERTED = ("future", "possible", "hedged")


def _reciprocal(c: Candidate, event: Event) -> Event | None:
    """A clash is fought by both sides: "troops clashed with rioters" is also the rioters'
    act against the troops (a riot, when they are protesters)."""
    cons = _lexicon()["constraints"]
    if c.trigger.nominal or c.trigger.token.lemma_.lower() not in cons["reciprocal"] or event.actor is None or event.target is None or c.target_tok is None:
        return None
    if any(ch.dep_ in ("dobj", "obj") for ch in c.trigger.token.children):
        return None  # "to fight ISIS" is one side's act; "clashed with" and "X and Y fought" are both sides'
    if not (event.actor.code and event.target.code) or event.actor.code == event.target.code:
        return None
    riot = c.target_tok.lower_ in cons["participants"]
    etype, cameo = ("PROTEST", "14") if riot else (event.type, c.trigger.cameo)
    return event.model_copy(update={
        "actor": event.target, "target": event.actor, "type": etype, "cameo_root": cameo[:2], "quad_class": quad_class(cameo),
        "confidence": _lowered(event.confidence, CONJUNCT_PENALTY),
    })


def _conjuncts(tok: Token) -> list[Token]:
    """The other members of a coordination headed by `tok`: "France, Germany and Italy"."""
    out, todo = [], [tok]
    while todo:
        for c in todo.pop().children:
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"):
                out.append(c)
                todo.append(c)
    return out


def _modifier_conjuncts(tok: Token) -> list[Token]:
    """Conjoined nationality modifiers of one noun: "Turkish and Iraqi forces" -> Iraqi."""
    out = []
    for m in tok.children:
        if m.dep_ in ("amod", "compound") and m.ent_type_ in ("NORP", "GPE"):
            out.extend(c for c in m.subtree if c.dep_ == "conj" and c.i != m.i and c.ent_type_ in ("NORP", "GPE"))
    return out


def _conjoined(coder: _Coder, c: Candidate, event: Event) -> list[Event]:
    """One event per pair of parties when the actor or the target is a coordination ("Hamas
    and Hezbollah attacked Israel" is two attacks), as event coders code them. A joint act's
    partner already comes from the actor's coordination ("Putin and Obama met"): only further
    partners are added."""
    options = {}
    for role, tok in (("actor", c.actor_tok), ("target", c.target_tok)):
        base = getattr(event, role)
        options[role] = [base]
        if tok is None or base is None:
            continue
        conjuncts = _conjuncts(tok)
        if role == "actor" and c.trigger.type in SYMMETRIC and c.target_tok is not None and c.target_tok in conjuncts:
            conjuncts = []  # the coordination is the meeting itself
        for conj in conjuncts:
            coded = coder.actor(conj)
            if coded is not None and coded.code:
                options[role].append(coded)
        for conj in _modifier_conjuncts(tok):
            coded = coder.country_in([conj], base)
            if coded is not None:
                options[role].append(coded.model_copy(update={"text": conj.text, "span": _token_span(conj), "entity_id": None}))
    out = []
    for i, actor in enumerate(options["actor"]):
        for j, target in enumerate(options["target"]):
            if i == j == 0 or (target is not None and actor is not None and target.code and target.code == actor.code):
                continue
            confidence = _lowered(event.confidence, CONJUNCT_PENALTY)
            out.append(event.model_copy(update={"actor": actor, "target": target, "confidence": confidence}))
    return out


def _commitment(event: Event, trigger: Trigger, speaker: Actor | None = None) -> Event | None:
    """What an actor says it will do is itself an act, as PLOVER codes it: a promise of a
    cooperative act is AGREE ("Syria says it is willing to withdraw its troops"), a stated
    intention of a hostile act or a conditional one is THREATEN ("will boycott the elections
    unless ..."), and refusing a cooperative act is REJECT ("will not accept more refugees").
    The promised act stays an event of its own, with its future or denied modality; the
    commitment is asserted, and ranks just above it. An act announced with no doer ("a curfew
    would be imposed") is committed to by whoever announces it, the `speaker`."""
    if event.modality not in ("future", "denied", "possible") or event.type in ("THREATEN", "REJECT", "REQUEST"):
        return None
    governing = _governing_verb(trigger.token) if trigger.nominal else trigger.token
    if governing is None:
        return None  # a noun commits no one unless a verb does it: "will slap an embargo on Nicaragua"
    if trigger.nominal and trigger.token.dep_ == "pobj" and (sense := _verb_sense(governing, _lexicon(), _lexicon()["constraints"])) is not None and sense[0] != event.type:
        return None  # "would accept mediation in its war with the rebels": the war is no act promised
    if event.actor is None and speaker is None:
        return None  # a commitment needs someone who commits ("hoped officials would be indicted")
    if event.cameo_root == "09":
        return None  # "a commission will look into the relief effort": an inquiry, not a threat
    if event.type == "AGREE" and event.modality == "future":
        return None  # "will sign": already the promise
    words = _lexicon()["commitment"]
    tok = governing
    while tok.dep_ == "conj" and tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX"):
        tok = tok.head  # "intends to station trainers and expand joint exercises": the first verb's frame
    auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")} | {c.lower_ for c in governing.children if c.dep_ in ("aux", "auxpass")}
    infinitive = tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    head = tok.head if (tok.dep_ in ("xcomp", "ccomp") or infinitive or _promised_by_noun(tok)) and tok.head.i != tok.i else None
    if head is not None and head.lemma_.lower() in words["aspectual"] and head.dep_ == "xcomp":
        head = head.head  # "prepared to resume shelling"
    # "would deploy a protection force to Burundi to shield civilians", "ready to deploy troops to
    # guard polling stations": forces offered to protect are a promise (CAMEO 0334), not a threat.
    protective = event.type == "MOBILIZE" and _protective(tok)
    cooperative = event.quad_class in (1, 2) or protective
    # "Turkey could close its border if the fighting spreads", "stood ready to blockade the coast
    # if Guyana pressed ahead": a hostile act held over a condition.
    stated = [tok] + ([head] if head is not None else []) + ([head.head] if head is not None and head.dep_ in ("acomp", "xcomp") and head.head.i != head.i else [])
    held_over = not cooperative and any(_on_condition(t, words["hostile_conditions"]) for t in stated)
    if event.modality == "possible":
        # "Nigeria said it was ready to send peacekeepers": readiness offered is a promise;
        # "Turkey is ready to use force": readiness to do harm, a threat.
        committed = held_over or (head is not None and head.lemma_.lower() in words["heads"])
    elif event.modality == "denied":
        # "will not accept", "could not accept the plan", "cannot allow": a refusal.
        committed = bool(auxes & (words["auxiliaries"] | words["refusing_auxiliaries"])) or (head is not None and head.lemma_.lower() in words["heads"])
    else:
        committed = bool(auxes & words["auxiliaries"]) or (head is not None and head.lemma_.lower() in words["heads"])
    if not committed:
        return None
    conditional = held_over or any(t.lower_ in words["conditions"] for t in tok.subtree) or (
        head is not None and any(t.lower_ in words["conditions"] for t in head.children)
    )
    condition = _condition_clause(tok, words["hostile_conditions"])
    if condition is not None and any(t.lemma_.lower() in words["defiance"] or t.lower_ in words["defiance"] for t in condition.subtree):
        # "would withdraw its soldiers if Bamako continued to block their flights": a cooperative
        # act withdrawn over the other side's conduct is a threat too.
        conditional = True
    if event.modality == "denied":
        if not cooperative:
            return None
        etype = "REJECT"
    elif head is not None and head.lemma_.lower() in words["readying"] and event.quad_class == 4 and not conditional and event.actor is not None and event.actor.sector == "MIL":
        # "the army prepared to resume shelling": forces readied ("... unless", or a government
        # ready to use force: a threat)
        etype = "MOBILIZE"
    else:
        etype = "THREATEN" if conditional or not cooperative else "AGREE"
    cameo = _default_cameo(etype)
    confidence = round(min(0.95, event.confidence + 0.05), 3)
    if head is not None and head.dep_ == "advcl" and head.tag_ == "VBG" and head.i > head.head.i:
        # "Latvia recognised Kosovo, pledging to establish relations": a promise added in a
        # participle after the act ranks below the act.
        confidence = _lowered(confidence, UNASSERTED_PENALTY)
    update = {
        "type": etype, "cameo_root": cameo[:2], "quad_class": quad_class(cameo), "modality": "asserted", "mode": None,
        "confidence": confidence,
    }
    if event.actor is None:
        update["actor"] = speaker
    return event.model_copy(update=update)


def _governing_verb(noun: Token) -> Token | None:
    """The verb that does what a noun names: its object's verb ("will slap an embargo") or the
    verb of its preposition ("would not take part in a joint programme")."""
    if noun.dep_ in ("dobj", "obj") and noun.head.pos_ == "VERB":
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "VERB" and noun.head.lower_ in ("in", "to", "into", "under"):
        return noun.head.head  # "would place the country under martial law"
    if noun.dep_ == "nsubjpass" and noun.head.pos_ == "VERB":
        return noun.head  # "a curfew would be enforced if ..."
    return None


def _infinitive_on(verb: Token, nouns: set[str]) -> bool:
    """Whether an infinitive hangs on a noun of the list ("plans to deliver")."""
    return (
        verb.dep_ == "acl" and verb.head.i != verb.i and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and verb.head.lemma_.lower() in nouns
    )


def _decided_by_noun(verb: Token) -> bool:
    """Whether an infinitive hangs on a decision taken: "Chile's decision to cut back relations"."""
    return _infinitive_on(verb, _lexicon()["modality"]["decisions"])


def _promised_by_noun(verb: Token) -> bool:
    """Whether an infinitive hangs on a noun of commitment: "plans to deliver", "a pledge to
    withdraw", "its readiness to negotiate"."""
    return _infinitive_on(verb, _lexicon()["commitment"]["nouns"])


def _with_a_partner(noun: Token) -> bool:
    """Whether an act is held "with" a party, on the noun or on the verb that governs it."""
    holders = [noun] + ([noun.head] if noun.dep_ in ("dobj", "obj") else [])
    return any(p is not None and _is_party(p) for h in holders for p in [_prep_object(h, ("with", "alongside"))])


def _on_condition(verb: Token, marks: set[str]) -> bool:
    """Whether a clause of the verb states a condition: "if Western powers imposed sanctions",
    or the inverted "should Taipei move toward independence"."""
    return _condition_clause(verb, marks) is not None


def _condition_clause(verb: Token, marks: set[str]) -> Token | None:
    """The verb's clause that states a condition (see `_on_condition`), or None."""
    for clause in (c for c in verb.children if c.dep_ == "advcl"):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children):
            return clause
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and any(c.dep_ == "aux" and c.lower_ == "should" and c.i < subject.i for c in clause.children):
            return clause
    return None


def _reporter(tok: Token) -> Token | None:
    """Who reports the clause a token sits in: the subject of the nearest speech verb above it
    ("The administrator said a curfew would be imposed")."""
    head = tok
    for _ in range(4):
        if head.head.i == head.i:
            return None
        head = head.head
        if head.pos_ == "VERB" and head.lemma_ in _lexicon()["speech"]:
            return _subject(head)
    return None


def _constrained(etype: str, lemma: str, cons: dict) -> bool:
    return (
        (etype, lemma) in cons["objects"] or (etype, lemma) in cons["particles"]
        or (etype == "MOBILIZE" and lemma in cons["military"]) or (etype == "SANCTION" and lemma in cons["halt_verbs"])
    )


def _lexicon_fallback(sent: SpacySpan) -> Iterator[Candidate]:
    """The trigger-lexicon words of any part of speech, in order, when the parse-based rules found
    nothing (the tagger calls some verbs adjectives or nouns, and the parse misses roles). Verbs
    whose lexicon entry has object or particle constraints are left out: the rules rejected them
    on purpose."""
    lex = _lexicon()
    cons = lex["constraints"]
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma in lex["verbs"] and tok.pos_ == "VERB":
            # The sense the parse rules would take ("impose duties" is a sanction); "sent a
            # letter" was rejected on purpose: only military objects are sent to MOBILIZE.
            sense = _verb_sense(tok, lex, cons)
            if sense is None:
                continue
            etype, cameo, _ = sense
            if etype == "ASSAULT" and lemma in cons["dismissal"] and _dismisses(tok):
                continue
            trigger = Trigger(etype, cameo, tok, nominal=False)
        elif tok.pos_ in ("NOUN", "PROPN") and (lemma in lex["nouns"] or tok.lower_ in lex["nouns"]):
            etype, cameo = lex["nouns"].get(lemma) or lex["nouns"][tok.lower_]
            if _not_an_act(tok, etype, cons):
                continue  # "the General Agreement on Tariffs and Trade", "under the agreement"
            trigger = Trigger(etype, cameo, tok, nominal=True)
        elif lemma in lex["verbs"] and tok.pos_ in ("ADJ", "AUX"):
            # A verb the tagger took for another part of speech: its plain sense only.
            plain = [(etype, cameo) for etype, cameo, needs in lex["verbs"][lemma] if not needs and not _constrained(etype, lemma, cons)]
            if not plain:
                continue
            etype, cameo = plain[0]
            trigger = Trigger(etype, cameo, tok, nominal=False)
        else:
            continue
        if _referred_request(trigger):
            continue  # "the assistance Pyongyang had demanded": named, not made here
        actor_tok, target_tok = _roles(trigger)
        if _figurative(trigger, actor_tok, target_tok, cons):
            continue
        yield Candidate(trigger, actor_tok, target_tok)
