"""Event counts per period and key, with empty periods filled so series are continuous."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from enum import Enum
from typing import Literal

KEYS = ("type", "actor_code", "country", "place")


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


class Freq(str, Enum):
    """Period lengths a series can be counted by (shared by the CLI and the API)."""

    day = "day"
    week = "week"


def period_start(day: dt.date, freq: Literal["day", "week"]) -> dt.date:
    """Weeks start on Monday (ISO weeks)."""
    return day if freq == "day" else day - dt.timedelta(days=day.weekday())


def count_series(rows: list[dict], by: str, freq: Literal["day", "week"] = "day") -> list[dict]:
    """Rows `{period, key, count}` for every period from the first to the last event, per key.

    Rows without a date are skipped; a missing key value is counted under None.
    """
    if by not in KEYS:
        raise ValueError(f"cannot group by {by!r}; choose one of {', '.join(KEYS)}")
    if freq not in ("day", "week"):
        raise ValueError(f"freq must be 'day' or 'week', not {freq!r}")
    counts: Counter = Counter()
    for row in rows:
        if row.get("date") in (None, ""):
            continue
        counts[(period_start(_as_date(row["date"]), freq), row.get(by))] += 1
    if not counts:
        return []
    step = dt.timedelta(days=1 if freq == "day" else 7)
    first = min(p for p, _ in counts)
    last = max(p for p, _ in counts)
    keys = sorted({k for _, k in counts}, key=lambda k: (k is None, str(k)))
    series = []
    for key in keys:
        period = first
        while period <= last:
            series.append({"period": period, "key": key, "count": counts.get((period, key), 0)})
            period += step
    return series
