"""Browser tests (real Chromium); a package so its conftest does not shadow tests/conftest.py."""
