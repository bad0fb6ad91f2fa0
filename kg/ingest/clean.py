"""Line cleaning shared by every format: spaces, zero-width, bidi and control characters, noncharacters and
lone surrogates, and the CJK range."""
from __future__ import annotations

import re

__all__ = ["CJK", "clean_lines", "one_line"]

# Chinese, Japanese and full-width characters, plus the curly quotes, dash and ellipsis Chinese text uses:
# a line break between two of them in HTML source is not a space (CSS Text 3 segment-break rule).
# The body of a regex character class: use it as f"[{CJK}]".
CJK = "\u2014\u2018-\u201f\u2026\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff" \
      "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# Bidi controls (embeddings, overrides, isolates and the LRM/RLM/ALM marks) reorder how a label is shown,
# so "\u202etxt.exe" reads backwards in a viewer; nothing in Chinese or English news needs them.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Unicode noncharacters (U+FDD0-U+FDEF and the last two code points of every plane, U+FFFE/U+FFFF ...) and
# lone surrogates (what a JSON "\\ud800" escape decodes to) are outside XML 1.0 and cannot be encoded as UTF-8.
_NONCHARACTERS = re.compile("[\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
                            + "".join(f"{chr(p << 16 | 0xfffe)}{chr(p << 16 | 0xffff)}" for p in range(1, 17))
                            + "]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_SPACES = re.compile("[ \t\xa0\u1680\u2000-\u200a\u202f\u205f]+")  # U+3000 is kept as written
_ENTITY_JUNK = re.compile(r"(?:&(?:amp;)*(?:nbsp|ensp|emsp|thinsp|#160|#x[aA]0);?\s*)+")


def _drop_invisible(text: str) -> str:
    """Return ``text`` without zero-width and bidi controls, noncharacters and lone surrogates."""
    return _NONCHARACTERS.sub("", _BIDI.sub("", _ZERO_WIDTH.sub("", text)))


def clean_lines(text: str) -> list[str]:
    """Return the non-empty, stripped, space-collapsed lines of ``text``.

    Zero-width and bidi controls, noncharacters (U+FFFE ...) and lone surrogates are removed; other
    control characters become spaces; U+000B, U+000C, U+0085, U+2028 and U+2029 break lines.
    """
    text = _drop_invisible(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub(" ", _LINE_BREAKS.sub("\n", text))
    lines = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        # Feeds that escape twice leave lines such as "&amp;nbsp;" where an empty paragraph was.
        if line and not _ENTITY_JUNK.fullmatch(line):
            lines.append(line)
    return lines


def one_line(value: object) -> str:
    """Return a metadata value as one stripped line ("" for None), cleaned as :func:`clean_lines` cleans
    the body: zero-width and bidi controls, noncharacters and lone surrogates removed, control characters
    and line breaks read as spaces (a break between two CJK characters as nothing)."""
    if value is None:
        return ""
    text = _CONTROLS.sub(" ", _drop_invisible(str(value)))
    text = re.sub(rf"(?<=[{CJK}])\s*\n\s*(?=[{CJK}])", "", text)
    return " ".join(text.split())
