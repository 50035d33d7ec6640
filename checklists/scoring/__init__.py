"""Scoring: points, figures, evidence, the score report and list summaries."""
