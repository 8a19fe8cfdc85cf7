"""Small helpers shared by the view tests."""

import codecs
import csv
import io

from django.contrib.messages import get_messages


def messages_of(response) -> list[str]:
    """The flash messages a response carried."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def csv_rows(response) -> list[list[str]]:
    """A CSV download's rows, after checking that Excel reads it as UTF-8: a byte-order
    mark first (hkstp_portal.csv_export)."""
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert data.startswith(codecs.BOM_UTF8), data[:20]
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
