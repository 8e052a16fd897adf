# OMO production image: gunicorn serving omo.wsgi, the same image runs the Celery worker and beat
# (see docker-compose.yml). Configuration comes from the environment only (see .env.example).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=omo.settings

# Run-time libraries WeasyPrint 70 loads through cffi (Pango, HarfBuzz incl. subsetting, fontconfig;
# GObject comes with them), plus a font so PDFs render without any fonts of the host.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        libfontconfig1 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Non-root user; its home holds caches (fontconfig), MEDIA_ROOT is the one writable data folder.
RUN groupadd --system omo \
    && useradd --system --gid omo --create-home --home-dir /home/omo --shell /usr/sbin/nologin omo \
    && mkdir -p /srv/omo/media \
    && chown omo:omo /srv/omo/media

WORKDIR /app

# Runtime requirements only (not requirements-dev.txt); this layer is cached while they don't change.
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

COPY . .

# collectstatic needs settings that load, not a database: build-time dummy values for this RUN only.
RUN chmod 0755 docker/entrypoint.sh \
    && DEBUG=false \
       SECRET_KEY=build \
       ALLOWED_HOSTS=localhost \
       DATABASE_URL=postgresql://build@localhost/build \
       REDIS_URL=redis://localhost:6379/0 \
       python manage.py collectstatic --noinput

USER omo

EXPOSE 8000

ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "omo.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--workers", "3", \
     "--worker-tmp-dir", "/dev/shm", \
     "--access-logfile", "-", \
     "--error-logfile", "-"]
