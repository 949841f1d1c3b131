"""Plain text -> Article: decoding, metadata, boilerplate removal with offsets kept."""

from __future__ import annotations

import datetime as dt
import functools
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
_SINGLE_BYTE_WESTERN = re.compile(r"^(cp125[0247]|iso8859_(1|2|3|4|9|13|14|15|16)|latin_1|mac_(roman|latin2|iceland))$")


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
    text, encoding = str(best), best.encoding
    if _SINGLE_BYTE_WESTERN.match(encoding):
        # Detectors cannot tell the Latin code pages apart on short texts (cp1250 vs cp1252 differ
        # on £); for English news cp1252 (a superset of Latin-1's printable range) is the likely one.
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    if sum(not (c.isprintable() or c.isspace()) for c in text) > 0.05 * max(len(text), 1):
        raise InputError(source, "looks like binary data, not text")
    return text, encoding


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


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, list[re.Pattern]]:
    lex = lexicons.load("boilerplate")
    return {
        key: [re.compile(p, re.IGNORECASE if key in _CASE_INSENSITIVE else 0) for p in pats]
        for key, pats in lex.items()
        if isinstance(pats, list)
    }


_CASE_INSENSITIVE = {"highlights_header", "video_source", "drop_line", "contributors"}


def _outlet_name(raw: str | None) -> str | None:
    raw = (raw or "").strip("() ")
    return lexicons.load("boilerplate").get("outlet_names", {}).get(raw, raw) or None


def _place_name(raw: str) -> str:
    """'WASHINGTON' -> 'Washington'; mixed case is kept ('Washington', 'McAllen')."""
    raw = raw.strip(" ,")
    return raw.title() if raw.isupper() else raw


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH = rf"(?:{_MONTHS}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_HEADER_DATE = re.compile(
    rf"(?:Updated|Published|Posted|Last updated)?[^\n]{{0,40}}?\b(?:(?P<m1>{_MONTH})\.? (?P<d1>\d{{1,2}}),? (?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}) (?P<m2>{_MONTH})\.?,? (?P<y2>\d{{4}}))\b",
    re.IGNORECASE,
)


def _header_date(line: str) -> dt.date | None:
    """The date on a header line such as 'Updated 1:47 PM ET, Tue September 29, 2015'."""
    match = _HEADER_DATE.match(line.strip())
    if not match or len(line) > 80:
        return None
    month = (match["m1"] or match["m2"])[:3].lower()
    day = int(match["d1"] or match["d2"])
    year = int(match["y1"] or match["y2"])
    try:
        return dt.date(year, [m[:3].lower() for m in _MONTHS.split("|")].index(month) + 1, day)
    except ValueError:
        return None


def _names(raw: str) -> list[str]:
    parts = re.split(r",\s*|\s+and\s+|;\s*|\s+&\s+", raw)
    return [n.strip(" .()") for n in parts if n.strip(" .()")]


_CREDIT_ROLE = re.compile(r"\b(?:reporting|writing|editing|compiled|graphics|research)\s+by\s+", re.IGNORECASE)


def _credit_names(line: str) -> list[str]:
    """'(Reporting by A and B; Editing by C)' -> ['A', 'B', 'C']."""
    names = []
    for part in line.strip(" ()").split(";"):
        match = _CREDIT_ROLE.search(part)
        if match:
            # "Maria Alvarez in Houston": the place says where the reporter was, not who.
            names.extend(re.sub(r"\s+in\s+[A-Z].*$", "", name) for name in _names(part[match.end() :]))
    return names


def _looks_like_title(lines: list[_Line], i: int, followed_by_header) -> bool:
    """A short line without closing punctuation, standing alone (a blank line, the end, or a
    byline or date line after it). A hard-wrapped first line runs on into text instead."""
    s = lines[i].text.strip()
    tail = s.rstrip("\"”'’")
    if not s or len(s.split()) > 16 or (tail[-1:] in (".", ":", ";", ",", "") and not tail.endswith(("...", "…"))):
        return False
    return i + 1 >= len(lines) or not lines[i + 1].text.strip() or followed_by_header(i)


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

    The header is everything above the dateline ("WASHINGTON (Reuters) - "), or, without one, the
    leading run of title, byline, date and highlight lines. The publication date is `published`
    if given, else one found in the header, else `fallback_published` (from the source's
    metadata, e.g. a file name), else None. Every kept stretch of text is recorded in
    `body_segments`, so offsets into the body map back to `text`.
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
        for p in pats.get(key, ()):
            m = p.search(s)
            if m:
                return m
        return None

    dateline_index = None
    for i, line in enumerate(lines[:60]):
        m = matches("dateline", line.text)
        if m:
            dateline_index = i
            dateline = _place_name(m.group("place"))
            outlet = outlet or _outlet_name(m.groupdict().get("outlet"))
            body_prefix_cut[i] = m.end()
            break

    def header_line(i: int, s: str, above_dateline: bool) -> bool:
        """Take in a header line (title, byline, date, highlight...); False if it is story text."""
        nonlocal in_highlights, outlet, detected_date, title
        if matches("highlights_header", s):
            in_highlights = True
        elif m := matches("video_source", s):
            outlet = outlet or _outlet_name(m.group("outlet"))
        elif m := matches("byline", s):
            contributors.extend(_names(m.group("names")))
            outlet = outlet or _outlet_name(m.groupdict().get("outlet"))
        elif _header_date(s):
            detected_date = detected_date or _header_date(s)
        elif in_highlights and above_dateline:
            start = line_start(i, s)
            highlights.append(Highlight(text=s, source="article", span=Span(start=start, end=start + len(s), text=s)))
        elif matches("drop_line", s) or s == title:
            pass
        elif title is None and not matches("caption", s) and (
            _looks_like_title(lines, i, followed_by_header)
            or (above_dateline and len(s.split()) <= 16 and not s.endswith("."))
        ):
            title = s
        elif not above_dateline:
            return False
        return True

    def followed_by_header(i: int) -> bool:
        following = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
        return bool(_header_date(following) or matches("byline", following))

    def line_start(i: int, s: str) -> int:
        return lines[i].start + lines[i].text.index(s)

    in_highlights = False
    given_title, given_outlet = title, outlet
    header_end = dateline_index or 0
    if dateline_index is None:
        # Without a dateline the header is the leading run of header-like lines, if it stops
        # before the end (a text that is all "header" is a short story, not furniture).
        header_end = next((i for i, line in enumerate(lines[:30]) if line.text.strip() and not header_line(i, line.text.strip(), False)), 0)
        if header_end == 0:
            title, outlet, detected_date = given_title, given_outlet, None
            contributors.clear()
            highlights.clear()
    else:
        for i in range(dateline_index):
            if s := lines[i].text.strip():
                header_line(i, s, above_dateline=True)
    drop.update(range(header_end))

    last_text_line = max((i for i, line in enumerate(lines) if line.text.strip()), default=-1)
    for i in range(header_end, len(lines)):
        s = lines[i].text.strip()
        if not s or i == dateline_index:
            continue
        if matches("drop_line", s):
            drop.add(i)
        elif m := matches("video_source", s):
            drop.add(i)
            outlet = outlet or _outlet_name(m.group("outlet"))
        elif matches("credits", s):
            drop.add(i)
            contributors.extend(_credit_names(s))
        elif m := matches("contributors", s):
            drop.add(i)
            contributors.extend(_names(m.group("names")))
        elif i == last_text_line and (m := matches("signoff", s)):
            drop.add(i)
            outlet = outlet or _outlet_name(m.group("outlet"))

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
        contributors=list(dict.fromkeys(contributors)),
        url=url,
        language="en" if english else None,
        boilerplate=boilerplate,
        metadata=dict(metadata or {}),
    )
    return Ingested(article=article, highlights=highlights, warnings=warnings)
