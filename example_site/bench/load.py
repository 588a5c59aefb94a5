"""Requests per second under a bounded loopback load, and the workers' peak memory.

gunicorn (two sync workers) serves the site on 127.0.0.1 with
``example_site.settings.bench`` (a shared Redis cache, cached sessions); ``wrk``
drives it when installed, otherwise a small threaded Python client does, for the same
bounded time.
"""

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from django.conf import settings

WORKERS = 2
#: Sync workers serve one connection at a time; two each keeps both busy without a queue.
CONNECTIONS = 4


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn on a free loopback port, for the life of a ``with`` block."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def __enter__(self):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "example_site.settings.bench",
            # The workers share Redis; nothing another run left there may be read.
            "WAGTAILSEND_BENCH_CACHE_PREFIX": f"bench-{uuid.uuid4().hex[:12]}",
        }
        self.process = subprocess.Popen(  # noqa: S603  (our own gunicorn, fixed arguments)
            [
                str(gunicorn),
                "example_site.wsgi",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=settings.BASE_DIR,
            env=env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                time.sleep(0.3)
        else:
            self.__exit__(None, None, None)
            raise RuntimeError("gunicorn did not start within 60 s")
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def peak_rss_mb(self):
        """The largest peak resident set (VmHWM) among the workers, in MB."""
        peaks = []
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"VmHWM:\s+(\d+) kB", status)
            if match:
                peaks.append(int(match.group(1)) / 1024)
        return max(peaks) if peaks else None

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"


def _wrk(url, cookie, seconds):
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(  # noqa: S603  (wrk, fixed arguments)
        command,
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, int(bad.group(1)) if bad else 0


def _python_load(port, path, cookie, seconds):
    """A threaded keep-alive client: (requests per second, non-2xx responses)."""
    deadline = time.monotonic() + seconds
    counts = [0] * CONNECTIONS
    bad = [0] * CONNECTIONS
    headers = {"Cookie": cookie} if cookie else {}

    def run(n):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < deadline:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            counts[n] += 1
            bad[n] += response.status >= 300
        connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(CONNECTIONS)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - start), sum(bad)


def warm(server, path, cookie, requests=20):
    """Serve ``path`` a few times first, so both workers have loaded everything."""
    headers = {"Cookie": cookie} if cookie else {}
    for _ in range(requests):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        connection.request("GET", path, headers=headers)
        connection.getresponse().read()
        connection.close()


def load(server, path, cookie, seconds):
    """(requests per second, non-2xx, tool) for ``seconds`` of load on ``path``."""
    if shutil.which("wrk"):
        rate, bad = _wrk(server.url(path), cookie, seconds)
        return rate, bad, "wrk"
    rate, bad = _python_load(server.port, path, cookie, seconds)
    return rate, bad, "python client"


def session_cookie(username):
    """A signed-in session for ``username``, saved in the database the server reads."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
