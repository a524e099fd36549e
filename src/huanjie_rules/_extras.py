"""Optional dependencies (extras), imported when a feature first needs them.

The core imports none of them: ``import huanjie_rules`` works with the core dependencies alone.
A feature that needs an extra calls :func:`require`, which imports the module or raises
:class:`~huanjie_rules.errors.MissingExtraError` naming the extra to install.

Example:
    >>> require("json", "none", feature="this example").__name__
    'json'
    >>> require("no_such_module_here", "calendar", feature="the national holiday calendar")
    Traceback (most recent call last):
    ...
    huanjie_rules.errors.MissingExtraError: calendar: the national holiday calendar needs the 'no_such_module_here' package, which is not installed: pip install "huanjie-rules[calendar]" [MISSING_EXTRA]
"""

from __future__ import annotations

import importlib
from typing import Any

from .errors import MissingExtraError

__all__ = ["require"]


def require(module: str, extra: str, *, feature: str) -> Any:
    """Import ``module`` (a dependency of the extra ``extra``) or raise MissingExtraError.

    Args:
        module: the module to import, e.g. ``"numpy"``.
        extra: the extra of huanjie-rules that installs it, e.g. ``"fast"``.
        feature: what needs it, for the message, e.g. ``"the numpy fast path"``.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        package = module.split(".", 1)[0]
        raise MissingExtraError(
            f"{feature} needs the {package!r} package, which is not installed: "
            f'pip install "huanjie-rules[{extra}]"',
            path=extra,
        ) from exc
