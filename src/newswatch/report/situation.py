"""Situation report across many briefs: key developments, timeline, who said what,
places and open questions. `build_situation` is pure; `render` formats it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from jinja2 import Environment, select_autoescape

from newswatch.monitor.merge import EventCluster
from newswatch.schema import Brief

OPEN_MODALITIES = {"possible", "hedged", "denied", "future"}


@dataclass
class Development:
    summary: str
    date: dt.date | None
    modality: str
    corroboration: int
    sources: list[str]
    evidence: str


@dataclass
class Statement:
    article_id: str
    speaker: str
    anonymous: bool
    kind: str
    text: str


@dataclass
class PlaceRow:
    name: str
    latitude: float | None
    longitude: float | None
    articles: int


@dataclass
class Situation:
    region: str | None
    since: dt.date | None
    until: dt.date | None
    articles: int
    developments: list[Development] = field(default_factory=list)
    timeline: dict[dt.date, list[str]] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    places: list[PlaceRow] = field(default_factory=list)
    open_questions: list[Development] = field(default_factory=list)


def _in_range(day: dt.date | None, since: dt.date | None, until: dt.date | None) -> bool:
    if day is None:
        return since is None and until is None
    return (since is None or day >= since) and (until is None or day <= until)


def _in_region(brief: Brief, region: str | None) -> bool:
    if not region:
        return True
    wanted = region.casefold()
    return any(wanted in (p.name.casefold(), (p.country_code or "").casefold(), (p.admin1 or "").casefold())
               for p in brief.places)


def _summary(cluster: EventCluster) -> str:
    event = cluster.events[0].event
    actor = event.actor.text if event.actor else "unknown actor"
    target = f" {event.target.text}" if event.target else ""
    place = next((r.place_name for r in cluster.events if r.place_name), None)
    where = f" in {place}" if place else ""
    return f"{actor} {event.type}{target}{where} ({event.trigger.text})"


def build_situation(briefs: list[Brief], clusters: list[EventCluster], region: str | None = None,
                    since: dt.date | None = None, until: dt.date | None = None) -> Situation:
    chosen = [b for b in briefs if _in_region(b, region) and _in_range(b.article.published, since, until)]
    chosen_ids = {b.article.id for b in chosen}
    situation = Situation(region, since, until, len(chosen))
    for cluster in clusters:
        records = [r for r in cluster.events if r.article_id in chosen_ids]
        if not records:
            continue
        first = records[0]
        development = Development(
            summary=_summary(cluster), date=first.date, modality=first.event.modality,
            corroboration=cluster.corroboration, sources=cluster.sources, evidence=first.event.evidence.text)
        if development.modality in OPEN_MODALITIES:
            situation.open_questions.append(development)
        else:
            situation.developments.append(development)
    situation.developments.sort(key=lambda d: (-d.corroboration, d.date or dt.date.max))
    timeline: dict[dt.date, list[str]] = defaultdict(list)
    place_articles: dict[str, set[str]] = defaultdict(set)
    place_rows: dict[str, PlaceRow] = {}
    for brief in sorted(chosen, key=lambda b: b.article.published or dt.date.max):
        if brief.article.published:
            highlights = brief.highlights[:1]
            text = highlights[0].text if highlights else (brief.article.title or brief.article.id)
            timeline[brief.article.published].append(text)
        for quote in brief.quotes:
            speaker = quote.speaker.name or quote.speaker.description or quote.speaker.kind
            situation.statements.append(Statement(
                brief.article.id, speaker, quote.speaker.anonymous or quote.speaker.kind == "anonymous",
                quote.kind, quote.text))
        for place in brief.places:
            place_rows.setdefault(place.name, PlaceRow(place.name, place.latitude, place.longitude, 0))
            place_articles[place.name].add(brief.article.id)
    for name, row in place_rows.items():
        row.articles = len(place_articles[name])
    situation.places = sorted(place_rows.values(), key=lambda p: (-p.articles, p.name))
    situation.timeline = dict(sorted(timeline.items()))
    return situation


_MD = """# Situation report{% if s.region %}: {{ s.region }}{% endif %}

{{ s.since or "start" }} to {{ s.until or "now" }}, {{ s.articles }} articles.

## Key developments
{% for d in s.developments %}- {{ d.summary }}{% if d.date %}, {{ d.date }}{% endif %} — {{ d.corroboration }} independent source(s): {{ d.sources | join(", ") }}
{% else %}- none
{% endfor %}
## Timeline
{% for day, items in s.timeline.items() %}### {{ day }}
{% for item in items %}- {{ item }}
{% endfor %}{% endfor %}
## Who said what
{% for q in s.statements %}- {{ q.speaker }}{% if q.anonymous %} [anonymous]{% endif %} ({{ q.kind }}): "{{ q.text }}" [{{ q.article_id }}]
{% else %}- none
{% endfor %}
## Places
{% for p in s.places %}- {{ p.name }}{% if p.latitude is not none %} ({{ "%.3f"|format(p.latitude) }}, {{ "%.3f"|format(p.longitude) }}){% endif %}: {{ p.articles }} article(s)
{% endfor %}
## Open questions
{% for d in s.open_questions %}- [{{ d.modality }}] {{ d.summary }}: "{{ d.evidence }}" ({{ d.sources | join(", ") }})
{% else %}- none
{% endfor %}"""

_HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Situation report</title>
<style>body{font-family:sans-serif;max-width:60em;margin:auto}.anon{color:#a00}</style></head><body>
<h1>Situation report{% if s.region %}: {{ s.region }}{% endif %}</h1>
<p>{{ s.since or "start" }} to {{ s.until or "now" }}, {{ s.articles }} articles.</p>
<h2>Key developments</h2><ul>{% for d in s.developments %}<li>{{ d.summary }}{% if d.date %}, {{ d.date }}{% endif %} — {{ d.corroboration }} independent source(s): {{ d.sources | join(", ") }}</li>{% endfor %}</ul>
<h2>Timeline</h2>{% for day, items in s.timeline.items() %}<h3>{{ day }}</h3><ul>{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul>{% endfor %}
<h2>Who said what</h2><ul>{% for q in s.statements %}<li>{{ q.speaker }}{% if q.anonymous %} <span class="anon">[anonymous]</span>{% endif %} ({{ q.kind }}): “{{ q.text }}”</li>{% endfor %}</ul>
<h2>Places</h2><ul>{% for p in s.places %}<li>{{ p.name }}{% if p.latitude is not none %} ({{ "%.3f"|format(p.latitude) }}, {{ "%.3f"|format(p.longitude) }}){% endif %}</li>{% endfor %}</ul>
<h2>Open questions</h2><ul>{% for d in s.open_questions %}<li>[{{ d.modality }}] {{ d.summary }}: “{{ d.evidence }}”</li>{% endfor %}</ul>
</body></html>"""

_html_env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
_md_env = Environment(autoescape=False, keep_trailing_newline=True)


def render(situation: Situation, format: str = "md") -> str:
    if format == "md":
        return _md_env.from_string(_MD).render(s=situation)
    if format == "html":
        return _html_env.from_string(_HTML).render(s=situation)
    raise ValueError(f"unknown format {format!r}; use 'md' or 'html'")


def situation_report(store, region: str | None = None, since: dt.date | None = None,
                     until: dt.date | None = None, format: str = "md", window_days: int = 3) -> str:
    """Load briefs from a store (`articles()` ids or dicts with 'id', `get_brief(id)`), merge, render."""
    from newswatch.monitor.merge import EventRecord, merge_events

    briefs = []
    for item in store.articles():
        article_id = item if isinstance(item, str) else (item.get("id") if isinstance(item, dict) else item.id)
        briefs.append(store.get_brief(article_id))
    records = []
    for brief in briefs:
        places = {p.id: p for p in brief.places}
        dup_of = brief.article.metadata.get("dup_of")
        for event in brief.events:
            place = places.get(event.location) if event.location else None
            records.append(EventRecord(brief.article.id, brief.article.published, event,
                                       place.country_code if place else None, place.name if place else None, dup_of))
    situation = build_situation(briefs, merge_events(records, window_days), region, since, until)
    return render(situation, format)
