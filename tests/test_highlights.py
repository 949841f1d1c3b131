"""Generated highlights: a few whole sentences of the article that carry its news."""

from __future__ import annotations

import pytest
import spacy

from newswatch import lexicons
from newswatch.extract.highlights import FEATURES, extract_highlights, sentence_features

STORY = (
    "Russian warplanes struck targets in western Syria on Wednesday, the first air strikes of Moscow's campaign, "
    "U.S. officials said. "
    "The strikes hit areas held by rebel groups near the city of Homs rather than the Islamic State, the officials said. "
    "Why would Russia strike there? "
    "“We are watching closely,” a spokesman said. "
    "The Pentagon said it had received only one hour of warning before the Russian strikes began in Syria. "
    "Russian warplanes struck targets in western Syria on Wednesday, officials said again. "
    "The weather in the region was mild for the season and the roads were quiet."
)


@pytest.fixture(scope="module")
def sentencizer():
    # Highlights need only sentences and token attributes: a blank pipeline keeps these tests fast.
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def test_shipped_weights_cover_every_feature():
    weights = lexicons.load("highlight_weights")["weights"]
    assert set(weights) == set(FEATURES)


def test_gives_n_whole_sentences_in_article_order_with_spans_into_the_text(sentencizer):
    doc = sentencizer(STORY)
    highlights = extract_highlights(doc, n=3)
    assert len(highlights) == 3
    starts = [h.span.start for h in highlights]
    assert starts == sorted(starts)
    for h in highlights:
        assert h.source == "generated" and 0 < h.score < 1
        assert STORY[h.span.start : h.span.end] == h.text == h.span.text


def test_the_lead_sentence_is_chosen(sentencizer):
    assert extract_highlights(sentencizer(STORY))[0].text.startswith("Russian warplanes struck targets in western Syria on Wednesday, the first")


def test_questions_and_bare_quotations_are_not_chosen(sentencizer):
    texts = [h.text for h in extract_highlights(sentencizer(STORY), n=4)]
    assert not any(t.endswith("?") for t in texts)
    assert not any(t.startswith("“We are watching") for t in texts)


def test_a_near_repeat_of_a_chosen_sentence_is_skipped(sentencizer):
    texts = [h.text for h in extract_highlights(sentencizer(STORY), n=4)]
    assert sum(t.startswith("Russian warplanes struck targets in western Syria") for t in texts) == 1


def test_lowercased_text_gets_mostly_the_same_sentences(sentencizer):
    # Features ignore case; only the tokenizer's case-sensitive exceptions ("U.S.") shift them a little.
    cased = {h.span.start for h in extract_highlights(sentencizer(STORY))}
    lowered = {h.span.start for h in extract_highlights(sentencizer(STORY.lower()))}
    assert 0 in lowered and len(cased & lowered) >= 2


def test_fragments_are_not_candidates(sentencizer):
    doc = sentencizer("Photos. By Jane Doe. Published: 12:00 EST. The council voted on Monday to close the old bridge for repairs.")
    assert [s.text for s, _ in sentence_features(doc)] == ["The council voted on Monday to close the old bridge for repairs."]


def test_empty_and_tiny_texts_give_no_highlights(sentencizer):
    assert extract_highlights(sentencizer("")) == []
    assert extract_highlights(sentencizer("Breaking news.")) == []


def test_a_short_article_gives_fewer_highlights_than_asked(sentencizer):
    doc = sentencizer("The council voted on Monday to close the old bridge for repairs. Work starts in the spring, the mayor said.")
    assert len(extract_highlights(doc, n=3)) == 2


def test_pipeline_generates_highlights_only_for_articles_without_their_own(analyzer, example_text):
    body_only = example_text[example_text.index("Russian airstrikes in Syria could happen") :]
    brief = analyzer.analyze(body_only)
    assert [h.source for h in brief.highlights] == ["generated"] * 3
    assert brief.highlights[0].text.startswith("Russian airstrikes in Syria could happen at any time")
    for h in brief.highlights:
        assert body_only[h.span.start : h.span.end] == h.text
