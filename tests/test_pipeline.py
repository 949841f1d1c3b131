"""The brief as a whole: offsets point into the original text, the JSON validates, dates are sourced."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from newswatch.ingest.text import ingest_text
from newswatch.schema import Brief, iter_spans, json_schema


def test_every_span_in_the_brief_quotes_the_original_text(example_brief):
    text = example_brief.article.text
    spans = list(iter_spans(example_brief))
    assert len(spans) > 50
    for span in spans:
        assert text[span.start : span.end] == span.text, span


def test_body_segments_copy_the_original_text_verbatim(example_brief):
    a = example_brief.article
    for seg in a.body_segments:
        assert a.body[seg.body_start : seg.body_start + seg.length] == a.text[seg.text_start : seg.text_start + seg.length]
    assert sum(seg.length for seg in a.body_segments) == len(a.body)


def test_brief_json_validates_against_the_exported_schema(example_brief):
    document = json.loads(example_brief.model_dump_json())
    jsonschema.validate(document, json_schema())
    assert Brief.model_validate(document) == example_brief


def test_example_metadata(example_brief):
    a = example_brief.article
    assert a.outlet == "CNN"
    assert a.dateline == "Washington"
    assert a.published == dt.date(2015, 9, 29)
    assert a.contributors == ["Kevin Liptak"]
    removed = " ".join(b.text for b in a.boilerplate)
    assert "02:18 - Source: CNN" in removed
    assert "RELATED:" in removed and "RELATED:" not in a.body
    assert "contributed to this report" not in a.body


def test_example_keeps_its_own_story_highlights(example_brief):
    assert [h.source for h in example_brief.highlights] == ["article", "article"]
    assert example_brief.highlights[1].text.startswith("Deputy Defense Secretary Robert Work confirmed")


def test_publication_date_is_null_not_guessed_when_unknown(analyzer):
    brief = analyzer.analyze("Officials met in Geneva on Monday to discuss the ceasefire, a spokesman said.")
    assert brief.article.published is None
    assert brief.article.published_source is None
    assert any("publication date unknown" in w for w in brief.warnings)


def test_a_given_date_wins_over_a_fallback_and_is_marked_given():
    record = ingest_text("Talks resumed.", published=dt.date(2020, 1, 2), fallback_published=dt.date(2019, 1, 1))
    assert (record.article.published, record.article.published_source) == (dt.date(2020, 1, 2), "given")


def test_batched_analysis_matches_one_at_a_time(analyzer, example_text):
    texts = [example_text, "The army shelled the town of Idlib on Friday, residents said.", ""]
    batched = list(analyzer.analyze_many(texts))
    single = [analyzer.analyze(t) for t in texts]
    assert [b.model_dump() for b in batched] == [s.model_dump() for s in single]


@pytest.mark.parametrize("text", ["", "   \n\n  ", "No verbs here. Just. Words"])
def test_degenerate_texts_give_valid_briefs(analyzer, text):
    brief = analyzer.analyze(text)
    jsonschema.validate(json.loads(brief.model_dump_json()), json_schema())
