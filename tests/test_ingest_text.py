"""Plain-text ingest: outlets' page furniture is recognised and removed, offsets stay mapped."""

from __future__ import annotations

import datetime as dt
import gzip
import itertools
import json

import pytest

from newswatch.errors import InputError
from newswatch.ingest.text import decode, ingest_text, read_text_file
from newswatch.schema import Article


def assert_offsets_mapped(article: Article) -> None:
    """Every body segment is a verbatim slice of the original text, and they tile the body."""
    position = 0
    for segment in article.body_segments:
        assert segment.body_start == position
        body_piece = article.body[segment.body_start : segment.body_start + segment.length]
        assert body_piece == article.text[segment.text_start : segment.text_start + segment.length]
        position += segment.length
    assert position == len(article.body)
    for span in article.boilerplate:
        assert article.text[span.start : span.end] == span.text


# --- CNN (the example) ---------------------------------------------------------------------------


def test_cnn_header_gives_title_dateline_outlet_and_the_outlets_own_highlights(example_text):
    record = ingest_text(example_text)
    article = record.article
    assert article.title == "Obama, Putin meet amid rising tensions"
    assert (article.dateline, article.outlet) == ("Washington", "CNN")
    assert [h.text[:30] for h in record.highlights] == ["Russia continues to position i", "Deputy Defense Secretary Rober"]
    assert article.body.lstrip().startswith("Russian airstrikes in Syria could happen")
    assert "RELATED:" not in article.body and "Source: CNN" not in article.body
    assert_offsets_mapped(article)


# --- Reuters ---------------------------------------------------------------------------------------

REUTERS = (
    "UK inflation eases as fuel prices fall\n\n"
    "LONDON (Reuters) - British inflation eased in March as fuel prices fell, official data showed on Wednesday.\n\n"
    "The Office for National Statistics said prices rose 2.1 percent.\n\n"
    "(Reporting by Jane Fielding and Tom Ames; Additional reporting by Ravi Patel; Editing by Mark Oduya)\n"
)


def test_reuters_dateline_and_credit_line_give_place_outlet_and_contributors():
    article = ingest_text(REUTERS).article
    assert (article.title, article.dateline, article.outlet) == ("UK inflation eases as fuel prices fall", "London", "Reuters")
    assert article.contributors == ["Jane Fielding", "Tom Ames", "Ravi Patel", "Mark Oduya"]
    assert article.body.startswith("British inflation eased")
    assert "Reporting by" not in article.body
    assert_offsets_mapped(article)


def test_wire_dateline_without_outlet_name_and_reuter_signoff_are_cut():
    text = "STANDARD OIL TO FORM UNIT\nCLEVELAND, Feb 26 - Standard Oil Co said it plans a\nventure.\n Reuter\n"
    article = ingest_text(text).article
    assert (article.title, article.dateline, article.outlet) == ("STANDARD OIL TO FORM UNIT", "Cleveland", "Reuters")
    assert article.body.startswith("Standard Oil Co said") and "Reuter" not in article.body
    assert_offsets_mapped(article)


def test_a_word_reuter_inside_the_story_is_kept():
    text = "LONDON (Reuters) - The firm hired a Reuter as its chief.\nReuter\nThe deal closed on Monday.\n"
    assert "Reuter\nThe deal" in ingest_text(text).article.body


# --- AP -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dateline, place",
    [("NEW YORK (AP) — ", "New York"), ("SPRINGFIELD, Ill. (AP) — ", "Springfield"), ("LONDON, Sept. 29 (AP) — ", "London")],
)
def test_ap_datelines_give_the_place_in_title_case_and_the_outlet(dateline, place):
    article = ingest_text(dateline + "The mayor said the subway would reopen on Tuesday after the storm.\n").article
    assert (article.dateline, article.outlet) == (place, "AP")
    assert article.body.startswith("The mayor said")


# --- BBC and other undated, dateline-free copy ----------------------------------------------------------


def test_a_short_first_line_standing_alone_is_the_title_and_leaves_the_body():
    article = ingest_text("Ad sales boost Time Warner profit\n\nQuarterly profits at TimeWarner jumped 76%.\n").article
    assert article.title == "Ad sales boost Time Warner profit"
    assert article.body == "Quarterly profits at TimeWarner jumped 76%.\n"
    assert_offsets_mapped(article)


def test_a_hard_wrapped_first_line_is_not_a_title():
    text = "Standard Oil Co and BP North America\nInc said they plan to form a venture.\n"
    article = ingest_text(text).article
    assert article.title is None and article.body == text


def test_a_one_line_text_is_a_story_not_a_title():
    article = ingest_text("Russia strikes targets in Syria").article
    assert article.title is None and article.body == "Russia strikes targets in Syria"


def test_a_given_title_repeated_as_the_first_line_leaves_the_body():
    article = ingest_text("Dollar gains\n\nThe dollar rose.\n", title="Dollar gains").article
    assert (article.title, article.body) == ("Dollar gains", "The dollar rose.\n")


# --- header dates, bylines, furniture lines -------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    ["Updated 1:47 PM ET, Tue September 29, 2015", "Published 29 September 2015", "Last updated Sept. 29, 2015"],
)
def test_a_header_date_is_the_publication_date_from_the_text(header):
    article = ingest_text(f"Russia moves jets\n{header}\n\nRussian jets landed in Syria, officials said.\n").article
    assert (article.published, article.published_source) == (dt.date(2015, 9, 29), "text")
    assert header not in article.body


def test_a_given_date_wins_over_the_header_date():
    text = "Updated 1:47 PM ET, Tue September 29, 2015\n\nRussian jets landed in Syria, officials said.\n"
    article = ingest_text(text, published=dt.date(2015, 10, 1)).article
    assert (article.published, article.published_source) == (dt.date(2015, 10, 1), "given")


def test_a_byline_names_the_contributors():
    text = "Russia moves jets\nBy Barbara Starr and Jim Sciutto, CNN\n\nRussian jets landed in Syria, officials said.\n"
    article = ingest_text(text).article
    assert article.contributors == ["Barbara Starr", "Jim Sciutto"]
    assert article.outlet == "CNN"


@pytest.mark.parametrize(
    "furniture",
    ["Advertisement", "Story continues below advertisement", "Follow us on Twitter @newswatch",
     "Follow Jane Doe on Twitter", "Image copyright Getty Images", "(Photo by John Moore/Getty Images)",
     "READ MORE: Russia's plan in Syria"],
)
def test_furniture_lines_in_the_story_are_removed_and_kept_as_boilerplate(furniture):
    text = f"WASHINGTON (AP) — The first paragraph.\n\n{furniture}\n\nThe second paragraph.\n"
    article = ingest_text(text).article
    assert furniture not in article.body
    assert furniture in [span.text for span in article.boilerplate]
    assert "The second paragraph." in article.body
    assert_offsets_mapped(article)


def test_contributor_trailer_is_read_and_removed(example_text):
    article = ingest_text(example_text).article
    assert "Kevin Liptak" in article.contributors
    assert "contributed to this report" not in article.body


# --- decoding -----------------------------------------------------------------------------------------


def test_cp1252_bytes_are_decoded():
    assert decode("Café owners paid £5 — “they said”.".encode("cp1252") * 5, "x.txt").startswith("Café owners paid £5")


def test_utf8_bom_is_dropped():
    assert decode("\ufeffHello".encode("utf-8"), "x.txt") == "Hello"


def test_binary_data_is_an_input_error_naming_the_file():
    with pytest.raises(InputError, match="blob.bin"):
        decode(bytes(range(256)) * 20, "blob.bin")


def test_file_name_date_is_returned_with_the_text(tmp_path):
    path = tmp_path / "reuters-2015-09-29-russia.txt"
    path.write_text("Text.", encoding="utf-8")
    assert read_text_file(path) == ("Text.", dt.date(2015, 9, 29))


# --- real articles: offsets hold over many of them --------------------------------------------------------


def bbc_texts(data, limit):
    with gzip.open(data / "streams" / "bbc.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in itertools.islice(handle, limit):
            record = json.loads(line)
            yield record["title"] + "\n\n" + record["text"]


def reuters_texts(data, limit):
    with gzip.open(data / "streams" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in itertools.islice(handle, limit):
            record = json.loads(line)
            yield record["title"] + "\n" + record["dateline"] + " " + record["body"]


def test_offsets_stay_mapped_over_real_bbc_and_reuters_articles(shared_data):
    for text in itertools.chain(bbc_texts(shared_data, 2225), reuters_texts(shared_data, 2000)):
        assert_offsets_mapped(ingest_text(text).article)


def test_every_bbc_article_gets_its_title_and_keeps_its_story(shared_data):
    with gzip.open(shared_data / "streams" / "bbc.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            article = ingest_text(record["title"] + "\n\n" + record["text"]).article
            assert article.title == record["title"], record["id"]
            assert len(article.body) >= 0.95 * len(record["text"]), record["id"]


def test_reuters_articles_get_dateline_and_outlet(shared_data):
    misses = []
    with gzip.open(shared_data / "streams" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in itertools.islice(handle, 1000):
            record = json.loads(line)
            article = ingest_text(record["title"] + "\n" + record["dateline"] + " " + record["body"]).article
            if article.dateline is None:
                misses.append(record["dateline"])
    assert len(misses) <= 20, misses[:20]


def test_a_story_line_starting_like_a_credit_is_kept():
    text = "Research by handset maker Nokia shows that people use mobiles, the study said.\n\nWriting by the river, she said it was calm.\n"
    article = ingest_text(text).article
    assert article.body == text and article.contributors == []
