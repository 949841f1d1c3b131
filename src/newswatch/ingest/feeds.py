"""RSS/Atom feeds (files or http(s) URLs) -> one record per item.

An item whose feed entry carries the full story is used as is; one with only a teaser is
fetched from its link and the page's main text extracted. Every fetch has a timeout.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator

import httpx

from .. import __version__
from ..errors import InputError
from ..pipeline import ArticleInput
from .sources import Record, is_url

FULL_TEXT_CHARS = 1500  # an entry with less text than this is a teaser: fetch the page
USER_AGENT = f"newswatch/{__version__} (+https://newswatch.dev)"


def http_client(timeout: float = 20.0) -> httpx.Client:
    return httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)), follow_redirects=True,
                        headers={"User-Agent": USER_AGENT})


def fetch(client: httpx.Client, url: str) -> httpx.Response:
    """GET a URL; errors (timeouts, refused connections, HTTP 4xx/5xx) become an InputError naming it."""
    try:
        response = client.get(url)
    except httpx.TimeoutException as exc:
        raise InputError(url, f"timed out after {client.timeout.read:g} s") from exc
    except httpx.HTTPError as exc:
        raise InputError(url, f"cannot fetch: {type(exc).__name__}: {exc}") from exc
    if response.status_code >= 400:
        raise InputError(url, f"the server answered HTTP {response.status_code} {response.reason_phrase}")
    return response


def iter_feed_url(url: str, timeout: float = 20.0, skip_url: Callable[[str], bool] | None = None) -> Iterator[Record]:
    with http_client(timeout) as client:
        response = fetch(client, url)
        yield from iter_feed_bytes(response.content, url, client=client, skip_url=skip_url)


def iter_feed_bytes(data: bytes, source: str, timeout: float = 20.0, client: httpx.Client | None = None,
                    skip_url: Callable[[str], bool] | None = None) -> Iterator[Record]:
    """Records for the items of a feed document. `skip_url(link)` true skips an item unfetched."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.version and not parsed.entries:
        head = data[:1024].lstrip().lower()
        looks_html = head.startswith((b"<!doctype html", b"<html")) or b"<html" in head
        raise InputError(source, "is not an RSS or Atom feed" + (" (it is an HTML page)" if looks_html else ""))
    own_client = client is None
    client = client or http_client(timeout)
    try:
        for number, entry in enumerate(parsed.entries, start=1):
            link = entry.get("link")
            location = link or f"{source}#item{number}"
            if link and skip_url is not None and skip_url(link):
                continue
            try:
                yield Record(location, item=_entry_article(entry, source, client))
            except InputError as exc:
                yield Record(location, error=exc)
    finally:
        if own_client:
            client.close()


def _entry_article(entry, feed: str, client: httpx.Client) -> ArticleInput:
    from .html import article_from_html

    link = entry.get("link")
    published = _entry_date(entry)
    title = entry.get("title") or None
    html = next((c.get("value") for c in entry.get("content", []) if c.get("value")), None) or entry.get("summary") or ""
    text = _html_to_text(html) if html else ""
    if len(text) < FULL_TEXT_CHARS and link and is_url(link):
        response = fetch(client, link)
        page = article_from_html(response.content, link, url=link)
        page.published = published or page.fallback_published
        page.fallback_published = None
        page.title = page.title or title
        page.metadata = {"source": link, "feed": feed}
        return page
    if not text.strip():
        raise InputError(link or feed, "the feed item has no text and no link to fetch it from")
    return ArticleInput(text=text, published=published, title=title, url=link, metadata={"source": link or feed, "feed": feed})


def _entry_date(entry) -> dt.date | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.timezone.utc).date()


_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr")


def _html_to_text(html: str) -> str:
    """Feed item HTML -> paragraphs separated by blank lines."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # not HTML after all: plain text
        return html.strip()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    lines = [" ".join(part.split()) for part in root.text_content().split("\n\n")]
    return "\n\n".join(line for line in lines if line)
