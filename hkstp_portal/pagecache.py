"""Version numbers for cached parts of pages, bumped when what they show changes.

A cached fragment's key includes the version, so a bump makes every copy stale at once
(in every worker and language) without finding and deleting keys; old copies expire.
"""

import time

from django.core.cache import cache

HOME_JOBS_VERSION = "pagecache:home-jobs"
# Also the most a fragment lags behind what no version sees: jobs expiring with the
# clock, events and company names edited in the admin.
HOME_CACHE_SECONDS = 60


def home_version() -> int:
    return cache.get(HOME_JOBS_VERSION, 0)


def home_jobs_changed() -> None:
    """A job was published, changed, closed or deleted: the home page's jobs and count."""
    # The clock, not incr(): no race between creating the key and incrementing it.
    cache.set(HOME_JOBS_VERSION, time.time_ns(), timeout=None)
