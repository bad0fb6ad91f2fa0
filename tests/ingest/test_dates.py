"""Dates as sources write them become ISO 8601; a zone is kept where given, never invented."""
from __future__ import annotations

import pytest

from kg.ingest.dates import normalize_date


@pytest.mark.parametrize("raw,iso", [
    ("2025-09-29 18:07:29  +0800", "2025-09-29T18:07:29+08:00"),  # the finreport corpus
    ("Tue, 09 Jun 2025 10:00:01 +0800", "2025-06-09T10:00:01+08:00"),  # RSS / RFC 2822
    ("Mon, 18 Jul 2022 12:28:59 GMT", "2022-07-18T12:28:59+00:00"),
    ("2024-05-10T08:00:00Z", "2024-05-10T08:00:00+00:00"),
    ("2024-05-10T08:00:00-05:00", "2024-05-10T08:00:00-05:00"),
    ("2024-11-16", "2024-11-16"),
    ("2024/1/5 9:30", "2024-01-05T09:30:00"),
    ("2024.01.05", "2024-01-05"),
    ("2024年5月10日", "2024-05-10"),
    ("2024年5月10日 09:30", "2024-05-10T09:30:00"),
    ("2024年5月10日09时30分", "2024-05-10T09:30:00"),
])
def test_readable_dates_become_iso(raw, iso):
    assert normalize_date(raw) == iso


@pytest.mark.parametrize("raw", ["去年秋天", "2024-13-40", "Thu, 30 Feb 2025 10:00:00 +0800", "5月10日"])
def test_unreadable_dates_are_kept_as_written(raw):
    assert normalize_date(raw) == raw


def test_blank_is_blank():
    assert normalize_date("  \t ") == ""


def test_documents_carry_iso_dates(tmp_path):
    from kg.ingest import read_document

    path = tmp_path / "a.txt"
    path.write_text("---\ntitle: 标题\ndate: Mon, 18 Jul 2022 12:28:59 GMT\n---\n<p>正文一段。</p>\n", encoding="utf-8")
    assert read_document(path).date == "2022-07-18T12:28:59+00:00"
