"""The tablet app: Flet UI over view-models, and the crash-safe local store."""
