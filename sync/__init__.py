"""Sync between tablets and the central endpoint: `protocol` (wire models), `server`, `client`."""
