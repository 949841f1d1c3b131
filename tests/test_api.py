"""The REST API: endpoints, errors, limits, authentication and the dashboard's files."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from memory_store import MemoryStore
from newswatch.api import RateLimiter, create_app

SHORT_ARTICLE = (
    "MOSCOW (Reuters) - Russia deployed fighter jets to the Latakia air base in Syria on Monday, "
    "a U.S. official said. \"We are watching closely,\" the official said."
)


@pytest.fixture()
def store(example_brief):
    memory = MemoryStore()
    memory.add_briefs([example_brief])
    return memory


@pytest.fixture()
def client(store, analyzer):
    app = create_app(store=store, analyzer_factory=lambda: analyzer, api_key="", rate_per_minute=None)
    with TestClient(app) as test_client:
        yield test_client


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "field"}
    return body["error"]


# ---------------------------------------------------------------- service


def test_healthz_answers_without_loading_the_analyzer(store):
    loads = []
    app = create_app(store=store, analyzer_factory=lambda: loads.append(1), rate_per_minute=None)
    with TestClient(app) as client:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["analyzer_loaded"] is False
    assert loads == []


def test_openapi_documents_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/analyze", "/articles", "/events", "/series", "/alerts", "/articles/{article_id}", "/report", "/healthz"):
        assert path in paths


# ---------------------------------------------------------------- analysis


def test_analyze_returns_a_brief_whose_offsets_index_the_posted_text(client):
    response = client.post("/analyze", json={"text": SHORT_ARTICLE, "published": "2015-09-28"})
    assert response.status_code == 200
    brief = response.json()
    assert brief["article"]["text"] == SHORT_ARTICLE
    assert brief["article"]["published"] == "2015-09-28"
    for event in brief["events"]:
        assert SHORT_ARTICLE[event["evidence"]["start"] : event["evidence"]["end"]] == event["evidence"]["text"]
    assert any(place["name"] == "Latakia" for place in brief["places"])


def test_the_analyzer_is_loaded_once_per_app(store, analyzer):
    loads = []

    def factory():
        loads.append(1)
        return analyzer

    app = create_app(store=store, analyzer_factory=factory, rate_per_minute=None)
    with TestClient(app) as client:
        for _ in range(3):
            assert client.post("/analyze", json={"text": SHORT_ARTICLE}).status_code == 200
        assert client.get("/healthz").json()["analyzer_loaded"] is True
    assert loads == [1]


def test_blank_text_is_a_422_naming_the_text_field(client):
    error = error_of(client.post("/analyze", json={"text": "   \n "}))
    assert error["code"] == "invalid_request" and error["field"] == "text"
    assert "empty" in error["message"]


def test_a_body_that_is_not_json_is_a_422(client):
    response = client.post("/analyze", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert error_of(response)["message"] == "the request body is not valid JSON"


def test_unknown_fields_in_a_body_are_refused(client):
    response = client.post("/analyze", json={"text": SHORT_ARTICLE, "colour": "red"})
    assert response.status_code == 422
    assert error_of(response)["field"] == "colour"


def test_text_longer_than_the_model_accepts_is_a_422_not_a_crash(store, analyzer):
    app = create_app(store=store, analyzer_factory=lambda: analyzer, rate_per_minute=None, max_body_bytes=10_000_000)
    with TestClient(app) as client:
        response = client.post("/analyze", json={"text": "word " * 200_001})
    assert response.status_code == 422
    assert error_of(response)["field"] == "text"


# ---------------------------------------------------------------- limits


def test_a_body_over_the_size_limit_is_a_413(store):
    app = create_app(store=store, rate_per_minute=None, max_body_bytes=1000)
    with TestClient(app) as client:
        response = client.post("/analyze", json={"text": "x" * 2000})
    assert response.status_code == 413
    assert error_of(response)["code"] == "payload_too_large"


def test_a_streamed_body_over_the_size_limit_is_a_413_without_content_length(store):
    app = create_app(store=store, rate_per_minute=None, max_body_bytes=1000)

    def chunks():
        for _ in range(5):
            yield b"x" * 400

    with TestClient(app) as client:
        response = client.post("/analyze", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_a_client_over_the_rate_limit_gets_429_with_retry_after(store):
    app = create_app(store=store, rate_per_minute=3)
    with TestClient(app) as client:
        statuses = [client.get("/events").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        limited = client.get("/events")
        assert limited.headers["Retry-After"].isdigit()
        assert error_of(limited)["code"] == "rate_limited"
        assert client.get("/healthz").status_code == 200  # health checks are never limited


def test_the_rate_limit_refills_over_time():
    now = [0.0]
    limiter = RateLimiter(per_minute=60, clock=lambda: now[0])
    assert all(limiter.take("a") == 0 for _ in range(60))
    assert limiter.take("a") > 0
    assert limiter.take("b") == 0  # clients are counted apart
    now[0] += 1.0
    assert limiter.take("a") == 0


# ---------------------------------------------------------------- authentication


def test_with_an_api_key_set_writes_need_the_key_and_reads_do_not(store, analyzer):
    app = create_app(store=store, analyzer_factory=lambda: analyzer, api_key="s3cret", rate_per_minute=None)
    with TestClient(app) as client:
        missing = client.post("/articles", json={"text": SHORT_ARTICLE})
        assert missing.status_code == 401
        assert error_of(missing)["field"] == "X-API-Key"
        assert client.post("/articles", json={"text": SHORT_ARTICLE}, headers={"X-API-Key": "wrong"}).status_code == 401
        assert client.post("/analyze", json={"text": SHORT_ARTICLE}).status_code == 401
        assert client.post("/articles", json={"text": SHORT_ARTICLE}, headers={"X-API-Key": "s3cret"}).status_code == 200
        assert client.get("/events").status_code == 200


def test_the_api_key_is_read_from_the_environment(store, monkeypatch):
    monkeypatch.setenv("NEWSWATCH_API_KEY", "from-env")
    with TestClient(create_app(store=store, rate_per_minute=None)) as client:
        assert client.post("/articles", json={"text": SHORT_ARTICLE}).status_code == 401


def test_cors_is_off_unless_an_origin_is_given(store):
    origin = {"Origin": "http://example.org"}
    with TestClient(create_app(store=store, rate_per_minute=None)) as client:
        assert "access-control-allow-origin" not in client.get("/events", headers=origin).headers
    with TestClient(create_app(store=store, rate_per_minute=None, cors_origins=["http://example.org"])) as client:
        assert client.get("/events", headers=origin).headers["access-control-allow-origin"] == "http://example.org"


# ---------------------------------------------------------------- store endpoints


def test_posting_articles_stores_them_and_skips_texts_already_stored(client, store):
    other = SHORT_ARTICLE.replace("Monday", "Tuesday")
    first = client.post("/articles", json={"articles": [{"text": SHORT_ARTICLE}, {"text": other}, {"text": SHORT_ARTICLE}]})
    assert first.status_code == 200
    assert len(first.json()["added"]) == 2 and len(first.json()["skipped"]) == 1
    again = client.post("/articles", json={"text": other})
    assert again.json()["added"] == [] and again.json()["skipped"] == [first.json()["added"][1]]
    for article_id in first.json()["added"]:
        assert store.has_article(article_id)


def test_an_empty_batch_is_refused(client):
    response = client.post("/articles", json={"articles": []})
    assert response.status_code == 422
    assert error_of(response)["field"] == "articles"


def test_events_are_paginated_with_the_total_of_all_pages(client, example_brief):
    total = len(example_brief.events)
    first = client.get("/events", params={"limit": 5}).json()
    second = client.get("/events", params={"limit": 5, "offset": 5}).json()
    assert first["total"] == second["total"] == total
    assert len(first["items"]) == min(5, total)
    assert {r["id"] for r in first["items"]}.isdisjoint({r["id"] for r in second["items"]})


def test_event_filters_narrow_the_items_and_the_total(client, example_brief):
    wanted = example_brief.events[0].type
    page = client.get("/events", params={"type": wanted}).json()
    assert page["total"] == sum(e.type == wanted for e in example_brief.events) > 0
    assert all(row["type"] == wanted for row in page["items"])
    assert client.get("/events", params={"since": "2030-01-01"}).json() == {"items": [], "total": 0, "limit": 100, "offset": 0}


def test_bad_filter_values_are_422s_naming_the_parameter(client):
    assert error_of(client.get("/events", params={"since": "yesterday"}))["field"] == "since"
    assert error_of(client.get("/events", params={"type": "PICNIC"}))["field"] == "type"
    assert error_of(client.get("/events", params={"limit": 0}))["field"] == "limit"
    reversed_range = client.get("/events", params={"since": "2015-10-01", "until": "2015-09-01"})
    assert reversed_range.status_code == 422 and error_of(reversed_range)["field"] == "since"


def test_series_counts_events_per_day_and_type(client, example_brief):
    body = client.get("/series", params={"by": "type", "freq": "day"}).json()
    assert body["by"] == "type" and body["freq"] == "day"
    assert sum(p["count"] for p in body["items"]) == sum(1 for e in example_brief.events if (e.date or example_brief.article.published))
    assert all(len(p["period"]) == 10 for p in body["items"])


def test_alerts_is_a_list_even_when_nothing_surges(client):
    response = client.get("/alerts", params={"window": 3})
    assert response.status_code == 200
    assert isinstance(response.json()["items"], list)


def test_an_article_comes_back_as_its_brief_with_offsets(client, example_brief):
    brief = client.get(f"/articles/{example_brief.article.id}").json()
    text = brief["article"]["text"]
    assert brief["article"]["id"] == example_brief.article.id
    for event in brief["events"]:
        assert text[event["evidence"]["start"] : event["evidence"]["end"]] == event["evidence"]["text"]


def test_an_unknown_article_is_a_404_in_the_error_format(client):
    response = client.get("/articles/0000000000000000")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_the_article_list_names_the_stored_articles(client, example_brief):
    items = client.get("/articles").json()["items"]
    assert [a["id"] for a in items] == [example_brief.article.id]


def test_the_situation_report_comes_as_markdown_or_html(client):
    markdown = client.get("/report", params={"format": "md"})
    assert markdown.status_code == 200 and markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text.startswith("# Situation report")
    html = client.get("/report", params={"format": "html", "region": "Syria"})
    assert html.headers["content-type"].startswith("text/html") and "<h1>Situation report: Syria</h1>" in html.text


def test_without_a_store_the_store_endpoints_say_so(analyzer):
    with TestClient(create_app(analyzer_factory=lambda: analyzer, rate_per_minute=None)) as client:
        response = client.get("/events")
        assert response.status_code == 503 and error_of(response)["code"] == "no_store"
        assert client.post("/analyze", json={"text": SHORT_ARTICLE}).status_code == 200


# ---------------------------------------------------------------- failures


class BrokenStore(MemoryStore):
    def query_events(self, **kwargs):
        raise RuntimeError("disk on fire at /secret/path")


def test_an_internal_error_is_a_generic_500_and_the_trace_goes_to_the_log(caplog):
    app = create_app(store=BrokenStore(), rate_per_minute=None)
    with TestClient(app, raise_server_exceptions=False) as client, caplog.at_level(logging.ERROR, "newswatch.api"):
        response = client.get("/events")
    assert response.status_code == 500
    assert error_of(response)["code"] == "internal_error"
    assert "secret" not in response.text and "Traceback" not in response.text
    assert "disk on fire" in caplog.text


def test_unknown_paths_and_methods_are_json_errors(client):
    assert error_of(client.get("/nope"))["code"] == "not_found"
    assert error_of(client.delete("/events"))["code"] == "method_not_allowed"


# ---------------------------------------------------------------- dashboard


def test_the_dashboard_and_its_vendored_assets_are_served_locally(client):
    page = client.get("/")
    assert page.status_code == 200 and "<title>newswatch</title>" in page.text
    assert "http://" not in page.text and "https://" not in page.text  # nothing from a CDN
    for asset in ("/static/app.js", "/static/app.css", "/static/vendor/d3/d3.min.js",
                  "/static/vendor/topojson-client/topojson-client.min.js",
                  "/static/vendor/world-atlas/countries-110m.json"):
        assert client.get(asset).status_code == 200, asset


# ---------------------------------------------------------------- the real store


def test_real_store_serves_posted_articles_as_events(tmp_path, analyzer, example_text):
    store_module = pytest.importorskip("newswatch.store", reason="newswatch.store is not written yet")
    with store_module.Store(tmp_path / "api.duckdb") as real_store:
        app = create_app(store=real_store, analyzer_factory=lambda: analyzer, rate_per_minute=None)
        with TestClient(app) as client:
            posted = client.post("/articles", json={"text": example_text, "published": "2015-09-29"})
            assert posted.status_code == 200
            article_id = posted.json()["added"][0]
            page = client.get("/events", params={"limit": 3}).json()
            assert page["total"] > 0 and len(page["items"]) == 3
            assert all(row["article_id"] == article_id for row in page["items"])
            assert client.get(f"/articles/{article_id}").json()["article"]["text"] == example_text
            assert client.get("/series").status_code == 200
            assert client.get("/alerts").status_code == 200
            assert client.get("/report").status_code == 200
            assert all(row["cluster_id"] for row in page["items"])  # merged before the response
            unknown_country = client.get("/events", params={"country": "ZZZ"})
            assert unknown_country.status_code == 422 and error_of(unknown_country)["field"] == "country"


def test_the_serve_command_is_registered_with_its_options():
    from typer.testing import CliRunner

    from newswatch.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--cors-origin", "--rate-limit"):
        assert option in result.output
