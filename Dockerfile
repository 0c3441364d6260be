# prepmeet's image (docs/production.md, "Containers"). Not built on the machines this repository is tested on,
# which run no container engine: tests/deploy/test_image_steps.py runs the same steps on the host (build the
# wheel, install it alone in a clean environment, collectstatic, migrate, gunicorn, /readyz), and `make lint`
# runs hadolint on this file.
#
#   docker build -t prepmeet .                      the app (web and prerender worker)
#   docker build --target nginx -t prepmeet-nginx .  nginx with the recipe and the static files
# compose.yaml builds and runs both, with PostgreSQL and Redis.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- 1. The wheels: prepmeet's own (with templates/, static/, fixtures/ inside its package) and its dependencies.
FROM ${PYTHON_IMAGE} AS build
WORKDIR /src
COPY pyproject.toml setup.py ./
COPY prepmeet/ prepmeet/
COPY core/ core/
COPY accounts/ accounts/
COPY worksheets/ worksheets/
COPY preps/ preps/
COPY briefs/ briefs/
COPY documents/ documents/
COPY outcomes/ outcomes/
COPY sharing/ sharing/
COPY templates/ templates/
COPY static/ static/
COPY fixtures/ fixtures/
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

# --- 2. The app: the wheel installed, static files collected at build, run as a user without privileges.
FROM ${PYTHON_IMAGE} AS app
# The libraries WeasyPrint loads to make the PDFs (scripts/ensure-system-packages run). Debian's security
# updates change their versions: the image is rebuilt to get them, not pinned to one.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libfontconfig1 \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 prepmeet \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --create-home prepmeet
COPY --from=build /wheels /wheels
# --no-index: only the wheels built above, prepmeet among them, nothing fetched again.
RUN pip install --no-cache-dir --no-index --find-links=/wheels /wheels/prepmeet-*.whl && rm -rf /wheels
ENV DEBUG=false \
    STATIC_ROOT=/app/static \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
# collectstatic reads no secret and writes none; the settings only want one to be set with DEBUG off.
RUN SECRET_KEY=collectstatic-only python -m prepmeet collectstatic --no-input
WORKDIR /app
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["gunicorn", "--config=python:prepmeet.gunicorn_conf", "--bind=0.0.0.0:8000", "prepmeet.wsgi:application"]

# --- 3. nginx: the recipe (deploy/nginx/prepmeet.conf) and the static files it serves; its upstream is the
# compose service "web". The certificate and key are mounted at the recipe's paths (compose.yaml).
FROM nginx:1.27-bookworm AS nginx
COPY --from=app /app/static /srv/prepmeet/staticfiles
COPY deploy/nginx/prepmeet.conf /etc/nginx/conf.d/default.conf
RUN sed -i 's/server 127.0.0.1:8000;/server web:8000;/' /etc/nginx/conf.d/default.conf

# The default target: the app.
FROM app AS web
