"""Checklist templates: the model, its validation and messages, the bundled catalog."""
