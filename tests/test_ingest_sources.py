"""Corpus input: every source kind yields articles with their metadata and a location to report."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest

from newswatch.ingest.sources import FieldMap, iter_records, parse_date

STORY = ("MOSCOW (Reuters) - Russian lawmakers approved the use of force abroad on Wednesday, "
         "officials said.\n\nThe vote came hours before the first strikes.\n")

PAGE = """<!doctype html><html><head><title>Lawmakers approve force | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2015-09-30T08:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Lawmakers approve force</h1>
<p>Russian lawmakers approved the use of force abroad on Wednesday, clearing the way for air strikes in Syria,
officials in Moscow said after a closed session of the upper house.</p>
<p>The vote came hours before the first strikes were reported near Homs, according to residents and activists
who spoke by telephone from the city.</p></article>
<footer>Copyright Example News. All rights reserved.</footer></body></html>"""

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Example</title>
<item><title>Strikes reported</title><link>https://example.org/strikes</link>
<pubDate>Wed, 30 Sep 2015 12:00:00 GMT</pubDate>
<description>{body}</description></item>
<item><title>Second item</title><link>https://example.org/second</link>
<pubDate>Thu, 01 Oct 2015 09:30:00 GMT</pubDate>
<description>{body}</description></item>
</channel></rss>"""


def long_paragraphs(n: int = 14) -> str:
    return "".join(f"&lt;p&gt;Paragraph {i} says that officials met again to discuss the strikes and their "
                   f"consequences for the region, residents and the talks in Geneva.&lt;/p&gt;" for i in range(n))


def ok(records):
    return [r for r in records if r.ok]


def test_a_text_file_is_one_article_dated_from_its_file_name(tmp_path):
    path = tmp_path / "reuters-2015-09-30-vote.txt"
    path.write_text(STORY, encoding="utf-8")
    (record,) = iter_records([path])
    assert record.location == str(path)
    assert record.item.text == STORY
    assert record.item.fallback_published == dt.date(2015, 9, 30)


def test_a_folder_is_read_recursively_skipping_hidden_files_and_unknown_kinds(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(STORY)
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "b" / "c" / "two.txt").write_text(STORY.replace("Wednesday", "Thursday"))
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "three.txt").write_text(STORY)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    records = list(iter_records([tmp_path]))
    assert [r.location for r in records] == [str(tmp_path / "a" / "one.txt"), str(tmp_path / "b" / "c" / "two.txt")]


def test_a_missing_path_is_one_error_record_naming_it(tmp_path):
    (record,) = iter_records([tmp_path / "nope.txt"])
    assert not record.ok and "nope.txt" in str(record.error) and "no such file" in str(record.error)


def test_jsonl_fields_are_mapped_and_each_record_knows_its_line(tmp_path):
    path = tmp_path / "wire.jsonl.gz"
    rows = [{"id": 7, "date": "26-FEB-1987 15:01:01.79", "title": "COCOA REVIEW", "body": STORY},
            {"id": 8, "date": "1987-02-27", "title": "SECOND", "body": STORY + "More.\n"}]
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps(r) for r in rows) + "\n")
    first, second = iter_records([path], FieldMap(text="body"))
    assert first.location == f"{path}:1" and second.location == f"{path}:2"
    assert first.item.published == dt.date(1987, 2, 26)
    assert first.item.title == "COCOA REVIEW"
    assert first.item.metadata == {"source": f"{path}:1", "source_id": "7"}


def test_a_jsonl_record_without_the_text_field_is_an_error_naming_the_field(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"body": STORY}) + "\n")
    (record,) = iter_records([path])
    assert not record.ok
    assert str(record.error).startswith(f"{path}:1 (field 'text')") and "--text-field" in str(record.error)


def test_an_unreadable_date_is_a_warning_and_the_article_still_comes_through(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"text": STORY, "date": "sometime soon"}) + "\n")
    (record,) = iter_records([path])
    assert record.ok and record.item.published is None
    assert "sometime soon" in record.warnings[0] and ":1" in record.warnings[0]


@pytest.mark.parametrize("value, expected", [
    ("2015-09-30", dt.date(2015, 9, 30)),
    ("2015-09-30T23:10:00+02:00", dt.date(2015, 9, 30)),
    ("26-FEB-1987 15:01:01.79", dt.date(1987, 2, 26)),
    ("Wed, 30 Sep 2015 12:00:00 GMT", dt.date(2015, 9, 30)),
    ("September 30, 2015", dt.date(2015, 9, 30)),
    (None, None),
])
def test_dates_in_common_corpus_formats_are_read(value, expected):
    assert parse_date(value) == expected


def test_an_ambiguous_or_unknown_date_is_refused_not_guessed():
    with pytest.raises(ValueError):
        parse_date("next Tuesday")


def test_an_html_page_gives_its_main_text_title_site_and_date(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    (record,) = iter_records([path])
    item = record.item
    assert "Russian lawmakers approved the use of force" in item.text
    assert "Copyright" not in item.text and "Home" not in item.text
    assert "\n\n" in item.text  # paragraphs stay paragraphs
    assert item.fallback_published == dt.date(2015, 9, 30)
    assert item.outlet == "Example News"


def test_a_feed_file_with_full_text_items_gives_one_article_per_item(tmp_path):
    path = tmp_path / "world.rss"
    path.write_text(FEED.format(body=long_paragraphs()), encoding="utf-8")
    records = list(iter_records([path]))
    assert [r.location for r in records] == ["https://example.org/strikes", "https://example.org/second"]
    first = records[0].item
    assert first.published == dt.date(2015, 9, 30) and first.title == "Strikes reported"
    assert first.text.startswith("Paragraph 0 says") and "\n\nParagraph 1 says" in first.text


def test_an_xml_file_is_sniffed_as_a_feed(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(FEED.format(body=long_paragraphs()), encoding="utf-8")
    assert len(ok(iter_records([path]))) == 2


def test_reuters_stream_reads_with_the_documented_field_mapping(shared_data):
    from itertools import islice

    path = shared_data / "streams" / "reuters21578.jsonl.gz"
    records = list(islice(iter_records([path], FieldMap(text="body")), 50))
    assert len(ok(records)) == 50
    assert all(r.item.published and r.item.published.year == 1987 for r in records)
    assert all(r.item.title for r in records)
