"""A real `shopchat serve` process on a free port, for integration and end-to-end tests."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerError(RuntimeError):
    pass


class ServerProcess:
    """Runs the CLI as a subprocess with its own working folder, database and port; `python`
    is the interpreter of the installation to run (this one by default)."""

    def __init__(
        self,
        workdir: Path,
        env: dict[str, str] | None = None,
        port: int | None = None,
        *,
        python: str = sys.executable,
    ):
        self.python = python
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.env = {**os.environ, **(env or {})}
        self.env.setdefault("SHOPCHAT_PUBLIC_URL", self.url)
        self.log_path = self.workdir / "server.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def cli(self, *args: str) -> dict[str, Any]:
        """Run a `shopchat` command with this server's configuration; return its JSON."""
        result = subprocess.run(
            [self.python, "-m", "shopchat.cli", *args],
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if result.returncode != 0:
            raise ServerError(f"shopchat {args[0]} failed: {result.stderr.strip()}")
        return json.loads(result.stdout)

    def start(self, *extra_args: str, timeout: float = 30.0) -> ServerProcess:
        log = self.log_path.open("ab")
        self._process = subprocess.Popen(
            [self.python, "-m", "shopchat.cli", "serve", "--port", str(self.port), *extra_args],
            cwd=self.workdir,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready(timeout)
        return self

    def _wait_ready(self, timeout: float) -> None:
        # Poll HTTP, not the TCP port: workers may not be ready when the port opens.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise ServerError(f"server exited early:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        raise ServerError(f"server not ready after {timeout} s:\n{self.log()}")

    def stop(self, timeout: float = 15.0) -> int | None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return process.returncode if process else None
        process.send_signal(signal.SIGTERM)
        try:
            return process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            return process.wait()

    def send_signal(self, sig: int) -> None:
        """E.g. SIGKILL for a crash without goodbye, SIGTERM for a graceful drain."""
        assert self._process is not None, "server is not running"
        self._process.send_signal(sig)

    def wait(self, timeout: float) -> int:
        assert self._process is not None, "server is not running"
        return self._process.wait(timeout)

    def kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
