"""CPU accounting from /proc: who used the cores during a measured run, per process tree.

A shared 2-core machine is noisy, so every figure comes with where the CPU went: the service's
process tree, PostgreSQL's (the postmaster and its backends, when the server is local), the
load generator, this process, everything else on the machine, and the hypervisor's steal."""

from __future__ import annotations

import contextlib
import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, int] | None:
    """(ppid, CPU ticks) of a live process, None when it is gone. The ticks include those of
    its children that exited and were reaped (cutime + cstime): a PostgreSQL backend that
    closes during a run leaves its CPU with the postmaster instead of taking it out of the
    tree's total (the tree then read as having used less than before, and PostgreSQL's
    share went to "other processes")."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw.rsplit(")", 1)[1].split()
    return int(fields[1]), sum(int(f) for f in fields[11:15])  # utime stime cutime cstime


def processes() -> dict[int, tuple[int, int]]:
    """Every live process: pid -> (ppid, CPU ticks)."""
    out = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (st := _stat(int(entry))) is not None:
            out[int(entry)] = st
    return out


def _children(procs: dict[int, tuple[int, int]]) -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for pid, (ppid, _) in procs.items():
        kids.setdefault(ppid, []).append(pid)
    return kids


def descendants(root: int) -> list[int]:
    """Live descendants of a process (a service's workers, a postmaster's backends)."""
    kids = _children(processes())
    out, stack = [], list(kids.get(root, []))
    while stack:
        pid = stack.pop()
        out.append(pid)
        stack.extend(kids.get(pid, []))
    return out


def parent_of(pid: int) -> int | None:
    st = _stat(pid)
    return st[0] if st else None


def command_name(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/comm").read_text().strip()
    return ""


def _machine() -> tuple[int, int, int]:
    """(busy, steal, total) jiffies over all CPUs; busy excludes idle, iowait and steal."""
    parts = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (parts + [0] * 8)[:8]
    busy = user + nice + system + irq + softirq  # guest time is already counted in user
    return busy, steal, busy + idle + iowait + steal


def busy_pct(seconds: float = 1.0) -> float:
    """How busy the whole machine is right now (other work skews every figure)."""
    b0, _, t0 = _machine()
    time.sleep(seconds)
    b1, _, t1 = _machine()
    return round(100 * (b1 - b0) / max(1, t1 - t0), 1)


def wait_idle(limit_s: float, log: Callable[[str], None], threshold_pct: float = 10.0) -> float:
    """Wait up to limit_s for the machine to drop below threshold_pct; the last reading."""
    deadline = time.monotonic() + limit_s
    busy = busy_pct(2.0)
    while busy > threshold_pct and time.monotonic() < deadline:
        log(f"machine {busy:.0f}% busy with other work: waiting for it to go quiet")
        busy = busy_pct(2.0)
    return busy


@dataclass
class Snapshot:
    """CPU seconds so far: per watched tree, this process, its reaped children, the machine."""

    trees: dict[str, float]
    own: float
    reaped: float
    busy: float
    steal: float
    total: float


@dataclass
class Meter:
    """Snapshots of the watched process trees (name -> root pid)."""

    trees: dict[str, int] = field(default_factory=dict)

    def snapshot(self) -> Snapshot:
        procs = processes()
        kids = _children(procs)

        def tree(root: int) -> int:
            total, stack = 0, [root] if root in procs else []
            while stack:
                pid = stack.pop()
                total += procs[pid][1]
                stack.extend(kids.get(pid, []))
            return total

        own = resource.getrusage(resource.RUSAGE_SELF)
        reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
        busy, steal, total = _machine()
        return Snapshot(
            trees={name: tree(pid) / TICKS for name, pid in self.trees.items()},
            own=own.ru_utime + own.ru_stime,
            reaped=reaped.ru_utime + reaped.ru_stime,
            busy=busy / TICKS,
            steal=steal / TICKS,
            total=total / TICKS,
        )


def per_op(
    before: Snapshot, after: Snapshot, ops: int, reaped_as: str = "wrk"
) -> tuple[dict[str, float], float | None]:
    """ms of CPU per operation by process tree, and how busy the machine was (%).

    `reaped_as` names the children reaped in between (the load generator, which has exited by
    the second snapshot); "other processes" is whatever else ran on the machine meanwhile."""
    if ops <= 0:
        return {}, None
    spent = {name: after.trees.get(name, 0.0) - s for name, s in before.trees.items()}
    spent[reaped_as] = after.reaped - before.reaped
    spent["bench"] = after.own - before.own
    busy = after.busy - before.busy
    spent["other processes"] = max(0.0, busy - sum(spent.values()))
    spent["steal"] = after.steal - before.steal
    total = after.total - before.total
    cpu = {k: round(v * 1000 / ops, 3) for k, v in spent.items() if v > 0}
    return cpu, (round(100 * busy / total, 1) if total > 0 else None)
