"""The site search: accents and case folded on index and query; kit IDs as search objects."""
