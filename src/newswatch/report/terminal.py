"""A readable brief in the terminal (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..schema import Brief


def _table(title: str, columns: tuple[str, ...]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column)
    return table


def print_brief(brief: Brief, source: str | None = None, console: Console | None = None) -> None:
    console = console or Console()
    a = brief.article
    names = {e.id: e.name for e in brief.entities}
    places = {p.id: p.name for p in brief.places}

    console.rule(f"[bold]{a.title or source or 'Article'}")
    meta = Table.grid(padding=(0, 2))
    for label, value in [
        ("Outlet", a.outlet),
        ("Dateline", a.dateline),
        ("Published", f"{a.published} ({a.published_source})" if a.published else "unknown"),
        ("Contributors", ", ".join(a.contributors)),
        ("Removed", f"{len(a.boilerplate)} boilerplate lines"),
    ]:
        meta.add_row(f"[dim]{label}", value or "—")
    console.print(meta)

    if brief.highlights:
        console.print(f"\n[bold]Highlights[/] [dim]({brief.highlights[0].source})")
        for h in brief.highlights:
            console.print(f" • {h.text}")

    if brief.entities:
        table = _table("Entities", ("name", "type", "titles", "country", "mentions", "aliases"))
        for e in sorted(brief.entities, key=lambda e: -len(e.mentions)):
            table.add_row(e.name, e.type, "; ".join(e.titles), e.country or "", str(len(e.mentions)), ", ".join(e.aliases))
        console.print(table)

    if brief.quotes:
        table = _table("Quotes", ("speaker", "kind", "text"))
        for q in brief.quotes:
            s = q.speaker
            who = s.name or s.description or "?"
            if s.anonymous:
                who = f"[yellow]anonymous:[/] {s.description or who}"
            table.add_row(who, q.kind, q.text)
        console.print(table)

    if brief.places:
        table = _table("Places", ("name", "feature", "country", "lat", "lon", "geonameid", "confidence"))
        for p in brief.places:
            table.add_row(
                p.name, p.feature or "", p.country_code or "",
                f"{p.latitude:.3f}" if p.latitude is not None else "",
                f"{p.longitude:.3f}" if p.longitude is not None else "",
                str(p.geonameid or ""), f"{p.confidence:.2f}",
            )
        console.print(table)

    if brief.times:
        table = _table("Times", ("text", "resolved", "granularity"))
        for t in brief.times:
            value = "" if t.start is None else (str(t.start) if t.end in (None, t.start) else f"{t.start} … {t.end}")
            table.add_row(t.text, value, t.granularity)
        console.print(table)

    if brief.events:
        table = _table("Events (PLOVER)", ("actor", "type", "target", "where", "when", "modality", "quantities", "trigger"))
        # Types, dates and modalities are short: give them room rather than breaking them.
        for column, width in zip(table.columns[1:6], (9, 12, 8, 11, 10)):
            column.min_width = width
        for ev in brief.events:
            def who(actor):
                if actor is None:
                    return ""
                code = "/".join(x for x in (actor.code, actor.sector) if x)
                return f"{names.get(actor.entity_id, actor.text)} [dim]{code}"

            table.add_row(
                who(ev.actor), ev.type, who(ev.target), places.get(ev.location, ""),
                f"{ev.date or ''}{'*' if ev.date_source == 'publication' else ''}", ev.modality,
                "; ".join(q.text for q in ev.quantities), ev.trigger.text,
            )
        console.print(table)

    for w in brief.warnings:
        console.print(f"[yellow]warning:[/] {w}")
