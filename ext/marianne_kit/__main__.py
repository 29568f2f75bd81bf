"""``python -m marianne_kit COMMAND``: the kit's commands outside Sphinx (today: ``import``)."""

from __future__ import annotations

import sys

from .results.import_command import main as import_main

USAGE = (
    "usage : python -m marianne_kit import FICHIER... [--results results/] "
    "[--profiles checklists/] [--lang fr|en]\n"
    "Aide : python -m marianne_kit import --help"
).replace(" :", "\u00a0:")


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("import",):
        print(USAGE, file=sys.stderr)
        return 2
    return import_main(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
