"""Open data: the levers, commitments and best practices as CSV and JSON with Table Schemas."""
