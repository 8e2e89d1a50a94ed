"""shopchat: self-hosted customer-service chat for online shops."""

__version__ = "0.1.0"
