"""Helpers for testing shopchat and stores that embed it: a real server process."""

from .server import ServerProcess, free_port

__all__ = ["ServerProcess", "free_port"]
