"""HTML to visible text, one block per line, with the page's title, first <h1> and <meta> fields."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from kg.ingest.clean import CJK, clean_lines, one_line

__all__ = ["HTMLText", "parse_html", "html_to_text", "looks_like_html"]

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary "
    "table tbody tfoot thead tr ul".split())
_CELL_TAGS = frozenset({"td", "th"})
_DROP_TAGS = frozenset({"script", "style", "noscript", "template", "title", "svg", "math"})
_HTML_START = re.compile(r"\A\s*(?:<!doctype\s|<html[\s>]|<\?xml\s)", re.I)
_HTML_BLOCK = re.compile(r"<(?:p|div|br|h[1-6]|li|ul|ol|table|tr|article|section|body|blockquote|figure)"
                         r"(?:\s[^<>]*)?/?>", re.I)
_SEGMENT_BREAK = re.compile(r"[ \t\r\f\v]*\n\s*")
_BREAK_MARK = "\x00"  # stands for a source line break until we know its neighbours
_CJK_BREAK = re.compile(rf"(?<=[{CJK}])[ \x00]*\x00[ \x00]*(?=[{CJK}])")
_META_KEYS = {
    "author": "author", "article:author": "author", "byline": "author",
    "article:published_time": "date", "pubdate": "date", "publishdate": "date", "date": "date",
    "dc.date": "date", "publish_date": "date",
    "og:site_name": "source", "source": "source", "publisher": "source",
    "article:section": "categories", "article:tag": "categories",
    "og:url": "url", "og:title": "og_title",
}


class HTMLText(HTMLParser):
    """Collect the visible text of an HTML page, its title, first <h1> and <meta> fields."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.h1 = ""
        self.meta: dict[str, list[str]] = {}
        self._drop = 0
        self._pre = 0
        self._title: list[str] | None = None
        self._h1: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta" or tag == "link":
            self._meta(tag, dict(attrs))
            return
        if tag in _DROP_TAGS:
            self._drop += 1
            if tag == "title" and self._title is None and not self.title:
                self._title = []
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append(" ")
        if tag == "h1" and self._h1 is None and not self.h1:
            self._h1 = []
        if tag == "pre":
            self._pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_TAGS:
            self._drop = max(0, self._drop - 1)
            if tag == "title" and self._title is not None:
                self.title, self._title = one_line("".join(self._title)), None
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "h1" and self._h1 is not None:
            self.h1, self._h1 = one_line("".join(self._h1)), None
        if tag == "pre":
            self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        if self._drop:
            return
        if self._h1 is not None:
            self._h1.append(data)
        self.parts.append(data if self._pre else _SEGMENT_BREAK.sub(_BREAK_MARK, data))

    def _meta(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "link":
            if (attrs.get("rel") or "").lower() == "canonical" and attrs.get("href"):
                self.meta.setdefault("url", []).append(attrs["href"] or "")
            return
        name = (attrs.get("name") or attrs.get("property") or "").lower()
        field = _META_KEYS.get(name)
        content = one_line(attrs.get("content"))
        if field and content:
            self.meta.setdefault(field, []).append(content)

    def text(self) -> str:
        joined = _CJK_BREAK.sub("", "".join(self.parts)).replace(_BREAK_MARK, " ")
        return "\n".join(clean_lines(joined))


def parse_html(markup: str) -> HTMLText:
    parser = HTMLText()
    parser.feed(markup.replace("\x00", ""))
    parser.close()
    return parser


def html_to_text(html: str) -> str:
    """Return the visible text of ``html``, one block (paragraph, heading, caption, list item) per line.

    Block boundaries (p, div, h1-h6, li, br, tr, blockquote, figure, figcaption, ...) become newlines, so an
    image caption such as ``<h3>图为…</h3>`` stays a line of its own. script/style/noscript/title content and
    ``<img alt>`` are dropped, entities are unescaped, runs of spaces inside a line collapse to one, a source
    line break between two Chinese characters disappears, and empty lines are dropped.
    """
    return parse_html(html).text()


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text) or _HTML_BLOCK.search(text))
