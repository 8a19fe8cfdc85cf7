"""cjk_bigrams(text): the Chinese runs of a text as overlapping two-character words.

PostgreSQL's text-search parser does not segment Chinese: "機器學習工程師" is one
token, so a search for "機器學習" would never match it. Indexing every pair of
adjacent characters (the CJK bigram method of Lucene's CJKAnalyzer) lets a
phrase query of the searched word's bigrams find it anywhere in the text. The
last character of each run is kept as a one-character word as well, so a
one-character search can match by prefix.
"""

from django.db import migrations

CREATE = r"""
CREATE OR REPLACE FUNCTION cjk_bigrams(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(
           substr(r.m[1], p.pos, CASE WHEN p.pos = char_length(r.m[1]) THEN 1 ELSE 2 END),
           ' ' ORDER BY r.run_no, p.pos), '')
  FROM regexp_matches(t, '([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)', 'g')
         WITH ORDINALITY AS r(m, run_no),
       generate_series(1, char_length(r.m[1])) AS p(pos)
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("jobs", "0002_job_profile_lifecycle_search")]

    operations = [migrations.RunSQL(CREATE, "DROP FUNCTION IF EXISTS cjk_bigrams(text);")]
