"""The central endpoint: FastAPI over SQLAlchemy (SQLite or PostgreSQL) and a photo folder."""
