"""Flet screens: one component per screen, reading a view-model and passing events to it."""
