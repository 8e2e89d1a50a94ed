"""The durable outbox: anything leaving the server (mail now; webhooks and web push later).

A row is written in the same transaction as what caused it (`store.enqueue`, idempotent by
its dedupe key), and a background task in every serving process (`worker.OutboxWorker`)
claims due rows under a lease, hands each to the sender of its kind, and records the outcome:
sent, retried with exponential backoff (first retry within 30 s, given up after 24 h),
failed for good, or dropped on purpose (a limit, an undeliverable address). A process killed
mid-send leaves its lease to expire, and the row is claimed again. Claims use
`FOR UPDATE SKIP LOCKED` on PostgreSQL, so several processes never send a row twice.
"""
