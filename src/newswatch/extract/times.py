"""Temporal expressions resolved against the publication date, by newsroom convention.

A bare weekday means the most recent such day on or before publication ("Monday" in a Tuesday
paper is yesterday). That rule is ours, not left to dateparser, whose weekday handling depends on
its settings and version (with PREFER_DATES_FROM="future", "Tuesday" in a Tuesday paper is next
week). Weekdays, relative spans and durations are resolved here; dateparser handles explicit
calendar dates.
"""

from __future__ import annotations

import bisect

import datetime as dt
import functools
import re

import dateparser
from spacy.tokens import Doc

from .. import lexicons
from ..schema import Span, TimeExpression

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_RE = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b")
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


def _rules() -> dict:
    return lexicons.load("time_expressions")


def most_recent_weekday(anchor: dt.date, weekday: int) -> dt.date:
    """The latest date on or before `anchor` that falls on `weekday` (0 = Monday)."""
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def _count(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


@functools.lru_cache(maxsize=4096)
def _dateparser(text: str, anchor: dt.date | None) -> dt.date | None:
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day"], "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(anchor, dt.time())
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def resolve(text: str, anchor: dt.date | None) -> dict:
    """Resolve one expression. Returns TimeExpression fields (start, end, granularity, kind, resolved)."""
    lowered = text.lower().strip()
    lowered = re.sub(r"^(the|this|that|on|last|past|earlier|early|late)\s+(?=(the )?(morning|afternoon|evening|night|day)$)", "", lowered)
    rules = _rules()

    if lowered in rules["times_of_day"]:
        return {"kind": "time", "granularity": "time", "resolved": False}

    if (m := _WEEKDAY_RE.search(text)) and len(lowered.split()) <= 3:
        weekday = WEEKDAYS.index(m.group(1).lower())
        if anchor is None:
            return {"kind": "date", "granularity": "day", "resolved": False}
        day = most_recent_weekday(anchor, weekday)
        if lowered.startswith("next "):
            day = anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
        elif lowered.startswith("last ") and day == anchor:
            day -= dt.timedelta(days=7)
        return {"start": day, "end": day, "kind": "date", "granularity": "day", "resolved": True}

    for pattern, spec in rules["relative"].items():
        m = re.fullmatch(pattern, lowered)
        if not m:
            continue
        if anchor is None:
            return {"kind": spec["kind"], "granularity": spec["granularity"], "resolved": False}
        given = m.groupdict().get("n")
        n = _count(given.strip()) if given else spec.get("n", 1)
        if n is None:
            continue
        if spec["unit"] == "year":
            year = anchor.year + spec["offset"] * n
            return {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31), "kind": "date", "granularity": "year", "resolved": True}
        unit_days = {"day": 1, "week": 7, "month": 30}[spec["unit"]]
        near = anchor + dt.timedelta(days=spec["offset"] * n * unit_days)
        far = anchor + dt.timedelta(days=spec.get("to", 0) * unit_days)
        if spec["kind"] == "date":
            far = near
        return {"start": min(near, far), "end": max(near, far), "kind": spec["kind"], "granularity": spec["granularity"], "resolved": True}

    for pattern, spec in rules["durations"].items():
        if re.fullmatch(pattern, lowered):
            return {"kind": "duration", "granularity": spec, "resolved": False}

    if re.fullmatch(r"\d{4}", lowered):
        year = int(lowered)
        return {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31), "kind": "date", "granularity": "year", "resolved": True}
    if m := re.fullmatch(r"(?:in |since |by )?(january|february|march|april|may|june|july|august|september|october|november|december)(?:,? (\d{4}))?", lowered):
        month = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"].index(m.group(1)) + 1
        year = int(m.group(2)) if m.group(2) else (anchor.year - (month > anchor.month) if anchor else None)
        if year is None:
            return {"kind": "date", "granularity": "month", "resolved": False}
        first = dt.date(year, month, 1)
        last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
        return {"start": first, "end": last, "kind": "date", "granularity": "month", "resolved": True}

    if re.search(r"\d|january|february|march|april|june|july|august|september|october|november|december|jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.", lowered):
        explicit_year = re.search(r"\b\d{4}\b", lowered) is not None
        if anchor is None and not explicit_year:
            return {"kind": "date", "granularity": "day", "resolved": False}
        day = _dateparser(text, anchor)
        if day is not None:
            return {"start": day, "end": day, "kind": "date", "granularity": "day", "resolved": True}
    return {"kind": "date", "granularity": "unknown", "resolved": False}


def extract_times(doc: Doc, anchor: dt.date | None) -> list[TimeExpression]:
    """DATE/TIME entities plus bare weekdays the model missed, each resolved against `anchor`."""
    found: list[tuple[int, int, str]] = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    covered = sorted((s, e) for s, e, _ in found)  # entities do not overlap
    starts = [s for s, _ in covered]
    for m in _WEEKDAY_RE.finditer(doc.text):
        k = bisect.bisect_right(starts, m.start()) - 1
        if not (k >= 0 and covered[k][0] <= m.start() < covered[k][1]):
            found.append((m.start(), m.end(), m.group(0)))
    found.sort()
    out = []
    for start, end, text in found:
        fields = resolve(text, anchor)
        out.append(
            TimeExpression(
                id=f"T{len(out) + 1}",
                text=text,
                span=Span(start=start, end=end, text=text),
                anchor=anchor if fields.get("resolved") else None,
                **fields,
            )
        )
    return out
