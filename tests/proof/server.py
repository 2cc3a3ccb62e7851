"""A real server for the fault proofs: uvicorn in a subprocess on a free loopback port, with its output
kept in a log file for when a proof fails."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.conftest import REPO_ROOT


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base_url: str
    log: Path

    def client(self, timeout: float = 120) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=timeout)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server(database_url: str, log: Path, *, secret_key: str, **settings: str) -> Iterator[Server]:
    """Serve the app on 127.0.0.1 until the block ends (or a proof kills it first). `settings` become
    MATCHMAKER_* environment variables (e.g. max_body_bytes="1000")."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATCHMAKER_") and k != "DATABASE_URL"}
    env |= {
        "MATCHMAKER_DATABASE_URL": database_url,
        "MATCHMAKER_SECRET_KEY": secret_key,
        "MATCHMAKER_ENVIRONMENT": "test",
        "MATCHMAKER_LOG_LEVEL": "WARNING",
    }
    env |= {f"MATCHMAKER_{k.upper()}": v for k, v in settings.items()}
    command = [sys.executable, "-m", "uvicorn", "service.app:create_app", "--factory",
               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]  # fmt: skip
    with log.open("ab") as out:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(process, f"http://127.0.0.1:{port}", log)
    try:
        _wait_healthy(server)
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_healthy(server: Server, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"the server exited ({server.process.returncode}): {server.log.read_text()[-2000:]}"
            )
        try:
            if httpx.get(f"{server.base_url}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the server did not answer within {timeout} s: {server.log.read_text()[-2000:]}")
