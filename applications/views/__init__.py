"""Applications pages: the candidate's side (candidate.py) and the company's (employer.py)."""
