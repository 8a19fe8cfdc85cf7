"""/health/: the container's and the proxy's health check."""

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse

from hkstp_portal.cache import cache_strict

HEALTH_PATH = "/health/"


class HealthCheckMiddleware:
    """Answers GET /health/ first in the middleware chain, before the SSL redirect and
    the ALLOWED_HOSTS check: the Docker healthcheck calls http://127.0.0.1:PORT/health/
    inside the container, with no TLS and no public host name, and would otherwise get a
    redirect or a 400. It says only "ok" or which dependency is down, nothing else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_PATH or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError:
            return _plain("database unavailable", status=503)
        try:
            # Strict: the cache otherwise answers "empty" while Redis is down.
            with cache_strict():
                cache.get(HEALTH_PATH)
        except Exception:  # redis-py's ConnectionError and friends: the cache is down
            return _plain("cache unavailable", status=503)
        return _plain("ok")


def _plain(text, status=200):
    response = HttpResponse(text, content_type="text/plain; charset=utf-8", status=status)
    response["Cache-Control"] = "no-store"
    return response
