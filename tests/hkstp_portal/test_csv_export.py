"""The one writer of CSV downloads: a byte-order mark for Excel, no live formulas."""

import codecs
import datetime
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy

from hkstp_portal.csv_export import csv_cell, csv_response


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+852 2345 6789", "'+852 2345 6789"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=x", "'\t=x"),
        ("\r=x", "'\r=x"),
        # Full-width signs, which Excel in Chinese and Japanese locales reads as formulas.
        ("＝1+1", "'＝1+1"),
        ("＋852", "'＋852"),
        ("－2", "'－2"),
        ("＠SUM(A1)", "'＠SUM(A1)"),
        # A line feed or NUL first (ASVS 1.2.10), and signs behind spaces that an import
        # with "trim spaces" removes.
        ("\n=1+1", "'\n=1+1"),
        ("\x00=1+1", "'\x00=1+1"),
        ("  =HYPERLINK(1)", "'  =HYPERLINK(1)"),
        ("\u3000=1+1", "'\u3000=1+1"),
        ("Chan Tai Man", "Chan Tai Man"),
        (" Chan", " Chan"),
        ("陳大文", "陳大文"),
        ("a=b", "a=b"),
        (None, ""),
        (3, 3),
        (-2, -2),
        (Decimal("12.5"), Decimal("12.5")),
        (gettext_lazy("Name"), "Name"),
        (datetime.date(2026, 11, 25), "2026-11-25"),
    ],
)
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected


def test_a_csv_response_starts_with_a_byte_order_mark_and_streams_safe_rows():
    rows = ([name, count] for name, count in [("Name", "Count"), ("陳大文", 2), ("=cmd", -1)])
    response = csv_response(rows, filename="people.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="people.csv"'
    assert response["Cache-Control"] == "private, no-store"
    data = b"".join(response.streaming_content)
    assert data.startswith(codecs.BOM_UTF8)
    assert data.decode("utf-8-sig") == "Name,Count\r\n陳大文,2\r\n'=cmd,-1\r\n"
