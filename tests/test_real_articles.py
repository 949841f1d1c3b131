"""Real articles in other outlets' styles go through the whole pipeline with their facts intact.

Short excerpts live in tests/fixtures (see its README); the full BBC and Reuters texts are read
from the shared evaluation data by id when it is present.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from newswatch.ingest.text import ingest_text
from newswatch.pipeline import ArticleInput
from newswatch.schema import iter_spans

FIXTURES = Path(__file__).parent / "fixtures"
BBC_ID, REUTERS_ID = "politics/001", 1290


def read_fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def bbc_article(data: Path, wanted: str) -> str:
    with gzip.open(data / "streams" / "bbc.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"] == wanted:
                return record["title"] + "\n\n" + record["text"]
    raise LookupError(wanted)


def reuters_article(data: Path, wanted: int) -> tuple[str, dt.date]:
    """The story as it ran on the wire: title line, then dateline and body."""
    with gzip.open(data / "streams" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"] == wanted:
                date = dt.datetime.strptime(record["date"].split()[0], "%d-%b-%Y").date()
                return record["title"] + "\n" + record["dateline"] + " " + record["body"], date
    raise LookupError(wanted)


def assert_sound(brief) -> None:
    """Every span quotes the original text; the body segments copy it verbatim."""
    article = brief.article
    for span in iter_spans(brief):
        assert article.text[span.start : span.end] == span.text, span
    for segment in article.body_segments:
        assert article.body[segment.body_start : segment.body_start + segment.length] == article.text[
            segment.text_start : segment.text_start + segment.length
        ]


def entity_names(brief) -> set[str]:
    return {e.name.replace("\n", " ") for e in brief.entities}


# --- AP style (written for newswatch) -------------------------------------------------------------


@pytest.fixture(scope="module")
def ap_brief(analyzer):
    return analyzer.analyze(read_fixture("ap-style-port-strike.txt"))


def test_ap_story_header_and_trailer_give_its_metadata(ap_brief):
    article = ap_brief.article
    assert article.title == "Dockworkers end strike at Gulf Coast ports"
    assert (article.dateline, article.outlet) == ("Houston", "AP")
    assert (article.published, article.published_source) == (dt.date(2022, 10, 6), "text")
    assert article.contributors == ["Maria Alvarez", "Daniel Okafor", "Chen Wu", "Paul Grant"]
    assert article.body.startswith("Dockworkers at three Gulf Coast ports ended")
    for furniture in ("Advertisement", "Follow us on Twitter", "Reporting by", "By Maria Alvarez"):
        assert furniture not in article.body


def test_ap_story_facets(ap_brief):
    assert {"Harold Daggett", "Greg Abbott"} <= entity_names(ap_brief)
    assert {"Houston", "Corpus Christi"} <= {p.name for p in ap_brief.places}
    daggett = [q for q in ap_brief.quotes if q.text.startswith("Our members stood together")]
    assert daggett and daggett[0].speaker.name == "Harold Daggett"
    assert ap_brief.highlights[0].source == "generated"
    assert_sound(ap_brief)


# --- BBC -------------------------------------------------------------------------------------------


def test_bbc_excerpt_title_leaves_the_body(analyzer):
    brief = analyzer.analyze(read_fixture("bbc-politics-001-excerpt.txt"))
    assert brief.article.title == "Labour plans maternity pay rise"
    assert brief.article.body.startswith("Maternity pay for new mothers")
    assert "Patricia Hewitt" in entity_names(brief)
    assert_sound(brief)


def test_bbc_full_article(analyzer, shared_data):
    text = bbc_article(shared_data, BBC_ID)
    brief = next(analyzer.analyze_many([ArticleInput(text=text, outlet="BBC")]))
    article = brief.article
    assert (article.title, article.outlet, article.dateline) == ("Labour plans maternity pay rise", "BBC", None)
    assert {"Patricia Hewitt", "Gordon Brown", "Tony Blair"} <= entity_names(brief)
    hewitt = [q for q in brief.quotes if q.text.startswith("We have already doubled the length of maternity pay")]
    assert hewitt and "Hewitt" in (hewitt[0].speaker.name or "")
    assert [h.source for h in brief.highlights] == ["generated"] * 3
    assert brief.highlights[0].text.startswith("Maternity pay for new mothers is to rise by £1,400")
    assert_sound(brief)


# --- Reuters (1987 wire copy: all-caps title, hard-wrapped lines, "Reuter" sign-off) ----------------


def test_reuters_excerpt_metadata(analyzer):
    brief = analyzer.analyze(read_fixture("reuters-1290-excerpt.txt"))
    article = brief.article
    assert (article.title, article.dateline, article.outlet) == ("REAGAN SAYS U.S. TO OFFER MISSILE TREATY", "Washington", "Reuters")
    assert article.body.startswith("President Reagan said") and "Reuter\n" not in article.body
    assert "Reagan" in entity_names(brief)
    assert_sound(brief)


def test_reuters_full_article(analyzer, shared_data):
    text, date = reuters_article(shared_data, REUTERS_ID)
    brief = next(analyzer.analyze_many([ArticleInput(text=text, fallback_published=date)]))
    article = brief.article
    assert (article.dateline, article.outlet) == ("Washington", "Reuters")
    assert (article.published, article.published_source) == (dt.date(1987, 3, 3), "metadata")
    assert {"Reagan", "Mikhail Gorbachev", "Soviet Union"} <= entity_names(brief)
    assert {"Iceland"} <= {p.name for p in brief.places}
    assert any(q.speaker.name == "Reagan" for q in brief.quotes)
    assert_sound(brief)


def test_reuters_excerpt_ingest_matches_the_full_story_opening(shared_data):
    full, _ = reuters_article(shared_data, REUTERS_ID)
    excerpt = read_fixture("reuters-1290-excerpt.txt")
    full_body, excerpt_body = ingest_text(full).article.body, ingest_text(excerpt).article.body
    assert full_body.startswith(excerpt_body.rsplit("\n", 2)[0])
