"""Batch ingest: records -> briefs -> store, in one process or on a Dask cluster.

Both paths skip articles already stored (by content hash) before analysing them, report a bad
record with its location and go on, and store each batch in one transaction, so an interrupted
run can simply be run again.

On Dask, partitions of records are analysed on the workers (each worker process loads its
spaCy model once, on first use), each partition's briefs are written as a Parquet file in a
spool folder, and the client loads the files into the store as they complete.
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .ingest.sources import Record
from .ingest.text import article_id
from .pipeline import ArticleInput
from .schema import Brief

Reporter = Callable[[str], None]


@dataclass
class IngestSummary:
    added: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0
    error_locations: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.added / self.seconds if self.seconds else 0.0

    def describe(self) -> str:
        return (f"{self.added} added, {self.already_stored} already stored, {self.near_duplicates} near-duplicates, "
                f"{self.errors} failed, in {self.seconds:.1f} s ({self.rate:.2f} articles/s)")


def _quiet(_: str) -> None:
    pass


class _Intake:
    """Filters a record stream: reports errors, skips ids already stored or seen in this run."""

    def __init__(self, store, summary: IngestSummary, report: Reporter, on_progress: Callable[[int], None] | None,
                 on_batch: Callable[[int, IngestSummary], None] | None = None):
        self.store, self.summary, self.report, self.on_batch = store, summary, report, on_batch
        self.on_progress = on_progress or (lambda n: None)
        self.seen: set[str] = set()

    def fresh(self, records: Iterable[Record]) -> Iterator[Record]:
        for record in records:
            for warning in record.warnings:
                self.summary.warnings += 1
                self.report(f"warning: {warning}")
            if record.error is not None:
                self.fail(record.location, record.error)
                continue
            aid = article_id(record.item.text)
            if aid in self.seen or self.store.has_article(aid):
                self.summary.already_stored += 1
                self.on_progress(1)
                continue
            self.seen.add(aid)
            yield record

    def fail(self, location: str, error: Exception | str) -> None:
        self.summary.errors += 1
        self.summary.error_locations.append(location)
        self.report(f"error: {error}")
        self.on_progress(1)

    def store_batch(self, briefs: list[Brief], sources: dict[str, str]) -> None:
        if not briefs:
            return
        result = self.store.add_briefs(briefs, sources=sources)
        self.summary.added += len(result.added)
        self.summary.already_stored += len(result.skipped_duplicates)
        self.summary.near_duplicates += len(result.near_duplicates)
        self.on_progress(len(briefs))
        if self.on_batch:
            self.on_batch(len(result.added), self.summary)


def chunks(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyze_batch(analyzer, records: list[Record]) -> tuple[list[tuple[Record, Brief]], list[tuple[Record, str]]]:
    """Analyse a batch together; if that fails, one by one, so only the bad record is lost."""
    try:
        briefs = list(analyzer.analyze_many([r.item for r in records]))
        return list(zip(records, briefs)), []
    except Exception:
        done, failed = [], []
        for record in records:
            try:
                done.append((record, next(analyzer.analyze_many([record.item]))))
            except Exception as exc:  # an extractor bug must not stop a corpus run
                failed.append((record, f"analysis failed: {type(exc).__name__}: {exc}"))
        return done, failed


def ingest(records: Iterable[Record], store, analyzer=None, batch_size: int = 32, report: Reporter = _quiet,
           on_progress: Callable[[int], None] | None = None,
           on_batch: Callable[[int, IngestSummary], None] | None = None) -> IngestSummary:
    """Analyse and store records in this process, one transaction per batch."""
    if analyzer is None:
        from .pipeline import Analyzer

        analyzer = Analyzer()
    summary = IngestSummary()
    started = time.perf_counter()
    intake = _Intake(store, summary, report, on_progress, on_batch)
    try:
        for batch in chunks(intake.fresh(records), batch_size):
            done, failed = analyze_batch(analyzer, batch)
            for record, message in failed:
                intake.fail(record.location, InputError(record.location, message))
            intake.store_batch([b for _, b in done], {b.article.id: r.location for r, b in done})
    finally:
        summary.seconds = time.perf_counter() - started
    return summary


# ---------------------------------------------------------------------- Dask


@functools.lru_cache(maxsize=2)
def _worker_analyzer(model: str):
    """One Analyzer per worker process and model, loaded on the first partition it sees."""
    from .pipeline import Analyzer

    return Analyzer(model)


def analyze_partition(items: list[tuple[str, ArticleInput]], spool: str, model: str) -> dict:
    """Runs on a worker: analyse a partition and write its briefs to one Parquet file.

    Returns the file's path and the records that failed, with their messages.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    analyzer = _worker_analyzer(model)
    records = [Record(location, item=item) for location, item in items]
    done, failed = analyze_batch(analyzer, records)
    table = pa.table({
        "article_id": [b.article.id for _, b in done],
        "location": [r.location for r, _ in done],
        "brief": [b.model_dump_json() for _, b in done],
    })
    final = Path(spool) / f"part-{uuid.uuid4().hex}.parquet"
    partial = final.with_suffix(".parquet.tmp")
    pq.write_table(table, partial)
    os.replace(partial, final)  # the client never sees a half-written file
    return {"path": str(final), "failed": [(r.location, message) for r, message in failed], "pid": os.getpid()}


def load_partition(path: str | Path) -> tuple[list[Brief], dict[str, str]]:
    import pyarrow.parquet as pq

    table = pq.read_table(path).to_pydict()
    briefs = [Brief.model_validate_json(text) for text in table["brief"]]
    return briefs, dict(zip(table["article_id"], table["location"]))


def connect(address: str = "local", workers: int = 2, threads: bool = False):
    """A Dask client: `local` starts a LocalCluster of `workers` single-threaded workers
    (processes, unless `threads`); anything else is a scheduler address such as tcp://host:8786."""
    from distributed import Client, LocalCluster

    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=not threads,
                               dashboard_address=None, silence_logs=logging.ERROR)
        return Client(cluster)
    return Client(address, timeout="30s")


def ingest_dask(records: Iterable[Record], store, client, model: str | None = None, partition_size: int = 32,
                spool: str | Path | None = None, report: Reporter = _quiet,
                on_progress: Callable[[int], None] | None = None,
                on_batch: Callable[[int, IngestSummary], None] | None = None) -> IngestSummary:
    """Analyse partitions on the cluster's workers; load each finished partition into the store.

    `spool` must be a folder the workers and this client both see (a temporary folder by
    default, which suits a local cluster). At most two partitions per worker are in flight,
    so memory stays bounded on long corpora.
    """
    from distributed import as_completed

    from .nlp import DEFAULT_MODEL

    model = model or DEFAULT_MODEL
    summary = IngestSummary()
    intake = _Intake(store, summary, report, on_progress, on_batch)
    started = time.perf_counter()
    own_spool = spool is None
    spool_dir = Path(spool or tempfile.mkdtemp(prefix="newswatch-spool-"))
    spool_dir.mkdir(parents=True, exist_ok=True)
    workers = max(len(client.scheduler_info().get("workers", {})), 1)
    pending = as_completed()

    def collect(future) -> None:
        result = future.result()
        for location, message in result["failed"]:
            intake.fail(location, InputError(location, message))
        briefs, sources = load_partition(result["path"])
        intake.store_batch(briefs, sources)
        os.remove(result["path"])

    try:
        for partition in chunks(intake.fresh(records), partition_size):
            items = [(r.location, r.item) for r in partition]
            pending.add(client.submit(analyze_partition, items, str(spool_dir), model, pure=False))
            while pending.count() >= 2 * workers:
                collect(next(pending))
        for future in pending:
            collect(future)
    finally:
        summary.seconds = time.perf_counter() - started
        if own_spool:
            for leftover in spool_dir.glob("part-*"):
                leftover.unlink(missing_ok=True)
            spool_dir.rmdir()
    return summary
