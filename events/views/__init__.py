"""Event pages: public (public.py), a candidate's registrations and tickets (candidate.py),
the door (checkin.py), exhibitors and booths (exhibitors.py, booths.py), the report
(report.py)."""
