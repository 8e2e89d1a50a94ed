"""The database: set-up and migrations (setup.py), and the one room for raw SQL.

Most reads and writes go through Tortoise's ORM. These paths are plain SQL because profiles
earned it (py-spy: the ORM's query building and row parsing cost more CPU than the database
spent answering; measurements in docs/performance.md and beside each statement):
- services/messages.py `store_message` (seq, insert and the inbox row in one write, through
  the group commit) and `history` (history pages, joined with author and upload);
- services/visitors.py `create_visitor_with_conversation` and `record_visit` (group commit),
  `visitor_with_thread` (a returning shopper's connect, one join);
- services/conversations.py: the inbox list, one conversation, read marks, last messages;
- services/sessions.py `lookup` (every console request and agent socket);
- testing/seed_inbox.py, a bulk loader of test data (executemany: building a million Message
  objects cost more than inserting them).
Those statements are written with PostgreSQL's $1, $2… and run only through this package:
`sql` (placeholders, dialect, `select`, `Conditions`), `rows` (joined rows into models) and
`group_commit` (writes that share one commit).

Tortoise's and aiosqlite's private APIs are touched only here, each pinned by a test in
tests/unit/test_db.py that fails on an upgrade that breaks it:
- `Model._init_from_db` (rows.from_db): a model from its columns, without the ORM's parsing;
- `Model._saved_in_db` (rows.mark_saved): a model built from a raw write is a saved row;
- `instance.__dict__["_<relation>"]` (rows.loaded): a relation read with its row, or None;
- aiosqlite's `Connection._execute` and `._conn` (group_commit): a whole batch of writes on
  the database's own thread.
"""

from .setup import (
    MIGRATIONS_DIR,
    UnmigratedError,
    close_database,
    migrate,
    open_database,
    pending_migrations,
    ping,
    prepare_database,
    tortoise_config,
)

__all__ = [
    "MIGRATIONS_DIR",
    "UnmigratedError",
    "close_database",
    "migrate",
    "open_database",
    "pending_migrations",
    "ping",
    "prepare_database",
    "tortoise_config",
]
