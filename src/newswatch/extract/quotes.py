"""Direct and reported quotes with their speakers.

Direct quotes are found from quotation marks (straight or curly). The cue is the nearest speech
verb in the same sentence outside the quote ("..., the official said"); its subject is the
speaker. Pronouns go to the latest speaker, or for "he responded" to the person who was asked;
"the official" goes back to the anonymous source introduced earlier. A quote with no cue of its
own continues the previous quote's speaker when it follows it directly.
Reported speech is a speech verb with a clausal complement outside quotation marks ("X said
that ..."), or "..., according to X".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .. import lexicons
from ..schema import Entity, Quote, Source, Span
from .mentions import MentionIndex

_QUOTE_RE = re.compile(r"“([^”]{2,}?)”|\"([^\"\n]{2,}?)\"")
PRONOUNS = {"he", "she", "they", "i", "we"}


@functools.lru_cache(maxsize=1)
def _cues() -> dict:
    lex = lexicons.load("speech_cues")
    return {
        "verbs": set(lex["verbs"]),
        "answer": set(lex["answer_verbs"]),
        "anonymous": set(lex["anonymous_heads"]),
        "anaphoric": set(lex["anaphoric_determiners"]),
    }


@dataclass
class _Speaker:
    source: Source
    position: int


class _Resolver:
    """Turns the subject of a speech verb into a Source, remembering recent speakers."""

    def __init__(self, doc: Doc, entities: list[Entity]):
        self.doc = doc
        self.mentions = MentionIndex(entities)
        self.recent: list[_Speaker] = []
        self.anonymous: list[_Speaker] = []

    def entity_of(self, token: Token) -> Entity | None:
        return self.mentions.entity_at(token.idx)

    def _asked_person(self, cue: Token) -> Entity | None:
        """For "he responded": the object of the latest "ask" in the two sentences before."""
        sent_start = cue.sent.start
        first = self.doc[max(0, sent_start - 1)].sent.start if sent_start > 0 else 0
        for tok in reversed(self.doc[first : cue.i]):
            if tok.lemma_ == "ask":
                for child in tok.children:
                    if child.dep_ in ("dobj", "dative", "obj") and (e := self.entity_of(child)) and e.type == "PERSON":
                        return e
        return None

    def resolve(self, subject: Token | None, cue: Token | None) -> Source:
        cues = _cues()
        if subject is None:
            return Source(kind="unknown")
        np = self.doc[subject.left_edge.i : subject.right_edge.i + 1]
        span = Span(start=np.start_char, end=np.end_char, text=np.text)
        entity = next((self.entity_of(t) for t in [subject, *np] if self.entity_of(t) is not None and self.entity_of(t).type in ("PERSON", "ORG", "GPE", "NORP")), None)
        head_entity = self.entity_of(subject)
        if head_entity is not None or (entity is not None and entity.type == "PERSON"):
            entity = head_entity or entity
            source = Source(kind="person" if entity.type == "PERSON" else "organization", entity_id=entity.id, name=entity.name, span=span)
        elif subject.lower_ in PRONOUNS:
            person = None
            if cue is not None and cue.lemma_ in cues["answer"]:
                person = self._asked_person(cue)
            if person is None and subject.lower_ in ("he", "she"):
                recent_people = [s for s in self.recent if s.source.kind == "person"]
                if recent_people and subject.idx - recent_people[-1].position < 1500:
                    return recent_people[-1].source.model_copy(update={"span": span})
                person = self.mentions.person_before(subject.idx)
            if person is None:
                recent = self.recent[-1].source if self.recent else None
                if recent is not None and subject.lower_ in ("they", "we"):
                    return recent.model_copy(update={"span": span})
                return Source(kind="unknown", description=subject.text, span=span)
            source = Source(kind="person", entity_id=person.id, name=person.name, span=span)
        elif subject.lemma_.lower() in cues["anonymous"] or subject.lower_ in cues["anonymous"]:
            determiner = subject.doc[subject.left_edge.i].lower_
            antecedent = next((a for a in reversed(self.anonymous) if a.source.description and subject.lower_ in a.source.description.lower()), None)
            if determiner in cues["anaphoric"] and antecedent is not None:
                return antecedent.source.model_copy(update={"span": span})
            source = Source(kind="anonymous", anonymous=True, description=np.text, span=span)
            self.anonymous.append(_Speaker(source, subject.idx))
        elif entity is not None:
            source = Source(kind="organization" if entity.type != "PERSON" else "person", entity_id=entity.id, name=entity.name, span=span)
        else:
            source = Source(kind="unknown", description=np.text, span=span)
        return source

    def remember(self, source: Source, position: int) -> None:
        if source.kind != "unknown":
            self.recent.append(_Speaker(source, position))


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        return _subject(verb.head)  # "he also said" shares the first verb's subject
    return None


def _according_to(tokens) -> Token | None:
    for tok in tokens:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            for child in tok.doc[tok.i + 1].children:
                if child.dep_ == "pobj":
                    return child
    return None


def _quote_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(open, close, content start, content end) of each quotation."""
    spans = []
    for m in _QUOTE_RE.finditer(text):
        group = 1 if m.group(1) is not None else 2
        spans.append((m.start(), m.end(), m.start(group), m.end(group)))
    return spans


def _cue_window(doc: Doc, quotes, index: int) -> list[Token]:
    """Tokens outside quotes in the sentence(s) the quote opens and closes in."""
    qopen, qclose, _, _ = quotes[index]
    next_open = quotes[index + 1][0] if index + 1 < len(quotes) else doc[-1].idx + len(doc[-1].text_with_ws)
    prev_close = quotes[index - 1][1] if index > 0 else 0
    after = doc.char_span(qclose, qclose, alignment_mode="expand")
    tokens = []
    # After the quote: up to the end of the sentence, a newline, or the next quote.
    for tok in doc[after.start if after is not None else len(doc) :] if after is not None else []:
        if tok.idx >= next_open or "\n" in tok.text:
            break
        tokens.append(tok)
        if tok.text in (".", "!", "?") :
            break
    # Before the quote: back to the start of its sentence, a newline, or the previous quote.
    before = doc.char_span(qopen, qopen + 1, alignment_mode="expand")
    if before is not None:
        i = before.start - 1
        while i >= 0:
            tok = doc[i]
            if tok.idx < prev_close or "\n" in tok.text:
                break
            tokens.append(tok)
            if tok.is_sent_start or (i > 0 and doc[i - 1].text in (".", "!", "?")):
                break
            i -= 1
    return tokens


def extract_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    doc_text = doc.text  # Doc.text is rebuilt on every access: read it once
    cues = _cues()
    resolver = _Resolver(doc, entities)
    quotes_found = _quote_spans(doc_text)
    quoted = bytearray(len(doc_text) + 1)  # 1 where a character is inside quotation marks
    for qopen, qclose, _, _ in quotes_found:
        quoted[qopen:qclose] = b"\x01" * (qclose - qopen)

    def in_quote(tok: Token) -> bool:
        return bool(quoted[tok.idx])

    results: list[tuple[int, Quote]] = []
    used_cues: set[int] = set()
    previous: tuple[int, Source] | None = None  # (close offset, speaker) of the last direct quote

    # Reported speech needs speakers resolved in text order, so walk quotes and cues together.
    events = [("direct", q[0], i) for i, q in enumerate(quotes_found)]
    for tok in doc:
        if tok.lemma_ in cues["verbs"] and tok.pos_ in ("VERB", "AUX") and not in_quote(tok):
            events.append(("reported", tok.idx, tok.i))
        elif tok.lower_ == "according" and not in_quote(tok):
            events.append(("according", tok.idx, tok.i))
    events.sort(key=lambda e: e[1])

    direct_cues: dict[int, int] = {}
    for i in range(len(quotes_found)):
        window = _cue_window(doc, quotes_found, i)
        qopen, qclose = quotes_found[i][0], quotes_found[i][1]
        candidates = sorted(
            (t for t in window if t.lemma_ in cues["verbs"] and t.pos_ in ("VERB", "AUX")),
            # nearest first; on a tie the cue before the quote ("he also said, “...”") wins
            key=lambda t: (min(abs(t.idx - qclose), abs(t.idx - qopen)), t.idx > qopen),
        )
        cue = next((t for t in candidates if (subj := _subject(t)) is None or not in_quote(subj)), None)
        if cue is not None:
            direct_cues[i] = cue.i
            used_cues.add(cue.i)
        elif (subj := _according_to(window)) is not None:
            direct_cues[i] = -subj.i - 1  # negative: an "according to" object

    for kind, offset, index in events:
        if kind == "direct":
            qopen, qclose, cstart, cend = quotes_found[index]
            cue_tok = None
            if index in direct_cues and direct_cues[index] >= 0:
                cue_tok = doc[direct_cues[index]]
                speaker = resolver.resolve(_subject(cue_tok), cue_tok)
                if speaker.kind == "unknown" and cue_tok.dep_ == "ccomp":
                    speaker = resolver.resolve(_subject(cue_tok.head), cue_tok.head)
            elif index in direct_cues:
                speaker = resolver.resolve(doc[-direct_cues[index] - 1], None)
            else:
                speaker = None
                gap = doc_text[previous[0] : qopen] if previous else ""
                if previous and len(gap) < 40 and not re.search(r"\w{4,}.*\w{4,}", gap.replace("\n", " ")):
                    speaker = previous[1]  # a quote that simply continues the last one
                if speaker is None:
                    # Inline quote ("directed his staff to “open lines ...”"): the governing clause's subject.
                    first = doc.char_span(cstart, cend, alignment_mode="expand")
                    head = first.root.head if first is not None else None
                    while head is not None and in_quote(head) and head.head.i != head.i:
                        head = head.head
                    subj = _subject(head) if head is not None and not in_quote(head) else None
                    speaker = resolver.resolve(subj, head) if subj is not None else Source(kind="unknown")
            resolver.remember(speaker, qopen)
            previous = (qclose, speaker)
            content = doc_text[cstart:cend].strip().rstrip(",")
            start = cstart + (len(doc_text[cstart:cend]) - len(doc_text[cstart:cend].lstrip()))
            results.append((qopen, Quote(
                id="", kind="direct", text=content, span=Span(start=start, end=start + len(content), text=content),
                speaker=speaker, cue=cue_tok.lemma_ if cue_tok is not None else ("accord" if index in direct_cues else None),
                cue_span=Span(start=cue_tok.idx, end=cue_tok.idx + len(cue_tok.text), text=cue_tok.text) if cue_tok is not None else None,
            )))
        elif kind == "reported" and index not in used_cues:
            verb = doc[index]
            clause = next((c for c in verb.children if c.dep_ == "ccomp" and not in_quote(c)), None)
            if clause is None:
                continue
            subj = _subject(verb)
            if subj is None or in_quote(subj):
                continue
            speaker = resolver.resolve(subj, verb)
            if speaker.kind == "unknown":
                continue  # "their movements suggest that ...": not a source speaking
            resolver.remember(speaker, verb.idx)
            tokens = [t for t in clause.subtree if not t.is_space]
            while tokens and tokens[0].dep_ == "mark":  # drop the complementiser "that"
                tokens.pop(0)
            if not tokens:
                continue
            start_tok, end_tok = tokens[0], tokens[-1]
            text = doc_text[start_tok.idx : end_tok.idx + len(end_tok.text)]
            results.append((verb.idx, Quote(
                id="", kind="reported", text=text, span=Span(start=start_tok.idx, end=start_tok.idx + len(text), text=text),
                speaker=speaker, cue=verb.lemma_, cue_span=Span(start=verb.idx, end=verb.idx + len(verb.text), text=verb.text),
            )))
        elif kind == "according":
            tok = doc[index]
            pobj = _according_to([tok])
            if pobj is None or any(quoted[max(0, tok.idx - 40) : tok.idx + 1]):
                continue  # inside a quote, or the cue of the quote just before
            sent = tok.sent
            speaker = resolver.resolve(pobj, None)
            resolver.remember(speaker, tok.idx)
            # The claim is the rest of the sentence (the parser sometimes runs sentences across paragraphs).
            sent_start = max(sent.start_char, doc_text.rfind("\n", 0, tok.idx) + 1)
            sent_end = min(sent.end_char, doc_text.find("\n", tok.idx) % (len(doc_text) + 1))
            text = doc_text[sent_start : tok.idx].rstrip(" ,–—-")
            start = sent_start
            if len(text) < 10:
                tail_start = pobj.right_edge.idx + len(pobj.right_edge.text)
                tail = doc_text[tail_start:sent_end]
                text = tail.strip(" ,.")
                start = tail_start + tail.index(text) if text else sent_start
            if not text:
                continue
            results.append((tok.idx, Quote(
                id="", kind="reported", text=text, span=Span(start=start, end=start + len(text), text=text),
                speaker=speaker, cue="accord", cue_span=Span(start=tok.idx, end=tok.idx + 12, text=doc_text[tok.idx : tok.idx + 12]),
            )))
    results.sort(key=lambda r: r[0])
    out = []
    for _, quote in results:
        quote.id = f"Q{len(out) + 1}"
        out.append(quote)
    return out
