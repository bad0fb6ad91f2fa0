"""The YAML-ish front matter of an archive file, read without PyYAML."""
from __future__ import annotations

import json
import re

from kg.errors import IngestError

__all__ = ["split_front_matter"]

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


def split_front_matter(text: str, source: str) -> tuple[dict[str, str | list[str]], str] | None:
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
