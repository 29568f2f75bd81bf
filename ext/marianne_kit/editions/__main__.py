"""``python -m marianne_kit.editions NEEDS_JSON OUTPUT``: write an edition's lever snapshot."""

from .snapshot import main

raise SystemExit(main())
