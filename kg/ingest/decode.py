"""Bytes to text: byte-order marks, UTF-8 then GB18030 (when it reads as Chinese), and binary files refused."""
from __future__ import annotations

import codecs
import re

from kg.errors import IngestError

__all__ = ["check_binary", "decode"]


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


def check_binary(data: bytes, source: str, *, utf16: bool = False) -> None:
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


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Return ``data`` as text with "\\n" newlines and no BOM; raise `IngestError` when it is not text."""
    if not data.strip():
        raise IngestError(source, "empty file; there is no text to read")
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    wide = encoding is not None and re.match(r"(?i)utf[-_]?(16|32)", encoding) is not None
    check_binary(data, source, utf16=utf16 or wide)
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
