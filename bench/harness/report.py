"""Markdown output: tables, CPU cells, targets, and the facts that make a figure reproducible
(the exact command line, git revision, date, machine, PostgreSQL, load generator)."""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def fmt_ms(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f}"


def fmt_num(v: float | None, digits: int = 0) -> str:
    return "-" if v is None else f"{v:,.{digits}f}"


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    """A markdown table; columns whose cells all look numeric are right-aligned."""

    def numeric(cell: Any) -> bool:
        text = str(cell).replace(",", "").replace("×", "").strip("*%")
        return text in ("-", "") or text.replace(".", "", 1).lstrip("-").isdigit()

    align = ["---:" if all(numeric(r[i]) for r in rows) else "---" for i in range(len(headers))]
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join(align) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


def cpu_cell(cpu_ms: dict[str, float]) -> str:
    """ "service 0.77, postgres 0.73, wrk 0.05, …": ms of CPU per request by process tree."""
    return ", ".join(f"{k} {v:.2f}" for k, v in cpu_ms.items() if v >= 0.005) or "-"


def target(name: str, ok: bool, detail: str) -> str:
    return f"- {name}: **{'met' if ok else 'NOT met'}** ({detail})"


def errors_cell(errors: dict[str, int]) -> str:
    return ", ".join(f"{k}: {v:,}" for k, v in sorted(errors.items())) or "none"


def git_revision() -> str:
    """The commit measured, `+dirty` when the working tree has changes."""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty=+dirty"],
            capture_output=True, text=True, timeout=10, check=True,
        )  # fmt: skip
        return out.stdout.strip() or "unknown"
    return "unknown"


def machine() -> dict[str, Any]:
    facts: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "cpu_model": platform.processor() or "unknown",
        "kernel": platform.release(),
        "python": platform.python_version(),
    }
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                facts["cpu_model"] = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        facts["memory_gib"] = round(mem_kb / 1024**2, 1)
    return facts


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def footer(facts: dict[str, Any], command: str) -> list[str]:
    """The run's facts, as the lines under every report."""
    m, pg = facts["machine"], facts.get("postgres", {})
    lines = [
        f"- command: `{command}`",
        f"- git {facts['git']}, {facts['date']}",
        f"- machine: {m['cpus']} CPUs ({m['cpu_model']}), {m.get('memory_gib', '?')} GiB, "
        f"Linux {m['kernel']}, Python {m['python']}; {facts['busy_before_pct']}% busy with "
        "other work before the start",
    ]
    if pg:
        where = "local" if facts.get("postmaster_pid") else "remote: its CPU is not metered"
        lines.append(
            f"- PostgreSQL {pg.get('server_version', '?')} ({facts['server']}, {where}): "
            f"synchronous_commit={pg.get('synchronous_commit')}, "
            f"shared_buffers={pg.get('shared_buffers')}, fsync={pg.get('fsync')}"
        )
    if facts.get("wrk"):
        lines.append(f"- load: wrk {facts['wrk']}, one connection per thread, Lua-timed requests")
    return lines
