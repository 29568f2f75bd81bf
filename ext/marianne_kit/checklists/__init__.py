"""Per-site self-assessment checklists: profiles, scope, one module per format, files."""
