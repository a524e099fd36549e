"""``python -m huanjie_rules``: the ``huanjie`` command line (extra ``cli``)."""

from __future__ import annotations

import sys


def _main() -> int:
    from .errors import MissingExtraError

    try:
        from .cli import main
    except MissingExtraError as exc:  # the cli extra is not installed
        print(f"huanjie: {exc}", file=sys.stderr)
        return 2
    return main()


if __name__ == "__main__":
    sys.exit(_main())
