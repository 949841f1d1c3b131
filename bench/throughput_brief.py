"""Throughput of the full brief (`Analyzer.analyze_many`) against bare `nlp.pipe` of the same model.

Both run in the same process on the same BBC articles (title line + text, as a user would paste
them). The articles are cut into rounds; each round is timed once with bare ``nlp.pipe`` and once
with the full brief, and the order alternates from round to round (ABBA), so CPU contention from
other processes falls on both about equally. The ratio brief/pipe is the share of the parsing
speed the brief keeps; the rest is ingest, the extractors and building the Brief.

The time each extractor takes is measured by wrapping the pipeline's calls (no profiler needed);
``--profile FILE`` also writes a cProfile of the brief runs.

Run: ``python -m bench.throughput_brief [--limit 300] [--round 50] [--data DIR]``.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import time
from collections import defaultdict
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from bench.common import Row, data_dir, read_jsonl

EXTRACTORS = ("extract_entities", "extract_places", "extract_times", "extract_quotes", "extract_highlights", "extract_events")


def bbc_texts(data: Path, limit: int | None) -> list[str]:
    return [r["title"] + "\n\n" + r["text"] for r in read_jsonl(data / "streams" / "bbc.jsonl.gz", limit)]


def _timed(seconds: dict[str, float], name: str, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[name] += time.perf_counter() - started

    return wrapper


def run(data: Path, limit: int | None = 300, round_size: int = 50, profile: Path | None = None) -> list[Row]:
    from newswatch import pipeline

    texts = bbc_texts(data, limit)
    analyzer = pipeline.Analyzer()
    nlp = analyzer.nlp
    extractor_seconds: dict[str, float] = defaultdict(float)
    for name in EXTRACTORS + ("ingest_text", "_to_original_offsets", "link_mentions_in", "_countries_from_places"):
        setattr(pipeline, name, _timed(extractor_seconds, name, getattr(pipeline, name)))

    # Warm up both paths (model weights, lexicons, gazetteers) outside the timing.
    list(nlp.pipe(texts[:4]))
    list(analyzer.analyze_many(texts[:4]))
    extractor_seconds.clear()

    profiler = cProfile.Profile() if profile else None
    totals = {"pipe": 0.0, "brief": 0.0}
    rounds = [texts[i : i + round_size] for i in range(0, len(texts), round_size)]

    def time_pipe(chunk: list[str]) -> None:
        started = time.perf_counter()
        for _ in nlp.pipe(chunk, batch_size=analyzer.batch_size):
            pass
        totals["pipe"] += time.perf_counter() - started

    def time_brief(chunk: list[str]) -> None:
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        for _ in analyzer.analyze_many(chunk):
            pass
        if profiler:
            profiler.disable()
        totals["brief"] += time.perf_counter() - started

    with Progress(transient=True) as progress:
        task = progress.add_task("pipe / brief rounds", total=len(texts))
        for index, chunk in enumerate(rounds):
            order = (time_pipe, time_brief) if index % 2 == 0 else (time_brief, time_pipe)
            for measure in order:
                measure(chunk)
            progress.advance(task, len(chunk))
    if profiler:
        profiler.dump_stats(str(profile))

    n = len(texts)
    pipe_rate, brief_rate = n / totals["pipe"], n / totals["brief"]
    note = f"{len(rounds)} alternating rounds of {round_size}; batch_size {analyzer.batch_size}"
    rows = [
        Row("throughput", "streams/bbc", "articles/s", "nlp.pipe", pipe_rate, n, note),
        Row("throughput", "streams/bbc", "articles/s", "brief", brief_rate, n, note),
        Row("throughput", "streams/bbc", "ratio brief/pipe", "brief", brief_rate / pipe_rate, n, note),
    ]
    parse_seconds = totals["brief"] - sum(extractor_seconds.values())
    rows.append(Row("throughput", "streams/bbc", "seconds", "spaCy parse and the rest", parse_seconds, n))
    for name, seconds in sorted(extractor_seconds.items(), key=lambda item: -item[1]):
        rows.append(Row("throughput", "streams/bbc", "seconds", name, seconds, n))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="evaluation data folder (default: $NEWSWATCH_DATA or ../shared/data)")
    parser.add_argument("--limit", type=int, default=300, help="number of BBC articles (default 300)")
    parser.add_argument("--round", type=int, default=50, dest="round_size", help="articles per alternating round")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the brief runs here")
    args = parser.parse_args()
    rows = run(data_dir(args.data), args.limit, args.round_size, args.profile)
    console = Console()
    rates = Table(title=f"Brief throughput on BBC ({rows[0].n} articles)")
    for column in ("system", "metric", "value"):
        rates.add_column(column)
    for row in rows[:3]:
        rates.add_row(row.system, row.metric, f"{row.value:.2f}")
    console.print(rates)
    costs = Table(title="Where the brief's time goes")
    for column in ("step", "seconds", "share of brief"):
        costs.add_column(column)
    total = sum(row.value for row in rows[3:])
    for row in rows[3:]:
        costs.add_row(row.system, f"{row.value:.2f}", f"{100 * row.value / total:.1f}%")
    console.print(costs)
    console.print(rows[0].note)


if __name__ == "__main__":
    main()
