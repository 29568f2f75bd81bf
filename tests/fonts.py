"""Fonts chosen by the tests whose result depends on layout (print, wrapping, 375 px).

A fresh machine has only DejaVu; a referent's machine has Arial (metrically equal
to Liberation Sans). A layout test runs under each family through a fontconfig
file of its own, passed in the environment of LibreOffice or Chromium, so its
result never depends on what else happens to be installed here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class FontFamily:
    """A font family, where its Debian package puts it, and that package's name."""

    name: str
    directory: Path
    regular_file: str
    package: str

    @property
    def slug(self) -> str:
        return self.name.lower().replace(" ", "-")


#: The Debian default and the metric twin of Arial: narrow and wide text both tested.
FAMILIES = (
    FontFamily(
        "DejaVu Sans", Path("/usr/share/fonts/truetype/dejavu"), "DejaVuSans.ttf",
        "fonts-dejavu-core",
    ),
    FontFamily(
        "Liberation Sans", Path("/usr/share/fonts/truetype/liberation2"),
        "LiberationSans-Regular.ttf", "fonts-liberation2",
    ),
)  # fmt: skip

_CONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
{dirs}
  <cachedir>{cache}</cachedir>
  <!-- Whatever family a document asks for (Arial, sans-serif, Liberation Sans…), use this one. -->
  <match target="pattern">
    <edit name="family" mode="prepend" binding="strong"><string>{family}</string></edit>
  </match>
</fontconfig>
"""


def fontconfig_environment(family: FontFamily, workdir: Path) -> dict[str, str]:
    """``os.environ`` plus ``FONTCONFIG_FILE`` that offers only ``family``'s Debian font
    folder and resolves every family to it."""
    missing = [f.package for f in FAMILIES if not (f.directory / f.regular_file).is_file()]
    if missing:
        pytest.skip(f"layout tests need the fonts of: apt-get install {' '.join(missing)}")
    workdir.mkdir(parents=True, exist_ok=True)
    config = workdir / "fonts.conf"
    # Only the family's own folder: LibreOffice takes any installed family a document
    # names (Liberation Sans) before asking fontconfig, so another folder would leak in.
    dirs = f"  <dir>{family.directory}</dir>"
    config.write_text(
        _CONFIG.format(dirs=dirs, cache=workdir / "cache", family=family.name), encoding="utf-8"
    )
    environment = dict(os.environ, FONTCONFIG_FILE=str(config))
    environment.pop("FONTCONFIG_PATH", None)
    _check_resolution(family, environment)
    return environment


def _check_resolution(family: FontFamily, environment: dict[str, str]) -> None:
    """The configuration must really give ``family`` for the names documents use."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        pytest.skip("fc-match is missing: apt-get install fontconfig")
    for asked in ("sans-serif", "Arial", "Liberation Sans", "DejaVu Sans", "Helvetica"):
        found = subprocess.run(
            [fc_match, "--format=%{family[0]}", asked],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert found == family.name, f"fontconfig gave {found!r} for {asked!r}"


@pytest.fixture(params=FAMILIES, ids=lambda family: family.slug)
def font_family(request: pytest.FixtureRequest) -> FontFamily:
    """Parametrises a layout test over every family of :data:`FAMILIES`."""
    return request.param
