"""What goes wrong in real corpora and feeds, and what newswatch does about it: report the bad
record with its location, keep the rest, and never leave a half-written batch in the store."""

from __future__ import annotations

import contextlib
import errno
import gzip
import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newswatch.errors import InputError
from newswatch.ingest.feeds import iter_feed_url
from newswatch.ingest.sources import FieldMap, iter_records
from newswatch.store import Store, StoreError
from test_store import make_brief, story


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newswatch", *args], capture_output=True, text=True, timeout=timeout)


def write_jsonl(path, lines: list[str]) -> None:
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)


# ---------------------------------------------------------------------- corrupt input


def test_a_truncated_gzip_yields_the_records_before_the_cut_then_one_error_naming_the_line(tmp_path):
    path = tmp_path / "wire.jsonl.gz"
    write_jsonl(path, [json.dumps({"text": story(i) * 40}) for i in range(200)])
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    records = list(iter_records([path]))
    good, bad = [r for r in records if r.ok], [r for r in records if not r.ok]
    assert 10 < len(good) < 200
    assert len(bad) == 1 and bad[0] is records[-1]
    assert f"{path}:{len(good) + 1}" in str(bad[0].error) and "truncated" in str(bad[0].error)


def test_a_file_that_is_not_gzip_at_all_is_reported_not_raised(tmp_path):
    path = tmp_path / "wire.jsonl.gz"
    path.write_text('{"text": "plain, not compressed"}\n')
    (record,) = iter_records([path])
    assert not record.ok and "gzip" in str(record.error)


def test_a_line_that_is_not_json_is_reported_with_file_and_line_and_the_rest_is_read(tmp_path):
    path = tmp_path / "wire.jsonl"
    write_jsonl(path, [json.dumps({"text": story(1)}), "{not json", json.dumps({"text": story(2)})])
    records = list(iter_records([path]))
    assert [r.ok for r in records] == [True, False, True]
    assert str(records[1].error).startswith(f"{path}:2: not valid JSON")


def test_ingest_command_stores_the_good_records_reports_the_bad_line_and_exits_1(tmp_path):
    path, db = tmp_path / "wire.jsonl", tmp_path / "news.duckdb"
    write_jsonl(path, [json.dumps({"text": story(1)}), "[1, 2", json.dumps({"text": story(2)}), json.dumps(["a list"])])
    result = run_cli("ingest", str(path), "--db", str(db))
    assert result.returncode == 1, result.stderr
    assert f"{path}:2: not valid JSON" in result.stderr
    assert f"{path}:4: expected a JSON object" in result.stderr
    assert "2 added" in result.stderr and "2 failed" in result.stderr
    with Store(db, read_only=True) as store:
        assert store.count_articles() == 2


# ---------------------------------------------------------------------- feeds over HTTP


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><title>Good</title><link>{base}/story/1</link><pubDate>Wed, 30 Sep 2015 12:00:00 GMT</pubDate>
<description>Teaser only.</description></item>
<item><title>Gone</title><link>{base}/missing</link><description>Teaser only.</description></item>
</channel></rss>"""

PAGE = ("<html><head><title>Strikes</title></head><body><article><h1>Strikes near Homs</h1>"
        + "".join(f"<p>Paragraph {i}: residents of Homs reported strikes on the edge of the city on Wednesday, "
                  f"and officials said the talks would go on.</p>" for i in range(6))
        + "</article></body></html>")


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_port}"
        routes = {
            "/feed.xml": (200, "application/rss+xml", RSS.format(base=base)),
            "/story/1": (200, "text/html", PAGE),
            "/page.html": (200, "text/html", PAGE),
            "/broken": (500, "text/plain", "internal error"),
        }
        if self.path == "/slow":
            time.sleep(2)
        status, kind, body = routes.get(self.path, (404, "text/plain", "not found"))
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)  # port 0: a free port
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_a_feed_url_answering_500_is_one_error_naming_the_url_and_status(server):
    (record,) = iter_records([f"{server}/broken"])
    assert not record.ok
    assert str(record.error).startswith(f"{server}/broken:") and "HTTP 500" in str(record.error)


def test_a_feed_url_that_serves_an_html_page_is_reported_as_not_a_feed(server):
    (record,) = iter_records([f"{server}/page.html"])
    assert not record.ok and "not an RSS or Atom feed (it is an HTML page)" in str(record.error)


def test_teaser_items_are_fetched_from_their_links_and_a_dead_link_fails_only_its_item(server):
    good, gone = iter_records([f"{server}/feed.xml"])
    assert good.ok and "residents of Homs reported strikes" in good.item.text
    assert good.item.url == f"{server}/story/1" and good.item.published.isoformat() == "2015-09-30"
    assert not gone.ok and "HTTP 404" in str(gone.error) and gone.location == f"{server}/missing"


def test_a_feed_that_does_not_answer_in_time_is_a_timeout_error(server):
    (record,) = iter_records([f"{server}/slow"], timeout=0.5)
    assert not record.ok and "timed out" in str(record.error)


def test_items_already_stored_are_skipped_before_fetching(server):
    fetched = list(iter_feed_url(f"{server}/feed.xml", skip_url=lambda url: url.endswith("/story/1")))
    assert [r.location for r in fetched] == [f"{server}/missing"]


def test_watch_polls_a_feed_and_stores_only_new_items(server, tmp_path):
    feeds, db = tmp_path / "feeds.txt", tmp_path / "news.duckdb"
    feeds.write_text(f"# local test feed\n{server}/feed.xml\n")
    result = run_cli("watch", str(feeds), "--db", str(db), "--every", "0s", "--max-rounds", "2")
    assert result.returncode == 0, result.stderr
    assert "round 1" in result.stderr and "1 added" in result.stderr
    assert "round 2" in result.stderr and "HTTP 404" in result.stderr
    with Store(db, read_only=True) as store:
        assert store.count_articles() == 1


# ---------------------------------------------------------------------- store faults


@contextlib.contextmanager
def read_only(path: Path):
    """Make a file read-only even for root: permissions, or the immutable flag when running as root."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        yield
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("running as root on a file system without chattr +i: cannot make a read-only file")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def test_a_read_only_store_file_is_a_clear_error_naming_it(tmp_path):
    path = tmp_path / "news.duckdb"
    Store(path).close()
    with read_only(path):
        with pytest.raises(StoreError, match=str(path)):
            Store(path).add_briefs([make_brief(story(1))])


def test_querying_a_store_that_does_not_exist_exits_1_naming_the_path(tmp_path):
    result = run_cli("events", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 1
    assert f"newswatch: error: {tmp_path / 'none.duckdb'}: no store here" in result.stderr


def test_a_disk_full_mid_batch_stores_nothing_of_the_batch_and_says_so(tmp_path, monkeypatch):
    store = Store(tmp_path / "news.duckdb")
    store.add_briefs([make_brief(story(0), events=[{"type": "AID"}])])
    real_insert, calls = Store._insert, []

    def fill_disk_on_third_table(self, table, records):
        calls.append(table)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_insert(self, table, records)

    monkeypatch.setattr(Store, "_insert", fill_disk_on_third_table)
    batch = [make_brief(story(i), events=[{"type": "AID"}]) for i in range(1, 5)]
    with pytest.raises(StoreError, match=f"{tmp_path / 'news.duckdb'}: disk full"):
        store.add_briefs(batch)
    monkeypatch.setattr(Store, "_insert", real_insert)
    assert store.count_articles() == 1 and store.count_events() == 1
    assert store.con.execute("SELECT count(*) FROM briefs").fetchone()[0] == 1
    # Once there is room again the same batch goes in whole.
    assert len(store.add_briefs(batch).added) == 4 and store.count_events() == 5
    store.close()


def test_a_kill_9_mid_ingest_loses_no_stored_batch_and_a_rerun_completes_without_duplicates(tmp_path):
    path, db = tmp_path / "wire.jsonl", tmp_path / "news.duckdb"
    texts = [story(i) for i in range(60)]
    write_jsonl(path, [json.dumps({"text": t}) for t in texts])
    args = [sys.executable, "-m", "newswatch", "ingest", str(path), "--db", str(db), "--batch-size", "4", "-v"]
    process = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
    stored_batches = 0
    deadline = time.monotonic() + 240
    while stored_batches < 2 and time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        stored_batches += "stored a batch" in line
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert stored_batches == 2, "the ingest never stored two batches"

    with Store(db, read_only=True) as store:
        after_kill = store.count_articles()
    assert 8 <= after_kill < 60

    result = run_cli("ingest", str(path), "--db", str(db), "--batch-size", "4")
    assert result.returncode == 0, result.stderr
    assert f"{after_kill} already stored" in result.stderr

    from newswatch.ingest.text import article_id

    with Store(db, read_only=True) as store:
        ids = [r[0] for r in store.con.execute("SELECT id FROM articles").fetchall()]
        assert sorted(ids) == sorted(article_id(t) for t in texts)  # no loss, no duplicates
        # Every article is whole: it has its brief, and exactly the brief's events.
        for aid in ids:
            brief = store.get_brief(aid)
            stored = store.con.execute("SELECT count(*) FROM events WHERE article_id = ?", [aid]).fetchone()[0]
            assert stored == len(brief.events)


def test_an_input_error_names_file_line_and_field():
    error = InputError("wire.jsonl", "text field is missing", line=12, field="body")
    assert str(error) == "wire.jsonl:12 (field 'body'): text field is missing"


def test_field_mapping_is_used_for_every_line(tmp_path):
    path = tmp_path / "wire.jsonl"
    write_jsonl(path, [json.dumps({"body": story(i), "headline": f"H{i}"}) for i in range(3)])
    records = list(iter_records([path], FieldMap(text="body", title="headline")))
    assert [r.item.title for r in records] == ["H0", "H1", "H2"]
