FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY . .
RUN pip install . && useradd --create-home portal && mkdir -p /data/media /data/beat /app/staticfiles \
    && chown -R portal /data /app/staticfiles
USER portal
EXPOSE 8000
