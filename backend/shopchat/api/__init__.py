"""HTTP surfaces, one blueprint each, grouped under /api/v1 where they are API."""
