"""Inspection records: the model, canonical form, edits, merge, lifecycle, authority."""
