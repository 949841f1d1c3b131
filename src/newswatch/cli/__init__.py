"""The `newswatch` command line. Each command group lives in its own module."""

from __future__ import annotations

import sys

import typer

app = typer.Typer(
    name="newswatch",
    help="Turn news reports into a structured, sourced, geolocated record of who did what to whom, where and when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

from . import analyze as _analyze  # noqa: E402,F401  (registers commands)

for _optional in ("store", "serve", "bench"):
    # Command groups that need optional parts register themselves when importable.
    try:
        __import__(f"{__name__}.{_optional}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{_optional}":
            raise


def main() -> None:
    from ..errors import NewswatchError

    try:
        app()
    except NewswatchError as exc:
        print(f"newswatch: error: {exc}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("newswatch: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
