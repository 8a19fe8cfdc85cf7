"""Writes for candidates: profiles (profiles.py), CVs (cvs.py), privacy (privacy.py)."""
