"""The tablet's side of sync: a transport, the central endpoint's calls, and the outbox worker."""
