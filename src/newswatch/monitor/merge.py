"""Merge repeated reports of the same real-world event across articles.

Two reports merge when they share the event key (actor code, PLOVER type, target code,
modality), their places are compatible (same country and same place name, where both
are known) and their dates lie within `window_days` of the cluster's dates. Modality is
part of the key, so an asserted strike never merges with a possible or denied one.
Corroboration counts independent articles: near-duplicate wire copies count once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from newswatch.schema import Event


@dataclass
class EventRecord:
    article_id: str
    published: dt.date | None
    event: Event
    place_country: str | None = None
    place_name: str | None = None
    dup_of: str | None = None

    @property
    def date(self) -> dt.date | None:
        return self.event.date or self.published

    @property
    def independent_source(self) -> str:
        return self.dup_of or self.article_id


@dataclass
class EventCluster:
    cluster_id: str
    events: list[EventRecord] = field(default_factory=list)
    corroboration: int = 0
    sources: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        return event_key(self.events[0].event)

    @property
    def first_date(self) -> dt.date | None:
        dates = [r.date for r in self.events if r.date]
        return min(dates) if dates else None

    @property
    def last_date(self) -> dt.date | None:
        dates = [r.date for r in self.events if r.date]
        return max(dates) if dates else None


def event_key(event: Event) -> tuple[str | None, str, str | None, str]:
    actor = event.actor.code if event.actor else None
    target = event.target.code if event.target else None
    return (actor, event.type, target, event.modality)


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.casefold() == b.casefold()


def _fits(cluster: EventCluster, record: EventRecord, window: dt.timedelta) -> bool:
    if any(not _compatible(r.place_country, record.place_country) for r in cluster.events):
        return False
    if any(not _compatible(r.place_name, record.place_name) for r in cluster.events):
        return False
    if record.date is None or cluster.first_date is None:
        return True
    return cluster.first_date - window <= record.date <= cluster.last_date + window


def merge_events(records: list[EventRecord], window_days: int = 3) -> list[EventCluster]:
    """Greedy single pass in date order; clusters come out by corroboration, then date."""
    window = dt.timedelta(days=window_days)
    ordered = sorted(records, key=lambda r: (r.date or dt.date.max, r.article_id, r.event.id))
    by_key: dict[tuple, list[EventCluster]] = {}
    clusters: list[EventCluster] = []
    for record in ordered:
        candidates = by_key.setdefault(event_key(record.event), [])
        target = next((c for c in candidates if _fits(c, record, window)), None)
        if target is None:
            # Named after its earliest report, so a partial re-merge (only the keys that new
            # events touched) gives the same ids as a full one and never collides with others.
            target = EventCluster(cluster_id=f"C-{record.article_id[:16]}-{record.event.id}")
            candidates.append(target)
            clusters.append(target)
        target.events.append(record)
    for cluster in clusters:
        cluster.sources = sorted({r.article_id for r in cluster.events})
        cluster.corroboration = len({r.independent_source for r in cluster.events})
    clusters.sort(key=lambda c: (-c.corroboration, c.first_date or dt.date.max, c.cluster_id))
    return clusters
