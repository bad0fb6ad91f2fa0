"""Dates as sources write them -> ISO 8601 (``2025-09-29T18:07:29+08:00``, or ``2024-11-16`` for a day).

Recognised: ISO-like dates with ``-``, ``/`` or ``.`` (``2025-09-29 18:07:29 +0800``, ``2024/11/16``), RFC 2822
dates of feeds (``Mon, 18 Jul 2022 12:28:59 GMT``) and Chinese dates (``2024年5月10日 09:30``). The time zone
is kept where the source gives one (``GMT``/``Z`` become ``+00:00``); none is invented where it does not. A
date kg cannot read is kept as written, so nothing is lost.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

__all__ = ["normalize_date"]

_ISO = re.compile(
    r"(?P<y>\d{4})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})\s*日?"
    r"(?:(?:\s+|T|(?<=日))(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{2})(?:\s*[:：]\s*(?P<S>\d{2})(?:\.\d+)?|\s*分(?:\s*(?P<S2>\d{2})\s*秒)?)?)?"
    r"\s*(?P<tz>Z|GMT|UTC|[+-]\d{2}:?\d{2})?\s*\Z", re.I)
_RFC = re.compile(r"\A(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")


def _zone(tz: str | None) -> timezone | None:
    if not tz:
        return None
    if tz.upper() in ("Z", "GMT", "UTC"):
        return timezone.utc
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def normalize_date(raw: str) -> str:
    """Gives ``raw`` as an ISO 8601 date or date-time, or ``raw`` unchanged when it is not a date kg reads.

    >>> normalize_date("2025-09-29 18:07:29  +0800")
    '2025-09-29T18:07:29+08:00'
    >>> normalize_date("Mon, 18 Jul 2022 12:28:59 GMT")
    '2022-07-18T12:28:59+00:00'
    >>> normalize_date("2024年5月10日")
    '2024-05-10'
    >>> normalize_date("去年秋天")
    '去年秋天'
    """
    text = " ".join(raw.split())
    if not text:
        return ""
    m = _ISO.match(text)
    try:
        if m:
            y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
            if m["H"] is None:
                return datetime(y, mo, d).date().isoformat()
            when = datetime(y, mo, d, int(m["H"]), int(m["M"]), int(m["S"] or m["S2"] or 0), tzinfo=_zone(m["tz"]))
            return when.isoformat()
        if _RFC.match(text):
            return parsedate_to_datetime(text).isoformat()
    except (ValueError, TypeError, OverflowError):
        return text
    return text
