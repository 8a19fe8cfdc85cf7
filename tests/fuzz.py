"""Hypothesis strategies shared by the fuzz tests (tests/*/test_*_fuzz.py).

The profile they run under (no deadline, derandomized, fixtures shared by the examples)
is registered in tests/conftest.py.
"""

import os
import re

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


# --- Every URL pattern with odd path segments and query parameters ----------------------------

# Path segments as they arrive in an address, already percent-encoded: NUL (encoded and in a
# longer value), bytes that are not UTF-8, Chinese, numbers a converter accepts but no row
# has, a very long value and attempts to climb out of the path.
ODD_SEGMENTS = [
    "%00",
    "a%00b",
    "%FF%C0%AF",
    "%E6%A9%9F%E5%99%A8%E5%AD%B8%E7%BF%92",
    "-1",
    str(2**63),
    "x" * 2000,
    "..%2F..%2Fetc%2Fpasswd",
]

# Query parameters the views read (page, filters, next, from_event, the admin's changelist
# parameters), each given every odd value, plus an odd key.
QUERY_KEYS = [
    "page",
    "q",
    "query",
    "next",
    "sort",
    "cluster",
    "stage",
    "status",
    "status__exact",
    "programme__id__exact",
    "from_event",
    "o",
    "p",
    "e",
    "_changelist_filters",
    "action",
    "inline",
]
ODD_QUERY_VALUES = ["%00", "%FF%E6%A9%9F", "-1", "9" * 30, "x" * 3000 + "..%2F"]


def odd_queries() -> list[str]:
    """Query strings: one per odd value, that value under every key; then odd keys."""
    queries = ["&".join(f"{key}={value}" for key in QUERY_KEYS) for value in ODD_QUERY_VALUES]
    queries.append("%00=1&%FF=%FF&" + "k" * 500 + "=1")
    return queries


_PARAMETER = re.compile(r"<(?:\w+:)?\w+>|\(\?P<\w+>[^)]*\)")


def url_pattern_paths(segment: str) -> list[tuple[str, str]]:
    """(name, path) for every URL pattern the portal resolves (its own, allauth's and the
    admin's, in English), with each path parameter replaced by `segment`. Patterns without
    parameters are left out; odd_queries() covers them."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns, prefix):
        for pattern in patterns:
            text = prefix + str(pattern.pattern).lstrip("^").rstrip("$").replace("\\", "")
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, text)
            elif _PARAMETER.search(text):
                yield pattern.name or text, "/" + _PARAMETER.sub(segment, text)

    return list(walk(get_resolver().url_patterns, ""))


def url_pattern_plain_paths() -> list[tuple[str, str]]:
    """(name, path) of every URL pattern without path parameters."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns, prefix):
        for pattern in patterns:
            text = prefix + str(pattern.pattern).lstrip("^").rstrip("$").replace("\\", "")
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, text)
            elif not _PARAMETER.search(text):
                yield pattern.name or text, "/" + text

    return list(walk(get_resolver().url_patterns, ""))


def admin_filter_queries() -> list[tuple[str, str]]:
    """(name, url) for every admin changelist with one odd value in one of its own
    parameters at a time: the search box and each list filter. Together, an invalid filter
    would send the admin back with ?e=1 before the others reached the database."""
    from django.contrib import admin
    from django.contrib.admin.utils import get_fields_from_path
    from django.urls import reverse

    urls = []
    for model, model_admin in admin.site._registry.items():
        keys = ["q"] if model_admin.search_fields else []
        for entry in model_admin.list_filter:
            if isinstance(entry, str):
                field = get_fields_from_path(model, entry)[-1]
                keys.append(f"{entry}__id__exact" if field.is_relation else f"{entry}__exact")
            elif isinstance(entry, tuple):
                keys.append(f"{entry[0]}__isnull")
            elif getattr(entry, "parameter_name", None):
                keys.append(entry.parameter_name)
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        for key in keys:
            for value in ODD_QUERY_VALUES[:2]:
                urls.append((name, f"{reverse(name)}?{key}={value}"))
    return urls
