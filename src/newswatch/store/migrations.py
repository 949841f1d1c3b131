"""Numbered schema migrations, applied in order; `schema_version` records each one applied.

Add a migration by appending to MIGRATIONS; never edit one that has shipped.
"""

from __future__ import annotations

import duckdb

_V1 = """
CREATE SEQUENCE article_seq START 1;
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,          -- content hash of text
    added_seq BIGINT DEFAULT nextval('article_seq'),
    title VARCHAR, outlet VARCHAR, url VARCHAR, published DATE, published_source VARCHAR,
    dateline VARCHAR, language VARCHAR,
    source VARCHAR,                  -- where it was read from: file:line, URL
    text VARCHAR, metadata JSON,
    dup_of VARCHAR,                  -- earlier near-duplicate (wire copy), if any
    minhash BLOB,                    -- MinHash signature, to rebuild the near-duplicate index
    added_at TIMESTAMP
);
CREATE TABLE briefs (article_id VARCHAR PRIMARY KEY, schema_version VARCHAR, brief JSON);
CREATE TABLE entities (
    article_id VARCHAR, entity_id VARCHAR, name VARCHAR, type VARCHAR, country VARCHAR, affiliation VARCHAR,
    titles JSON, mention_count INTEGER, PRIMARY KEY (article_id, entity_id)
);
CREATE TABLE mentions (article_id VARCHAR, entity_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR);
CREATE TABLE places (
    article_id VARCHAR, place_id VARCHAR, name VARCHAR, country_code VARCHAR, admin1 VARCHAR, feature VARCHAR,
    lat DOUBLE, lon DOUBLE, geonameid BIGINT, population BIGINT, confidence DOUBLE, mention_count INTEGER,
    PRIMARY KEY (article_id, place_id)
);
CREATE TABLE quotes (
    article_id VARCHAR, quote_id VARCHAR, kind VARCHAR, text VARCHAR, start INTEGER, "end" INTEGER,
    speaker_kind VARCHAR, speaker_name VARCHAR, speaker_description VARCHAR, speaker_entity_id VARCHAR,
    anonymous BOOLEAN, cue VARCHAR, PRIMARY KEY (article_id, quote_id)
);
CREATE TABLE events (
    id VARCHAR PRIMARY KEY,          -- article_id:event_id
    article_id VARCHAR, event_id VARCHAR, event_seq INTEGER,
    type VARCHAR, mode VARCHAR, context JSON,
    actor VARCHAR, actor_code VARCHAR, actor_sector VARCHAR,
    target VARCHAR, target_code VARCHAR, target_sector VARCHAR,
    country VARCHAR,                 -- ISO alpha-2 of the event's place
    place VARCHAR, place_id VARCHAR, lat DOUBLE, lon DOUBLE,
    date DATE,                       -- event date, else publication date (date_source says which)
    event_date DATE, date_end DATE, date_source VARCHAR, published DATE,
    modality VARCHAR, quad_class INTEGER, cameo_root VARCHAR, confidence DOUBLE,
    trigger VARCHAR, evidence VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
    attribution VARCHAR, attribution_kind VARCHAR, quote_id VARCHAR,
    cluster_id VARCHAR
);
CREATE INDEX events_date ON events(date);
CREATE INDEX articles_url ON articles(url);
"""

MIGRATIONS: list[str] = [_V1]


def apply_migrations(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the database up to the latest version; each migration is its own transaction."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)")
    current = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
    for version, script in enumerate(MIGRATIONS, start=1):
        if version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(script)
            con.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)
