"""Line cleaning shared by every format: spaces, zero-width and control characters, and the CJK range."""
from __future__ import annotations

import re

__all__ = ["CJK", "clean_lines", "one_line"]

# Chinese, Japanese and full-width characters, plus the curly quotes, dash and ellipsis Chinese text uses:
# a line break between two of them in HTML source is not a space (CSS Text 3 segment-break rule).
# The body of a regex character class: use it as f"[{CJK}]".
CJK = "\u2014\u2018-\u201f\u2026\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff" \
      "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_SPACES = re.compile("[ \t\xa0\u1680\u2000-\u200a\u202f\u205f]+")  # U+3000 is kept as written
_ENTITY_JUNK = re.compile(r"(?:&(?:amp;)*(?:nbsp|ensp|emsp|thinsp|#160|#x[aA]0);?\s*)+")


def clean_lines(text: str) -> list[str]:
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


def one_line(value: object) -> str:
    """Return a metadata value as one stripped line ("" for None)."""
    if value is None:
        return ""
    text = _ZERO_WIDTH.sub("", str(value))
    text = re.sub(rf"(?<=[{CJK}])\s*\n\s*(?=[{CJK}])", "", text)
    return " ".join(text.split())
