"""Mail: composed here, queued in the outbox, sent over SMTP by the outbox worker.

- `smtp`: one send over aiosmtplib; a 5xx reply is permanent, anything else temporary;
- `compose`: headers (Message-ID, Date, threading, CR/LF-free names and subjects) and the
  multipart body, flattened with max_line_length=998 so long header URLs are never folded;
- `templates`: the plain and HTML bodies in the shop's language, everything people wrote
  escaped; `strings` holds the words of each language;
- `delivery`: the outbox's sender of kind "mail" (undeliverable addresses, limits, SMTP);
- `notifications` + `scheduler`: which conversations are due a staff mail, found by a
  periodic task in every serving process (idempotent through the outbox's dedupe keys);
- `runner`: the worker and the scheduler of one serving process, started by app.py.
"""
