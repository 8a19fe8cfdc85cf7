# The production image: gunicorn, the Celery worker and beat (docker-compose.yml).
# Only what the portal needs is copied, folder by folder; .dockerignore keeps the rest of
# a developer's folder (.env, .data/, backups/, .venv/, node_modules/, .git/) out of the
# build context as well. tests/test_production_image.py installs and starts it the same way.
FROM python:3.11-slim
# PYTHONPATH: the code in /app is what runs, whatever the working directory. `pip install .`
# also copies the packages to site-packages, but without their data (skills/data/*.csv,
# templates), and Celery's worker takes the working directory off sys.path after loading
# the app. The folders are the ones made below; docker-compose.yml mounts volumes on them.
ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=hkstp_portal.settings.production \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    DJANGO_MEDIA_ROOT=/data/media \
    DJANGO_PRIVATE_MEDIA_ROOT=/data/private
WORKDIR /app
COPY pyproject.toml README.md manage.py ./
COPY hkstp_portal hkstp_portal
COPY accounts accounts
COPY skills skills
COPY companies companies
COPY jobs jobs
COPY talent talent
COPY applications applications
COPY events events
COPY programmes programmes
COPY alerts alerts
COPY matching matching
COPY notifications notifications
COPY templates templates
COPY static static
COPY locale locale
# Runtime dependencies only (no extras): no embedded PostgreSQL or Redis, no test tools.
RUN pip install . && rm -rf build ./*.egg-info
# The code stays root's and read-only to `portal`, who writes only to these folders:
# collected static files, public uploads, CVs and data exports, beat's schedule.
RUN useradd --create-home portal \
    && mkdir -p /app/staticfiles /data/media /data/private /data/beat \
    && chown -R portal:portal /app/staticfiles /data
USER portal
EXPOSE 8000
