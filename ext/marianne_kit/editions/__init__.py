"""Editions of the referential: the edition number every output states."""
