# Klantcontact production image: gunicorn for the web, the same image runs the Celery worker
# and beat (see docker-compose.yml). Not exercised in CI: no Docker engine on the CI machine.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    KLANTCONTACT_ENV=production \
    WEB_CONCURRENCY=3

WORKDIR /app

# Unprivileged user; its home holds gunicorn's control socket.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --create-home --home-dir /home/app \
       --shell /usr/sbin/nologin app

# System libraries of WeasyPrint (the PDF access copy, rights/pdf.py): Pango and HarfBuzz's
# subsetter. It renders with the fonts shipped in rights/fonts/, so no font package is needed.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first (cached layer), exactly as pinned and hashed in the lock.
COPY requirements/base.lock requirements/base.lock
RUN pip install --require-hashes --no-deps -r requirements/base.lock

COPY . .

# Static files are collected at build time and served by WhiteNoise. Production settings refuse
# a weak key, so this one RUN line gets a throw-away key; it is not kept in the image's env.
# var/ (SQLite fallback) and the beat schedule directory must be writable by the app user.
RUN SECRET_KEY="collectstatic-only-build-time-key-0123456789-abcdefghijklmnopqrstuvwxyz" \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/var /var/lib/celerybeat \
    && chown app:app /app/var /var/lib/celerybeat

USER app
EXPOSE 8000

# Deliberately no access log: request paths may carry search terms (personal data).
CMD ["gunicorn", "klantcontact.wsgi", "--bind", "0.0.0.0:8000", "--worker-tmp-dir", "/dev/shm"]
