"""Tickets outside the database: the code as people type it, the QR code, the .ics file."""

import datetime

import segno
from django.utils import timezone

from events.models import TICKET_ALPHABET

# Characters a person or a handheld scanner may add around a code: spaces, dashes.
_IGNORED = str.maketrans("", "", " -\t\r\n")


def ticket_code_normalise(raw: str) -> str:
    """ "abcd-2345", " ABCD 2345 " and "ABCD2345" are the same code."""
    code = (raw or "").translate(_IGNORED)
    # str.upper() also folds a few non-ASCII letters into ASCII ones (the long s "\u017f"
    # becomes "S"): a ticket's letters are ASCII, so only ASCII changes case.
    return code.upper() if code.isascii() else code


def ticket_code_looks_valid(code: str) -> bool:
    return 0 < len(code) <= 16 and set(code) <= set(TICKET_ALPHABET)


def ticket_code_display(code: str) -> str:
    """ABCD2345 → ABCD-2345: easier to read aloud and to compare by eye."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def ticket_qr(code: str) -> segno.QRCode:
    """The QR code of a ticket: the ticket code and nothing else (no name, no email), so a
    photo of a ticket tells a stranger nothing about its holder."""
    return segno.make_qr(code, error="m")


def ticket_qr_svg(code: str) -> str:
    return ticket_qr(code).svg_inline(scale=8, border=2, title=ticket_code_display(code))


# --- iCalendar (RFC 5545) --------------------------------------------------------------------


def _ics_text(value: str) -> str:
    """Escape TEXT values (RFC 5545 §3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _ics_fold(line: str) -> str:
    """Fold lines longer than 75 octets (RFC 5545 §3.1) without splitting a UTF-8 character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        limit = 75 if not out else 74  # continuation lines start with a space
        if len(current) + len(encoded) > limit:
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def _ics_time(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _ics_param(value: str) -> str:
    """A parameter value (RFC 5545 §3.2): quoted when it holds : ; or , and never with a
    double quote or a control character inside."""
    value = "".join(char for char in value if char != '"' and (char == "\t" or char >= " "))
    return f'"{value}"' if any(char in value for char in ":;,") else value


def ics_event(
    *,
    uid: str,
    organizer_name: str,
    organizer_email: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    summary: str,
    location: str,
    url: str,
    description: str = "",
    now: datetime.datetime | None = None,
) -> str:
    """One VEVENT in a VCALENDAR, times in UTC, lines ending in CRLF. METHOD:PUBLISH needs
    an ORGANIZER (RFC 5546 §3.2.1): whoever publishes the event, the portal."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//HKSTP//Talent Portal//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_ics_time(now or timezone.now())}",
        f"ORGANIZER;CN={_ics_param(organizer_name)}:mailto:{organizer_email}",
        f"DTSTART:{_ics_time(starts_at)}",
        f"DTEND:{_ics_time(ends_at)}",
        f"SUMMARY:{_ics_text(summary)}",
        f"LOCATION:{_ics_text(location)}",
        f"URL:{url}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{_ics_text(description)}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(_ics_fold(line) + "\r\n" for line in lines)
