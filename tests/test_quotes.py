"""Quotes: direct and reported, with speakers resolved, anonymous sources flagged."""

from __future__ import annotations

import pytest

from newswatch import nlp
from newswatch.extract.entities import extract_entities
from newswatch.extract.quotes import extract_quotes


def direct(brief):
    return [q for q in brief.quotes if q.kind == "direct"]


def speaker_of(brief, start_of_quote):
    matches = [q for q in brief.quotes if q.text.startswith(start_of_quote)]
    assert matches, f"no quote starting {start_of_quote!r}"
    s = matches[0].speaker
    return s.name or s.description


def test_example_has_at_least_nine_direct_quotes_all_with_speakers(example_brief):
    quotes = direct(example_brief)
    assert len(quotes) >= 9
    assert all(q.speaker.kind != "unknown" for q in quotes)


def test_named_speakers(example_brief):
    assert speaker_of(example_brief, "We see some very sophisticated air defenses") == "Phillip Breedlove"
    assert speaker_of(example_brief, "to ensure the safety of coalition air crews") == "Peter Cook"


def test_pronoun_speakers_resolve_to_the_right_person(example_brief):
    # "he concluded" follows Breedlove's quote; "he responded" answers Ayotte's question to Work.
    assert speaker_of(example_brief, "I’m looking at the capabilities") == "Phillip Breedlove"
    assert speaker_of(example_brief, "We believe very strongly that they did") == "Robert Work"
    assert speaker_of(example_brief, "This is still in discussions") == "Robert Work"


def test_anonymous_sources_are_flagged_with_their_description(example_brief):
    first = [q for q in example_brief.quotes if q.text.startswith("They could start at any moment")][0]
    assert first.speaker.anonymous and first.speaker.kind == "anonymous"
    assert first.speaker.description == "a U.S. official with knowledge of the latest intelligence"
    senior = [q for q in example_brief.quotes if q.text.startswith("We have clarity")][0]
    assert senior.speaker.anonymous and senior.speaker.description == "one senior administration official"


def test_a_quote_continuing_the_last_one_keeps_its_speaker(example_brief):
    ready = [q for q in example_brief.quotes if q.text.startswith("They are ready")][0]
    assert ready.speaker.anonymous and "U.S. official" in ready.speaker.description


def test_reported_speech_carries_its_cue(example_brief):
    according = [q for q in example_brief.quotes if q.kind == "reported" and q.cue == "accord"]
    assert any(q.speaker.anonymous and q.speaker.description == "U.S. officials" for q in according)
    told = [q for q in example_brief.quotes if q.kind == "reported" and q.text.startswith("Russian airstrikes in Syria could happen")]
    assert told and told[0].cue == "tell" and told[0].speaker.anonymous


def test_quote_offsets_point_at_the_quoted_words(example_brief):
    text = example_brief.article.text
    for q in example_brief.quotes:
        assert text[q.span.start : q.span.end] == q.text
        if q.cue_span:
            assert text[q.cue_span.start : q.cue_span.end] == q.cue_span.text


@pytest.fixture(scope="module")
def quotes_of():
    model = nlp.load()

    def run(text):
        doc = model(text)
        return extract_quotes(doc, extract_entities(doc))

    return run


def test_straight_quotes_split_around_the_cue(quotes_of):
    quotes = quotes_of('"We will not retreat," Jane Smith said. "Not one step."')
    assert [q.text for q in quotes] == ["We will not retreat", "Not one step."]
    assert {q.speaker.name for q in quotes} == {"Jane Smith"}


def test_curly_quote_with_speaker_before_it(quotes_of):
    quotes = quotes_of("Maria Lopez said, “The bridge is closed.”")
    assert quotes[0].text == "The bridge is closed." and quotes[0].speaker.name == "Maria Lopez"


def test_a_quote_with_no_speaker_says_so(quotes_of):
    quotes = quotes_of("The sign read “No entry” in red letters.")
    assert len(quotes) == 1 and quotes[0].speaker.kind == "unknown"


def test_text_without_quotes_has_none(quotes_of):
    assert quotes_of("The river rose overnight and the road was closed.") == []
