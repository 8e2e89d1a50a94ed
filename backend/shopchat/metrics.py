"""Prometheus metrics for one process (each worker serves its own /metrics)."""

from __future__ import annotations

from functools import cache

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry()

OPEN_SOCKETS = Gauge(
    "shopchat_open_sockets", "WebSocket connections open in this process", ["role"],
    registry=REGISTRY,
)  # fmt: skip
MESSAGES_STORED = Counter(
    "shopchat_messages_stored_total", "Messages committed by this process", ["author"],
    registry=REGISTRY,
)  # fmt: skip
FANOUT_LATENCY = Histogram(
    "shopchat_fanout_latency_seconds",
    "From publishing a frame to handing it to this process's sockets (crosses the broker)",
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0),
    registry=REGISTRY,
)
ERRORS = Counter(
    "shopchat_errors_total", "Error frames sent and sockets refused, by code", ["code"],
    registry=REGISTRY,
)  # fmt: skip

OUTBOX_BACKLOG = Gauge(
    "shopchat_outbox_backlog",
    "Outbox items (mail) waiting to be sent, as this process last counted them",
    registry=REGISTRY,
)


# labels() builds its key and takes a lock on every call (4 % of a shopper's connect in a
# py-spy profile): the per-socket and per-message paths take each child once.
@cache
def open_sockets(role: str) -> Gauge:
    return OPEN_SOCKETS.labels(role)


@cache
def messages_stored(author: str) -> Counter:
    return MESSAGES_STORED.labels(author)
