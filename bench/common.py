"""Shared pieces of the benchmarks: where the data is, result rows, and P/R/F1."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def data_dir(explicit: str | Path | None = None) -> Path:
    """The evaluation data: --data, else $NEWSWATCH_DATA, else ../shared/data beside the repo."""
    path = Path(explicit or os.environ.get("NEWSWATCH_DATA") or ROOT.parent / "shared" / "data")
    if not path.is_dir():
        raise SystemExit(f"bench: evaluation data not found at {path} (pass --data or set NEWSWATCH_DATA)")
    return path


def read_jsonl(path: Path, limit: int | None = None) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if limit is not None and i >= limit:
                return
            if line.strip():
                yield json.loads(line)


@dataclass
class Row:
    """One figure of one system on one data set."""

    facet: str
    data: str
    metric: str
    system: str
    value: float | None
    n: int
    note: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def format_value(value: float | None) -> str:
    """Shares and F1 with three decimals; larger figures (km, ROUGE points) with one."""
    if value is None:
        return "-"
    return f"{value:.3f}" if abs(value) <= 1 else f"{value:.1f}"


def print_rows(rows: list[Row]) -> None:
    """A plain aligned table of rows, for a facet module run on its own."""
    rows = list(rows)
    header = ("data", "metric", "system", "value", "n", "note")
    cells = [(r.data, r.metric, r.system, format_value(r.value), str(r.n), r.note) for r in rows]
    widths = [max(len(c[i]) for c in [header, *cells]) for i in range(5)]
    for line in [header, *cells]:
        print("  ".join(cell.ljust(w) if i < 3 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths))) + "  " + line[5])


def evaluation_parser(description: str, limit_help: str):
    """The options every facet module takes: --data and --limit."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", help="evaluation data folder (default: $NEWSWATCH_DATA or ../shared/data)")
    parser.add_argument("--limit", type=int, help=limit_help)
    return parser


def with_progress(items: list, description: str) -> Iterator:
    """Yield the items while a transient rich progress bar counts them."""
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task(description, total=len(items))
        for item in items:
            yield item
            progress.advance(task)
