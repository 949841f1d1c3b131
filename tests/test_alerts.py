import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from newswatch.errors import InputError
from newswatch.monitor.alerts import Alert, Watchlist, deliver, detect_surges, poisson_tail


def series(counts, key="ASSAULT"):
    start = dt.date(2015, 9, 1)
    return [{"period": start + dt.timedelta(days=i), "key": key, "count": c} for i, c in enumerate(counts)]


def test_poisson_tail_matches_known_values():
    assert poisson_tail(0, 2.0) == 1.0
    assert poisson_tail(1, 2.0) == pytest.approx(1 - 0.1353352832, rel=1e-6)


@pytest.mark.parametrize("method", ["poisson", "zscore"])
def test_a_jump_over_a_steady_baseline_is_a_surge(method):
    alerts = detect_surges(series([1, 2, 1, 1, 2, 1, 1, 2, 1, 1, 2, 1, 1, 2, 12]), window=14, method=method)
    assert [(a.kind, a.count, a.period) for a in alerts] == [("surge", 12, dt.date(2015, 9, 15))]
    assert alerts[0].baseline_mean == pytest.approx(19 / 14, abs=1e-3)


@pytest.mark.parametrize("method", ["poisson", "zscore"])
def test_ordinary_fluctuation_is_not_a_surge(method):
    assert detect_surges(series([3, 5, 4, 2, 6, 4, 3, 5, 4, 2, 6, 4, 3, 5, 6]), method=method) == []


def test_no_alert_without_a_full_window_of_history():
    assert detect_surges(series([0, 0, 0, 50]), window=14) == []


def write(tmp_path, text):
    path = tmp_path / "watch.yaml"
    path.write_text(text)
    return path


def test_watchlist_matches_actor_place_type_and_keyword_with_reasons(tmp_path):
    watch = Watchlist.from_yaml(write(tmp_path, "actors: [RUS]\nplaces: [Homs]\ntypes: [assault]\nkeywords: [airstrike]\n"))
    row = {"actor_code": "RUS", "place": "homs", "type": "ASSAULT", "country": "SY", "text": "An airstrike hit"}
    assert watch.match(row) == ["actor RUS", "place Homs", "type assault", "keyword airstrike"]
    assert watch.match({"actor_code": "USA", "type": "AID", "text": "food"}) == []


def test_watchlist_errors_name_the_file_and_field(tmp_path):
    with pytest.raises(InputError, match=r"watch.yaml \(field 'actors'\): must be a list"):
        Watchlist.from_yaml(write(tmp_path, "actors: {RUS: 1}\n"))
    with pytest.raises(InputError, match=r"watch.yaml \(field 'colours'\)"):
        Watchlist.from_yaml(write(tmp_path, "colours: [red]\n"))
    with pytest.raises(InputError, match=r"watch.yaml:\d+: not valid YAML"):
        Watchlist.from_yaml(write(tmp_path, "actors: [RUS\n"))


ALERT = Alert("watchlist", "RUS", dt.date(2015, 9, 29), 1, None, None, "actor RUS", ["a1:V1"])


def test_delivery_appends_each_batch_to_a_jsonl_file(tmp_path):
    target = tmp_path / "alerts.jsonl"
    assert deliver([ALERT], str(target)).delivered == 1
    deliver([ALERT, ALERT], str(target))
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert len(lines) == 3 and lines[0]["period"] == "2015-09-29" and lines[0]["event_ids"] == ["a1:V1"]


def test_delivery_to_stdout_prints_one_json_line_per_alert(capsys):
    deliver([ALERT], "-")
    assert json.loads(capsys.readouterr().out)["key"] == "RUS"


def test_webhook_receives_the_alerts_and_failures_are_reported_not_raised():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/hook"
    try:
        result = deliver([ALERT], url, timeout=5)
    finally:
        server.shutdown()
        server.server_close()
    assert result.error is None and result.delivered == 1
    assert received[0]["alerts"][0]["message"] == "actor RUS"
    failed = deliver([ALERT], url, timeout=1)
    assert failed.delivered == 0 and failed.error
