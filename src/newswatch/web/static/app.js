/* newswatch dashboard: map, timeline, event table, article view and Analyze page.
   Plain JS over the REST API; d3 and topojson-client are vendored (no network needed). */
"use strict";

const PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const QUADS = {
  1: { label: "Verbal cooperation", color: "#2c7fb8" },
  2: { label: "Material cooperation", color: "#31a354" },
  3: { label: "Verbal conflict", color: "#f39c12" },
  4: { label: "Material conflict", color: "#d7301f" },
};
const UNKNOWN_QUAD = { label: "Unclassified", color: "#8c8c8c" };
const TYPE_COLORS = d3.scaleOrdinal(PLOVER_TYPES, d3.schemeTableau10.concat(d3.schemeSet2));

const state = { page: 0, pageSize: 25, world: null };

// ------------------------------------------------------------------ helpers

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function quadOf(q) { return QUADS[q] || UNKNOWN_QUAD; }

function showError(message) {
  const banner = document.getElementById("error-banner");
  banner.textContent = message;
  banner.hidden = false;
  clearTimeout(showError.timer);
  showError.timer = setTimeout(() => { banner.hidden = true; }, 8000);
}

async function api(path, options = {}) {
  const response = await fetch(path, options);
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    const error = body && body.error ? body.error : { message: `HTTP ${response.status}` };
    throw new Error(error.message + (error.field ? ` (${error.field})` : ""));
  }
  return body;
}

function currentFilters() {
  const form = document.getElementById("filters");
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form).entries()) {
    if (String(value).trim()) params.set(key, String(value).trim());
  }
  return params;
}

function withFilters(path, extra = {}) {
  const params = currentFilters();
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

function articleHref(row) {
  const params = new URLSearchParams({ event: row.event_id || row.id });
  if (row.evidence_start !== null && row.evidence_start !== undefined) params.set("at", row.evidence_start);
  return `#/article/${encodeURIComponent(row.article_id)}?${params}`;
}

function typeBadge(type, quad) {
  return h("span", { class: "badge", style: `background:${quadOf(quad).color}` }, type);
}

function modalityBadge(modality) {
  return h("span", { class: `modality modality-${modality || "asserted"}` }, modality || "asserted");
}

function legend(container, items) {
  container.replaceChildren(...items.map(([label, color]) =>
    h("span", { class: "legend-item" }, h("span", { class: "swatch", style: `background:${color}` }), label)));
}

// ------------------------------------------------------------------ highlighted text

/* Render `text` with ranges [{start, end, tag, cls, title}] as nested elements. Ranges marked
   `whole` (the evidence) are never split: any other range crossing their edges is cut there. */
function renderMarked(container, text, ranges) {
  const valid = ranges.filter(r => Number.isInteger(r.start) && Number.isInteger(r.end) && r.end > r.start && r.start >= 0 && r.end <= text.length);
  const wholes = valid.filter(r => r.whole);
  let pieces = valid.filter(r => !r.whole);
  for (const w of wholes) {
    pieces = pieces.flatMap(r => {
      const cuts = [r.start, ...[w.start, w.end].filter(x => x > r.start && x < r.end), r.end];
      return cuts.slice(1).map((end, i) => ({ ...r, start: cuts[i], end }));
    });
  }
  const ordered = wholes.concat(pieces).sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start) || (b.whole ? 1 : 0) - (a.whole ? 1 : 0));
  build(container, text, 0, text.length, ordered);
}

function build(parent, text, from, to, ranges) {
  let cursor = from;
  let queue = ranges.slice();
  while (queue.length) {
    const r = queue.shift();
    const start = Math.max(r.start, cursor), end = Math.min(r.end, to);
    if (end <= start) continue;
    const inside = [], after = [];
    for (const other of queue) (other.start < end ? inside : after).push(other);
    if (start > cursor) parent.append(text.slice(cursor, start));
    const el = h(r.tag || "mark", { class: r.cls, title: r.title, "data-start": start, "data-end": end });
    build(el, text, start, end, inside);
    parent.append(el);
    cursor = end;
    const leftovers = inside.filter(o => o.end > end).map(o => ({ ...o, start: end }));
    queue = leftovers.concat(after).sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
  }
  if (to > cursor) parent.append(text.slice(cursor, to));
}

// ------------------------------------------------------------------ map

async function worldFeatures() {
  if (!state.world) {
    const topology = await api("/static/vendor/world-atlas/countries-110m.json");
    state.world = topojson.feature(topology, topology.objects.countries);
  }
  return state.world;
}

/* Draw a world map into `container` with points [{lat, lon, color, title, href}]. */
async function drawMap(container, points, { height = 460, focus = false } = {}) {
  const world = await worldFeatures();
  const width = container.clientWidth || 900;
  const projection = d3.geoNaturalEarth1();
  const placed = points.filter(p => Number.isFinite(p.lat) && Number.isFinite(p.lon));
  if (focus && placed.length) {
    // Fit the points with a margin, so a small map shows the region rather than the globe.
    const pad = 8;
    const lons = placed.map(p => p.lon), lats = placed.map(p => p.lat);
    const box = { type: "MultiPoint", coordinates: [
      [Math.max(-180, d3.min(lons) - pad), Math.max(-85, d3.min(lats) - pad)],
      [Math.min(180, d3.max(lons) + pad), Math.min(85, d3.max(lats) + pad)]] };
    projection.fitExtent([[10, 10], [width - 10, height - 10]], box);
  } else {
    projection.fitExtent([[4, 4], [width - 4, height - 4]], { type: "Sphere" });
  }
  const path = d3.geoPath(projection);
  const svg = d3.create("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("class", "map-svg").attr("role", "img");
  const layer = svg.append("g");
  layer.append("path").datum({ type: "Sphere" }).attr("class", "sphere").attr("d", path);
  layer.append("path").datum(d3.geoGraticule10()).attr("class", "graticule").attr("d", path);
  layer.append("g").selectAll("path").data(world.features).join("path").attr("class", "country").attr("d", path)
    .append("title").text(d => d.properties.name);
  // Events at one place are spread on a small ring so each stays clickable.
  const seen = new Map();
  const dots = layer.append("g").selectAll("a").data(placed).join("a")
    .attr("href", d => d.href || null)
    .attr("class", "event-point");
  dots.append("circle")
    .attr("r", 5)
    .attr("fill", d => d.color)
    .attr("transform", d => {
      const [x, y] = projection([d.lon, d.lat]);
      const key = `${x.toFixed(1)},${y.toFixed(1)}`;
      const n = seen.get(key) || 0;
      seen.set(key, n + 1);
      const ring = n === 0 ? 0 : 4 + 3 * Math.floor((n - 1) / 8);
      const angle = (n % 8) * Math.PI / 4;
      return `translate(${x + ring * Math.cos(angle)},${y + ring * Math.sin(angle)})`;
    })
    .append("title").text(d => d.title);
  svg.call(d3.zoom().scaleExtent([1, 12]).on("zoom", (event) => {
    layer.attr("transform", event.transform);
    layer.selectAll("circle").attr("r", 5 / event.transform.k);
  }));
  container.replaceChildren(svg.node());
  return placed.length;
}

async function showMap() {
  const page = await api(withFilters("/events", { limit: 1000 }));
  const points = page.items.map(row => ({
    lat: row.lat, lon: row.lon, color: quadOf(row.quad_class).color, href: articleHref(row),
    title: `${row.type} · ${row.actor_code || "?"} → ${row.target_code || "?"} · ${row.place || "no place"} · ${row.date || "undated"} (${row.modality})`,
  }));
  const drawn = await drawMap(document.getElementById("map"), points);
  document.getElementById("map-count").textContent = `${page.total} events match; ${drawn} of the ${page.items.length} loaded have a place on the map`;
  legend(document.getElementById("map-legend"), [...Object.values(QUADS), UNKNOWN_QUAD].map(q => [q.label, q.color]));
  document.getElementById("map-unplaced").textContent = page.total > page.items.length ? `Showing the first ${page.items.length}.` : "";
}

// ------------------------------------------------------------------ timeline

async function showTimeline() {
  const [series, alerts] = await Promise.all([
    api(withFilters("/series", { by: "type", freq: "day" })),
    api(withFilters("/alerts", { by: "type", freq: "day" })),
  ]);
  const container = document.getElementById("timeline");
  const allPeriods = [...new Set(series.items.map(p => p.period))].sort();
  // One stray date years away would squeeze every bar to nothing: show the latest stretch.
  const filters = currentFilters();
  const maxDays = filters.get("since") || filters.get("until") ? 400 : 92;
  const periods = allPeriods.slice(-maxDays);
  const types = [...new Set(series.items.map(p => p.key || "unknown"))];
  const table = new Map(periods.map(p => [p, Object.fromEntries(types.map(t => [t, 0]))]));
  for (const p of series.items) if (table.has(p.period)) table.get(p.period)[p.key || "unknown"] += p.count;
  const rows = periods.map(p => ({ period: p, ...table.get(p) }));
  const total = d3.sum(series.items, p => p.count);
  const shown = d3.sum(rows, r => d3.sum(types, t => r[t]));
  document.getElementById("timeline-count").textContent = allPeriods.length
    ? `${total} dated events from ${allPeriods[0]} to ${allPeriods.at(-1)}` +
      (periods.length < allPeriods.length ? `; showing the last ${periods.length} days (${shown} events) — set From/To for others` : "")
    : "";
  legend(document.getElementById("timeline-legend"), types.map(t => [t, TYPE_COLORS(t)]));

  const alertList = document.getElementById("alert-list");
  alertList.replaceChildren(...(alerts.items.length ? alerts.items.map(a => h("li", {}, h("strong", {}, `${a.period} · ${a.key}`), ` — ${a.message}`))
    : [h("li", { class: "muted" }, "No surges: no day stands out from the days before it (a surge needs 14 days of history).")]));

  if (!rows.length) {
    container.replaceChildren(h("p", { class: "muted empty" }, "No dated events match the filters."));
    return;
  }
  const width = container.clientWidth || 900, height = 320;
  const margin = { top: 24, right: 16, bottom: 48, left: 40 };
  const stacked = d3.stack().keys(types)(rows);
  const x = d3.scaleBand(periods, [margin.left, width - margin.right]).padding(0.15);
  const y = d3.scaleLinear([0, d3.max(stacked.at(-1), d => d[1]) || 1], [height - margin.bottom, margin.top]).nice();
  const svg = d3.create("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("class", "timeline-svg");
  svg.append("g").selectAll("g").data(stacked).join("g").attr("fill", d => TYPE_COLORS(d.key))
    .selectAll("rect").data(d => d.map(v => Object.assign(v, { key: d.key }))).join("rect")
    .attr("x", d => x(d.data.period)).attr("width", x.bandwidth())
    .attr("y", d => y(d[1])).attr("height", d => y(d[0]) - y(d[1]))
    .append("title").text(d => `${d.data.period} · ${d.key}: ${d[1] - d[0]}`);
  const everyNth = Math.max(1, Math.ceil(periods.length / 12));
  svg.append("g").attr("transform", `translate(0,${height - margin.bottom})`)
    .call(d3.axisBottom(x).tickValues(periods.filter((_, i) => i % everyNth === 0)))
    .selectAll("text").attr("transform", "rotate(-30)").style("text-anchor", "end");
  svg.append("g").attr("transform", `translate(${margin.left},0)`).call(d3.axisLeft(y).ticks(5).tickFormat(d3.format("d")));
  const totals = new Map(rows.map(r => [r.period, d3.sum(types, t => r[t])]));
  svg.append("g").selectAll("path").data(alerts.items.filter(a => totals.has(a.period))).join("path")
    .attr("class", "surge-mark")
    .attr("d", d3.symbol(d3.symbolTriangle, 70))
    .attr("transform", a => `translate(${x(a.period) + x.bandwidth() / 2},${y(totals.get(a.period)) - 10}) rotate(180)`)
    .append("title").text(a => a.message);
  container.replaceChildren(svg.node());
}

// ------------------------------------------------------------------ event table

async function showEvents() {
  const offset = state.page * state.pageSize;
  const page = await api(withFilters("/events", { limit: state.pageSize, offset }));
  const tbody = document.querySelector("#event-table tbody");
  tbody.replaceChildren(...page.items.map(row => {
    const href = articleHref(row);
    return h("tr", { class: "event-row", "data-href": href, onclick: () => { location.hash = href; } },
      h("td", { class: "nowrap" }, row.date || "—"),
      h("td", {}, typeBadge(row.type, row.quad_class)),
      h("td", {}, `${row.actor_code || "?"} → ${row.target_code || "?"}`),
      h("td", {}, row.place || "—"),
      h("td", {}, modalityBadge(row.modality)),
      h("td", { class: "evidence-cell" }, h("a", { href }, row.evidence || "")));
  }));
  if (!page.items.length) tbody.append(h("tr", {}, h("td", { colspan: 6, class: "muted empty" }, "No events match the filters.")));
  document.getElementById("events-count").textContent = `${page.total} events`;
  const pages = Math.max(1, Math.ceil(page.total / state.pageSize));
  document.getElementById("page-info").textContent = `page ${state.page + 1} of ${pages}`;
  document.getElementById("prev-page").disabled = state.page === 0;
  document.getElementById("next-page").disabled = offset + page.items.length >= page.total;
}

// ------------------------------------------------------------------ article view

function sourceLine(source) {
  if (!source) return h("span", { class: "muted" }, "not attributed (the outlet's own account)");
  if (source.anonymous || source.kind === "anonymous") {
    return h("span", {}, h("span", { class: "tag anon" }, "anonymous"), " ", source.description || source.name || "unnamed source");
  }
  return h("span", {}, h("span", { class: "tag named" }, source.kind), " ", source.name || source.description || "");
}

function findEvent(brief, eventId, at) {
  const events = brief.events;
  return events.find(e => e.id === eventId)
    || events.find(e => eventId && (eventId.endsWith(`:${e.id}`) || eventId.endsWith(`/${e.id}`) || eventId.endsWith(`-${e.id}`)))
    || events.find(e => at !== null && String(e.evidence.start) === at)
    || events[0];
}

function eventRanges(brief, event) {
  const ranges = brief.article.boilerplate.map(s => ({ start: s.start, end: s.end, tag: "span", cls: "boilerplate" }));
  if (!event) return ranges;
  ranges.push({ start: event.evidence.start, end: event.evidence.end, cls: "evidence", whole: true, title: `${event.type} evidence` });
  ranges.push({ start: event.trigger.start, end: event.trigger.end, tag: "span", cls: "trigger", title: "trigger" });
  const quote = brief.quotes.find(q => q.id === event.quote_id);
  if (quote) ranges.push({ start: quote.span.start, end: quote.span.end, cls: "quote", title: `quote ${quote.id}` });
  const source = event.attribution || (quote && quote.speaker);
  if (source && source.span) ranges.push({ start: source.span.start, end: source.span.end, tag: "span", cls: "source", title: "source" });
  return ranges;
}

function eventDetails(brief, event) {
  if (!event) return [h("p", { class: "muted" }, "This article has no events.")];
  const places = Object.fromEntries(brief.places.map(p => [p.id, p]));
  const quote = brief.quotes.find(q => q.id === event.quote_id);
  const place = places[event.location];
  const actor = a => a ? `${a.text}${a.code ? ` (${a.code}${a.sector ? " " + a.sector : ""})` : ""}` : "—";
  return [
    h("div", { class: "event-title" }, typeBadge(event.type, event.quad_class), " ", h("span", { class: "muted" }, quadOf(event.quad_class).label)),
    h("dl", { class: "facts" },
      h("dt", {}, "Actor"), h("dd", {}, actor(event.actor)),
      h("dt", {}, "Target"), h("dd", {}, actor(event.target)),
      h("dt", {}, "Place"), h("dd", {}, place ? place.name : "—"),
      h("dt", {}, "Date"), h("dd", {}, event.date ? `${event.date}${event.date_end && event.date_end !== event.date ? " – " + event.date_end : ""} (${event.date_source})` : "—"),
      h("dt", {}, "Modality"), h("dd", { id: "event-modality" }, modalityBadge(event.modality)),
      h("dt", {}, "Source"), h("dd", { id: "event-source" }, sourceLine(event.attribution || (quote && quote.speaker))),
      h("dt", {}, "Confidence"), h("dd", {}, event.confidence.toFixed(2))),
    quote ? h("blockquote", { class: "quote-box" }, `“${quote.text}”`) : null,
  ];
}

function renderArticleEvent(brief, event) {
  const panel = document.getElementById("event-panel");
  const others = brief.events.map(e => h("button", {
    class: `event-chip${e === event ? " active" : ""}`, type: "button", title: e.evidence.text,
    onclick: () => renderArticleEvent(brief, e),
  }, typeBadge(e.type, e.quad_class), " ", e.id));
  panel.replaceChildren(h("h3", {}, "Event"), ...eventDetails(brief, event),
    h("h3", {}, `All events in this article (${brief.events.length})`), h("div", { class: "chips" }, others));
  const textBox = document.getElementById("article-text");
  textBox.replaceChildren();
  renderMarked(textBox, brief.article.text, eventRanges(brief, event));
  const mark = textBox.querySelector("mark.evidence");
  if (mark) mark.scrollIntoView({ block: "center" });
}

async function showArticle(articleId, params) {
  const brief = await api(`/articles/${encodeURIComponent(articleId)}`);
  const a = brief.article;
  document.getElementById("article-head").replaceChildren(
    h("h2", {}, a.title || "Untitled article"),
    h("p", { class: "muted" }, [a.outlet, a.published, a.contributors.length ? `by ${a.contributors.join(", ")}` : null, `id ${a.id}`].filter(Boolean).join(" · ")),
    h("p", { class: "legend" },
      h("mark", { class: "evidence" }, "evidence"), " ", h("mark", { class: "quote" }, "quote"), " ",
      h("span", { class: "source" }, "source"), " ", h("span", { class: "trigger" }, "trigger"), " ",
      h("span", { class: "boilerplate" }, "removed boilerplate")));
  renderArticleEvent(brief, findEvent(brief, params.get("event"), params.get("at")));
}

// ------------------------------------------------------------------ analyze page

function briefSection(title, rows, header) {
  if (!rows.length) return h("div", { class: "card" }, h("h3", {}, title), h("p", { class: "muted" }, "none found"));
  return h("div", { class: "card" }, h("h3", {}, `${title} (${rows.length})`),
    h("table", { class: "compact" }, h("thead", {}, h("tr", {}, header.map(c => h("th", {}, c)))), h("tbody", {}, rows)));
}

function renderBrief(brief) {
  const out = document.getElementById("analyze-result");
  const textBox = h("div", { class: "article-text", id: "analyze-text-view" });
  const select = (event) => {
    textBox.replaceChildren();
    renderMarked(textBox, brief.article.text, eventRanges(brief, event));
    for (const row of out.querySelectorAll("tr.event-row")) row.classList.toggle("selected", row.dataset.id === (event && event.id));
  };
  const entities = brief.entities.map(e => h("tr", {}, h("td", {}, e.name), h("td", {}, e.type),
    h("td", {}, e.titles.join(", ")), h("td", {}, e.country || ""), h("td", { class: "num" }, e.mentions.length)));
  const quotes = brief.quotes.map(q => h("tr", {}, h("td", {}, sourceLine(q.speaker)), h("td", {}, q.kind), h("td", {}, q.text)));
  const places = brief.places.map(p => h("tr", {}, h("td", {}, p.name), h("td", {}, p.feature || ""), h("td", {}, p.country_code || ""),
    h("td", {}, Number.isFinite(p.latitude) ? `${p.latitude.toFixed(2)}, ${p.longitude.toFixed(2)}` : "")));
  const placeById = Object.fromEntries(brief.places.map(p => [p.id, p]));
  const events = brief.events.map(e => h("tr", { class: "event-row", "data-id": e.id, onclick: () => select(e) },
    h("td", {}, typeBadge(e.type, e.quad_class)), h("td", {}, `${e.actor ? e.actor.text : "?"} → ${e.target ? e.target.text : "?"}`),
    h("td", {}, placeById[e.location] ? placeById[e.location].name : "—"), h("td", {}, e.date || "—"),
    h("td", {}, modalityBadge(e.modality)), h("td", { class: "evidence-cell" }, e.evidence.text)));
  const mapBox = h("div", { class: "map small", id: "analyze-map" });
  const a = brief.article;
  out.replaceChildren(
    h("div", { class: "card" }, h("h2", {}, a.title || "Brief"),
      h("p", { class: "muted" }, [a.outlet, a.published ? `published ${a.published}` : "publication date unknown", `${brief.events.length} events, ${brief.entities.length} entities, ${brief.quotes.length} quotes, ${brief.places.length} places`].filter(Boolean).join(" · ")),
      brief.warnings.length ? h("ul", { class: "warnings" }, brief.warnings.map(w => h("li", {}, w))) : null,
      brief.highlights.length ? h("ul", { class: "highlights" }, brief.highlights.map(x => h("li", {}, x.text))) : null),
    briefSection("Events (click one to see its evidence)", events, ["Type", "Actor → target", "Place", "Date", "Modality", "Evidence"]),
    h("div", { class: "two-col" },
      h("div", { class: "card" }, h("h3", {}, "Places"), mapBox),
      briefSection("Places", places, ["Name", "Kind", "Country", "Lat, lon"])),
    briefSection("Entities", entities, ["Name", "Type", "Titles", "Country", "Mentions"]),
    briefSection("Quotes", quotes, ["Speaker", "Kind", "Text"]),
    h("div", { class: "card" }, h("h3", {}, "Text"), textBox));
  select(brief.events[0]);
  drawMap(mapBox, brief.places.map(p => ({ lat: p.latitude, lon: p.longitude, color: "#1f4e79", title: p.name })), { height: 260, focus: true })
    .catch(err => showError(err.message));
}

async function analyzeSubmit(event) {
  event.preventDefault();
  const text = document.getElementById("analyze-text").value;
  const published = document.getElementById("analyze-published").value;
  const key = document.getElementById("api-key").value;
  localStorage.setItem("newswatch.apiKey", key);
  const status = document.getElementById("analyze-status");
  const button = document.getElementById("analyze-button");
  status.textContent = "analysing… (the first request loads the language model)";
  button.disabled = true;
  try {
    const headers = { "Content-Type": "application/json" };
    if (key) headers["X-API-Key"] = key;
    const body = { text };
    if (published) body.published = published;
    const brief = await api("/analyze", { method: "POST", headers, body: JSON.stringify(body) });
    status.textContent = "";
    renderBrief(brief);
  } catch (err) {
    status.textContent = "";
    showError(`Analysis failed: ${err.message}`);
  } finally {
    button.disabled = false;
  }
}

/* The situation report takes a region and dates; the place filter is its region. */
function reportHref() {
  const filters = currentFilters();
  const params = new URLSearchParams({ format: "html" });
  if (filters.get("place")) params.set("region", filters.get("place"));
  for (const key of ["since", "until"]) if (filters.get(key)) params.set(key, filters.get(key));
  return `/report?${params}`;
}

// ------------------------------------------------------------------ routing

const VIEWS = { map: showMap, timeline: showTimeline, events: showEvents, analyze: async () => {} };

async function route() {
  const hash = location.hash || "#/map";
  const [path, query] = hash.slice(1).split("?");
  const parts = path.split("/").filter(Boolean);
  const view = parts[0] in VIEWS || parts[0] === "article" ? parts[0] : "map";
  for (const section of document.querySelectorAll(".view")) section.classList.toggle("active", section.id === `view-${view}`);
  for (const link of document.querySelectorAll("#nav a[data-view]")) link.classList.toggle("active", link.dataset.view === view);
  document.getElementById("filters").hidden = view === "analyze" || view === "article";
  document.body.dataset.view = view;
  document.body.dataset.ready = "false";
  try {
    if (view === "article") await showArticle(decodeURIComponent(parts[1] || ""), new URLSearchParams(query || ""));
    else await VIEWS[view]();
  } catch (err) {
    showError(err.message);
  } finally {
    document.body.dataset.ready = "true";  // lets the browser test wait for the view to finish
  }
}

function init() {
  const typeSelect = document.querySelector("#filters select[name=type]");
  for (const type of PLOVER_TYPES) typeSelect.append(h("option", {}, type));
  const filters = document.getElementById("filters");
  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    state.page = 0;
    const active = [...currentFilters().keys()];
    document.getElementById("filter-status").textContent = active.length ? `filtered by ${active.join(", ")}` : "";
    document.getElementById("report-link").href = reportHref();
    route();
  });
  filters.addEventListener("reset", () => setTimeout(() => filters.requestSubmit(), 0));
  document.getElementById("prev-page").addEventListener("click", () => { state.page = Math.max(0, state.page - 1); showEvents().catch(e => showError(e.message)); });
  document.getElementById("next-page").addEventListener("click", () => { state.page += 1; showEvents().catch(e => showError(e.message)); });
  document.getElementById("analyze-form").addEventListener("submit", analyzeSubmit);
  document.getElementById("api-key").value = localStorage.getItem("newswatch.apiKey") || "";
  window.addEventListener("hashchange", route);
  route();
}

init();
