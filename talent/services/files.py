"""Files in the private storage (CVs, data exports) leave it only after the deleting
transaction commits, so a rollback never leaves a row without its file."""

import logging

from django.db import transaction

from talent.models import private_storage

logger = logging.getLogger(__name__)


def private_files_delete(names) -> None:
    """Delete files from the private storage; a file already gone is not an error."""
    storage = private_storage()
    for name in names:
        if not name:
            continue
        try:
            storage.delete(name)
        except OSError:
            # The row is gone either way; the export sweep and the logs catch leftovers.
            logger.exception("Could not delete private file %s", name)


def private_files_delete_on_commit(names) -> None:
    """Delete these private files once the current transaction commits (never on rollback)."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: private_files_delete(names))
