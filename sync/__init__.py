"""Sync between tablets and the central endpoint: protocol, client and server (next issues)."""
