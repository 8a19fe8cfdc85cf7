"""Candidate pages: dashboard, profile, CVs, privacy; one module each."""
