"""Corpus input: files, folders, JSONL(.gz), HTML pages and RSS/Atom feeds -> articles to analyse.

`iter_records(paths)` yields one `Record` per article found: either an `ArticleInput` with the
place it came from (file, file:line, URL), or the `InputError` that stopped that one record.
A bad record never stops the others.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, NewswatchError
from ..pipeline import ArticleInput

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}


@dataclass(frozen=True)
class FieldMap:
    """Which field of a JSON record holds what (`--text-field body` and so on)."""

    text: str = "text"
    date: str = "date"
    title: str = "title"
    id: str = "id"
    url: str = "url"
    outlet: str = "outlet"


@dataclass
class Record:
    location: str
    item: ArticleInput | None = None
    error: InputError | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.item is not None


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def iter_records(paths: Iterable[str | Path], fields: FieldMap = FieldMap(), timeout: float = 20.0) -> Iterator[Record]:
    """Every article in the given files, folders (recursive) and feed URLs, in order."""
    for raw in paths:
        raw = str(raw)
        if is_url(raw):
            from .feeds import iter_feed_url

            yield from _guard(raw, lambda: iter_feed_url(raw, timeout=timeout))
            continue
        path = Path(raw)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and _wanted_in_folder(p, path)):
                yield from _guard(str(file), lambda f=file: iter_file(f, fields, timeout))
        elif path.exists():
            yield from _guard(raw, lambda: iter_file(path, fields, timeout))
        else:
            yield Record(raw, error=InputError(raw, "no such file or folder"))


def _guard(location: str, make: callable) -> Iterator[Record]:
    """Turn an error that ends a whole source (unreadable file, dead URL) into one error record."""
    try:
        yield from make()
    except NewswatchError as exc:
        error = exc if isinstance(exc, InputError) else InputError(location, str(exc))
        yield Record(location, error=error)
    except OSError as exc:
        yield Record(location, error=InputError(location, exc.strerror or str(exc)))


def _wanted_in_folder(path: Path, root: Path) -> bool:
    """In a folder: article-like files only, no hidden files or folders."""
    if any(part.startswith(".") for part in path.relative_to(root).parts):
        return False
    name = path.name.lower()
    return (
        path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
        or name.endswith(JSONL_SUFFIXES)
        or path.suffix == ""
    )


def kind_of(path: Path) -> str:
    """'jsonl', 'html', 'feed' or 'text', by name, else by a look at the first bytes."""
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in {".rss", ".atom"}:
        return "feed"
    if suffix in TEXT_SUFFIXES:
        return "text"
    with path.open("rb") as handle:
        head = handle.read(2048).lstrip().lower()
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed")):
        return "feed" if (b"<rss" in head or b"<feed" in head or b"<rdf" in head) else "text"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def iter_file(path: Path, fields: FieldMap = FieldMap(), timeout: float = 20.0) -> Iterator[Record]:
    kind = kind_of(path)
    if kind == "jsonl":
        from .jsonl import iter_jsonl

        yield from iter_jsonl(path, fields)
    elif kind == "html":
        from .html import article_from_html

        data = path.read_bytes()
        yield Record(str(path), item=article_from_html(data, str(path)))
    elif kind == "feed":
        from .feeds import iter_feed_bytes

        yield from iter_feed_bytes(path.read_bytes(), str(path), timeout=timeout)
    else:
        from .text import read_text_file

        text, name_date = read_text_file(path)
        if not text.strip():
            yield Record(str(path), error=InputError(str(path), "is empty: there is no text to analyse"))
            return
        yield Record(str(path), item=ArticleInput(text=text, fallback_published=name_date, metadata={"source": str(path)}))


_DATE_FORMATS = (
    "%d-%b-%Y %H:%M:%S.%f",  # Reuters-21578: 26-FEB-1987 15:01:01.79
    "%d-%b-%Y %H:%M:%S",
    "%d-%b-%Y",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%a, %d %b %Y %H:%M:%S %z",  # RFC 822, as in RSS
    "%a, %d %b %Y %H:%M:%S %Z",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def parse_date(value: object) -> dt.date | None:
    """A record's date field -> date. Raises ValueError when it cannot be read (never guesses)."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(value, dt.timezone.utc).date()
    text = str(value).strip()
    if _ISO_DAY.match(text):
        return dt.date.fromisoformat(text[:10])
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"cannot read {text[:40]!r} as a date")
