"""The network: sites grouped under départements, regions, parent sites, and their aggregates."""
