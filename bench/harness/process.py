"""HTTP servers the benchmarks start: the service (`timecredits serve`) and the yardstick.

Each runs in its own session (Ctrl-C in the terminal reaches the benchmark, which stops them
in order) on a free 127.0.0.1 port, with its output in a log file shown if it fails."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx

from . import cpu


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A subprocess serving HTTP on 127.0.0.1:`port` (wait_ready() before using it)."""

    def __init__(
        self,
        name: str,
        command: list[str],
        *,
        port: int,
        env: dict[str, str],
        cwd: Path,
        log_path: Path,
    ) -> None:
        self.name, self.command, self.port = name, command, port
        self.base_url = f"http://127.0.0.1:{port}"
        self.log_path = log_path
        self._log = log_path.open("wb")
        self.proc = subprocess.Popen(
            command,
            env={**os.environ, **env},
            cwd=str(cwd),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def wait_ready(self, path: str, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited ({self.proc.returncode}):\n{self.tail()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.base_url + path, timeout=2).status_code == 200:
                    return
            time.sleep(0.25)
        raise RuntimeError(f"{self.name} was not ready after {timeout:.0f} s:\n{self.tail()}")

    def tail(self, lines: int = 30) -> str:
        self._log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def workers(self) -> list[int]:
        """The processes that serve requests (for py-spy): gunicorn's workers, forked from
        the master and so with its command line, or multiprocessing-spawned ones
        (uvicorn's own supervisor); else the process itself."""
        pids = []
        with contextlib.suppress(OSError):
            master = Path(f"/proc/{self.proc.pid}/cmdline").read_bytes()
            for pid in cpu.descendants(self.proc.pid):
                with contextlib.suppress(OSError):
                    line = Path(f"/proc/{pid}/cmdline").read_bytes()
                    if line == master or b"spawn_main" in line:
                        pids.append(pid)
        return pids or [self.proc.pid]

    def stop(self) -> None:
        """SIGINT to the whole session, as Ctrl-C would; SIGKILL if it lingers."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self._log.close()
