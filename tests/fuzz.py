"""Hypothesis strategies shared by the fuzz tests (tests/*/test_*_fuzz.py).

The profile they run under (no deadline, derandomized, fixtures shared by the examples)
is registered in tests/conftest.py.
"""

import os

from hypothesis import strategies as st

HUNTING = os.environ.get("HYPOTHESIS_PROFILE") == "hunt"


def examples(count: int) -> int:
    """A test's number of examples: `count` in CI, a thousand in the longer random hunt
    (HYPOTHESIS_PROFILE=hunt), which a count set on the test would otherwise override."""
    return max(count, 1000) if HUNTING else count


# Statuses a view may answer bad input with; 500 is the one that is never allowed.
FINE = {200, 301, 302, 400, 403, 404, 405}

# tsquery and websearch syntax, quoting, escapes, separators and a NUL byte.
SYNTAX = "&|!:*()'\"\\,<->-+ \t\n\x00%_;=?#/"

TSQUERY_PIECES = [
    "&",
    "|",
    "!",
    "<->",
    "<2>",
    ":*",
    ":A",
    "()",
    "(",
    ")",
    "'",
    '"',
    "\\",
    "or",
    "OR",
    "-",
    "!!",
    "&&",
    "' | '",
    "\x00",
    "機器學習",
    "工程師",
    "數據",
    "python",
    "engineer",
]


def nasty_text(max_size: int = 300) -> st.SearchStrategy[str]:
    """Any text, weighted towards what breaks parsers: syntax characters, Chinese, control
    characters (NUL included), full-width lookalikes, and the occasional very long string."""
    return st.one_of(
        st.text(max_size=max_size),
        st.text(alphabet=SYNTAX + "abcxyz機器學習ＡＢＣ１２３", max_size=max_size),
        st.lists(st.sampled_from(TSQUERY_PIECES), max_size=12).map(" ".join),
        st.lists(st.sampled_from(TSQUERY_PIECES), max_size=12).map("".join),
        st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),
        # Very long: a short piece repeated (cheaper for hypothesis than 5,000 drawn characters).
        st.tuples(
            st.text(alphabet="ab機 &|'\\", min_size=1, max_size=8), st.integers(300, 1000)
        ).map(lambda piece_times: piece_times[0] * piece_times[1]),
    )


def numberish() -> st.SearchStrategy[str]:
    """Numbers as query parameters arrive: negative, zero, huge, fractional, not numbers."""
    return st.one_of(
        st.integers().map(str),
        st.sampled_from(["0", "-1", str(10**20), "1e9", "1.5", "", " 2", "２", "NaN", "last"]),
    )
