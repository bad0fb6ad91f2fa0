"""Files in, `Document`s out: decode, recognise the format by content, and clean the text.

Three single-document formats are recognised by what the file holds, never by its extension:

* ``archive``: YAML front matter between ``---`` lines at the top, then an HTML (or plain) body.
  The front matter is read by a small built-in parser (``key: value``, quoted strings, ``[a, b]``
  and ``- item`` lists, ``|``/``>`` blocks), so PyYAML is not needed.
* ``html``: a page or fragment (``<!doctype``, ``<html``, or block tags such as ``<p>``/``<div>``).
* ``text``: anything else. A short first line (at most 60 characters, not ending in sentence
  punctuation such as 。！？) followed by more text is the title.

A JSON Lines corpus (a ``.jsonl`` file, or any file whose first non-blank line is a JSON object) gives one
``jsonl`` document per line: ``{"id", "title", "date", "text" | "html", "source"?, "author"?, "url"?,
"categories"?}``.

What ``Document.text`` holds is the same for every format: the body only, one paragraph per line
(``"\\n"`` between paragraphs, no empty lines, each line stripped, runs of spaces collapsed, zero-width
characters removed, control characters turned into spaces). For plain text the title line is *not* part of
``text``; for HTML and archives ``text`` is the converted body, so an ``<h1>`` stays in it as a line even
when it also gave the title. All character offsets downstream index into ``text``.

A file that cannot be read is an `IngestError` from `read_document` and a `Skipped` record from
`iter_documents`, which carries on with the next file.
"""
from __future__ import annotations

import codecs
import glob
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import IngestError
from kg.records import Document, Skipped

__all__ = ["Document", "Skipped", "iter_documents", "read_document", "parse_text", "html_to_text"]


# --------------------------------------------------------------------------- decoding

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
)
_BINARY_FIX = "convert it to UTF-8 text, HTML or JSONL first"
_DECODE_FIX = "re-save the file as UTF-8 or pass --encoding"
# C0 control bytes that never occur in text files (tab, newlines, form feed and ESC excluded).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def _check_binary(data: bytes, source: str, *, utf16: bool = False) -> None:
    """Raise if ``data`` is clearly not a text document (magic number, NUL bytes, control bytes)."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise IngestError(source, f"binary file ({kind}), not a text document; {_BINARY_FIX}")
    if utf16:  # UTF-16 text is full of NUL bytes
        return
    sample = data[:65536]
    if b"\x00" in data:
        half = len(sample) // 2
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        for order, zeros, others in (("le", odd, even), ("be", even, odd)):
            # every other byte zero (and only those): ASCII-range UTF-16 text
            if half >= 8 and zeros > 0.6 * half and others < 0.1 * half:
                raise IngestError(
                    source, f"looks like UTF-16 without a byte-order mark; pass --encoding utf-16-{order} "
                    "or re-save the file as UTF-8")
        raise IngestError(source, f"binary file, not a text document (it contains NUL bytes); {_BINARY_FIX}")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > max(8, len(sample) // 50):
        raise IngestError(
            source, f"binary file, not a text document ({controls} control bytes in the first "
            f"{len(sample)}); {_BINARY_FIX}")


def _gb_plausible(text: str) -> bool:
    """Tell whether a GB18030 decoding looks like real Chinese text rather than mojibake.

    GB18030 accepts almost any byte string, so a Latin-1, Windows-1252 or Big5 file decodes "fine" into
    rare characters. Real simplified-Chinese text stays almost entirely inside the GB2312 region (both
    bytes >= 0xA1); mojibake from an 8-bit encoding pairs a high byte with an ASCII letter and lands in the
    GBK extension (second byte < 0xA1), in the private-use area or in control characters.
    """
    rare = total = 0
    for ch in text:
        if ch < "\x80":
            continue
        total += 1
        if total > 20000:
            break
        if "\ue000" <= ch <= "\uf8ff":
            return False
        try:
            encoded = ch.encode("gbk")
        except UnicodeEncodeError:
            rare += 1
            continue
        if len(encoded) != 2 or encoded[0] < 0xA1 or encoded[1] < 0xA1:
            rare += 1
    return not (rare >= 2 and rare > 0.3 * total)


def _decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Return ``data`` as text with "\\n" newlines and no BOM; raise `IngestError` when it is not text."""
    if not data.strip():
        raise IngestError(source, "empty file; there is no text to read")
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    wide = encoding is not None and re.match(r"(?i)utf[-_]?(16|32)", encoding) is not None
    _check_binary(data, source, utf16=utf16 or wide)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise IngestError(
                source, f"unknown encoding {encoding!r}; pass a Python codec name such as utf-8, "
                "gb18030 or big5") from None
        except UnicodeDecodeError as exc:
            raise IngestError(
                source, f"cannot decode as {encoding} (byte {exc.object[exc.start]:#04x} at offset "
                f"{exc.start}); check --encoding or re-save the file as UTF-8") from None
    elif utf16:
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(
                source, f"has a UTF-16 byte-order mark but is not valid UTF-16 (offset {exc.start}); "
                f"{_DECODE_FIX}") from None
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as utf8_exc:
            bad = f"byte {data[utf8_exc.start]:#04x} at offset {utf8_exc.start}"
            if data.startswith(codecs.BOM_UTF8):
                raise IngestError(
                    source, f"has a UTF-8 byte-order mark but is not valid UTF-8 ({bad}); {_DECODE_FIX}"
                ) from None
            # GBK text breaks UTF-8 at its first Chinese character; many valid UTF-8 sequences before the
            # bad byte mean a damaged UTF-8 file, which GB18030 would turn into plausible-looking mojibake.
            if sum(1 for byte in data[:utf8_exc.start] if byte >= 0xC0) >= 8:
                raise IngestError(
                    source, f"is UTF-8 up to offset {utf8_exc.start} but not after it ({bad}): the file is "
                    f"damaged or mixes encodings; {_DECODE_FIX}") from None
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise IngestError(
                    source, f"cannot decode as UTF-8 or GB18030 ({bad}); {_DECODE_FIX}") from None
            if not _gb_plausible(text):
                raise IngestError(
                    source, "cannot decode as UTF-8, and as GB18030 it gives unlikely characters (is it "
                    f"Latin-1, Windows-1252 or Big5?); {_DECODE_FIX}")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text or len(_CONTROL_CHARS.findall(text[:65536])) > max(8, min(len(text), 65536) // 50):
        raise IngestError(source, f"binary file, not a text document (control characters); {_BINARY_FIX}")
    if not text.strip():
        raise IngestError(source, "empty file; there is no text to read")
    return text


# --------------------------------------------------------------------------- cleaning

# Chinese, Japanese and full-width characters, plus the curly quotes, dash and ellipsis Chinese text uses:
# a line break between two of them in HTML source is not a space (CSS Text 3 segment-break rule).
_CJK = "\u2014\u2018-\u201f\u2026\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff" \
       "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_SPACES = re.compile("[ \t\xa0\u1680\u2000-\u200a\u202f\u205f]+")  # U+3000 is kept as written
_ENTITY_JUNK = re.compile(r"(?:&(?:amp;)*(?:nbsp|ensp|emsp|thinsp|#160|#x[aA]0);?\s*)+")


def _clean_lines(text: str) -> list[str]:
    """Return the non-empty, stripped, space-collapsed lines of ``text``."""
    text = _ZERO_WIDTH.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub(" ", _LINE_BREAKS.sub("\n", text))
    lines = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        # Feeds that escape twice leave lines such as "&amp;nbsp;" where an empty paragraph was.
        if line and not _ENTITY_JUNK.fullmatch(line):
            lines.append(line)
    return lines


def _one_line(value: object) -> str:
    """Return a metadata value as one stripped line ("" for None)."""
    if value is None:
        return ""
    text = _ZERO_WIDTH.sub("", str(value))
    text = re.sub(rf"(?<=[{_CJK}])\s*\n\s*(?=[{_CJK}])", "", text)
    return " ".join(text.split())


# --------------------------------------------------------------------------- HTML

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
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \x00]*\x00[ \x00]*(?=[{_CJK}])")
_META_KEYS = {
    "author": "author", "article:author": "author", "byline": "author",
    "article:published_time": "date", "pubdate": "date", "publishdate": "date", "date": "date",
    "dc.date": "date", "publish_date": "date",
    "og:site_name": "source", "source": "source", "publisher": "source",
    "article:section": "categories", "article:tag": "categories",
    "og:url": "url", "og:title": "og_title",
}


class _HTMLText(HTMLParser):
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
                self.title, self._title = _one_line("".join(self._title)), None
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "h1" and self._h1 is not None:
            self.h1, self._h1 = _one_line("".join(self._h1)), None
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
        content = _one_line(attrs.get("content"))
        if field and content:
            self.meta.setdefault(field, []).append(content)

    def text(self) -> str:
        joined = _CJK_BREAK.sub("", "".join(self.parts)).replace(_BREAK_MARK, " ")
        return "\n".join(_clean_lines(joined))


def _parse_html(markup: str) -> _HTMLText:
    parser = _HTMLText()
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
    return _parse_html(html).text()


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text) or _HTML_BLOCK.search(text))


# --------------------------------------------------------------------------- front matter

# Lenient on purpose: "key:value" and a full-width colon are what hand-written Chinese headers contain.
_FM_KEY = re.compile(r"([^\W\d][\w.-]*)[ \t]*[:：][ \t]*(.*)")
_FM_ITEM = re.compile(r"[ \t]*-(?:[ \t]+(.*))?[ \t]*")
_FM_FIX = "fix the YAML header between the --- lines"


def _fm_scalar(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            return str(json.loads(value))  # YAML double-quoted escapes: the common ones are JSON's
        except ValueError:
            return value[1:-1]
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value


def _fm_flow_list(inner: str) -> list[str]:
    """Split the inside of a YAML flow list ``[a, "b, c"]`` on commas outside quotes."""
    items, current, quote = [], [], ""
    for ch in inner:
        if quote:
            current.append(ch)
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
            current.append(ch)
        elif ch == ",":
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return [_fm_scalar(item) for item in items if item.strip()]


def _parse_front_matter(lines: list[str], first_line: int, source: str) -> dict[str, str | list[str]]:
    """Return the ``key: value`` pairs of a front-matter block (keys lower-cased).

    Supports plain and quoted scalars, ``[a, b]`` and ``- item`` lists, ``|``/``>`` blocks and plain
    scalars continued on indented lines. Indented ``key: value`` lines under an empty key (a nested
    mapping) are ignored.
    """
    data: dict[str, str | list[str]] = {}
    key: str | None = None
    literal = False
    for number, line in enumerate(lines, start=first_line):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indented = line[:1] in (" ", "\t")
        item = _FM_ITEM.fullmatch(line)
        if key is not None and item and isinstance(data[key], list):
            data[key].append(_fm_scalar(item.group(1) or ""))  # type: ignore[union-attr]
            continue
        if key is not None and indented:
            current = data[key]
            if isinstance(current, str):
                joiner = "\n" if literal else " "
                data[key] = f"{current}{joiner}{line.strip()}" if current else line.strip()
                continue
            if not current and _FM_KEY.fullmatch(line.strip()):
                continue  # nested mapping: not a field we keep
        match = _FM_KEY.fullmatch(line)
        if match is None:
            raise IngestError(
                source, f"broken front matter: line {number} is not 'key: value' ({line.strip()[:40]!r}); "
                f"{_FM_FIX}")
        key, value = match.group(1).lower(), (match.group(2) or "").strip()
        literal = False
        if not value:
            data[key] = []  # a "- item" list may follow; becomes "" if none does
        elif value[0] in "|>" and value.rstrip("+-0123456789") in ("|", ">"):
            data[key], literal = "", value[0] == "|"
        elif value.startswith("[") and value.endswith("]"):
            data[key] = _fm_flow_list(value[1:-1])
        else:
            data[key] = _fm_scalar(value)
    return {k: ("" if v == [] else v) for k, v in data.items()}


def _split_front_matter(text: str, source: str) -> tuple[dict[str, str | list[str]], str] | None:
    """Return (front matter, body) when ``text`` opens with a ``---`` line, else None."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start == len(lines) or lines[start].rstrip() != "---":
        return None
    for end in range(start + 1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            header = _parse_front_matter(lines[start + 1:end], start + 2, source)
            return header, "\n".join(lines[end + 1:])
    raise IngestError(
        source,
        f"broken front matter: the opening --- on line {start + 1} has no closing --- line; {_FM_FIX}")


# --------------------------------------------------------------------------- metadata

_TITLE_MAX = 60
_SENTENCE_END = frozenset("。！？!?.…；;：:，,、")
_CLOSERS = "”’\"')）】」』》]"


def _first(mapping: dict[str, object], *keys: str) -> str:
    for key in keys:
        value = mapping.get(key)
        if isinstance(value, list):
            value = "、".join(_one_line(v) for v in value if _one_line(v))
        text = _one_line(value)
        if text:
            return text
    return ""


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [_one_line(v) for v in value]
    return [part.strip() for part in re.split(r"[,，]", _one_line(value))]


def _metadata(mapping: dict[str, object]) -> dict[str, object]:
    """Return Document keyword arguments for the metadata fields of a front matter or JSONL object."""
    categories: list[str] = []
    for key in ("categories", "category", "tags"):
        for item in _as_list(mapping.get(key)):
            if item and item not in categories:
                categories.append(item)
    return {
        "title": _first(mapping, "title", "headline"),
        "date": _first(mapping, "date", "published", "pubdate", "publish_date", "published_at", "time"),
        "author": _first(mapping, "author", "authors", "byline"),
        "source": _first(mapping, "source", "publisher", "site", "outlet", "media"),
        "url": _first(mapping, "url", "link", "canonical"),
        "categories": tuple(categories),
    }


def _is_title(line: str) -> bool:
    """Tell whether the first line of a plain text reads as a headline rather than a sentence."""
    bare = line.rstrip(_CLOSERS)
    return len(line) <= _TITLE_MAX and bool(bare) and bare[-1] not in _SENTENCE_END


# --------------------------------------------------------------------------- single documents

def _first_json_object(text: str) -> bool:
    """Tell whether the first non-blank line of ``text`` is a JSON object (a JSON Lines corpus)."""
    for line in text.split("\n"):
        line = line.strip().removeprefix("\ufeff")
        if line:
            if not line.startswith("{"):
                return False
            try:
                return isinstance(json.loads(line), dict)
            except ValueError:
                return False
    return False


def _from_html(markup: str, source: str, fmt: str, meta: dict[str, object] | None = None) -> Document:
    page = _parse_html(markup)
    found: dict[str, object] = {k: v if k == "categories" else v[0] for k, v in page.meta.items()}
    fields = _metadata(found)
    fields["title"] = page.title or page.h1 or _one_line(found.get("og_title"))
    if meta:
        fields.update({k: v for k, v in _metadata(meta).items() if v})
    return Document(id=source, text=page.text(), path=source, format=fmt, **fields)  # type: ignore[arg-type]


def parse_text(raw: str, *, source: str = "<string>") -> Document:
    """Return the `Document` in an already-decoded string, recognising its format by content.

    ``id`` and ``path`` are ``source``; `read_document` and `iter_documents` replace them.

    Raises:
        IngestError: the text is empty, has broken front matter, holds no body text, or is a JSON Lines
            corpus (several documents: use `iter_documents`).
    """
    text = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(source, "empty file; there is no text to read")
    if _first_json_object(text):
        raise IngestError(source, "is a JSON Lines corpus (one document per line); read it with "
                          "iter_documents")
    split = _split_front_matter(text, source)
    if split is not None:
        header, body = split
        if _looks_like_html(body):
            doc = _from_html(body, source, "archive", header)  # type: ignore[arg-type]
        else:
            doc = Document(id=source, text="\n".join(_clean_lines(body)), path=source, format="archive",
                           **_metadata(header))  # type: ignore[arg-type]
        if not doc.text:
            raise IngestError(source, "front matter but no body text below the closing ---; add the article")
        return doc
    if _looks_like_html(text):
        doc = _from_html(text, source, "html")
        if not doc.text:
            raise IngestError(source, "HTML with no visible text; is the article body loaded by script?")
        return doc
    stripped = text.lstrip()
    if stripped[:1] in "{[":
        try:
            json.loads(stripped)
        except ValueError:
            pass
        else:
            raise IngestError(source, "is a JSON document, not JSON Lines; write one JSON object per line "
                              "with a \"text\" field")
    lines = _clean_lines(text)
    if not lines:
        raise IngestError(source, "no text left after removing blank lines and control characters")
    if len(lines) > 1 and _is_title(lines[0]):
        return Document(id=source, text="\n".join(lines[1:]), title=lines[0], path=source, format="text")
    return Document(id=source, text="\n".join(lines), path=source, format="text")


def read_document(path: str | Path, *, encoding: str | None = None) -> Document:
    """Return the one `Document` in the file at ``path`` (its id is the file name).

    Raises:
        IngestError: the file is missing, binary, undecodable, empty, has broken front matter, or is a
            JSON Lines corpus (use `iter_documents` for those).
    """
    path = Path(path)
    source = str(path)
    if path.is_dir():
        raise IngestError(source, "is a directory, not a file; use iter_documents for folders")
    data = _read_bytes(path, source)
    if _looks_like_jsonl(path, data[:1 << 20]):
        raise IngestError(source, "is a JSON Lines corpus (one document per line); read it with "
                          "iter_documents")
    return _document(data, source, path.name, encoding)


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError(source, "no such file or directory; check the path") from None
    except OSError as exc:
        raise IngestError(source, f"cannot read: {exc.strerror or exc}") from None


def _document(data: bytes, source: str, doc_id: str, encoding: str | None) -> Document:
    doc = parse_text(_decode(data, source, encoding), source=source)
    return replace(doc, id=doc_id, path=source)


# --------------------------------------------------------------------------- JSON Lines

def _looks_like_jsonl(path: Path, data: bytes) -> bool:
    if path.suffix.lower() == ".jsonl":
        return True
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        line = data[start:end].strip().removeprefix(codecs.BOM_UTF8)
        start = end + 1
        if line:
            if not line.startswith(b"{"):
                return False
            try:
                return isinstance(json.loads(line.decode("utf-8", "replace")), dict)
            except ValueError:
                return False
    return False


def _jsonl_lines(data: bytes, source: str, encoding: str | None) -> Iterator[tuple[int, str | Skipped]]:
    """Yield (line number, decoded line or Skipped) for each non-blank line of a JSONL file."""
    text: str | None = None
    if encoding is not None or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode(data, source, encoding)
    else:
        try:
            text = data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            pass  # one bad line must not cost the whole corpus (or turn it into GB18030 mojibake)
    if text is not None:
        for number, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                yield number, line
        return
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            yield number, _decode(raw, f"{source}:{number}")
        except IngestError as exc:
            yield number, Skipped(exc.source, exc.reason)


def _record(obj: object, source: str, number: int, file_id: str) -> Document:
    """Return the Document for one parsed JSONL line; raise `IngestError` naming ``file:line``."""
    where = f"{source}:{number}"
    if not isinstance(obj, dict):
        raise IngestError(where, f"a JSON {type(obj).__name__}, not an object; each line must be one "
                          "JSON object with a \"text\" field")
    body, field = obj.get("text"), "text"
    if body is None or (isinstance(body, str) and not body.strip() and obj.get("html")):
        body, field = obj.get("html"), "html"
    if body is None:
        raise IngestError(where, "no \"text\" or \"html\" field; add the article body")
    if not isinstance(body, str):
        raise IngestError(where, f"\"{field}\" is a JSON {type(body).__name__}, not a string")
    if field == "html" or _looks_like_html(body):
        page = _parse_html(body)
        text = page.text()
        html_title = page.title or page.h1
    else:
        text, html_title = "\n".join(_clean_lines(body)), ""
    if not text:
        raise IngestError(where, f"empty \"{field}\"; the record has no article body")
    fields = _metadata(obj)
    fields["title"] = fields["title"] or html_title
    doc_id = _one_line(obj.get("id")) or f"{file_id}#{number}"
    return Document(id=doc_id, text=text, path=where, format="jsonl", **fields)  # type: ignore[arg-type]


def _iter_jsonl(data: bytes, source: str, file_id: str, encoding: str | None) -> Iterator[Document | Skipped]:
    for number, line in _jsonl_lines(data, source, encoding):
        if isinstance(line, Skipped):
            yield line
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield Skipped(f"{source}:{number}", f"invalid JSON ({getattr(exc, 'msg', exc)} at column "
                          f"{getattr(exc, 'colno', '?')}); each line must be one JSON object")
            continue
        try:
            yield _record(obj, source, number, file_id)
        except IngestError as exc:
            yield Skipped(exc.source, exc.reason)


# --------------------------------------------------------------------------- many inputs

_GLOB_MAGIC = re.compile(r"[*?[]")


def _iter_file(path: Path, doc_id: str, encoding: str | None) -> Iterator[Document | Skipped]:
    source = str(path)
    try:
        data = _read_bytes(path, source)
        if _looks_like_jsonl(path, data[:1 << 20]):
            if not data.strip():
                raise IngestError(source, "empty file; there is no text to read")
            _check_binary(data, source, utf16=data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)))
            yield from _iter_jsonl(data, source, doc_id, encoding)
        else:
            yield _document(data, source, doc_id, encoding)
    except IngestError as exc:
        yield Skipped(exc.source, exc.reason)


def _walk(root: Path) -> list[Path]:
    """Return the files under ``root``, hidden files and folders left out, in sorted tree order."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder, name) for name in files if not name.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _expand(item: str | Path) -> Iterator[tuple[Path, str] | Skipped]:
    """Yield (file, document id) for one input, or a Skipped when it names nothing."""
    path = Path(item).expanduser()
    if path.is_dir():
        for file in _walk(path):
            yield file, file.relative_to(path).as_posix()
    elif path.exists():
        yield path, path.name
    elif _GLOB_MAGIC.search(str(item)):
        pattern = str(path)
        fixed = []
        for part in Path(pattern).parts:
            if _GLOB_MAGIC.search(part):
                break
            fixed.append(part)
        base = Path(*fixed) if fixed else Path(".")
        matches = sorted(Path(m) for m in glob.glob(pattern, recursive=True) if os.path.isfile(m))
        if not matches:
            yield Skipped(str(item), "no files match this pattern; check the path and quoting")
        for match in matches:
            try:
                doc_id = match.relative_to(base).as_posix()
            except ValueError:
                doc_id = match.name
            yield match, doc_id
    else:
        yield Skipped(str(item), "no such file or directory; check the path")


def iter_documents(
    inputs: str | Path | Iterable[str | Path], *, encoding: str | None = None
) -> Iterator[Document | Skipped]:
    """Yield a `Document` for every readable input and a `Skipped` for every one that is not.

    Args:
        inputs: a file, a folder (read recursively in sorted order, hidden files and folders left out), a
            glob pattern (``seeds/*.txt``, ``data/**/*.html``), or an iterable of those. JSON Lines files
            give one document per line; a bad line is one `Skipped` naming ``file:line``.
        encoding: decode every file with this codec instead of guessing (UTF-8, then GB18030).

    Document ids are the file name for a file input and the path relative to the folder (or to the
    pattern's fixed prefix) otherwise. A file reached twice is read once.
    """
    items = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    seen: set[Path] = set()
    for item in items:
        for entry in _expand(item):
            if isinstance(entry, Skipped):
                yield entry
                continue
            path, doc_id = entry
            key = path.resolve()
            if key in seen:
                continue
            seen.add(key)
            yield from _iter_file(path, doc_id, encoding)
