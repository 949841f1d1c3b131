"""Web pages -> article text and metadata, with trafilatura (main-text extraction)."""

from __future__ import annotations

from ..errors import InputError
from ..pipeline import ArticleInput
from .sources import parse_date

# Only dates the page states; trafilatura would otherwise fall back to guesses.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def article_from_html(data: bytes | str, source: str, url: str | None = None) -> ArticleInput:
    """The main text of a page (menus, footers and ads left out), one paragraph per block."""
    import trafilatura

    if isinstance(data, bytes):
        from .text import decode

        data = decode(data, source)
    try:
        doc = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura raises assorted parser errors on broken markup
        raise InputError(source, f"cannot read the page as HTML ({type(exc).__name__}: {exc})") from exc
    text = (doc.text if doc is not None else None) or ""
    if not text.strip():
        raise InputError(source, "no article text found on the page")
    # trafilatura puts one paragraph per line; a blank line is what marks a paragraph for us.
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"
    try:
        published = parse_date(doc.date)
    except ValueError:
        published = None
    return ArticleInput(
        text=text,
        fallback_published=published,
        title=doc.title or None,
        outlet=doc.sitename or None,
        url=url or doc.url or None,
        metadata={"source": source},
    )
