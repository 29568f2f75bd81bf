"""Every page of the built site is valid HTML for the Nu Html Checker (vnu), zero errors.

vnu comes from the npm package ``vnu-jar`` (``.ci/run`` installs it into
``.ci/node_modules``; ``MARIANNE_VNU_JAR`` may name another copy of ``vnu.jar``)
and runs on Java (Debian package ``default-jre-headless``). One JVM checks every
page at once. A page with a known error is checked in the same run, so a checker
that checks nothing cannot pass.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, BuildResult

VNU_VERSION = "26.9.27"
INSTALLED_JAR = PROJECT_ROOT / ".ci" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: The HTML error sphinx-design's tab labels had (``site/tab_labels.py``).
KNOWN_ERROR = (
    '<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body>'
    '<input type="radio" id="a" name="s"><label for="a" aria-controls="b">A</label>'
    '<div id="b">b</div></body></html>'
)


def vnu_command() -> list[str]:
    jar = Path(os.environ.get("MARIANNE_VNU_JAR") or INSTALLED_JAR)
    if not jar.is_file():
        pytest.skip(
            f"the Nu Html Checker is missing: npm package vnu-jar@{VNU_VERSION}"
            " (npm install --ignore-scripts --no-save --prefix .ci vnu-jar@26.9.27)"
        )
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java is missing: apt-get install default-jre-headless")
    return [java, "-jar", str(jar), "--errors-only", "--format", "json", "--stdout"]


def test_every_page_is_valid_html(site: BuildResult, tmp_path: Path) -> None:
    pages = sorted(site.outdir.rglob("*.html"))
    names = {p.relative_to(site.outdir).as_posix() for p in pages}
    assert {"index.html", "404.html", "catalogue.html", "checklists/kit-complet.html"} <= names
    assert len(pages) > 60
    control = tmp_path / "known-error.html"
    control.write_text(KNOWN_ERROR, encoding="utf-8")

    run = subprocess.run(
        [*vnu_command(), str(control), *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(run.stdout)
    assert report["version"].startswith(VNU_VERSION)
    errors = [m for m in report["messages"] if m["type"] in ("error", "non-document-error")]
    on_control = [m for m in errors if m["url"].endswith("/known-error.html")]
    assert [m["message"] for m in on_control] == [
        "The “aria-controls” attribute must not be used on any “label” element that is"
        " associated with a labelable element."
    ]
    on_site = [
        f"{m['url'].removeprefix(site.outdir.as_uri())}:{m.get('lastLine')}: {m['message']}"
        for m in errors
        if m not in on_control
    ]
    assert on_site == []
