"""Accuracy benchmark harness: run every facet evaluation module and tabulate its rows.

Each facet module `bench/eval_<facet>.py` exposes `run(data: Path, limit: int | None) -> list[Row]`.
A missing or failing module gives one row saying so (error on stderr); the run goes on.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import traceback
from pathlib import Path

from bench.common import ROOT, Row, data_dir

FACETS = ("ner", "fivew1h", "quotes", "geo", "highlights", "events", "coref")
SMOKE_LIMIT = 3
RESULTS = ROOT / "bench" / "results"


def run_facet(facet: str, data: Path, limit: int | None, package: str = "bench") -> list[Row]:
    """The facet's rows, or one row (value None) naming why it could not run."""
    try:
        module = importlib.import_module(f"{package}.eval_{facet}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{package}.eval_{facet}":
            return [Row(facet, "-", "-", "-", None, 0, "skipped: module not written yet")]
        return _failed(facet, exc)
    except Exception as exc:  # a broken module must not stop the other facets
        return _failed(facet, exc)
    try:
        return list(module.run(data, limit))
    except Exception as exc:
        return _failed(facet, exc)


def _failed(facet: str, exc: BaseException) -> list[Row]:
    print(f"bench: facet {facet} failed:", file=sys.stderr)
    traceback.print_exception(exc, file=sys.stderr)
    return [Row(facet, "-", "-", "-", None, 0, f"skipped: {type(exc).__name__}: {exc}"[:200])]


def run_all(facets, data: Path, limit: int | None, package: str = "bench") -> list[Row]:
    from rich.progress import Progress

    rows: list[Row] = []
    with Progress(transient=True) as progress:
        task = progress.add_task("facets", total=len(facets))
        for facet in facets:
            progress.update(task, description=f"evaluating {facet}")
            rows.extend(run_facet(facet, data, limit, package))
            progress.advance(task)
    return rows


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def markdown(rows: list[Row]) -> str:
    lines = ["| facet | data | metric | system | value | n | note |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r.facet} | {r.data} | {r.metric} | {r.system} | {_fmt(r.value)} | {r.n} | {r.note.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def print_table(rows: list[Row]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="newswatch accuracy")
    for column in ("facet", "data", "metric", "system", "value", "n", "note"):
        table.add_column(column)
    for r in rows:
        table.add_row(r.facet, r.data, r.metric, r.system, _fmt(r.value), str(r.n), r.note)
    Console().print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.accuracy", description=__doc__)
    parser.add_argument("--data", help="evaluation data folder (default: $NEWSWATCH_DATA or ../shared/data)")
    parser.add_argument("--limit", type=int, help="evaluate at most N items per data set")
    parser.add_argument("--only", help="comma-separated facets, e.g. ner,geo")
    parser.add_argument("--smoke", action="store_true", help=f"tiny run (limit {SMOKE_LIMIT}) that checks the harness, not scores")
    parser.add_argument("--json", type=Path, default=RESULTS / "accuracy.json", help="JSON output (markdown written beside it)")
    args = parser.parse_args(argv)
    facets = [f.strip() for f in args.only.split(",")] if args.only else list(FACETS)
    limit = SMOKE_LIMIT if args.smoke else args.limit
    rows = run_all(facets, data_dir(args.data), limit)
    print_table(rows)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"limit": limit, "rows": [r.as_dict() for r in rows]}, indent=2) + "\n", encoding="utf-8")
    args.json.with_suffix(".md").write_text(markdown(rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
