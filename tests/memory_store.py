"""An in-memory stand-in for `newswatch.store.Store`, for testing the API's HTTP layer alone.

It keeps the store's method names and row shape, and nothing else: the real store's behaviour
is tested against the real store (tests/test_api.py::test_real_store_*).
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from newswatch.monitor.alerts import detect_surges
from newswatch.monitor.series import count_series
from newswatch.schema import Brief


class MemoryStore:
    def __init__(self):
        self.briefs: dict[str, Brief] = {}

    def add_briefs(self, briefs):
        result = SimpleNamespace(added=[], skipped_duplicates=[], near_duplicates={})
        for brief in briefs:
            known = brief.article.id in self.briefs
            (result.skipped_duplicates if known else result.added).append(brief.article.id)
            self.briefs.setdefault(brief.article.id, brief)
        return result

    def recluster(self, window_days: int = 3, full: bool = False) -> int:
        return 0  # no clusters kept here

    def has_article(self, article_id: str) -> bool:
        return article_id in self.briefs

    def get_brief(self, article_id: str) -> Brief | None:
        return self.briefs.get(article_id)

    def articles(self, limit: int = 50, offset: int = 0) -> list[dict]:
        rows = [{"id": b.article.id, "title": b.article.title, "published": b.article.published,
                 "outlet": b.article.outlet} for b in self.briefs.values()]
        return rows[offset : offset + limit]

    def _rows(self) -> list[dict]:
        rows = []
        for brief in self.briefs.values():
            places = {p.id: p for p in brief.places}
            for event in brief.events:
                place = places.get(event.location) if event.location else None
                rows.append({
                    "id": f"{brief.article.id}:{event.id}", "article_id": brief.article.id, "event_id": event.id,
                    "type": event.type,
                    "actor_code": event.actor.code if event.actor else None,
                    "actor_sector": event.actor.sector if event.actor else None,
                    "target_code": event.target.code if event.target else None,
                    "target_sector": event.target.sector if event.target else None,
                    "country": place.country_code if place else None, "place": place.name if place else None,
                    "lat": place.latitude if place else None, "lon": place.longitude if place else None,
                    "date": event.date or brief.article.published, "modality": event.modality,
                    "quad_class": event.quad_class, "cameo_root": event.cameo_root, "confidence": event.confidence,
                    "evidence": event.evidence.text, "evidence_start": event.evidence.start,
                    "evidence_end": event.evidence.end, "cluster_id": None,
                })
        return rows

    def _filtered(self, actor=None, type=None, country=None, place=None, since=None, until=None, modality=None):
        def same(a, b):
            return b is None or (a is not None and str(a).casefold() == str(b).casefold())

        out = []
        for row in self._rows():
            day: dt.date | None = row["date"]
            if not (same(row["actor_code"], actor) and same(row["type"], type) and same(row["country"], country)
                    and same(row["place"], place) and same(row["modality"], modality)):
                continue
            if (since and (day is None or day < since)) or (until and (day is None or day > until)):
                continue
            out.append(row)
        return sorted(out, key=lambda r: (r["date"] or dt.date.min), reverse=True)

    def query_events(self, limit=100, offset=0, **filters) -> list[dict]:
        return self._filtered(**filters)[offset : offset + limit]

    def count_events(self, **filters) -> int:
        return len(self._filtered(**filters))

    def series(self, by="type", freq="day", **filters) -> list[dict]:
        return count_series(self._filtered(**filters), by, freq)

    def alerts(self, by="type", freq="day", window=14, threshold=3.0, method="poisson", **filters):
        return detect_surges(self.series(by, freq, **filters), window=window, threshold=threshold, method=method)

    def close(self) -> None:
        pass
