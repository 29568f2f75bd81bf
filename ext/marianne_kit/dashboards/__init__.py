"""Site dashboards and action plans computed from the results under ``results/``."""
