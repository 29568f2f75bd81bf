"""The site's Sphinx HTML theme, in the State's design system (DSFR).

French from its templates (no output patching), assets served from ``static/dsfr/``
(vendored from ``@gouvfr/dsfr``, only the modules listed in ``dsfr-modules.txt``).
"""
