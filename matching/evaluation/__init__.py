"""Is the match score any good? Labelled sets, the portal's ranking, and baselines.

`manage.py matching_evaluate` builds labelled sets from the shared data (O*NET
occupations and their technologies turned into job ads and CVs, several random seeds;
the resume-matcher CVs and job descriptions as real pairs), ranks them with the portal's
own queries (recommended jobs for a candidate, recommended candidates for a job) and
prints NDCG@5, MRR and top-1 beside a Jaccard overlap of the same skill sets and a random
order (docs/matching.md). A development tool: nothing in the product imports it.
"""
