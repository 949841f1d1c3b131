"""The DuckDB store: what goes in comes back, batches are atomic, queries filter, exports are whole."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from newswatch.ingest.text import ingest_text
from newswatch.schema import Actor, Brief, Event, Place, Source, Span
from newswatch.store import Store, StoreError
from newswatch.store.export import export
from newswatch.store.migrations import MIGRATIONS

DAY = dt.date(2015, 9, 29)

CITIES = ["Latakia", "Homs", "Aleppo", "Hama", "Idlib", "Tartus", "Raqqa", "Deir ez-Zor", "Daraa", "Palmyra"]
TOPICS = ["grain prices", "a new school", "road repairs", "the harbour", "water supply", "a football final",
          "power cuts", "a film festival", "bus fares", "hospital beds", "the census", "a bridge"]


def story(n: int) -> str:
    """A short, distinct made-up news text (no two share many word triples)."""
    city, topic = CITIES[n % len(CITIES)], TOPICS[(n * 7) % len(TOPICS)]
    return (
        f"Officials in {city} met on day {n} to discuss {topic}, a council spokesman said.\n\n"
        f"Story {n}: the {topic} plan for {city} will cost {n * 13 + 7} thousand pounds, "
        f"and residents number {n * 101} were invited to comment by item {n * 3}."
    )


def make_brief(text: str, published: dt.date | None = DAY, events: list[dict] = (), places: list[dict] = ()) -> Brief:
    """A Brief built directly from schema models (no NLP), with the events and places asked for."""
    article = ingest_text(text, published=published).article
    evidence = Span(start=0, end=min(len(text), 40), text=text[: min(len(text), 40)])
    brief = Brief(article=article)
    for i, p in enumerate(places, start=1):
        brief.places.append(Place(id=f"P{i}", name=p["name"], country_code=p.get("country"),
                                  latitude=p.get("lat"), longitude=p.get("lon"), confidence=0.9))
    for i, e in enumerate(events, start=1):
        brief.events.append(Event(
            id=f"V{i}", type=e.get("type", "MOBILIZE"), modality=e.get("modality", "asserted"),
            actor=Actor(text=e.get("actor", "Russia"), code=e.get("actor", "RUS"), sector=e.get("sector")),
            target=Actor(text=e["target"], code=e["target"]) if e.get("target") else None,
            location=e.get("location"), date=e.get("date"), date_source="sentence" if e.get("date") else "unknown",
            attribution=Source(kind="outlet", name="CNN"),
            trigger=evidence, evidence=evidence, confidence=0.8,
        ))
    return brief


LATAKIA = {"name": "Latakia", "country": "SY", "lat": 35.53, "lon": 35.79}
MOSCOW = {"name": "Moscow", "country": "RU", "lat": 55.75, "lon": 37.62}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "news.duckdb") as s:
        yield s


@pytest.fixture
def filled(store):
    store.add_briefs([
        make_brief(story(1), events=[{"type": "MOBILIZE", "location": "P1"}, {"type": "ASSAULT", "location": "P1",
                                                                              "modality": "possible"}], places=[LATAKIA]),
        make_brief(story(2), dt.date(2015, 9, 30), events=[{"type": "CONSULT", "actor": "USA", "target": "RUS", "location": "P1"}],
                   places=[MOSCOW]),
        make_brief(story(3), dt.date(2015, 8, 1), events=[{"type": "MOBILIZE", "date": dt.date(2015, 8, 2)}]),
    ])
    return store


def test_a_new_store_is_created_with_every_migration_applied(tmp_path):
    path = tmp_path / "sub" / "news.duckdb"
    with Store(path) as store:
        assert path.exists()
        assert store.schema_version() == len(MIGRATIONS)
    with Store(path) as store:  # reopening applies nothing twice
        assert store.con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


def test_a_stored_brief_comes_back_equal(store):
    brief = make_brief(story(1), events=[{"location": "P1"}], places=[LATAKIA])
    result = store.add_briefs([brief])
    assert result.added == [brief.article.id]
    assert store.has_article(brief.article.id)
    assert store.get_brief(brief.article.id) == brief
    assert store.get_brief("0000000000000000") is None


def test_adding_the_same_article_twice_stores_it_once(store):
    brief = make_brief(story(1))
    store.add_briefs([brief])
    again = store.add_briefs([brief, brief])
    assert again.added == []
    assert again.skipped_duplicates == [brief.article.id, brief.article.id]
    assert store.count_articles() == 1


def test_a_reworded_copy_is_stored_and_marked_as_a_near_duplicate_of_the_first(store):
    text = " ".join(story(i) for i in range(1, 6))
    first, copy = make_brief(text), make_brief(text + "\n\nReporting by A. Writer; editing by B. Editor")
    result = store.add_briefs([first, copy])
    assert result.near_duplicates == {copy.article.id: first.article.id}
    assert {a["id"]: a["dup_of"] for a in store.articles()}[copy.article.id] == first.article.id
    assert store.get_brief(copy.article.id).article.metadata["dup_of"] == first.article.id


def test_near_duplicates_are_found_against_articles_stored_in_an_earlier_session(tmp_path):
    text = " ".join(story(i) for i in range(1, 6))
    with Store(tmp_path / "s.duckdb") as store:
        store.add_briefs([make_brief(text)])
    with Store(tmp_path / "s.duckdb") as store:
        result = store.add_briefs([make_brief(text + " (Updated.)")])
    assert list(result.near_duplicates.values()) == [make_brief(text).article.id]


def test_events_are_flattened_with_their_place_and_date(filled):
    rows = filled.query_events(type="CONSULT")
    assert len(rows) == 1
    row = rows[0]
    assert (row["actor_code"], row["target_code"], row["place"], row["country"]) == ("USA", "RUS", "Moscow", "RU")
    assert row["date"] == dt.date(2015, 9, 30) and row["date_source"] == "publication"
    assert row["lat"] == pytest.approx(55.75)


def test_an_events_own_date_wins_over_the_publication_date(filled):
    (row,) = filled.query_events(since=dt.date(2015, 8, 1), until=dt.date(2015, 8, 31))
    assert row["date"] == dt.date(2015, 8, 2) and row["date_source"] == "sentence"


@pytest.mark.parametrize("filters, expected", [
    ({}, 4),
    ({"actor": "rus"}, 3),
    ({"type": "MOBILIZE"}, 2),
    ({"country": "SY"}, 2),
    ({"country": "SYR"}, 2),
    ({"place": "latakia"}, 2),
    ({"modality": "possible"}, 1),
    ({"since": dt.date(2015, 9, 29)}, 3),
    ({"until": dt.date(2015, 9, 29)}, 3),
    ({"actor": "RUS", "type": "MOBILIZE", "country": "SY", "since": dt.date(2015, 9, 1)}, 1),
])
def test_event_filters_combine_and_counts_agree_with_the_rows(filled, filters, expected):
    assert len(filled.query_events(**filters)) == expected
    assert filled.count_events(**filters) == expected


def test_event_pages_follow_limit_and_offset_newest_first(filled):
    every = filled.query_events(limit=None)
    assert [r["date"] for r in every] == sorted((r["date"] for r in every), reverse=True)
    assert filled.query_events(limit=2, offset=1) == every[1:3]


def test_series_counts_events_per_day_with_gaps_filled(filled):
    rows = filled.series("type", "day", since=dt.date(2015, 9, 29))
    counts = {(r["period"], r["key"]): r["count"] for r in rows}
    assert counts[(DAY, "MOBILIZE")] == 1
    assert counts[(dt.date(2015, 9, 30), "CONSULT")] == 1
    assert counts[(dt.date(2015, 9, 30), "MOBILIZE")] == 0


def test_series_by_actor_groups_on_the_actor_code(filled):
    keys = {r["key"] for r in filled.series("actor", "week")}
    assert keys == {"RUS", "USA"}


def test_alerts_include_watch_list_matches_naming_the_event(filled, tmp_path):
    watch = tmp_path / "w.yaml"
    watch.write_text("places: [Latakia]\n", encoding="utf-8")
    found = [a for a in filled.alerts(watchlist=watch) if a.kind == "watchlist"]
    assert len(found) == 2
    assert all(a.event_ids[0].endswith((":V1", ":V2")) and "place Latakia" in a.message for a in found)


def test_surge_alerts_fire_on_a_burst_after_a_quiet_fortnight(store):
    quiet = [make_brief(story(i), DAY - dt.timedelta(days=20 - i), events=[{"type": "PROTEST"}]) for i in range(15)]
    burst = [make_brief(story(100 + i), DAY, events=[{"type": "PROTEST"}] * 1) for i in range(8)]
    store.add_briefs(quiet + burst)
    surges = [a for a in store.alerts(by="type", window=14) if a.kind == "surge"]
    assert [(a.key, a.period) for a in surges] == [("PROTEST", DAY)]


def test_recluster_groups_the_same_event_from_two_articles(filled):
    filled.add_briefs([make_brief(story(9), events=[{"type": "MOBILIZE", "location": "P1"}], places=[LATAKIA])])
    filled.recluster()
    rows = filled.query_events(type="MOBILIZE", place="Latakia")
    assert len(rows) == 2 and rows[0]["cluster_id"] == rows[1]["cluster_id"] is not None


def test_articles_are_listed_oldest_first_without_their_text(filled):
    rows = filled.articles(limit=2)
    assert len(rows) == 2 and "text" not in rows[0]
    assert [r["id"] for r in filled.articles()][:2] == [r["id"] for r in rows]


def test_a_read_only_store_can_be_queried_but_refuses_writes(filled):
    path = filled.path
    filled.close()
    with Store(path, read_only=True) as reader:
        assert reader.count_events() == 4
        with pytest.raises(StoreError, match=str(path)):
            reader.add_briefs([make_brief(story(50))])


def test_opening_a_missing_store_read_only_says_there_is_none(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("shopping list\n" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(path)


# ---------------------------------------------------------------------- export


def test_parquet_export_is_partitioned_by_day(filled, tmp_path):
    import pyarrow.dataset as ds

    export(filled, "parquet", tmp_path / "out")
    events = tmp_path / "out" / "parquet" / "events"
    assert sorted(p.name for p in events.iterdir()) == ["day=2015-08-02", "day=2015-09-29", "day=2015-09-30"]
    table = ds.dataset(events, partitioning="hive").to_table()
    assert table.num_rows == 4
    assert (tmp_path / "out" / "parquet" / "articles").is_dir()


def test_plover_jsonl_export_names_actor_recipient_and_location(filled, tmp_path):
    (path,) = export(filled, "jsonl", tmp_path / "out", since=dt.date(2015, 9, 30))
    (record,) = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert record["event_type"] == "CONSULT"
    assert (record["actor_country"], record["recipient_country"]) == ("USA", "RUS")
    assert record["location"]["name"] == "Moscow" and record["date"] == "2015-09-30"
    assert record["text"] and record["source"]["article_id"]


def test_csv_export_has_one_gdelt_like_row_per_event(filled, tmp_path):
    (path,) = export(filled, "csv", tmp_path / "out")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == 4
    consult = next(r for r in rows if r["EventCode"] == "CONSULT")
    assert (consult["SQLDATE"], consult["Actor1Code"], consult["Actor2Code"]) == ("20150930", "USA", "RUS")


def test_an_export_that_fails_midway_leaves_the_previous_file_untouched(filled, tmp_path, monkeypatch):
    import newswatch.store.export as export_mod

    (path,) = export(filled, "jsonl", tmp_path / "out")
    before = path.read_bytes()

    def broken(row, article):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_mod, "plover_record", broken)
    with pytest.raises(Exception, match="No space left"):
        export(filled, "jsonl", tmp_path / "out")
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left behind


# ---------------------------------------------------------------------- CLI


def test_events_command_writes_json_rows_to_stdout(filled):
    from newswatch.cli import app

    path = filled.path
    filled.close()
    result = CliRunner().invoke(app, ["events", "--db", str(path), "--actor", "RUS", "--country", "SY", "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["type"] for r in rows} == {"MOBILIZE", "ASSAULT"}


def test_series_command_writes_csv(filled):
    from newswatch.cli import app

    path = filled.path
    filled.close()
    result = CliRunner().invoke(app, ["series", "--db", str(path), "--by", "country", "--freq", "week", "-f", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "period,key,count" and "2015-09-28,SY,2" in lines


def test_alerts_command_appends_watch_list_matches_to_a_jsonl_file(filled, tmp_path):
    from newswatch.cli import app

    path = filled.path
    filled.close()
    watch = tmp_path / "w.yaml"
    watch.write_text("types: [CONSULT]\n", encoding="utf-8")
    out = tmp_path / "alerts.jsonl"
    result = CliRunner().invoke(app, ["alerts", "--db", str(path), "--watchlist", str(watch), "--to", str(out)])
    assert result.exit_code == 0, result.output
    alerts = [json.loads(line) for line in out.read_text().splitlines()]
    assert [a["kind"] for a in alerts if a["kind"] == "watchlist"] == ["watchlist"]


def test_report_command_renders_markdown(filled):
    from newswatch.cli import app

    path = filled.path
    filled.close()
    result = CliRunner().invoke(app, ["report", "--db", str(path), "--since", "2015-09-01"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Situation report")


def test_a_since_after_until_is_a_usage_error(filled):
    from newswatch.cli import app

    path = filled.path
    filled.close()
    result = CliRunner().invoke(app, ["events", "--db", str(path), "--since", "2015-10-01", "--until", "2015-09-01"])
    assert result.exit_code == 2


def test_an_incremental_recluster_agrees_with_a_full_one(filled):
    filled.recluster()
    filled.add_briefs([
        make_brief(story(9), events=[{"type": "MOBILIZE", "location": "P1"}], places=[LATAKIA]),
        make_brief(story(10), dt.date(2015, 9, 30), events=[{"type": "CONSULT", "actor": "USA", "target": "RUS", "location": "P1"}],
                   places=[MOSCOW]),
    ])
    touched = filled.recluster()
    incremental = {r["id"]: r["cluster_id"] for r in filled.query_events(limit=None)}
    assert touched == 3  # both MOBILIZE clusters (one key) and the CONSULT one; the possible ASSAULT is left alone
    filled.recluster(full=True)
    assert {r["id"]: r["cluster_id"] for r in filled.query_events(limit=None)} == incremental
    assert None not in incremental.values()


def test_exported_files_and_folders_get_the_usual_permissions_not_private_temp_ones(filled, tmp_path):
    import os
    import stat

    previous = os.umask(0o022)
    try:
        (csv_path,) = export(filled, "csv", tmp_path / "csv")
        parquet_paths = export(filled, "parquet", tmp_path / "pq")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(csv_path.stat().st_mode) == 0o644
    assert parquet_paths and {stat.S_IMODE(p.stat().st_mode) for p in parquet_paths} <= {0o644, 0o755}
