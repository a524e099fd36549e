"""``python -m huanjie_rules``: the ``huanjie`` command line (extra ``cli``)."""

from __future__ import annotations

import sys

from ._entry import main

if __name__ == "__main__":
    sys.exit(main())
