# Production image: gunicorn as a non-root user, static files collected at build time and served by whitenoise.
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend ./frontend
RUN mkdir -p static/css && npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DEBUG=0
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
COPY --from=assets /build/static/css ./static/css
COPY --from=assets /build/node_modules/govuk-frontend/dist ./node_modules/govuk-frontend/dist
# compileall: with PYTHONDONTWRITEBYTECODE no worker writes .pyc files, so each would compile the project from source
# inside its first requests and tasks; compiled once here instead
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --no-input \
 && python -m compileall -q -j 0 /app \
 && useradd --create-home --uid 10001 app && mkdir -p /app/var && chown -R app /app/var
USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--config", "config/gunicorn.conf.py", "--bind", "0.0.0.0:8000", "--workers", "4", "--threads", "4", "--timeout", "60", "--keep-alive", "30"]
