"""The lever catalogue: one filterable table of every lever, and its filter URLs."""
