"""Scoring newsgraph against gold annotations (`newsgraph eval`)."""
