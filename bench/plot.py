"""Latency against load, from a bench/run.py results file: shopchat next to the reference.

python bench/plot.py bench/results/<date>.jsonl     # writes bench/results/<date>.png
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt

STYLE = {"p50_ms": "-o", "p99_ms": "--s"}


def _series(rows: list[dict], scenario: str, load: str, latency: str) -> dict[str, list]:
    by_target: dict[str, list[tuple[float, dict]]] = {}
    for row in rows:
        if row.get("scenario") == scenario:
            by_target.setdefault(row["target"], []).append((row[load], row[latency]))
    return {target: sorted(points, key=lambda p: p[0]) for target, points in by_target.items()}


def _panel(axis, series: dict[str, list], title: str, xlabel: str) -> None:
    for target, points in series.items():
        for quantile, style in STYLE.items():
            xs = [x for x, figures in points if quantile in figures]
            ys = [figures[quantile] for _, figures in points if quantile in figures]
            axis.plot(xs, ys, style, label=f"{target} {quantile[:3]}")
    axis.set_title(title)
    axis.set_xlabel(xlabel)
    axis.set_ylabel("latency (ms)")
    axis.set_yscale("log")
    axis.grid(True, which="both", alpha=0.3)
    if series:
        axis.legend(fontsize=7)
    else:
        axis.text(0.5, 0.5, "not run", ha="center", va="center", transform=axis.transAxes)


def plot_results(results: Path) -> Path:
    rows = [json.loads(line) for line in results.read_text().splitlines() if line.strip()]
    figure, (push_axis, chat_axis) = plt.subplots(1, 2, figsize=(12, 4.5))
    _panel(
        push_axis, _series(rows, "push", "deliveries_per_s", "delivery"),
        "push to all: delivery latency", "deliveries per second",
    )  # fmt: skip
    _panel(
        chat_axis, _series(rows, "chat", "rate", "ack"),
        "chat: send → ack (committed)", "offered messages per second",
    )  # fmt: skip
    figure.suptitle(f"shopchat bench {results.stem} (2 vCPU, loopback)")
    figure.tight_layout()
    out = results.with_suffix(".png")
    figure.savefig(out, dpi=110)
    plt.close(figure)
    return out


if __name__ == "__main__":
    print(plot_results(Path(sys.argv[1])))
