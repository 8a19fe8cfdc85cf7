"""Views for events, one module per area."""
