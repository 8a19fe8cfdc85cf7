"""Email backends for the notification tests."""

import os
import smtplib
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    """A mail server that is always unreachable."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("mail server went away")


class RecordingBackend(BaseEmailBackend):
    """Used by the worker process in the kill test: writes `start <Message-ID>` to
    $NOTIFY_TEST_DIR/started, waits $NOTIFY_TEST_SLOW seconds (the "SMTP dialogue"), then
    appends the Message-ID to $NOTIFY_TEST_DIR/sent, the record of what left the building."""

    def send_messages(self, email_messages):
        directory = Path(os.environ["NOTIFY_TEST_DIR"])
        slow = float(os.environ.get("NOTIFY_TEST_SLOW", "0"))
        for message in email_messages:
            message_id = message.extra_headers["Message-ID"]
            _append(directory / "started", message_id)
            time.sleep(slow)
            _append(directory / "sent", message_id)
        return len(email_messages)


def _append(path: Path, line: str) -> None:
    with path.open("a") as file:
        file.write(line + "\n")
        file.flush()
        os.fsync(file.fileno())
