import datetime as dt

from newswatch.monitor.merge import EventRecord, merge_events
from newswatch.report.situation import build_situation, render
from newswatch.schema import Actor, Article, Brief, Event, Highlight, Place, Quote, Source, Span

SPAN = Span(start=0, end=6, text="struck")


def brief(article_id, day, modality="asserted", speaker=None):
    text = "Russian jets struck Homs <b>today</b>."
    event = Event(id="V1", type="ASSAULT", actor=Actor(text="Russia", code="RUS"), location="P1",
                  date=dt.date(2015, 9, day), modality=modality, trigger=SPAN, evidence=Span(start=0, end=len(text), text=text),
                  confidence=0.8)
    quote_speaker = speaker or Source(kind="anonymous", description="a U.S. official", anonymous=True)
    return Brief(
        article=Article(id=article_id, text=text, body=text, published=dt.date(2015, 9, day)),
        highlights=[Highlight(text=f"Highlight of {article_id} <script>", source="generated")],
        places=[Place(id="P1", name="Homs", latitude=34.73, longitude=36.71, country_code="SY", confidence=0.9)],
        quotes=[Quote(id="Q1", kind="direct", text="We saw the jets", span=SPAN, speaker=quote_speaker)],
        events=[event],
    )


def clusters_for(briefs):
    records = [EventRecord(b.article.id, b.article.published, e, "SY", "Homs") for b in briefs for e in b.events]
    return merge_events(records)


BRIEFS = [brief("a", 29), brief("b", 30), brief("c", 30, modality="possible",
                                                 speaker=Source(kind="person", name="Ashton Carter"))]


def test_key_developments_merge_reports_and_hedged_claims_become_open_questions():
    situation = build_situation(BRIEFS, clusters_for(BRIEFS))
    assert [(d.corroboration, d.sources) for d in situation.developments] == [(2, ["a", "b"])]
    assert [(q.modality, q.sources) for q in situation.open_questions] == [("possible", ["c"])]


def test_timeline_places_and_statements_flag_anonymous_sources():
    situation = build_situation(BRIEFS, clusters_for(BRIEFS))
    assert list(situation.timeline) == [dt.date(2015, 9, 29), dt.date(2015, 9, 30)]
    assert situation.places[0].name == "Homs" and situation.places[0].articles == 3
    assert [(s.speaker, s.anonymous) for s in situation.statements][-1] == ("Ashton Carter", False)
    assert situation.statements[0].anonymous


def test_date_range_limits_the_articles_considered():
    situation = build_situation(BRIEFS, clusters_for(BRIEFS), since=dt.date(2015, 9, 30))
    assert situation.articles == 2
    assert [d.sources for d in situation.developments] == [["a", "b"]]  # cluster lists all its sources


def test_region_filter_keeps_articles_mentioning_the_region():
    assert build_situation(BRIEFS, [], region="SY").articles == 3
    assert build_situation(BRIEFS, [], region="Ukraine").articles == 0


def test_markdown_and_html_renderings_carry_the_sections_and_html_is_escaped():
    situation = build_situation(BRIEFS, clusters_for(BRIEFS), region="Homs")
    markdown = render(situation, "md")
    for heading in ("## Key developments", "## Timeline", "## Who said what", "## Places", "## Open questions"):
        assert heading in markdown
    assert "[anonymous]" in markdown and "(34.730, 36.710)" in markdown
    html = render(situation, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
