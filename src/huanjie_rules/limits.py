"""How much input the library reads: sizes of texts, numbers, nesting, files and dates.

Every reader and every public function refuses input beyond these limits with the library's own
error (code ``LIMIT`` or ``RANGE``, with the path of the value), instead of running out of memory,
time or recursion depth. The limits a real user could need to raise are fields of
:class:`Limits`, passed to the readers (``from_json(..., limits=Limits(max_bytes=…))``,
``load_policy(..., limits=…)``); the others are module constants, far beyond anything an
election produces.

=================================  =================  ============================================
limit                              default            why
=================================  =================  ============================================
``Limits.max_bytes``               64 MiB             one JSON text
``Limits.max_depth``               64                 nesting of JSON arrays and objects (the
                                                      deepest record nests about 8 levels)
``Limits.max_string``              100 000 chars      one JSON string (a quotation, a note)
``Limits.max_digits``              40                 digits of a JSON integer, of each part of
                                                      a fraction ``"a/b"`` or a decimal ``"0.25"``
``Limits.max_profile_file_bytes``  1 MiB              one TOML file of a policy profile
``Limits.max_extends``             16                 profiles in one ``extends`` chain
``MAX_INT``                        10**15 - 1         any integer in a model record (counts of
                                                      voters, ballots, votes, members, months)
``MAX_FRACTION_PART``              10**40 - 1         numerator and denominator of a fraction in
                                                      a record (every record can be read back)
``MIN_DATE`` … ``MAX_DATE``        1800-01-01 …       any date in a record or argument: date
                                   2999-12-31         arithmetic (terms, deadlines, look-back
                                                      windows) never leaves the calendar
=================================  =================  ============================================

A fraction is read only in the forms ``"3"``, ``"-3"``, ``"4/5"`` and ``"0.25"`` (no exponent:
``"1e999999999"`` would make a number of a billion digits).

Example:
    >>> parse_fraction("4/5"), parse_fraction(" 0.25 ")
    (Fraction(4, 5), Fraction(1, 4))
    >>> parse_fraction("1e999999999")
    Traceback (most recent call last):
    ...
    huanjie_rules.errors.ArgumentError: text: expected a fraction like '4/5', '3' or '0.25', got '1e999999999' [TYPE]
    >>> parse_fraction("1" * 41)
    Traceback (most recent call last):
    ...
    huanjie_rules.errors.ArgumentError: text: a number of more than 40 digits is beyond the limit (Limits.max_digits) [LIMIT]
    >>> Limits().max_depth, Limits(max_depth=200).max_depth
    (64, 200)
"""

from __future__ import annotations

import datetime as _dt
import re
from fractions import Fraction

import attrs

from .errors import ArgumentError

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_DATE",
    "MAX_FRACTION_PART",
    "MAX_INT",
    "MIN_DATE",
    "Limits",
    "parse_fraction",
]

#: The largest magnitude of an integer in a model record.
MAX_INT = 10**15 - 1
#: The largest numerator (in magnitude) or denominator of a fraction in a model record.
MAX_FRACTION_PART = 10**40 - 1
#: The earliest date a record or an argument may hold.
MIN_DATE = _dt.date(1800, 1, 1)
#: The latest date a record or an argument may hold.
MAX_DATE = _dt.date(2999, 12, 31)


def _positive(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentError(
            f"Limits.{attribute.name} must be a positive integer, got {type(value).__name__}",
            code="TYPE",
            path=attribute.name,
        )
    if not 1 <= value <= 2**62:
        raise ArgumentError(
            f"Limits.{attribute.name} must be a positive integer, got {value}",
            code="RANGE",
            path=attribute.name,
        )


@attrs.frozen(kw_only=True)
class Limits:
    """Sizes the readers accept; raise one where your data really needs more.

    Attributes:
        max_bytes: the largest JSON text, in bytes (a ``str`` counts its UTF-8 length).
        max_depth: the deepest nesting of JSON arrays and objects.
        max_string: the longest JSON string, in characters.
        max_digits: the most digits of a JSON integer or of one part of a fraction.
        max_profile_file_bytes: the largest TOML file of a policy profile.
        max_extends: the most profiles in one ``extends`` chain (the profile itself included).
    """

    max_bytes: int = attrs.field(default=64 * 2**20, validator=_positive)
    max_depth: int = attrs.field(default=64, validator=_positive)
    max_string: int = attrs.field(default=100_000, validator=_positive)
    max_digits: int = attrs.field(default=40, validator=_positive)
    max_profile_file_bytes: int = attrs.field(default=2**20, validator=_positive)
    max_extends: int = attrs.field(default=16, validator=_positive)


#: The limits used when a reader is given none.
DEFAULT_LIMITS = Limits()

_FRACTION = re.compile(r"\s*([+-]?)([0-9]+)(?:/([0-9]+)|\.([0-9]+))?\s*")


def parse_fraction(text: str, *, max_digits: int = DEFAULT_LIMITS.max_digits) -> Fraction:
    """Read an exact number written ``"3"``, ``"-3"``, ``"4/5"`` or ``"0.25"``, within limits.

    Raises:
        ArgumentError: for another form or type, a zero denominator (code ``TYPE``), or a part
            longer than ``max_digits`` (code ``LIMIT``).
    """
    try:
        return _read_fraction(text, max_digits=max_digits)
    except ValueError as exc:
        code = "LIMIT" if "beyond the limit" in str(exc) else "TYPE"
        raise ArgumentError(str(exc), code=code, path="text") from None


def _read_fraction(text: str, *, max_digits: int = DEFAULT_LIMITS.max_digits) -> Fraction:
    """:func:`parse_fraction` for the library's readers: raises a plain ``ValueError``, which
    they report as a problem with the path of the value."""
    if isinstance(max_digits, bool) or not isinstance(max_digits, int) or max_digits < 1:
        raise ValueError(f"max_digits must be a positive integer, got {max_digits!r}")
    if not isinstance(text, str):
        raise ValueError(
            f"expected a fraction like '4/5', '3' or '0.25', got {type(text).__name__}"
        )
    if len(text) > 2 * max_digits + 64:  # before the regex: never scan a huge text
        raise ValueError(
            f"a number of more than {max_digits} digits is beyond the limit (Limits.max_digits)"
        )
    match = _FRACTION.fullmatch(text)
    if match is None:
        shown = text if len(text) <= 40 else text[:37] + "…"
        raise ValueError(f"expected a fraction like '4/5', '3' or '0.25', got {shown!r}")
    sign, whole, denominator, decimals = match.groups()
    if max(len(whole), len(denominator or ""), len(decimals or "")) > max_digits:
        raise ValueError(
            f"a number of more than {max_digits} digits is beyond the limit (Limits.max_digits)"
        )
    if denominator is not None:
        if int(denominator) == 0:
            raise ValueError(f"a fraction with a zero denominator: {text.strip()!r}")
        value = Fraction(int(whole), int(denominator))
    elif decimals is not None:
        value = Fraction(int(whole + decimals), 10 ** len(decimals))
    else:
        value = Fraction(int(whole))
    return -value if sign == "-" else value
