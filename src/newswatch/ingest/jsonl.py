"""JSONL and JSONL.gz corpora: one JSON object per line, fields mapped by a `FieldMap`."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..pipeline import ArticleInput
from .sources import FieldMap, Record, parse_date


def _open(path: Path):
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def iter_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number, raw line); a truncated or corrupt gzip raises InputError naming the line reached."""
    number = 0
    try:
        with _open(path) as handle:
            for number, line in enumerate(handle, start=1):
                yield number, line
    except EOFError as exc:
        raise InputError(str(path), "the gzip file is truncated (it ends mid-stream); the records before this line were read",
                         line=number + 1) from exc
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise InputError(str(path), f"not a readable gzip file ({exc})", line=number + 1 if number else None) from exc


def iter_jsonl(path: Path, fields: FieldMap = FieldMap()) -> Iterator[Record]:
    for number, raw in iter_lines(path):
        location = f"{path}:{number}"
        if not raw.strip():
            continue
        try:
            yield record_from_json(raw, str(path), number, fields)
        except InputError as exc:
            yield Record(location, error=exc)


def record_from_json(raw: bytes | str | dict, source: str, line: int | None, fields: FieldMap) -> Record:
    location = f"{source}:{line}" if line is not None else source
    if isinstance(raw, dict):
        data = raw
    else:
        try:
            data = json.loads(raw)
        except UnicodeDecodeError as exc:
            raise InputError(source, f"not UTF-8 ({exc.reason} at byte {exc.start})", line=line) from exc
        except json.JSONDecodeError as exc:
            raise InputError(source, f"not valid JSON ({exc.msg} at column {exc.colno})", line=line) from exc
    if not isinstance(data, dict):
        raise InputError(source, f"expected a JSON object, found {type(data).__name__}", line=line)
    text = data.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        found = ", ".join(sorted(map(str, data))[:8])
        what = "missing" if fields.text not in data else "empty or not a string"
        raise InputError(source, f"text field is {what} (fields here: {found}); choose another with --text-field",
                         line=line, field=fields.text)
    warnings: list[str] = []
    published = None
    try:
        published = parse_date(data.get(fields.date))
    except ValueError as exc:
        warnings.append(f"{location} (field {fields.date!r}): {exc}; the date is left unknown")
    metadata = {"source": location}
    if data.get(fields.id) not in (None, ""):
        metadata["source_id"] = str(data[fields.id])
    item = ArticleInput(
        text=text,
        published=published,
        title=_string(data.get(fields.title)),
        url=_string(data.get(fields.url)),
        outlet=_string(data.get(fields.outlet)),
        metadata=metadata,
    )
    return Record(location, item=item, warnings=warnings)


def _string(value) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None
