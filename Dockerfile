# KarriereNorge: one image for the web server, the task worker and the scheduler (compose.yaml runs all three).
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VENV=/app/.venv PATH=/app/.venv/bin:$PATH
WORKDIR /app
RUN useradd --create-home --uid 10001 karrierenorge
COPY requirements.txt ./
RUN python -m venv /app/.venv && /app/.venv/bin/pip install --no-cache-dir -r requirements.txt
COPY --from=assets /app/node_modules ./node_modules
COPY . .
# Static files are collected at build time; settings need a key to load, not the production one.
RUN DJANGO_ENV=development SECRET_KEY=build-only python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /app/media /app/private /app/.run && chown -R karrierenorge /app/media /app/private /app/.run
USER karrierenorge
EXPOSE 8000
# The web server by default; compose.yaml runs the worker and the scheduler from the same image.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "config.wsgi"]
