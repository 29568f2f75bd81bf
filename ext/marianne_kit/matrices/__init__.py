"""Traceability matrices: rows × columns of levers, their statistics and CSV exports."""
