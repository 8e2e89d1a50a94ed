"""Real-time layer: frame validation, socket handlers, the hub, the broker and presence."""
