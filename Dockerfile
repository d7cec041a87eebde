# The signaling server and the page it serves. Build: docker build -t videoroom .
# Run: docker run -p 8000:8000 videoroom, then open http://localhost:8000
# TRUSTED_PROXIES=private: a TLS proxy on the host reaches the container from the
# bridge's private address, and is believed when it names the client; a client
# from a public address is counted as that address, whatever it sends.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=8000 \
    TRUSTED_PROXIES=private

WORKDIR /app
COPY pyproject.toml setup.cfg README.md ./
COPY signaling ./signaling
COPY public ./public
# The package with Redis support; it runs from /app (python -m puts the working
# directory first on the path), where public/ sits next to it.
RUN pip install ".[redis]" \
    && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin videoroom

USER videoroom
# PORT set: the server listens on all interfaces, on that port.
EXPOSE 8000
# Plain HTTP on loopback: with CERTFILE/KEYFILE set, replace this check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"]
CMD ["python", "-m", "signaling"]
