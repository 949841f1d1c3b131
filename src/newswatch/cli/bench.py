"""`newswatch bench`: run the accuracy benchmarks from a source checkout."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from . import app


def _repo_root() -> Path | None:
    """The checkout holding bench/ (src/newswatch/cli -> repo root), or None in an installed wheel."""
    root = Path(__file__).resolve().parents[3]
    return root if (root / "bench" / "accuracy.py").is_file() else None


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def bench(ctx: typer.Context) -> None:
    """Run the accuracy benchmarks (options as `python -m bench.accuracy --help`)."""
    root = _repo_root()
    if root is None:
        typer.echo("newswatch bench: needs the newswatch source checkout (bench/ is not part of the installed package)", err=True)
        raise typer.Exit(2)
    sys.path.insert(0, str(root))
    from bench.accuracy import main

    raise typer.Exit(main(list(ctx.args)))
