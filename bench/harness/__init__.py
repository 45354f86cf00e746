"""The benchmarks' shared harness (bench/README.md): common options, throwaway databases on
one PostgreSQL server, the real service, wrk with generated Lua, CPU per request by process
tree, captured SQL and its plans, and markdown reports.

A scenario is a short script beside this package: `parser()` and its own options, then
`with Bench(args, "bench/<name>.py") as bench:` to set up, measure and `bench.emit()`."""

from .bench import Bench, check, log, parser, run
from .process import Server
from .report import cpu_cell, errors_cell, fmt_ms, fmt_num, table, target
from .service import Writer
from .sql import Recorder, explain, json_codec, reads
from .wrk import Load, lua_list, lua_string, percentile

__all__ = [
    "Bench",
    "Load",
    "Recorder",
    "Server",
    "Writer",
    "check",
    "cpu_cell",
    "errors_cell",
    "explain",
    "fmt_ms",
    "fmt_num",
    "json_codec",
    "log",
    "lua_list",
    "lua_string",
    "parser",
    "percentile",
    "reads",
    "run",
    "table",
    "target",
]
