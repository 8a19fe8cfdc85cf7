class DomainError(Exception):
    """A rule of the portal refused an action; the message is safe to show the user."""
