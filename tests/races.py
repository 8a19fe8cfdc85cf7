"""Real races for the "exactly one winner" tests: each call runs in its own thread with
its own database connection, and a barrier releases them at the same moment.

Use with `@pytest.mark.django_db(transaction=True)`, so the rows the calls compete for
are committed and visible to every connection.
"""

import threading

from django.db import connections


def race(*calls):
    """Run the calls concurrently; return, in order, what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as exc:  # the caller asserts on the refusals
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
