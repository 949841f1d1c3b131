"""The analysis pipeline: Article -> spaCy Doc -> facet extractors -> Brief.

Extractors are pure functions of the parsed body and of the facets before them. They work in
body coordinates; `_to_original_offsets` moves every Span to Article.text coordinates at the end.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from pydantic import BaseModel
from spacy.tokens import Doc

from . import __version__, nlp as nlp_mod
from .extract.entities import extract_entities, link_mentions_in
from .extract.events import extract_events
from .extract.highlights import extract_highlights
from .extract.places import extract_places
from .extract.quotes import extract_quotes
from .extract.times import extract_times
from .ingest.text import Ingested, ingest_text
from .schema import Article, Brief, PipelineInfo, iter_spans


@dataclass
class ArticleInput:
    """One article to analyse, with whatever metadata the source gave."""

    text: str
    published: dt.date | None = None
    fallback_published: dt.date | None = None  # from metadata such as a file name; the text's own date wins
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)


class Analyzer:
    """Holds one loaded spaCy pipeline; analyse one text or many (batched)."""

    def __init__(self, model: str = nlp_mod.DEFAULT_MODEL, batch_size: int = 32):
        self.nlp = nlp_mod.load(model)
        self.batch_size = batch_size
        name, version = nlp_mod.model_info(self.nlp)
        self.info = PipelineInfo(newswatch=__version__, model=name, model_version=version)

    def analyze(self, text: str, published: dt.date | None = None, **metadata) -> Brief:
        return next(self.analyze_many([ArticleInput(text=text, published=published, **metadata)]))

    def analyze_many(self, items: Iterable[ArticleInput | str]) -> Iterator[Brief]:
        ingested = (
            ingest_text(
                item.text,
                published=item.published,
                fallback_published=item.fallback_published,
                title=item.title,
                outlet=item.outlet,
                url=item.url,
                metadata=item.metadata,
            )
            if isinstance(item, ArticleInput)
            else ingest_text(item)
            for item in items
        )
        # nlp.pipe needs the bodies; keep the Ingested records alongside in order.
        pending: list[Ingested] = []

        def bodies() -> Iterator[str]:
            for record in ingested:
                pending.append(record)
                yield record.article.body

        for doc in nlp_mod.parse(self.nlp, bodies(), batch_size=self.batch_size):
            record = pending.pop(0)
            yield build_brief(record, doc, self.info)


def build_brief(record: Ingested, doc: Doc, info: PipelineInfo | None = None) -> Brief:
    article = record.article
    brief = Brief(article=article, pipeline=info, warnings=list(record.warnings))
    brief.entities = extract_entities(doc)
    brief.places = extract_places(doc, brief.entities)
    _countries_from_places(brief)
    brief.times = extract_times(doc, article.published)
    brief.quotes = extract_quotes(doc, brief.entities)
    generated = [] if record.highlights else extract_highlights(doc)
    brief.events = extract_events(doc, brief)
    _to_original_offsets(brief, article, extra=generated)
    link_mentions_in(article.text, article.boilerplate, brief.entities)
    brief.highlights = record.highlights or generated
    if article.published is None:
        brief.warnings.append("publication date unknown: relative dates are left unresolved")
    return brief


def _countries_from_places(brief: Brief) -> None:
    """A town's entity takes the country its place resolved to (Latakia -> SYR)."""
    import pycountry

    by_entity = {p.entity_id: p for p in brief.places if p.entity_id}
    for entity in brief.entities:
        place = by_entity.get(entity.id)
        if entity.country is None and place is not None and place.country_code:
            country = pycountry.countries.get(alpha_2=place.country_code)
            entity.country = country.alpha_3 if country else None


def _to_original_offsets(brief: Brief, article: Article, extra: list[BaseModel]) -> None:
    segments = article.body_segments
    if not segments:
        return
    starts = [s.body_start for s in segments]

    def convert(offset: int, is_end: bool) -> int:
        probe = offset - 1 if is_end and offset > 0 else offset
        i = max(bisect.bisect_right(starts, probe) - 1, 0)
        seg = segments[i]
        return seg.text_start + min(max(offset - seg.body_start, 0), seg.length)

    seen: set[int] = set()  # a Span object shared by two models is moved once
    for facet in (brief.entities, brief.places, brief.times, brief.quotes, brief.events, extra):
        for span in iter_spans(facet):
            if id(span) not in seen:
                seen.add(id(span))
                span.start, span.end = convert(span.start, False), convert(span.end, True)
