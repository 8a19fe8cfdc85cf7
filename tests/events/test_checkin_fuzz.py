"""Fuzzing the door: any code typed or scanned by staff, never a 500, never a wrong check-in.

The rule the check-in page promises (events.tickets.ticket_code_normalise): a code may be
typed in lower case, with spaces or dashes. `_matches` below is that rule written
independently, as the oracle: a check-in happens exactly when the typed code matches it.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import example, given, settings
from hypothesis import strategies as st

from events.models import Registration
from tests import factories
from tests.fuzz import FINE, examples, nasty_text

pytestmark = pytest.mark.django_db

CODE = "KSPX2345"  # letters with well-known lookalikes in Cyrillic, Greek and full width
CANCELLED = "ABCD6789"
ELSEWHERE = "WXYZ2345"
FORM_MAX_LENGTH = 40

# Characters that look like, or fold to, the ticket's: full-width forms, Cyrillic and Greek
# capitals, the long s and the Kelvin sign, which Python's str.upper() maps to ASCII.
LOOKALIKES = {
    "K": ["k", "\uff2b", "\u041a", "\u039a", "\u212a"],
    "S": ["s", "\uff33", "\u0405", "\u017f"],
    "P": ["p", "\uff30", "\u0420", "\u03a1"],
    "X": ["x", "\uff38", "\u0425", "\u03a7"],
    "2": ["\uff12", "\u00b2"],
    "3": ["\uff13", "\u0437"],
    "4": ["\uff14"],
    "5": ["\uff15"],
}
SEPARATORS = ["", " ", "-", "\t", "\r\n", "\u00a0", "\u3000", "\u2013", "_", ".", "\u200b"]


def _matches(typed: str) -> bool:
    kept = "".join(char for char in typed if char not in " -\t\r\n")
    return "".join(char.upper() if "a" <= char <= "z" else char for char in kept) == CODE


@st.composite
def typed_codes(draw) -> str:
    """The ticket's code as hands and scanners produce it: lookalikes, separators, padding."""
    chars = []
    for char in CODE:
        chars.append(draw(st.sampled_from([char, char, *LOOKALIKES.get(char, [])])))
        chars.append(draw(st.sampled_from(SEPARATORS)))
    padding = st.sampled_from(["", " ", "  ", "\t", "\n", "\u3000"])
    return draw(padding) + "".join(chars) + draw(padding)


CODES = st.one_of(
    typed_codes(),
    nasty_text(max_size=60),
    st.sampled_from([CODE, CODE.lower(), CANCELLED, ELSEWHERE, CODE[:-1], CODE + "2"]),
    st.text(alphabet="ABCDEFGHJKMNPQRSTUVWXYZ23456789- ", max_size=20),
)


@pytest.fixture
def door(client, staff):
    """A fair with one confirmed ticket, a cancelled one, and a ticket for another fair."""
    event = factories.EventFactory()
    ticket = factories.RegistrationFactory(event=event, code=CODE)
    factories.CancelledRegistrationFactory(event=event, code=CANCELLED)
    factories.RegistrationFactory(code=ELSEWHERE)
    client.force_login(staff)
    return reverse("events:check_in", args=[event.slug]), ticket


@settings(max_examples=examples(200))
@given(code=CODES)
@example(code=CODE)
@example(code=" kspx-2345 ")
@example(code="KSPX 2345")
@example(code="K\u017fPX2345")  # the long s: str.upper() makes it an S
@example(code="\u212aSPX2345")  # the Kelvin sign
@example(code="\uff2b\uff33\uff30\uff38\uff12\uff13\uff14\uff15")
@example(code="KSPX\x002345")
@example(code="K" * 10_000)
@example(code="")
def test_any_code_is_an_answer_and_only_the_ticket_s_own_checks_in(client, door, code):
    cache.clear()  # each example starts with fresh rate-limit counters
    url, ticket = door
    # The examples share the test's transaction: each starts with the ticket not checked in.
    Registration.objects.filter(pk=ticket.pk).update(checked_in_at=None, checked_in_by=None)
    response = client.post(url, {"code": code})
    assert response.status_code in FINE, response.status_code
    checked_in = set(
        Registration.objects.filter(checked_in_at__isnull=False).values_list("code", flat=True)
    )
    if checked_in:
        assert checked_in == {CODE}
        assert _matches(code), f"{code!r} checked in {CODE}"
    elif _matches(code) and len(code.strip()) <= FORM_MAX_LENGTH and "\x00" not in code:
        pytest.fail(f"{code!r} is the ticket's code as the page says it may be typed")
