"""Export a store: Parquet (partitioned by day), PLOVER-style JSONL events, GDELT-like CSV.

Every export is written into a temporary sibling and renamed into place, so a reader never
sees a half-written file or folder, and an interrupted export leaves the old one as it was.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import NewswatchError
from . import Store, _date_range

PARQUET_TABLES = {
    # table: (date column it is partitioned by, SQL)
    "events": ("date", "SELECT * FROM events"),
    "articles": ("published", "SELECT * EXCLUDE (minhash) FROM articles"),
    "entities": ("published", "SELECT t.*, a.published FROM entities t JOIN articles a ON a.id = t.article_id"),
    "places": ("published", "SELECT t.*, a.published FROM places t JOIN articles a ON a.id = t.article_id"),
    "quotes": ("published", "SELECT t.*, a.published FROM quotes t JOIN articles a ON a.id = t.article_id"),
}
UNKNOWN_DAY = "unknown"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(final: Path, is_dir: bool = False) -> Iterator[Path]:
    """A temporary path beside `final`; renamed onto it when the block succeeds, removed if not."""
    final.parent.mkdir(parents=True, exist_ok=True)
    if is_dir:
        temp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))
    else:
        fd, name = tempfile.mkstemp(prefix=f".{final.name}.", dir=final.parent)
        os.close(fd)
        temp = Path(name)
    try:
        yield temp
        # mkstemp/mkdtemp create private (0600/0700) entries; the result should get the
        # permissions any new file or folder gets here.
        temp.chmod((0o777 if is_dir else 0o666) & ~_umask())
        if is_dir:
            old = None
            if final.exists():
                old = final.with_name(f".{final.name}.old-{os.getpid()}")
                os.replace(final, old)
            os.replace(temp, final)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(temp, final)
    except BaseException:
        if temp.is_dir():
            shutil.rmtree(temp, ignore_errors=True)
        else:
            temp.unlink(missing_ok=True)
        raise


def export(store: Store, format: str, out: str | Path, since: dt.date | None = None, until: dt.date | None = None) -> list[Path]:
    """Write the export files for `format` (parquet, jsonl or csv) into `out`; return their paths."""
    out = Path(out)
    try:
        if format == "parquet":
            return export_parquet(store, out, since, until)
        if format == "jsonl":
            return [export_plover_jsonl(store, out / "events.plover.jsonl", since, until)]
        if format == "csv":
            return [export_gdelt_csv(store, out / "events.csv", since, until)]
    except OSError as exc:
        raise NewswatchError(f"{exc.filename or out}: cannot write the export: {exc.strerror or exc}") from exc
    raise NewswatchError(f"unknown export format {format!r}; use parquet, jsonl or csv")


def export_parquet(store: Store, out: Path, since=None, until=None) -> list[Path]:
    """One folder per table, hive-partitioned by day: events/day=2015-09-29/part-0.parquet."""
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    written = []
    for table_name, (date_column, sql) in PARQUET_TABLES.items():
        where, params = _date_range(date_column, since, until)
        table = store.table(f"SELECT * FROM ({sql}) {where}", params)
        days = pc.fill_null(pc.strftime(table[date_column], format="%Y-%m-%d"), UNKNOWN_DAY)
        table = table.append_column("day", days)
        final = out / "parquet" / table_name
        with atomic_path(final, is_dir=True) as temp:
            ds.write_dataset(table, temp, format="parquet", partitioning=["day"], partitioning_flavor="hive",
                             existing_data_behavior="overwrite_or_ignore", basename_template="part-{i}.parquet")
        written.append(final)
    return written


def plover_record(row: dict, article: dict) -> dict:
    """An event row in a PLOVER-style record (actor/recipient with country and sector, mode,
    context, location), with the evidence sentence and where it is in the source article."""
    return {
        "id": row["id"],
        "date": _iso(row["date"]),
        "date_source": row["date_source"],
        "event_type": row["type"],
        "mode": row["mode"] or "",
        "context": json.loads(row["context"] or "[]"),
        "actor": row["actor"],
        "actor_country": row["actor_code"],
        "actor_sector": row["actor_sector"],
        "recipient": row["target"],
        "recipient_country": row["target_code"],
        "recipient_sector": row["target_sector"],
        "location": {
            "name": row["place"], "country": row["country"], "lat": row["lat"], "lon": row["lon"],
        } if row["place"] else None,
        "modality": row["modality"],
        "quad_class": row["quad_class"],
        "cameo_root": row["cameo_root"],
        "confidence": row["confidence"],
        "attribution": row["attribution"],
        "text": row["evidence"],
        "trigger": row["trigger"],
        "source": {
            "article_id": row["article_id"], "title": article.get("title"), "outlet": article.get("outlet"),
            "url": article.get("url"), "published": _iso(article.get("published")),
            "evidence_start": row["evidence_start"], "evidence_end": row["evidence_end"],
        },
        "cluster_id": row["cluster_id"],
    }


def _rows(store: Store, since, until) -> Iterator[tuple[dict, dict]]:
    where, params = _date_range("e.date", since, until)
    cursor = store.con.cursor()
    cursor.execute(
        f"SELECT e.*, a.title AS a_title, a.outlet AS a_outlet, a.url AS a_url, a.published AS a_published "
        f"FROM events e JOIN articles a ON a.id = e.article_id {where} ORDER BY e.date NULLS LAST, e.article_id, e.event_seq",
        params,
    )
    names = [d[0] for d in cursor.description]
    while chunk := cursor.fetchmany(1000):
        for values in chunk:
            row = dict(zip(names, values))
            article = {k[2:]: row.pop(k) for k in list(row) if k.startswith("a_")}
            yield row, article


def export_plover_jsonl(store: Store, path: Path, since=None, until=None) -> Path:
    with atomic_path(path) as temp, temp.open("w", encoding="utf-8") as handle:
        for row, article in _rows(store, since, until):
            handle.write(json.dumps(plover_record(row, article), ensure_ascii=False) + "\n")
    return path


GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1Type1Code", "Actor2Code", "Actor2Name",
    "Actor2Type1Code", "EventCode", "EventRootCode", "QuadClass", "Modality", "Confidence",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "ClusterID",
    "ArticleID", "SOURCEURL", "Evidence",
]


def export_gdelt_csv(store: Store, path: Path, since=None, until=None) -> Path:
    """One event per row with GDELT-like column names; EventCode is the PLOVER type."""
    with atomic_path(path) as temp, temp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(GDELT_COLUMNS)
        for row, article in _rows(store, since, until):
            writer.writerow([
                row["id"], row["date"].strftime("%Y%m%d") if row["date"] else "",
                row["actor_code"], row["actor"], row["actor_sector"], row["target_code"], row["target"],
                row["target_sector"], row["type"], row["cameo_root"], row["quad_class"], row["modality"],
                row["confidence"], row["place"], row["country"], row["lat"], row["lon"], row["cluster_id"],
                row["article_id"], article.get("url"), row["evidence"],
            ])
    return path


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value
