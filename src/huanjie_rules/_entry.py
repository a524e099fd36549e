"""The ``huanjie`` console script: the command line, or one line naming the missing extra.

The script's entry point must not import the command line's own dependencies (typer, rich)
before it can say they are missing; this module imports them inside :func:`main` and turns a
:class:`~huanjie_rules.errors.MissingExtraError` into one line on standard error and exit
status 2, as ``python -m huanjie_rules`` does.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``huanjie``; without the ``cli`` extra, say which extra to install and return 2."""
    from .errors import MissingExtraError

    try:
        from .cli import main as run
    except MissingExtraError as exc:
        print(f"huanjie: {exc.message}", file=sys.stderr)
        return 2
    return run(argv)
