"""Markdown tables from bench/run.py results files (what docs/performance.md shows).

python bench/report.py bench/results/<date>.jsonl [more.jsonl …]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _rows(paths: list[str]) -> list[dict]:
    return [json.loads(line) for p in paths for line in Path(p).read_text().splitlines() if line]


def _table(header: list[str], lines: list[list[object]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(cell) for cell in line) + " |" for line in lines]
    return "\n".join(out)


def _connects(row: dict) -> list[object]:
    """All connected (s), per second, connect p50 / p99 (ms): the idle and returning rows."""
    connect = row["connect"]
    return [
        row["connect_all_s"], round(row["sockets"] / row["connect_all_s"]),
        f'{connect["p50_ms"]:.0f} / {connect["p99_ms"]:.0f}',
    ]  # fmt: skip


def report(rows: list[dict]) -> str:
    parts = []
    startup = [r for r in rows if r["scenario"] == "startup"]
    if startup:
        lines = [[r["target"], r["ready_s"], r["idle_rss_mb"]] for r in startup]
        parts.append(_table(["target", "ready (s)", "idle RSS (MB)"], lines))
    idle = [r for r in rows if r["scenario"] == "idle"]
    if idle:
        parts.append(_table(
            ["target", "sockets", "all connected (s)", "new visitors/s", "connect p50 / p99 (ms)",
             "RSS per socket (KB)"],
            [[r["target"], r["sockets"], *_connects(r), r["rss_per_socket_kb"]] for r in idle],
        ))  # fmt: skip
    back = [r for r in rows if r["scenario"] == "returning"]
    if back:
        parts.append(_table(
            ["target", "returning shoppers", "failed", "all reconnected (s)", "per second",
             "connect p50 / p99 (ms)"],
            [[r["target"], r["sockets"], r["failed"], *_connects(r)] for r in back],
        ))  # fmt: skip
    push = [r for r in rows if r["scenario"] == "push"]
    if push:
        parts.append(_table(
            ["target", "sockets × pushes/s", "deliveries/s", "lost", "p50 (ms)", "p99 (ms)"],
            [[r["target"], f'{r["visitors"]} × {r["rate"]}', r["deliveries_per_s"], r["lost"],
              r["delivery"]["p50_ms"], r["delivery"]["p99_ms"]] for r in push],
        ))  # fmt: skip
    chat = [r for r in rows if r["scenario"] == "chat"]
    if chat:
        parts.append(_table(
            ["target", "offered msg/s", "stored msg/s", "acked / sent", "ack p50 / p99 (ms)",
             "to agent p50 / p99 (ms)"],
            [[r["target"], r["rate"], r["stored_per_s"], f'{r["acked"]} / {r["sent"]}',
              f'{r["ack"]["p50_ms"]} / {r["ack"]["p99_ms"]}',
              f'{r["to_agent"]["p50_ms"]} / {r["to_agent"]["p99_ms"]}'] for r in chat],
        ))  # fmt: skip
    reads = [r for r in rows if r["scenario"] in ("history", "inbox")]
    if reads:
        parts.append(_table(
            ["read", "database", "conversations × messages", "requests", "p50 (ms)", "p99 (ms)"],
            [[r["scenario"], r["database"], f'{r["conversations"]:,} × {r["messages"]:,}',
              r["latency"]["n"], r["latency"]["p50_ms"], r["latency"]["p99_ms"]] for r in reads],
        ))  # fmt: skip
    widget = [r for r in rows if r["scenario"] == "widget"]
    for r in widget:
        parts.append(_table(
            ["phase", "requests", "bytes", "budget", "within"],
            [[phase, r[phase]["requests"], r[phase]["bytes"], r[phase]["budget"], r[phase]["ok"]]
             for phase in ("before_open", "after_open")],
        ))  # fmt: skip
    return "\n\n".join(parts)


if __name__ == "__main__":
    print(report(_rows(sys.argv[1:])))
