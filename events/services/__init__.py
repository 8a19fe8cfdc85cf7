"""Writes for events, one module per area."""
