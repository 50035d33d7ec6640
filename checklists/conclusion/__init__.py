"""Conclusion of an inspection: the drafted text and its saved, locked versions."""
