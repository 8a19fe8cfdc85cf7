"""Django's Redis cache backend, without two costs it pays on every call, and without
failing the page when Redis is down.

- A new redis.Redis client per operation: the client builds its table of ~150 response
  callbacks each time, about 50 µs of CPU. The client is a thin shell over the connection
  pool (which Django already keeps, one per backend instance, so per thread) and safe to
  reuse the same way.
- Key validation for memcached (a Python loop over each key's characters, warning about
  spaces and control characters): Redis keys may hold any byte.
- Redis unreachable (refused, timed out): a cache may lose anything at any moment, so the
  backend then behaves as a cache that keeps nothing. Reads miss, writes are dropped,
  `add` succeeds (the value is "stored" and at once evicted) and `incr` finds no key.
  Every caller already copes with that (it is what an eviction looks like): the page
  answers from PostgreSQL. The first failure is logged once, and for RETRY_SECONDS the
  backend does not call Redis at all (one short timeout per process, not one per call).
  Code that must know, because a miss would send it down an expensive path (the search's
  index, the health check), runs `with cache_strict():` and gets the error instead.
"""

import contextlib
import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# After a failure, Redis is left alone this long before the next call tries it again.
RETRY_SECONDS = 5
# What "unreachable" is; any other error (a bad value, a wrong type) is a bug and raises.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class CacheUnavailable(RedisConnectionError):
    """Raised under cache_strict() while Redis is known to be down (not called again)."""


_strict = threading.local()


@contextlib.contextmanager
def cache_strict():
    """Within the block, the cache raises redis's ConnectionError/TimeoutError (or
    CacheUnavailable) instead of behaving as an empty cache."""
    previous = getattr(_strict, "on", False)
    _strict.on = True
    try:
        yield
    finally:
        _strict.on = previous


class _Outage:
    """Whether one Redis (a LOCATION) is down, shared by every thread of the process."""

    def __init__(self, location: str):
        # Where, for messages: the URL's host and port, never its password.
        self.host = urlsplit(location.split(",")[0]).netloc.rpartition("@")[2]
        self.until = 0.0  # time.monotonic() before which Redis is not called
        self.down = False
        self.lock = threading.Lock()

    def skipping(self) -> bool:
        return self.until > time.monotonic()

    def failed(self, exc: Exception) -> None:
        with self.lock:
            self.until = time.monotonic() + RETRY_SECONDS
            if not self.down:
                self.down = True
                logger.warning(
                    "The cache (Redis) is unreachable (%s): pages answer without it; "
                    "trying again every %d s.",
                    exc,
                    RETRY_SECONDS,
                )

    def answered(self) -> None:
        if self.down:
            with self.lock:
                if self.down:
                    self.down = False
                    self.until = 0.0
                    logger.warning("The cache (Redis) answers again.")


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(location: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage(location))


def cache_outages_forget() -> None:
    """Forget every recorded outage (tests that bring Redis back at once)."""
    with _outages_lock:
        _outages.clear()


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(
                connection_pool=self._get_connection_pool(write)
            )
        return client


def _guarded(name, when_down):
    """The backend's method `name`, answering `when_down(*args, **kwargs)` while Redis is
    unreachable (outside cache_strict)."""
    method = getattr(DjangoRedisCache, name)

    def guarded(self, *args, **kwargs):
        outage = self._outage
        if outage.skipping():
            if getattr(_strict, "on", False):
                raise CacheUnavailable(f"Redis at {outage.host} is down")
            return when_down(*args, **kwargs)
        try:
            result = method(self, *args, **kwargs)
        except UNREACHABLE as exc:
            outage.failed(exc)
            if getattr(_strict, "on", False):
                raise
            return when_down(*args, **kwargs)
        outage.answered()
        return result

    guarded.__name__ = name
    guarded.__doc__ = method.__doc__
    return guarded


def _no_key(key, *args, **kwargs):
    raise ValueError(f"Key {key!r} not found (the cache is unavailable).")


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._outage = _outage_for(str(server))

    def validate_key(self, key):
        pass

    # An empty cache's answers: see the module's docstring.
    get = _guarded("get", lambda key, default=None, version=None: default)
    get_many = _guarded("get_many", lambda *args, **kwargs: {})
    has_key = _guarded("has_key", lambda *args, **kwargs: False)
    set = _guarded("set", lambda *args, **kwargs: None)
    set_many = _guarded("set_many", lambda *args, **kwargs: [])
    add = _guarded("add", lambda *args, **kwargs: True)
    touch = _guarded("touch", lambda *args, **kwargs: False)
    delete = _guarded("delete", lambda *args, **kwargs: False)
    delete_many = _guarded("delete_many", lambda *args, **kwargs: None)
    incr = _guarded("incr", _no_key)
    clear = _guarded("clear", lambda *args, **kwargs: None)
