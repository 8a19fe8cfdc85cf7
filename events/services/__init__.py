"""Writes for events, one module per area: registrations.py (candidates' places, the
waitlist, sessions, reminders, check-in at the door), exhibitors.py and interviews.py
(booths, slots, CV drops), reports.py (the outcome report)."""
