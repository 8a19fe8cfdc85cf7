"""Turning what people type into a PostgreSQL text-search query.

English (and other Latin-script) words go through websearch_to_tsquery with the
English stemmer, so "engineers" finds "engineer" and "-intern" excludes. Chinese
has no spaces for the parser to split on, so each run of Chinese characters
becomes a phrase of its overlapping two-character pieces, matching the bigrams
that jobs.services.job_search_index stores (see the cjk_bigrams migration).
"""

import re

from django.contrib.postgres.search import SearchQuery

CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
MAX_LENGTH = 200


def cjk_tsquery(run: str) -> str:
    """'機器學習' -> '機器 <-> 器學 <-> 學習'; one character -> a prefix match."""
    if len(run) == 1:
        return f"{run}:*"
    return " <-> ".join(run[i : i + 2] for i in range(len(run) - 1))


def keyword_query(text: str) -> SearchQuery | None:
    """The search query for `text`, or None when it holds nothing to search for."""
    text = text[:MAX_LENGTH]
    runs = CJK_RUN.findall(text)
    latin = CJK_RUN.sub(" ", text)
    query = None
    if re.search(r"\w", latin):
        query = SearchQuery(latin, search_type="websearch", config="english")
    for run in runs:
        # The run holds only CJK characters, none of which is tsquery syntax.
        part = SearchQuery(cjk_tsquery(run), search_type="raw", config="simple")
        query = part if query is None else query & part
    return query
