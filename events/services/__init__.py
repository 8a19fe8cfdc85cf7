"""Writes for events, one module per area: registrations.py (candidates' places, the
waitlist, sessions, reminders, check-in at the door)."""
