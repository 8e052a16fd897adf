#!/bin/sh
# Entrypoint of the OMO image: stop with one clear line when DATABASE_URL or REDIS_URL does not
# answer, otherwise run the given command (gunicorn by default, or celery / manage.py).
set -eu

python -m omo.devservices check

exec "$@"
