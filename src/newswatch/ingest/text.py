"""Plain text -> Article: decoding, metadata, boilerplate removal with offsets kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
from spacy.lang.en.stop_words import STOP_WORDS

from .. import lexicons
from ..errors import InputError
from ..schema import Article, Highlight, Segment, Span

MAX_BYTES = 20_000_000


@dataclass
class Ingested:
    article: Article
    highlights: list[Highlight] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def decode(data: bytes, source: str) -> str:
    """Bytes -> str: UTF-8 (with or without BOM), else the detected encoding, else a clear error."""
    return decode_detecting(data, source)[0]


def decode_detecting(data: bytes, source: str) -> tuple[str, str]:
    """Like `decode`, and also name the encoding used ("utf-8" unless detection was needed)."""
    if len(data) > MAX_BYTES:
        raise InputError(source, f"{len(data):,} bytes is over the {MAX_BYTES:,}-byte limit for one article")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if b"\x00" in data[:8192]:
        raise InputError(source, "looks like binary data (NUL bytes), not text")
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(source, f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and no other encoding fits")
    text = str(best)
    if sum(not (c.isprintable() or c.isspace()) for c in text) > 0.05 * max(len(text), 1):
        raise InputError(source, "looks like binary data, not text")
    return text, best.encoding


_FILENAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def read_text_file(path: str | Path) -> tuple[str, dt.date | None]:
    """Read an article file; also return a date written in its file name (YYYY-MM-DD), if any."""
    text, date, _ = read_text_file_detecting(path)
    return text, date


def read_text_file_detecting(path: str | Path) -> tuple[str, dt.date | None, str]:
    """`read_text_file`, also naming the encoding the bytes were decoded from."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from exc
    text, encoding = decode_detecting(data, str(path))
    match = _FILENAME_DATE.search(path.name)
    date = None
    if match:
        try:
            date = dt.date(*map(int, match.groups()))
        except ValueError:
            date = None
    return text, date, encoding


@dataclass(frozen=True)
class _Line:
    start: int
    end: int  # excluding the newline
    text: str


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.rstrip("\r\n")
        out.append(_Line(pos, pos + len(stripped), stripped))
        pos += len(raw)
    return out


def _patterns() -> dict[str, list[re.Pattern]]:
    lex = lexicons.load("boilerplate")
    return {key: [re.compile(p, re.IGNORECASE if key != "dateline" else 0) for p in pats] for key, pats in lex.items()}


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_HEADER_DATE = re.compile(
    rf"(?:Updated|Published|Posted)?[^\n]{{0,40}}?\b(?:(?P<m1>{_MONTHS})\.? (?P<d1>\d{{1,2}}),? (?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}) (?P<m2>{_MONTHS}),? (?P<y2>\d{{4}}))"
)


def _header_date(line: str) -> dt.date | None:
    match = _HEADER_DATE.match(line.strip())
    if not match or len(line) > 80:
        return None
    month = match["m1"] or match["m2"]
    day = int(match["d1"] or match["d2"])
    year = int(match["y1"] or match["y2"])
    try:
        return dt.date(year, _MONTHS.split("|").index(month) + 1, day)
    except ValueError:
        return None


def is_probably_english(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text[:20000].lower())
    if len(words) < 20:
        return True
    return sum(w in STOP_WORDS for w in words) / len(words) >= 0.2


def ingest_text(
    text: str,
    published: dt.date | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    metadata: Mapping[str, str] | None = None,
    fallback_published: dt.date | None = None,
) -> Ingested:
    """Split a raw article into header, highlights, body and trailer; record what was removed.

    The publication date is `published` if given, else one found in the text's header, else
    `fallback_published` (from the source's metadata, e.g. a file name), else None.
    """
    pats = _patterns()
    lines = _lines(text)
    drop: set[int] = set()
    highlights: list[Highlight] = []
    contributors: list[str] = []
    dateline = None
    detected_date = None
    body_prefix_cut: dict[int, int] = {}  # line index -> chars cut from its start (dateline)

    def matches(key: str, s: str) -> re.Match | None:
        for p in pats[key]:
            m = p.search(s)
            if m:
                return m
        return None

    # Dateline: "Washington CNN  — ", "WASHINGTON (Reuters) - ", "LONDON, Sept 29 (AP) —"
    dateline_index = None
    for i, line in enumerate(lines[:60]):
        m = matches("dateline", line.text)
        if m:
            dateline_index = i
            dateline = m.group("place").strip(" ,")
            outlet = outlet or (m.group("outlet") or "").strip("() ") or None
            body_prefix_cut[i] = m.end()
            break

    in_highlights = False
    for i, line in enumerate(lines):
        s = line.text.strip()
        if dateline_index is not None and i < dateline_index:
            drop.add(i)
            if not s:
                continue
            # Everything above the dateline is page furniture: captions, video tags, highlights.
            if matches("highlights_header", s):
                in_highlights = True
                continue
            if m := matches("video_source", s):
                outlet = outlet or m.group("outlet").strip()
                continue
            if detected_date is None and (d := _header_date(s)):
                detected_date = d
                continue
            if in_highlights:
                highlights.append(Highlight(text=s, source="article", span=Span(start=line.start + line.text.index(s), end=line.start + line.text.index(s) + len(s), text=s)))
            elif title is None and len(s.split()) <= 16 and not s.endswith(".") and not matches("caption", s):
                title = s
            continue
        if not s:
            continue
        if matches("drop_line", s) or (m := matches("video_source", s)):
            drop.add(i)
            if m := matches("video_source", s):
                outlet = outlet or m.group("outlet").strip()
            continue
        if m := matches("contributors", s):
            drop.add(i)
            names = re.split(r",\s*|\s+and\s+|;\s*", m.group("names"))
            contributors.extend(n.strip(" .") for n in names if n.strip(" ."))
            continue

    # Body: kept lines, joined with their original line breaks, as verbatim segments.
    body_parts: list[str] = []
    segments: list[Segment] = []
    boilerplate: list[Span] = []
    body_len = 0
    for i, line in enumerate(lines):
        line_end_with_nl = lines[i + 1].start if i + 1 < len(lines) else len(text)
        if i in drop:
            if line.text.strip():
                boilerplate.append(Span(start=line.start, end=line.end, text=line.text))
            continue
        cut = body_prefix_cut.get(i, 0)
        if cut:
            boilerplate.append(Span(start=line.start, end=line.start + cut, text=line.text[:cut]))
        chunk = text[line.start + cut : line_end_with_nl]
        if not chunk:
            continue
        if segments and segments[-1].text_start + segments[-1].length == line.start + cut:
            segments[-1].length += len(chunk)
        else:
            segments.append(Segment(body_start=body_len, text_start=line.start + cut, length=len(chunk)))
        body_parts.append(chunk)
        body_len += len(chunk)
    body = "".join(body_parts)

    warnings: list[str] = []
    source = "given"
    if published is None and detected_date is not None:
        published, source = detected_date, "text"
    elif published is None and fallback_published is not None:
        published, source = fallback_published, "metadata"
    if not body.strip():
        warnings.append("the article has no body text")
    english = is_probably_english(body)
    if not english:
        warnings.append("the text does not look like English: the English model's output will be poor")

    article = Article(
        id=article_id(text),
        text=text,
        body=body,
        body_segments=segments,
        title=title,
        outlet=outlet,
        dateline=dateline,
        published=published,
        published_source=source if published else None,
        contributors=contributors,
        url=url,
        language="en" if english else None,
        boilerplate=boilerplate,
        metadata=dict(metadata or {}),
    )
    return Ingested(article=article, highlights=highlights, warnings=warnings)
