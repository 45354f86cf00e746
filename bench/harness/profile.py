"""`--profile DIR`: py-spy records each service worker during a measured run, and a summary
says where the service's CPU went, by category and by function, in ms per request.

py-spy runs with `--nonblocking --gil`, so samples approximate CPU time in Python; it is
optional (`.venv/bin/pip install py-spy`)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path


def py_spy() -> str:
    local = Path(sys.executable).parent / "py-spy"
    exe = str(local) if local.exists() else shutil.which("py-spy")
    if exe is None:
        raise SystemExit("error: --profile needs py-spy: .venv/bin/pip install py-spy")
    return exe


def start(pids: list[int], seconds: float, out_dir: Path, label: str) -> Callable[[], list[Path]]:
    """py-spy record each pid for `seconds`; the returned function waits for the files."""
    exe = py_spy()
    out_dir.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    procs = []
    for pid in pids:
        out = out_dir / f"{slug}-worker-{pid}.txt"
        cmd = [exe, "record", "--pid", str(pid), "--nonblocking", "--gil", "--rate", "250"]
        cmd += ["--duration", str(max(1, round(seconds))), "--format", "raw", "-o", str(out)]
        procs.append(
            (subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE), out)
        )

    def finish() -> list[Path]:
        done = []
        for proc, out in procs:
            try:
                _, err = proc.communicate(timeout=seconds + 60)
            except subprocess.TimeoutExpired:
                proc.kill()
                _, err = proc.communicate()
            if proc.returncode == 0 and out.exists():
                done.append(out)
            else:
                print(
                    f"[bench] py-spy failed for {out.name}: {err.decode()[-300:]}", file=sys.stderr
                )
        return done

    return finish


_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^()]*?)(?::\d+)?\)$")
# Where a sample's CPU went, by its innermost Python frame's file (first match wins).
_CATEGORIES = (
    ("event loop and C callbacks (uvloop, httptools, asyncpg protocol)",
     ("asyncio/runners.py", "uvicorn/_compat.py", "uvicorn/server.py")),
    ("asyncpg (Python side)", ("asyncpg/",)),
    ("pydantic", ("pydantic/", "pydantic_core/")),
    ("FastAPI / Starlette", ("fastapi/", "starlette/")),
    ("uvicorn HTTP protocol", ("uvicorn/",)),
    ("app code", ("app/",)),
)  # fmt: skip


def _frames(stack: str) -> list[tuple[str, str]]:
    """[(function, file)] of one collapsed py-spy stack, files relative to site-packages."""
    frames = []
    for raw in stack.split(";"):
        m = _FRAME.match(raw.strip())
        if m is None or raw.strip().startswith(("thread (", "process ")):
            continue
        file = re.sub(r"^.*?(site-packages|lib/python3\.\d+)/", "", m["file"])
        frames.append((m["func"], file))
    return frames


def summarise(paths: list[Path], ms_per_request: float | None, top: int = 15) -> str:
    """By category and by function (self time), with ms per request when known."""
    own: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    total = 0
    for path in paths:
        for line in path.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            frames = _frames(stack) if count.isdigit() else []
            if not frames:
                continue
            n, (func, file) = int(count), frames[-1]
            total += n
            own[f"{func} ({file})"] += n
            label = next((c for c, pre in _CATEGORIES if file.startswith(pre)), "other (stdlib)")
            categories[label] += n

    def share(n: int) -> str:
        pct = 100 * n / max(total, 1)
        return f"{pct:5.1f}%" + (
            f"  ~{pct * ms_per_request / 100:.3f} ms/req" if ms_per_request else ""
        )

    lines = [f"py-spy: {total} samples over {len(paths)} worker(s)"]
    lines += ["  by category (innermost Python frame):"]
    lines += [f"    {share(n)}  {c}" for c, n in categories.most_common()]
    lines += [f"  top {top} functions by self time:"]
    lines += [f"    {share(n)}  {f}" for f, n in own.most_common(top)]
    return "\n".join(lines)
