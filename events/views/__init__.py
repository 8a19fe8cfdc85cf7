"""Event pages: public (public.py), a candidate's registrations and tickets (candidate.py),
the door (checkin.py)."""
