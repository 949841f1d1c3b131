"""`newswatch serve`: the REST API and the dashboard."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app


@app.command()
def serve(
    db: Path = typer.Option(None, "--db", help="DuckDB store to serve (created if missing). Without it, only /analyze and the dashboard's Analyze page work."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    cors_origin: list[str] = typer.Option(None, "--cors-origin", help="Allow browser calls from this origin (repeatable). CORS is off without it."),
    rate_limit: int = typer.Option(120, "--rate-limit", min=0, help="Requests per minute per client address; 0 turns the limit off."),
    log_level: str = typer.Option("info", "--log-level"),
) -> None:
    """Serve the REST API (docs at /docs) and the dashboard (at /).

    When the environment variable NEWSWATCH_API_KEY is set, POST /analyze and POST /articles
    require it in the X-API-Key header."""
    import uvicorn

    from ..api import create_app

    application = create_app(db, cors_origins=cors_origin or None, rate_per_minute=rate_limit or None)
    uvicorn.run(application, host=host, port=port, log_level=log_level)
