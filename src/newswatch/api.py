"""REST API and dashboard server.

`create_app(db)` builds the FastAPI application. One store connection and one spaCy analyzer
serve the whole process; the analyzer loads on the first request that needs it. Every error
reaches the client as `{"error": {"code", "message", "field"}}`, never as a stack trace.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import logging
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import __version__
from .errors import InputError, NewswatchError
from .schema import Brief, PloverType
from .monitor.series import Freq

log = logging.getLogger("newswatch.api")

WEB_DIR = Path(__file__).parent / "web"
MAX_BODY_BYTES = 5 * 1024 * 1024
# spaCy refuses texts over 1,000,000 characters by default; say so as a 422, not a 500.
MAX_TEXT_CHARS = 1_000_000
MAX_BATCH = 100
DEFAULT_RATE_PER_MINUTE = 120
API_KEY_ENV = "NEWSWATCH_API_KEY"
# Paths the rate limit leaves alone: health checks and the dashboard's own files.
UNLIMITED_PATHS = ("/healthz", "/static/", "/favicon.ico")


# ---------------------------------------------------------------- errors


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, field: str | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.field, self.headers = status, code, message, field, headers


class ErrorDetail(BaseModel):
    code: str = Field(description="Machine-readable error code, e.g. 'invalid_request', 'not_found'.")
    message: str
    field: str | None = Field(None, description="The request field the error is about, where there is one.")


class ErrorResponse(BaseModel):
    error: ErrorDetail


def _error(status: int, code: str, message: str, field: str | None = None,
           headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "field": field}}
    return JSONResponse(body, status_code=status, headers=headers)


_STATUS_CODES = {400: "bad_request", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed",
                 406: "not_acceptable", 413: "payload_too_large", 415: "unsupported_media_type",
                 429: "rate_limited"}


def _error_responses(*statuses: int) -> dict[int | str, dict]:
    return {status: {"model": ErrorResponse} for status in statuses}


# ---------------------------------------------------------------- request / response models


def _iso_date(value: Any) -> Any:
    # Lax parsing would read "0" or 0 as seconds since 1970; a date must be written out.
    if isinstance(value, dt.date) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return value
    raise ValueError("must be a date in YYYY-MM-DD form")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="The article as plain text.")
    published: IsoDate | None = Field(None, description="Publication date; overrides one found in the text.")
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)

    @field_validator("text")
    @classmethod
    def _has_text(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is empty: there is no text to analyse")
        return value


class ArticleBatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_BATCH)


class IngestResult(BaseModel):
    added: list[str] = Field(description="Ids of articles analysed and stored by this request.")
    skipped: list[str] = Field(description="Ids already in the store (same text), left as they were.")
    near_duplicates: dict[str, str] = Field(
        default_factory=dict, description="New id -> id of an earlier stored article it nearly duplicates (wire copies).")


class EventRow(BaseModel):
    """One event as the store flattens it (the columns below, plus any the store adds)."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(description="'<article_id>:<event_id>'.")
    article_id: str
    event_id: str | None = Field(None, description="The event's id inside its brief, e.g. 'V3'.")
    type: str
    actor: str | None = Field(None, description="Actor as written in the article.")
    actor_code: str | None = None
    actor_sector: str | None = None
    target: str | None = None
    target_code: str | None = None
    target_sector: str | None = None
    country: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    date: dt.date | None = None
    modality: str | None = None
    quad_class: int | None = None
    cameo_root: str | None = None
    confidence: float | None = None
    evidence: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None
    attribution: str | None = Field(None, description="Who the event is attributed to, where stated.")
    attribution_kind: str | None = None
    cluster_id: str | None = None


class EventPage(BaseModel):
    items: list[EventRow]
    total: int = Field(ge=0, description="Events matching the filters, over all pages.")
    limit: int
    offset: int


class SeriesPoint(BaseModel):
    period: str
    key: str | None
    count: int


class SeriesOut(BaseModel):
    by: str
    freq: str
    items: list[SeriesPoint]


class AlertOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    kind: str
    key: str | None = None
    period: str | None = None
    count: int
    baseline_mean: float | None = None
    score: float | None = None
    message: str
    event_ids: list[str] = Field(default_factory=list)


class AlertList(BaseModel):
    items: list[AlertOut]


class ArticleSummary(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None


class ArticlePage(BaseModel):
    items: list[ArticleSummary]
    limit: int
    offset: int


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    store: bool = Field(description="Whether a store is configured.")
    analyzer_loaded: bool


class SeriesBy(str, Enum):
    type = "type"
    actor_code = "actor_code"
    country = "country"
    place = "place"


class ReportFormat(str, Enum):
    md = "md"
    html = "html"


class EventFilters(BaseModel):
    actor: str | None = None
    type: PloverType | None = None
    country: str | None = None
    place: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    modality: str | None = None

    def as_kwargs(self) -> dict[str, Any]:
        return self.model_dump()


def event_filters(
    actor: str | None = Query(None, max_length=200, description="Actor code (ISO-3 or PLOVER root), e.g. RUS."),
    type: PloverType | None = Query(None, description="PLOVER event type."),
    country: str | None = Query(None, max_length=3, description="Country of the event's place, ISO 3166-1 alpha-2 or alpha-3."),
    place: str | None = Query(None, max_length=200, description="Place name, e.g. Latakia."),
    since: IsoDate | None = Query(None, description="First day (inclusive), YYYY-MM-DD."),
    until: IsoDate | None = Query(None, description="Last day (inclusive), YYYY-MM-DD."),
    modality: Literal["asserted", "possible", "future", "denied", "hedged", "background"] | None = Query(None),
) -> EventFilters:
    if since and until and since > until:
        raise ApiError(422, "invalid_request", "since is after until", field="since")
    return EventFilters(actor=actor, type=type, country=country, place=place, since=since, until=until, modality=modality)


# ---------------------------------------------------------------- middleware


class BodySizeLimit:
    """Refuse request bodies over `max_bytes` with 413, whether Content-Length is given or not."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            return await self._too_large(scope, receive, send)
        # Read the body now (it is at most max_bytes) and replay it to the app.
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return await self._too_large(scope, receive, send)
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope, receive, send):
        response = _error(413, "payload_too_large", f"request body is over the {self.max_bytes:,}-byte limit")
        await response(scope, receive, send)


class RateLimiter:
    """Token bucket per client address: `per_minute` requests, refilled continuously."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic):
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """0.0 if the request may go ahead, else the seconds to wait."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                return 0.0
            self._buckets[client] = (tokens, now)
            if len(self._buckets) > 10_000:  # forget idle clients rather than grow without bound
                self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < 60}
            return (1.0 - tokens) / self.rate


# ---------------------------------------------------------------- the application


class _Services:
    """The process-wide store and analyzer, each created once and used under a lock."""

    def __init__(self, db: str | Path | None, store: Any, analyzer_factory: Callable[[], Any] | None):
        self.db = db
        self._store = store
        self._owns_store = store is None  # a store handed in is the caller's to close
        self._store_lock = threading.RLock()
        self._analyzer = None
        self._analyzer_factory = analyzer_factory
        self._analyzer_lock = threading.Lock()

    @property
    def has_store(self) -> bool:
        return self._store is not None or self.db is not None

    def store(self):
        if self._store is None:
            if self.db is None:
                raise ApiError(503, "no_store", "this server was started without a store (use --db)")
            from .store import Store

            self._store = Store(self.db)
        return self._store

    def with_store(self, fn: Callable[[Any], Any]):
        with self._store_lock:
            return fn(self.store())

    @property
    def analyzer_loaded(self) -> bool:
        return self._analyzer is not None

    def analyze(self, items: list[ArticleIn]) -> list[Brief]:
        from .pipeline import ArticleInput

        with self._analyzer_lock:  # one parse at a time: spaCy pipelines are not made for threads
            if self._analyzer is None:
                if self._analyzer_factory is None:
                    from .pipeline import Analyzer

                    self._analyzer_factory = Analyzer
                self._analyzer = self._analyzer_factory()
            inputs = [ArticleInput(text=a.text, published=a.published, title=a.title, outlet=a.outlet, url=a.url)
                      for a in items]
            return list(self._analyzer.analyze_many(inputs))

    def close(self) -> None:
        with self._store_lock:
            if self._owns_store and self._store is not None:
                self._store.close()
                self._store = None  # reopened on the next request if the app is started again


def _plain(value: Any) -> Any:
    """Store rows, dataclasses and models -> JSON-ready values, dates as YYYY-MM-DD."""
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _field_from_loc(loc: tuple | list) -> str | None:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    # A body that is one of two models puts the model's name in the path; it is not a field.
    parts = [p for p in parts if p not in ("ArticleIn", "ArticleBatchIn")]
    return ".".join(parts) or None


def create_app(
    db: str | Path | None = None,
    *,
    store: Any = None,
    analyzer_factory: Callable[[], Any] | None = None,
    api_key: str | None = None,
    cors_origins: list[str] | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    rate_per_minute: int | None = DEFAULT_RATE_PER_MINUTE,
) -> FastAPI:
    """The API and dashboard over the store at `db` (or an open `store` object).

    `api_key` defaults to the NEWSWATCH_API_KEY environment variable; when set, POST endpoints need
    it in the X-API-Key header. `rate_per_minute=None` turns the rate limit off.
    """
    if api_key is None:
        api_key = os.environ.get(API_KEY_ENV) or None
    services = _Services(db, store, analyzer_factory)
    limiter = RateLimiter(rate_per_minute) if rate_per_minute else None

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        services.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newswatch",
        version=__version__,
        description="Article briefs (entities, quotes, places, times, PLOVER events) and event monitoring. "
                    "Errors are JSON: {\"error\": {\"code\", \"message\", \"field\"}}.",
        responses=_error_responses(429, 500),
    )
    app.state.services = services

    @app.middleware("http")
    async def rate_limit(request: Request, call_next):
        if limiter is not None and not request.url.path.startswith(UNLIMITED_PATHS) and request.url.path != "/":
            client = request.client.host if request.client else "unknown"
            wait = limiter.take(client)
            if wait:
                seconds = max(1, int(wait + 0.999))
                return _error(429, "rate_limited", f"too many requests; retry in {seconds} s",
                              headers={"Retry-After": str(seconds)})
        return await call_next(request)

    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Content-Type", "X-API-Key"])

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return _error(exc.status, exc.code, exc.message, exc.field, exc.headers)

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError):
        # The store names command-line options ("--country"); over HTTP they are query parameters.
        field = exc.field or (exc.source.lstrip("-") if exc.source.startswith("--") else None)
        return _error(422, "invalid_request", exc.reason, field)

    @app.exception_handler(NewswatchError)
    async def _store_error(request: Request, exc: NewswatchError):
        log.error("store error on %s %s: %s", request.method, request.url.path, exc)
        return _error(503, "store_unavailable", "the store cannot serve this request now; see the server log")

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        errors = list(exc.errors())
        # A body that may be one of two shapes fails both; the error that is not "missing" or
        # "extra" comes from the shape the client meant.
        specific = [e for e in errors if e.get("type") not in ("missing", "extra_forbidden")]
        first = (specific or errors or [{}])[0]
        field = _field_from_loc(first.get("loc", ()))
        message = str(first.get("msg", "invalid request")).removeprefix("Value error, ")
        if first.get("type") == "json_invalid":
            message, field = "the request body is not valid JSON", None
        return _error(422, "invalid_request", message, field)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        code = _STATUS_CODES.get(exc.status_code, "error")
        return _error(exc.status_code, code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(500, "internal_error", "internal server error; the details are in the server log")

    def require_key(x_api_key: str | None = Header(None, description="Required when the server has an API key.")):
        if api_key and not (x_api_key and hmac.compare_digest(x_api_key.encode(), api_key.encode())):
            raise ApiError(401, "unauthorized", "a valid X-API-Key header is required", field="X-API-Key")

    write_errors = _error_responses(400, 401, 413, 422)

    # ------------------------------------------------------------ endpoints

    @app.get("/healthz", response_model=Health, tags=["service"])
    def healthz() -> Health:
        """Liveness: always 200 while the process serves requests."""
        return Health(status="ok", version=__version__, store=services.has_store, analyzer_loaded=services.analyzer_loaded)

    @app.post("/analyze", response_model=Brief, tags=["analysis"], responses=write_errors,
              dependencies=[Depends(require_key)])
    def analyze(article: ArticleIn) -> Brief:
        """Analyse one article into a brief. Nothing is stored. Offsets index into `article.text`."""
        return services.analyze([article])[0]

    @app.post("/articles", response_model=IngestResult, tags=["store"],
              responses={**write_errors, 503: {"model": ErrorResponse}}, dependencies=[Depends(require_key)])
    def add_articles(body: ArticleIn | ArticleBatchIn) -> IngestResult:
        """Analyse and store one article (`{"text": ...}`) or many (`{"articles": [...]}`).

        Articles whose exact text is already stored are skipped, not analysed again."""
        from .ingest.text import article_id

        items = body.articles if isinstance(body, ArticleBatchIn) else [body]
        seen: set[str] = set()
        fresh, skipped = [], []
        for item in items:
            aid = article_id(item.text)
            if aid in seen or services.with_store(lambda s: s.has_article(aid)):
                skipped.append(aid)
            else:
                seen.add(aid)
                fresh.append(item)
        briefs = services.analyze(fresh) if fresh else []
        if not briefs:
            return IngestResult(added=[], skipped=skipped)
        def store_and_merge(store):
            stored = store.add_briefs(briefs)
            store.recluster()  # incremental: only the merge keys the new events touch
            return stored

        result = services.with_store(store_and_merge)
        return IngestResult(added=list(result.added), skipped=skipped + list(result.skipped_duplicates),
                            near_duplicates=dict(getattr(result, "near_duplicates", {}) or {}))

    @app.get("/events", response_model=EventPage, tags=["store"], responses=_error_responses(422, 503))
    def events(
        filters: EventFilters = Depends(event_filters),
        limit: int = Query(100, ge=1, le=1000),
        offset: int = Query(0, ge=0, le=10_000_000),
    ) -> EventPage:
        """Events matching all the given filters, newest first, one page at a time."""
        kwargs = filters.as_kwargs()

        def query(s):
            return s.query_events(**kwargs, limit=limit, offset=offset), s.count_events(**kwargs)

        rows, total = services.with_store(query)
        return EventPage(items=[EventRow(**_plain(r)) for r in rows], total=int(total), limit=limit, offset=offset)

    @app.get("/series", response_model=SeriesOut, tags=["monitoring"], responses=_error_responses(422, 503))
    def series(
        filters: EventFilters = Depends(event_filters),
        by: SeriesBy = Query(SeriesBy.type, description="What to count by."),
        freq: Freq = Query(Freq.day),
    ) -> SeriesOut:
        """Event counts per period and key, with empty periods filled in."""
        rows = services.with_store(lambda s: s.series(by.value, freq.value, **filters.as_kwargs()))
        items = [SeriesPoint(period=str(_plain(r["period"])), key=None if r["key"] is None else str(r["key"]),
                             count=int(r["count"])) for r in rows]
        return SeriesOut(by=by.value, freq=freq.value, items=items)

    @app.get("/alerts", response_model=AlertList, tags=["monitoring"], responses=_error_responses(422, 503))
    def alerts(
        filters: EventFilters = Depends(event_filters),
        by: SeriesBy = Query(SeriesBy.type, description="Series the surge test runs on."),
        freq: Freq = Query(Freq.day),
        window: int = Query(14, ge=1, le=365, description="Trailing periods the count is compared with."),
        threshold: float = Query(3.0, ge=0, le=300, description="Score at or above which a surge is reported."),
        method: Literal["poisson", "zscore"] = Query("poisson"),
    ) -> AlertList:
        """Surge alerts: periods whose count stands out from the trailing window of the same key."""
        kwargs = dict(by=by.value, freq=freq.value, window=window, threshold=threshold, method=method,
                      **filters.as_kwargs())
        found = services.with_store(lambda s: s.alerts(**kwargs))
        return AlertList(items=[AlertOut(**_alert_dict(a)) for a in found])

    @app.get("/articles", response_model=ArticlePage, tags=["store"], responses=_error_responses(422, 503))
    def list_articles(limit: int = Query(50, ge=1, le=1000), offset: int = Query(0, ge=0, le=10_000_000)) -> ArticlePage:
        """Stored articles, one page at a time."""
        rows = services.with_store(lambda s: s.articles(limit=limit, offset=offset))
        items = [ArticleSummary(**_article_dict(r)) for r in rows]
        return ArticlePage(items=items, limit=limit, offset=offset)

    @app.get("/articles/{article_id}", response_model=Brief, tags=["store"], responses=_error_responses(404, 422, 503))
    def get_article(article_id: str = PathParam(max_length=64, description="Article id (16 hex characters).")) -> Brief:
        """The stored brief of one article; every offset indexes into `article.text`."""
        brief = services.with_store(lambda s: s.get_brief(article_id))
        if brief is None:
            raise ApiError(404, "not_found", f"no article with id {article_id!r}", field="article_id")
        return brief

    @app.get(
        "/report", tags=["monitoring"], response_class=Response,
        responses={200: {"content": {"text/markdown": {"schema": {"type": "string"}},
                                     "text/html": {"schema": {"type": "string"}}},
                         "description": "The situation report."},
                   **_error_responses(422, 503)},
    )
    def report(
        region: str | None = Query(None, max_length=200, description="Place name, country code or admin1 region."),
        since: IsoDate | None = Query(None),
        until: IsoDate | None = Query(None),
        format: ReportFormat = Query(ReportFormat.md),
    ) -> Response:
        """Situation report: key developments, timeline, who said what, places, open questions."""
        from .report.situation import situation_report

        if since and until and since > until:
            raise ApiError(422, "invalid_request", "since is after until", field="since")
        text = services.with_store(lambda s: situation_report(s, region=region, since=since, until=until, format=format.value))
        media = "text/html" if format is ReportFormat.html else "text/markdown"
        return Response(text, media_type=f"{media}; charset=utf-8")

    # ------------------------------------------------------------ dashboard

    static_dir = WEB_DIR / "static"
    app.mount("/static", StaticFiles(directory=static_dir), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard():
        return FileResponse(static_dir / "index.html", media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return Response(status_code=204)  # no icon; saves browsers a logged 404

    return app


def _alert_dict(alert: Any) -> dict:
    data = alert.to_dict() if hasattr(alert, "to_dict") else _plain(alert)
    data = _plain(data)
    if data.get("period") is not None:
        data["period"] = str(data["period"])
    return data


def _article_dict(row: Any) -> dict:
    if isinstance(row, str):
        return {"id": row}
    if isinstance(row, Brief):
        a = row.article
        return {"id": a.id, "title": a.title, "published": a.published, "outlet": a.outlet}
    return _plain(row)
