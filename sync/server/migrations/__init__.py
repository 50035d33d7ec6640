"""Alembic's migration scripts for the central endpoint's database (run by `migrate`)."""
