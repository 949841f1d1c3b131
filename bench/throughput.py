"""Ingest throughput into the store: bare spaCy vs one process vs a Dask local cluster.

On the Reuters-21578 stream (text from `body`, date from `date`, title from `title`), the same
first --limit articles are run three ways in one run:
- bare ``nlp.pipe`` of the same spaCy model over the bodies (the ceiling: parsing only);
- ``newswatch ingest`` in one process (ingest, parse, extract, store in DuckDB);
- the Dask path: a LocalCluster of --workers single-threaded worker processes, partitions
  written as Parquet and loaded into DuckDB by the client.
Model loading and worker start-up are outside the timings (warmed up first). Each store run
starts from an empty store. Memory: peak RSS (ru_maxrss) of this process; for each worker its
RSS after the run (psutil), as ru_maxrss is inherited from the parent across fork/exec.

Articles/day is the measured rate x 86,400, against the target of 1M/day (11.6/s).

Run: ``python -m bench.throughput [--limit 500] [--workers 2] [--data DIR] [--out FILE.json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from itertools import islice
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.common import Row, data_dir

TARGET_PER_DAY = 1_000_000
REUTERS = Path("streams") / "reuters21578.jsonl.gz"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def load_records(data: Path, limit: int):
    from newswatch.ingest.sources import FieldMap, iter_records

    fields = FieldMap(text="body", date="date", title="title")
    records = [r for r in islice(iter_records([data / REUTERS], fields), limit) if r.ok]
    return records


def run(data: Path, limit: int = 500, workers: int = 2, batch_size: int = 32) -> list[Row]:
    from newswatch import batch
    from newswatch.pipeline import Analyzer
    from newswatch.store import Store

    records = load_records(data, limit)
    n = len(records)
    dataset = f"reuters21578 first {n}"
    rows: list[Row] = []
    analyzer = Analyzer()
    list(analyzer.analyze_many([r.item for r in records[:5]]))  # warm up lexicons and gazetteers

    def add(system: str, seconds: float, count: int, note: str) -> None:
        rate = count / seconds if seconds else 0.0
        rows.append(Row("throughput", dataset, "articles/s", system, round(rate, 2), count, note))
        rows.append(Row("throughput", dataset, "articles/day", system, round(rate * 86400), count,
                        f"{rate * 86400 / TARGET_PER_DAY:.0%} of the 1M/day target"))

    started = time.perf_counter()
    for _ in analyzer.nlp.pipe((r.item.text for r in records), batch_size=batch_size):
        pass
    add("spaCy nlp.pipe (parse only)", time.perf_counter() - started, n, "no ingest, extractors or store")

    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "single.duckdb") as store:
            summary = batch.ingest(records, store, analyzer, batch_size=batch_size)
            add("newswatch ingest, 1 process", summary.seconds, summary.added,
                f"{summary.errors} failed, {summary.already_stored} duplicates skipped")
        rows.append(Row("memory", dataset, "peak RSS MB", "1 process (client, after single run)", round(_peak_rss_mb()), n))

        with batch.connect("local", workers=workers) as client:
            from newswatch.nlp import DEFAULT_MODEL

            client.run(batch._worker_analyzer, DEFAULT_MODEL)  # load the model on every worker first
            with Store(Path(tmp) / "dask.duckdb") as store:
                summary = batch.ingest_dask(records, store, client, partition_size=batch_size)
                add(f"newswatch ingest, Dask local {workers} workers", summary.seconds, summary.added,
                    f"{summary.errors} failed, {summary.already_stored} duplicates skipped")
            # ru_maxrss is inherited across fork/exec on Linux, so workers report their current RSS
            # (model loaded, after the run) instead.
            worker_rss = client.run(_rss_mb)
        for i, mb in enumerate(sorted(worker_rss.values()), start=1):
            rows.append(Row("memory", dataset, "RSS MB after run", f"Dask worker {i}", round(mb), n))
        rows.append(Row("memory", dataset, "peak RSS MB", "client (whole run)", round(_peak_rss_mb()), n))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="evaluation data folder (default: $NEWSWATCH_DATA or ../shared/data)")
    parser.add_argument("--limit", type=int, default=500, help="articles to run (default 500)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--out", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    rows = run(data_dir(args.data), args.limit, args.workers, args.batch_size)
    table = Table(title=f"Ingest throughput ({os.cpu_count()} CPUs seen; shared machine: other load varies)")
    for column in ("system", "metric", "value", "n", "note"):
        table.add_column(column)
    for row in rows:
        table.add_row(row.system, row.metric, f"{row.value:,}", str(row.n), row.note)
    Console().print(table)
    if args.out:
        args.out.write_text(json.dumps([r.as_dict() for r in rows], indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
