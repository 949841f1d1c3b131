"""The DuckDB store: articles, their briefs, and flat tables of what the briefs hold.

One `add_briefs` call is one transaction: a batch lands whole or not at all, so a crash or
Ctrl-C mid-ingest leaves the store as it was after the last finished batch, and a rerun
skips the ids already stored (an article's id is the hash of its text).
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import InputError, NewswatchError
from ..schema import Brief
from .migrations import MIGRATIONS, apply_migrations

__all__ = ["AddResult", "Store", "StoreError", "default_path"]

FILTERS = ("actor", "type", "country", "place", "since", "until", "modality")
SERIES_KEYS = {"type": "type", "actor": "actor_code", "actor_code": "actor_code", "country": "country", "place": "place"}


class StoreError(NewswatchError):
    """The store cannot be opened or written (read-only, disk full, locked, corrupt)."""


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("newswatch")) / "newswatch.duckdb"


@dataclass
class AddResult:
    added: list[str] = field(default_factory=list)
    skipped_duplicates: list[str] = field(default_factory=list, metadata={"doc": "ids already stored"})
    near_duplicates: dict[str, str] = field(default_factory=dict, metadata={"doc": "new id -> earlier near-duplicate"})


class Store:
    """`Store(path)` opens (creating and migrating) a DuckDB file; `path=None` uses the default.

    Use as a context manager or call `close()`. Not safe for concurrent use from several
    threads without a lock (one DuckDB connection).
    """

    def __init__(self, path: str | Path | None = None, read_only: bool = False):
        if path is None:
            path = default_path()
        self.path = None if str(path) == ":memory:" else Path(path)
        self.read_only = read_only
        self._location = str(self.path) if self.path else ":memory:"
        self._dedup = None  # NearDuplicateIndex, built lazily from stored signatures
        self._lock = threading.RLock()
        if self.path is not None:
            if read_only and not self.path.exists():
                raise StoreError(f"{self.path}: no store here (nothing has been ingested into it yet)")
            if not read_only:
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreError(f"{self.path.parent}: cannot create the store's folder: {exc.strerror or exc}") from exc
        try:
            self.con = duckdb.connect(self._location, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self._location}: cannot open the store: {_reason(exc)}") from exc
        if not read_only:
            try:
                apply_migrations(self.con)
            except (duckdb.Error, OSError) as exc:
                self.con.close()
                raise self._write_error(exc) from exc
        else:
            version = self.schema_version()
            if version < len(MIGRATIONS):
                self.con.close()
                raise StoreError(f"{self._location}: the store is at schema version {version}; open it writable once to migrate it")

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        try:
            self.con.close()
        except duckdb.Error:
            pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def schema_version(self) -> int:
        try:
            row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        except duckdb.CatalogException:
            return 0
        return int(row[0] or 0)

    # ------------------------------------------------------------------ writing

    def has_article(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def has_url(self, url: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE url = ? LIMIT 1", [url]).fetchone() is not None

    def add_briefs(self, briefs: Iterable[Brief], sources: dict[str, str] | None = None) -> AddResult:
        """Store a batch of briefs in one transaction; ids already stored are skipped.

        `sources` maps article ids to where they were read from (file:line, URL).
        Near-duplicates (reworded wire copies) are stored, with `dup_of` naming the earlier copy.
        """
        if self.read_only:
            raise StoreError(f"{self._location}: the store was opened read-only")
        briefs = list(briefs)
        result = AddResult()
        with self._lock:
            fresh = self._fresh(briefs, result)
            if not fresh:
                return result
            index = self._dedup_index()
            from ..monitor.dedup import signature

            signatures = {b.article.id: signature(b.article.body) for b in fresh}
            rows = _Rows()
            for brief in fresh:
                aid = brief.article.id
                dup_of = index.add_signature(aid, signatures[aid])
                if dup_of:
                    result.near_duplicates[aid] = dup_of
                rows.add(brief, dup_of, signatures[aid], (sources or {}).get(aid))
            try:
                self.con.execute("BEGIN TRANSACTION")
                for table, records in rows.tables():
                    self._insert(table, records)
                self.con.execute("COMMIT")
            except BaseException as exc:
                # Nothing of the batch stays: roll back, and forget the index entries just made.
                self._dedup = None
                try:
                    self.con.execute("ROLLBACK")
                except duckdb.Error:
                    pass
                if isinstance(exc, (duckdb.Error, OSError)):
                    raise self._write_error(exc) from exc
                raise
            result.added = [b.article.id for b in fresh]
        return result

    def _fresh(self, briefs: list[Brief], result: AddResult) -> list[Brief]:
        ids = list(dict.fromkeys(b.article.id for b in briefs))
        stored = set()
        if ids:
            stored = {r[0] for r in self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()}
        fresh, seen = [], set()
        for brief in briefs:
            aid = brief.article.id
            if aid in stored or aid in seen:
                result.skipped_duplicates.append(aid)
            else:
                seen.add(aid)
                fresh.append(brief)
        return fresh

    def _insert(self, table: str, records: list[dict]) -> None:
        """Insert rows by column name (an Arrow table, one statement per table)."""
        if not records:
            return
        arrow = pa.Table.from_pylist(records, schema=_ARROW_SCHEMAS[table])
        self.con.register("_incoming", arrow)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _incoming")
        finally:
            self.con.unregister("_incoming")

    def _dedup_index(self):
        if self._dedup is None:
            from ..monitor.dedup import NearDuplicateIndex

            index = NearDuplicateIndex()
            for aid, sig in self.con.execute("SELECT id, minhash FROM articles WHERE minhash IS NOT NULL ORDER BY added_seq").fetchall():
                index.add_signature(aid, bytes(sig))
            self._dedup = index
        return self._dedup

    def _write_error(self, exc: BaseException) -> StoreError:
        reason = _reason(exc)
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "no space left" in reason.lower():
            return StoreError(f"{self._location}: disk full, the batch was not stored ({reason})")
        if "read-only" in reason.lower() or "read only" in reason.lower() or (isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES)):
            return StoreError(f"{self._location}: cannot write, the store or its folder is read-only ({reason})")
        return StoreError(f"{self._location}: cannot write to the store: {reason}")

    def recluster(self, window_days: int = 3, full: bool = False) -> int:
        """Merge repeated reports of one event across articles; set `events.cluster_id`.

        Only events sharing a merge key (actor, type, target, modality) with a not yet clustered
        event are re-merged, since reports with different keys never merge: after an ingest that
        is the new events' keys, not the whole store. `full=True` re-merges everything. Returns
        the number of clusters touched.
        """
        from ..monitor.merge import EventRecord, merge_events

        scope = "" if full else (
            " JOIN (SELECT DISTINCT type, actor_code, target_code, modality FROM events WHERE cluster_id IS NULL) d"
            " ON e.type = d.type AND e.modality = d.modality AND e.actor_code IS NOT DISTINCT FROM d.actor_code"
            " AND e.target_code IS NOT DISTINCT FROM d.target_code"
        )
        rows = self.con.execute(
            "SELECT e.id, e.article_id, e.event_id, e.type, e.actor_code, e.target_code, e.modality, e.event_date,"
            f" a.published, e.country, e.place, a.dup_of FROM events e JOIN articles a ON a.id = e.article_id{scope}"
        ).fetchall()
        if not rows:
            return 0
        records = [
            EventRecord(article_id, published, _event_stub(event_id, type_, actor, target, modality, event_date), country, place, dup_of)
            for _, article_id, event_id, type_, actor, target, modality, event_date, published, country, place, dup_of in rows
        ]
        clusters = merge_events(records, window_days=window_days)
        assignments = [
            {"id": f"{r.article_id}:{r.event.id}", "cluster_id": c.cluster_id} for c in clusters for r in c.events
        ]
        with self._lock:
            self.con.execute("BEGIN TRANSACTION")
            try:
                if full:
                    self.con.execute("UPDATE events SET cluster_id = NULL")
                self.con.register("_clusters", pa.Table.from_pylist(assignments))
                self.con.execute("UPDATE events SET cluster_id = c.cluster_id FROM _clusters c WHERE events.id = c.id")
                self.con.unregister("_clusters")
                self.con.execute("COMMIT")
            except BaseException as exc:
                self.con.execute("ROLLBACK")
                if isinstance(exc, (duckdb.Error, OSError)):
                    raise self._write_error(exc) from exc
                raise
        return len(clusters)

    def count_clusters(self) -> int:
        return int(self.con.execute("SELECT count(DISTINCT cluster_id) FROM events").fetchone()[0])

    # ------------------------------------------------------------------ reading

    def get_brief(self, article_id: str) -> Brief | None:
        row = self.con.execute(
            "SELECT b.brief, a.dup_of FROM briefs b JOIN articles a ON a.id = b.article_id WHERE b.article_id = ?", [article_id]
        ).fetchone()
        if row is None:
            return None
        brief = Brief.model_validate_json(row[0])
        if row[1]:
            # Readers of a brief (situation reports) count a wire copy once through this.
            brief.article.metadata.setdefault("dup_of", row[1])
        return brief

    def iter_briefs(self, since: dt.date | None = None, until: dt.date | None = None) -> Iterator[Brief]:
        where, params = _date_range("a.published", since, until)
        cursor = self.con.cursor()
        cursor.execute(f"SELECT b.brief FROM briefs b JOIN articles a ON a.id = b.article_id {where} ORDER BY a.added_seq", params)
        while chunk := cursor.fetchmany(256):
            for (text,) in chunk:
                yield Brief.model_validate_json(text)

    def articles(self, limit: int | None = None, offset: int = 0) -> list[dict]:
        """Stored articles (without text), oldest first; `limit=None` means all."""
        sql = "SELECT id, title, published, outlet, url, source, dup_of FROM articles ORDER BY added_seq"
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [int(limit), int(offset)]
        elif offset:
            sql += " OFFSET ?"
            params = [int(offset)]
        return _dicts(self.con.execute(sql, params))

    def count_articles(self) -> int:
        return int(self.con.execute("SELECT count(*) FROM articles").fetchone()[0])

    def query_events(self, actor: str | None = None, type: str | None = None, country: str | None = None,
                     place: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
                     modality: str | None = None, limit: int | None = 100, offset: int = 0) -> list[dict]:
        """Events matching every given filter, newest first. `date` is the event's date, else the
        article's publication date (`date_source` says which)."""
        where, params = _event_filters(actor, type, country, place, since, until, modality)
        sql = f"SELECT {_EVENT_COLUMNS} FROM events {where} ORDER BY date DESC NULLS LAST, article_id, event_seq"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        return _dicts(self.con.execute(sql, params))

    def count_events(self, actor: str | None = None, type: str | None = None, country: str | None = None,
                     place: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
                     modality: str | None = None) -> int:
        where, params = _event_filters(actor, type, country, place, since, until, modality)
        return int(self.con.execute(f"SELECT count(*) FROM events {where}", params).fetchone()[0])

    def series(self, by: str = "type", freq: str = "day", **filters) -> list[dict]:
        """Event counts per period (day or ISO week) and key, empty periods filled in."""
        from ..monitor.series import count_series

        column = SERIES_KEYS.get(by)
        if column is None:
            raise InputError("--by", f"cannot count by {by!r}; choose one of type, actor, country, place")
        where, params = _event_filters(**_only_filters(filters))
        rows = _dicts(self.con.execute(f"SELECT date, {column} FROM events {where}", params))
        return count_series(rows, column, freq)

    def alerts(self, by: str = "type", freq: str = "day", window: int = 14, threshold: float = 3.0,
               method: str = "poisson", watchlist=None, **filters) -> list:
        """Surge alerts on the series, plus one alert per event on the watch list (if given).

        `watchlist` is a `monitor.alerts.Watchlist` or the path of its YAML file.
        """
        from ..monitor.alerts import Alert, Watchlist, detect_surges

        found = detect_surges(self.series(by, freq, **filters), window=window, threshold=threshold, method=method)
        if watchlist is not None:
            if not isinstance(watchlist, Watchlist):
                watchlist = Watchlist.from_yaml(watchlist)
            for row in self.query_events(**_only_filters(filters), limit=None):
                reasons = watchlist.match(row)
                if reasons:
                    found.append(Alert(
                        kind="watchlist", key=row["id"], period=row["date"], count=1, baseline_mean=None, score=None,
                        message=f"{row['actor_code'] or '?'} {row['type']} {row['target_code'] or ''} "
                                f"{row['place'] or ''} ({', '.join(reasons)}): {row['evidence']}".replace("  ", " "),
                        event_ids=[row["id"]],
                    ))
        return found

    def table(self, sql: str, params: list | None = None) -> pa.Table:
        """Run a read query and return an Arrow table (used by export)."""
        # A cursor of its own: duckdb 2 refuses a relation while another result is open.
        relation = self.con.cursor().sql(sql, params=params or None)
        # duckdb 2 renamed the Arrow fetch (arrow() -> to_arrow_table())
        return relation.to_arrow_table() if hasattr(relation, "to_arrow_table") else relation.arrow()


# ---------------------------------------------------------------------- rows


class _Rows:
    """The flat rows of a batch of briefs, per table."""

    def __init__(self):
        self.by_table: dict[str, list[dict]] = {name: [] for name in _ARROW_SCHEMAS}

    def tables(self):
        return self.by_table.items()

    def add(self, brief: Brief, dup_of: str | None, minhash: bytes, source: str | None) -> None:
        a = brief.article
        aid = a.id
        self.by_table["articles"].append({
            "id": aid, "title": a.title, "outlet": a.outlet, "url": a.url, "published": a.published,
            "published_source": a.published_source, "dateline": a.dateline, "language": a.language,
            "source": source or a.metadata.get("source"), "text": a.text, "metadata": json.dumps(a.metadata),
            "dup_of": dup_of, "minhash": minhash, "added_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
        })
        self.by_table["briefs"].append({"article_id": aid, "schema_version": brief.schema_version, "brief": brief.model_dump_json()})
        for e in brief.entities:
            self.by_table["entities"].append({
                "article_id": aid, "entity_id": e.id, "name": e.name, "type": e.type, "country": e.country,
                "affiliation": e.affiliation, "titles": json.dumps(e.titles), "mention_count": len(e.mentions),
            })
            for m in e.mentions:
                self.by_table["mentions"].append({"article_id": aid, "entity_id": e.id, "start": m.start, "end": m.end, "text": m.text})
        places = {p.id: p for p in brief.places}
        for p in brief.places:
            self.by_table["places"].append({
                "article_id": aid, "place_id": p.id, "name": p.name, "country_code": p.country_code, "admin1": p.admin1,
                "feature": p.feature, "lat": p.latitude, "lon": p.longitude, "geonameid": p.geonameid,
                "population": p.population, "confidence": p.confidence, "mention_count": len(p.mentions),
            })
        for q in brief.quotes:
            self.by_table["quotes"].append({
                "article_id": aid, "quote_id": q.id, "kind": q.kind, "text": q.text, "start": q.span.start, "end": q.span.end,
                "speaker_kind": q.speaker.kind, "speaker_name": q.speaker.name, "speaker_description": q.speaker.description,
                "speaker_entity_id": q.speaker.entity_id, "anonymous": q.speaker.anonymous, "cue": q.cue,
            })
        for seq, ev in enumerate(brief.events):
            place = places.get(ev.location) if ev.location else None
            date, date_source = (ev.date, ev.date_source) if ev.date else (a.published, "publication" if a.published else "unknown")
            attribution = ev.attribution
            self.by_table["events"].append({
                "id": f"{aid}:{ev.id}", "article_id": aid, "event_id": ev.id, "event_seq": seq,
                "type": ev.type, "mode": ev.mode, "context": json.dumps(ev.context),
                "actor": ev.actor.text if ev.actor else None, "actor_code": ev.actor.code if ev.actor else None,
                "actor_sector": ev.actor.sector if ev.actor else None,
                "target": ev.target.text if ev.target else None, "target_code": ev.target.code if ev.target else None,
                "target_sector": ev.target.sector if ev.target else None,
                "country": place.country_code if place else None, "place": place.name if place else None,
                "place_id": ev.location, "lat": place.latitude if place else None, "lon": place.longitude if place else None,
                "date": date, "event_date": ev.date, "date_end": ev.date_end, "date_source": date_source,
                "published": a.published, "modality": ev.modality, "quad_class": ev.quad_class, "cameo_root": ev.cameo_root,
                "confidence": ev.confidence, "trigger": ev.trigger.text, "evidence": ev.evidence.text,
                "evidence_start": ev.evidence.start, "evidence_end": ev.evidence.end,
                "attribution": (attribution.name or attribution.description or attribution.kind) if attribution else None,
                "attribution_kind": attribution.kind if attribution else None, "quote_id": ev.quote_id, "cluster_id": None,
            })


_S, _I, _F, _D, _B = pa.string(), pa.int64(), pa.float64(), pa.date32(), pa.bool_()
_ARROW_SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("id", _S), ("title", _S), ("outlet", _S), ("url", _S), ("published", _D), ("published_source", _S),
        ("dateline", _S), ("language", _S), ("source", _S), ("text", _S), ("metadata", _S), ("dup_of", _S),
        ("minhash", pa.binary()), ("added_at", pa.timestamp("us")),
    ]),
    "briefs": pa.schema([("article_id", _S), ("schema_version", _S), ("brief", _S)]),
    "entities": pa.schema([
        ("article_id", _S), ("entity_id", _S), ("name", _S), ("type", _S), ("country", _S), ("affiliation", _S),
        ("titles", _S), ("mention_count", _I),
    ]),
    "mentions": pa.schema([("article_id", _S), ("entity_id", _S), ("start", _I), ("end", _I), ("text", _S)]),
    "places": pa.schema([
        ("article_id", _S), ("place_id", _S), ("name", _S), ("country_code", _S), ("admin1", _S), ("feature", _S),
        ("lat", _F), ("lon", _F), ("geonameid", _I), ("population", _I), ("confidence", _F), ("mention_count", _I),
    ]),
    "quotes": pa.schema([
        ("article_id", _S), ("quote_id", _S), ("kind", _S), ("text", _S), ("start", _I), ("end", _I),
        ("speaker_kind", _S), ("speaker_name", _S), ("speaker_description", _S), ("speaker_entity_id", _S),
        ("anonymous", _B), ("cue", _S),
    ]),
    "events": pa.schema([
        ("id", _S), ("article_id", _S), ("event_id", _S), ("event_seq", _I), ("type", _S), ("mode", _S), ("context", _S),
        ("actor", _S), ("actor_code", _S), ("actor_sector", _S), ("target", _S), ("target_code", _S), ("target_sector", _S),
        ("country", _S), ("place", _S), ("place_id", _S), ("lat", _F), ("lon", _F), ("date", _D), ("event_date", _D),
        ("date_end", _D), ("date_source", _S), ("published", _D), ("modality", _S), ("quad_class", _I), ("cameo_root", _S),
        ("confidence", _F), ("trigger", _S), ("evidence", _S), ("evidence_start", _I), ("evidence_end", _I),
        ("attribution", _S), ("attribution_kind", _S), ("quote_id", _S), ("cluster_id", _S),
    ]),
}

_EVENT_COLUMNS = ", ".join(
    name for name in _ARROW_SCHEMAS["events"].names if name not in ("event_seq", "context")
)


def _event_stub(event_id, type_, actor_code, target_code, modality, event_date):
    """An Event carrying only what event merging reads (built without validation, for speed)."""
    from ..schema import Actor, Event

    return Event.model_construct(
        id=event_id, type=type_, modality=modality, date=event_date,
        actor=Actor.model_construct(code=actor_code) if actor_code else None,
        target=Actor.model_construct(code=target_code) if target_code else None,
    )


def _only_filters(filters: dict) -> dict:
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise TypeError(f"unknown event filter(s): {', '.join(sorted(unknown))}")
    return filters


def _country_alpha2(value: str) -> str:
    value = value.strip().upper()
    if len(value) == 3:
        import pycountry

        country = pycountry.countries.get(alpha_3=value)
        if country is None:
            raise InputError("--country", f"{value!r} is not an ISO 3166-1 country code")
        return country.alpha_2
    return value


def _event_filters(actor=None, type=None, country=None, place=None, since=None, until=None, modality=None):
    clauses, params = [], []
    if actor:
        clauses.append("upper(actor_code) = ?")
        params.append(actor.upper())
    if type:
        clauses.append("type = ?")
        params.append(type.upper())
    if country:
        clauses.append("country = ?")
        params.append(_country_alpha2(country))
    if place:
        clauses.append("lower(place) = ?")
        params.append(place.lower())
    if modality:
        clauses.append("modality = ?")
        params.append(modality)
    date_where, date_params = _date_range("date", since, until)
    if date_where:
        clauses.append(date_where.removeprefix("WHERE "))
        params += date_params
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _date_range(column: str, since, until) -> tuple[str, list]:
    clauses, params = [], []
    if since:
        clauses.append(f"{column} >= ?")
        params.append(since)
    if until:
        clauses.append(f"{column} <= ?")
        params.append(until)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _dicts(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
