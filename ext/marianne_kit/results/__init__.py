"""A site's self-assessment results: one file per site and year under ``results/``."""
