"""Sync between tablets and the central endpoint (protocol, client, server): comes with the sync issue."""
