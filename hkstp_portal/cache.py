"""Django's Redis cache backend, without two costs it pays on every call.

- A new redis.Redis client per operation: the client builds its table of ~150 response
  callbacks each time, about 50 µs of CPU. The client is a thin shell over the connection
  pool (which Django already keeps, one per backend instance, so per thread) and safe to
  reuse the same way.
- Key validation for memcached (a Python loop over each key's characters, warning about
  spaces and control characters): Redis keys may hold any byte.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


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


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def validate_key(self, key):
        pass
