"""Batch ingest, in one process and on a Dask LocalCluster of two worker processes."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from newswatch import batch
from newswatch.ingest.sources import Record, iter_records
from newswatch.pipeline import ArticleInput
from newswatch.store import Store
from test_store import story

pytestmark = pytest.mark.slow


def records(n: int, start: int = 0) -> list[Record]:
    return [Record(f"mem:{i}", item=ArticleInput(text=story(i))) for i in range(start, start + n)]


@pytest.fixture(scope="module")
def client():
    with batch.connect("local", workers=2) as dask_client:
        yield dask_client


def test_single_process_ingest_stores_every_record_once(tmp_path, analyzer):
    with Store(tmp_path / "s.duckdb") as store:
        summary = batch.ingest(records(6) + records(2), store, analyzer, batch_size=4)
        assert (summary.added, summary.already_stored, summary.errors) == (6, 2, 0)
        assert store.count_articles() == 6
        assert {a["source"] for a in store.articles()} == {f"mem:{i}" for i in range(6)}


def test_a_record_that_breaks_the_analyzer_fails_alone(tmp_path, analyzer, monkeypatch):
    real = analyzer.analyze_many

    def fragile(items):
        items = list(items)
        if any("day 3 " in i.text for i in items):
            raise RuntimeError("extractor bug")
        return real(items)

    monkeypatch.setattr(analyzer, "analyze_many", fragile)
    messages = []
    with Store(tmp_path / "s.duckdb") as store:
        summary = batch.ingest(records(6), store, analyzer, batch_size=6, report=messages.append)
        assert (summary.added, summary.errors) == (5, 1)
    assert summary.error_locations == ["mem:3"] and "extractor bug" in messages[0]


def test_dask_ingest_analyses_on_both_workers_and_loads_every_partition(tmp_path, client):
    stored_batches = []
    with Store(tmp_path / "d.duckdb") as store:
        summary = batch.ingest_dask(records(8), store, client, partition_size=2,
                                    on_batch=lambda added, _: stored_batches.append(added))
        assert (summary.added, summary.errors) == (8, 0)
        assert store.count_articles() == 8 and sorted(stored_batches) == [2, 2, 2, 2]
        brief = store.get_brief(store.articles(limit=1)[0]["id"])
        assert brief.pipeline is not None and brief.entities  # analysed for real on a worker
    loads = client.run(lambda: batch._worker_analyzer.cache_info().misses)
    assert sorted(loads.values()) == [1, 1]  # each worker process loaded its model exactly once


def test_dask_ingest_matches_the_single_process_result(tmp_path, client, analyzer):
    with Store(tmp_path / "a.duckdb") as local, Store(tmp_path / "b.duckdb") as remote:
        batch.ingest(records(4), local, analyzer)
        batch.ingest_dask(records(4), remote, client, partition_size=3)
        for row in local.articles():
            assert remote.get_brief(row["id"]) == local.get_brief(row["id"])


def test_dask_ingest_skips_stored_articles_and_reports_bad_records(tmp_path, client):
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join([json.dumps({"text": story(1)}), "oops", json.dumps({"text": story(2)})]) + "\n")
    messages = []
    spools_before = set(Path(tempfile.gettempdir()).glob("newswatch-spool-*"))
    with Store(tmp_path / "d.duckdb") as store:
        first = batch.ingest_dask(iter_records([path]), store, client, report=messages.append)
        second = batch.ingest_dask(iter_records([path]), store, client, report=messages.append)
    assert (first.added, first.errors) == (2, 1)
    assert (second.added, second.already_stored) == (0, 2)
    assert f"{path}:2" in messages[0]
    assert set(Path(tempfile.gettempdir()).glob("newswatch-spool-*")) == spools_before  # temp spool removed


def test_the_spool_folder_is_emptied_after_loading(tmp_path, client):
    spool = tmp_path / "spool"
    with Store(tmp_path / "d.duckdb") as store:
        batch.ingest_dask(records(3), store, client, partition_size=1, spool=spool)
    assert list(spool.iterdir()) == []
