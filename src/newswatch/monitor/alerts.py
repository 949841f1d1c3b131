"""Surge detection over event count series, watch-list matching and alert delivery.

Surge test (per key, per period, against the `window` periods just before it):
- "poisson": p = P(X >= count) for X ~ Poisson(mean of the trailing window, floored at
  0.5 so a quiet history does not make a single event a surge); score = -log10(p).
- "zscore": (count - mean) / sqrt(max(variance, mean, 1)), the floor keeping flat
  histories from producing huge scores.
An alert is raised when count > mean and score >= threshold. No test is made until a
key has a full window of history.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

import httpx
import yaml

from newswatch.errors import InputError

POISSON_MEAN_FLOOR = 0.5


@dataclass
class Alert:
    kind: Literal["surge", "watchlist"]
    key: str | None
    period: dt.date | str | None
    count: int
    baseline_mean: float | None
    score: float | None
    message: str
    event_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        if isinstance(self.period, dt.date):
            data["period"] = self.period.isoformat()
        return data


def poisson_tail(count: int, mean: float) -> float:
    """P(X >= count) for X ~ Poisson(mean)."""
    if count <= 0:
        return 1.0
    term = math.exp(-mean)
    below = term
    for i in range(1, count):
        term *= mean / i
        below += term
    return max(0.0, 1.0 - below) or math.exp(-mean + count * math.log(mean) - math.lgamma(count + 1))


def surge_score(count: int, history: list[int], method: Literal["poisson", "zscore"] = "poisson") -> float:
    mean = sum(history) / len(history)
    if method == "poisson":
        return -math.log10(max(poisson_tail(count, max(mean, POISSON_MEAN_FLOOR)), 1e-300))
    if method == "zscore":
        variance = sum((x - mean) ** 2 for x in history) / len(history)
        return (count - mean) / math.sqrt(max(variance, mean, 1.0))
    raise ValueError(f"unknown surge method {method!r}; use 'poisson' or 'zscore'")


def detect_surges(series_rows: list[dict], window: int = 14, threshold: float = 3.0,
                  method: Literal["poisson", "zscore"] = "poisson") -> list[Alert]:
    """Alerts for periods whose count stands out from the trailing `window` periods of its key.

    `series_rows` are `count_series` rows (continuous, zero-filled, any order).
    """
    by_key: dict = {}
    for row in sorted(series_rows, key=lambda r: str(r["period"])):
        by_key.setdefault(row["key"], []).append(row)
    alerts = []
    for key, rows in by_key.items():
        counts = [int(r["count"]) for r in rows]
        for i in range(window, len(rows)):
            history = counts[i - window : i]
            mean = sum(history) / window
            if counts[i] <= mean:
                continue
            score = surge_score(counts[i], history, method)
            if score >= threshold:
                alerts.append(Alert(
                    kind="surge", key=key, period=rows[i]["period"], count=counts[i],
                    baseline_mean=round(mean, 3), score=round(score, 2),
                    message=f"{key}: {counts[i]} events in period {rows[i]['period']} "
                            f"against a mean of {mean:.2f} over the previous {window} ({method} score {score:.1f})",
                    event_ids=list(rows[i].get("event_ids", [])),
                ))
    return alerts


WATCH_FIELDS = ("actors", "places", "countries", "types", "keywords")


@dataclass
class Watchlist:
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)

    @classmethod
    def from_yaml(cls, path: str | Path) -> Watchlist:
        source = str(path)
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(source, f"cannot read watch list: {exc.strerror or exc}") from exc
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise InputError(source, f"not valid YAML: {getattr(exc, 'problem', exc)}",
                             line=mark.line + 1 if mark else None) from exc
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise InputError(source, "a watch list must be a mapping of fields to lists")
        unknown = sorted(set(data) - set(WATCH_FIELDS))
        if unknown:
            raise InputError(source, f"unknown field; expected one of {', '.join(WATCH_FIELDS)}", field=unknown[0])
        values = {}
        for name in WATCH_FIELDS:
            items = data.get(name) or []
            if isinstance(items, str):
                items = [items]
            if not isinstance(items, list) or not all(isinstance(x, (str, int)) for x in items):
                raise InputError(source, "must be a list of strings", field=name)
            values[name] = [str(x) for x in items]
        return cls(**values)

    def match(self, event_row: dict) -> list[str]:
        """Reasons the event row is on the watch list (empty when it is not)."""
        reasons = []

        def same(value, wanted: list[str]) -> str | None:
            if value is None:
                return None
            return next((w for w in wanted if w.casefold() == str(value).casefold()), None)

        for column in ("actor_code", "target_code", "actor", "target"):
            if hit := same(event_row.get(column), self.actors):
                reasons.append(f"actor {hit}")
                break
        if hit := same(event_row.get("place"), self.places):
            reasons.append(f"place {hit}")
        if hit := same(event_row.get("country"), self.countries):
            reasons.append(f"country {hit}")
        if hit := same(event_row.get("type"), self.types):
            reasons.append(f"type {hit}")
        text = " ".join(str(event_row.get(c) or "") for c in ("text", "evidence", "title")).casefold()
        for keyword in self.keywords:
            if keyword.casefold() in text:
                reasons.append(f"keyword {keyword}")
        return reasons


@dataclass
class DeliveryResult:
    target: str
    delivered: int
    error: str | None = None


def deliver(alerts: list[Alert], target: str, timeout: float = 10.0) -> DeliveryResult:
    """Send alerts to stdout ("-"), append them to a .jsonl file, or POST them to a URL.

    Failures are reported in the result, never raised, so monitoring keeps running.
    """
    payload = [a.to_dict() for a in alerts]
    if target in ("-", "stdout"):
        for item in payload:
            sys.stdout.write(json.dumps(item, default=str) + "\n")
        sys.stdout.flush()
        return DeliveryResult(target, len(payload))
    if target.startswith(("http://", "https://")):
        try:
            response = httpx.post(target, json={"alerts": payload}, timeout=timeout)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            return DeliveryResult(target, 0, f"{type(exc).__name__}: {exc}")
        return DeliveryResult(target, len(payload))
    try:
        # One write of the whole batch to an O_APPEND descriptor, so batches never interleave.
        block = "".join(json.dumps(item, default=str) + "\n" for item in payload).encode("utf-8")
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, block)
        finally:
            os.close(fd)
    except OSError as exc:
        return DeliveryResult(target, 0, f"cannot append to {target}: {exc.strerror or exc}")
    return DeliveryResult(target, len(payload))
