"""Small helpers shared by the view tests."""

from django.contrib.messages import get_messages


def messages_of(response) -> list[str]:
    """The flash messages a response carried."""
    return [str(message) for message in get_messages(response.wsgi_request)]
