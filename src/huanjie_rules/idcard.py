"""公民身份号码 (GB 11643-1999): shape, check character, birth date and sex.

An :class:`IdNumber` never shows its digits: ``repr``, ``str``, pretty-printing, ``attrs.asdict``
of the records that hold it and every message show only the first 4 characters (province and
city, ``1101**************``); the county, birth date, sequence code and check character stay
hidden, so the number cannot be rebuilt from the masked form plus the birth date, sex and place
written beside it (the threat model is in docs/privacy.md). Call :meth:`IdNumber.reveal` for the
full number.

Example:
    >>> n = IdNumber("11010519491231002X")
    >>> n
    IdNumber('1101**************')
    >>> n.checksum_ok(), n.birth_date(), n.sex()
    (True, datetime.date(1949, 12, 31), 'F')
    >>> check_character("11010519491231002")
    'X'
    >>> IdNumber("110105491231002").to_18().reveal()  # a 15-digit legacy number
    '11010519491231002X'

Legal basis: GB 11643-1999 《公民身份号码》 §5–§8 (structure; ISO 7064 MOD 11-2 check character).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Literal

from ._args import checked
from ._privacy import mask as _mask
from ._privacy import redact as _redact
from .errors import ArgumentError, InvalidDataError, Problem

__all__ = [
    "IdNumber",
    "check_character",
    "check_id_number",
    "is_valid_id_number",
    "mask",
    "redact",
]

#: The number with all but its first 4 characters masked (see :mod:`huanjie_rules._privacy`).
mask = checked(_mask)
#: ``text`` with every run shaped like an ID number masked.
redact = checked(_redact)

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# ASCII digits only: ``\d`` alone would also take Arabic-Indic or full-width digits.
_SHAPE_18 = re.compile(r"[0-9]{17}[0-9X]")
_SHAPE_15 = re.compile(r"[0-9]{15}")


@checked
def check_character(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits (ISO 7064 MOD 11-2)."""
    if not isinstance(first17, str) or not re.fullmatch(r"[0-9]{17}", first17):
        raise ArgumentError("check_character needs exactly 17 digits", code="RANGE", path="first17")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


class IdNumber:
    """A 公民身份号码 of 18 characters (or a 15-digit legacy number), upper-case ``X``.

    Construction checks the shape only (digits, length, a trailing X; surrounding whitespace is
    dropped); the check character and the birth date are checked by :meth:`problems` so that a
    screen can report a bad number as a finding instead of refusing the whole record.

    Immutable, hashable and compared by the number. It is deliberately not an attrs class, so
    that ``attrs.asdict`` of a record holding it keeps this object (whose every text form is
    masked) instead of spelling out its digits.

    Raises:
        InvalidDataError: ``ID_SHAPE`` for a text of another shape, ``TYPE`` for a non-string.
    """

    __slots__ = ("_value",)
    _value: str

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise InvalidDataError(
                [Problem("TYPE", "value", f"expected a string, got {type(value).__name__}")],
                context="IdNumber",
            )
        text = value.strip().upper()
        if not (_SHAPE_18.fullmatch(text) or _SHAPE_15.fullmatch(text)):
            shown = _mask(text) if len(text) <= 40 else f"a text of {len(text)} characters"
            raise InvalidDataError(
                [
                    Problem(
                        "ID_SHAPE",
                        "value",
                        f"{shown} is not 18 characters (17 digits + digit or X) nor 15 digits",
                    )
                ],
                context="IdNumber",
            )
        object.__setattr__(self, "_value", text)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("IdNumber is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("IdNumber is immutable")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IdNumber):
            return NotImplemented
        return self._value == other._value

    def __hash__(self) -> int:
        return hash((IdNumber, self._value))

    def __reduce__(self) -> tuple[Any, ...]:
        return (IdNumber, (self._value,))

    def __repr__(self) -> str:
        return f"IdNumber({_mask(self._value)!r})"

    def __str__(self) -> str:
        return _mask(self._value)

    def __format__(self, spec: str) -> str:
        return format(_mask(self._value), spec)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython's pretty-printer shows the masked form too."""
        printer.text(repr(self))

    def masked(self) -> str:
        """The number as the library shows it: ``1101**************``."""
        return _mask(self._value)

    def reveal(self) -> str:
        """The full number. Use it only where the caller is entitled to see it."""
        return self._value

    @property
    def legacy(self) -> bool:
        """True for a 15-digit number issued before 1999."""
        return len(self._value) == 15

    def to_18(self) -> IdNumber:
        """Convert a 15-digit number to 18 characters (century 19, new check character)."""
        if not self.legacy:
            return self
        body = self._value[:6] + "19" + self._value[6:]
        return IdNumber(body + check_character(body))

    def checksum_ok(self) -> bool:
        """True if the check character is right (15-digit numbers have none: always True)."""
        if self.legacy:
            return True
        return check_character(self._value[:17]) == self._value[17]

    def birth_date(self) -> _dt.date | None:
        """The birth date encoded in the number, or None if it is not a real date."""
        digits = self.to_18()._value if self.legacy else self._value
        try:
            return _dt.date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
        except ValueError:
            return None

    def sex(self) -> Literal["M", "F"]:
        """``"M"`` or ``"F"`` from the sequence code's last digit (odd = male)."""
        digit = int(self._value[16] if not self.legacy else self._value[14])
        return "M" if digit % 2 else "F"

    @checked
    def problems(self, *, today: _dt.date | None = None) -> tuple[Problem, ...]:
        """Every defect of the number: bad check character, impossible or future birth date."""
        found: list[Problem] = []
        if not self.checksum_ok():
            found.append(
                Problem(
                    "ID_CHECKSUM",
                    "value",
                    f"the check character of {_mask(self._value)} does not match its digits",
                )
            )
        born = self.birth_date()
        if born is None:
            found.append(Problem("ID_BIRTH_DATE", "value", "encodes no real birth date"))
        elif today is not None and born > today:
            found.append(Problem("ID_BIRTH_DATE", "value", "encodes a birth date in the future"))
        return tuple(found)


@checked
def check_id_number(text: object, *, today: _dt.date | None = None) -> tuple[Problem, ...]:
    """Every defect of an ID number given as text, without raising: () means valid.

    The shape (``ID_SHAPE``: 18 characters, 17 digits and a digit or X; or a 15-digit legacy
    number), then the check character (``ID_CHECKSUM``) and the encoded birth date
    (``ID_BIRTH_DATE``; after ``today`` when it is given). Messages show the number masked.

    Example:
        >>> check_id_number("11010519491231002X")
        ()
        >>> [p.code for p in check_id_number("110105194912310021")], [p.code for p in check_id_number("1234")]
        (['ID_CHECKSUM'], ['ID_SHAPE'])
        >>> is_valid_id_number("11010519491231002X"), is_valid_id_number("11010519491231002")
        (True, False)

    Legal basis: GB 11643-1999 《公民身份号码》 §5–§8.
    """
    from .errors import InvalidDataError

    if not isinstance(text, str):
        return (Problem("TYPE", "value", f"expected text, got {type(text).__name__}"),)
    try:
        number = IdNumber(text)
    except InvalidDataError as err:
        return err.problems
    return number.problems(today=today)


@checked
def is_valid_id_number(text: object, *, today: _dt.date | None = None) -> bool:
    """True when :func:`check_id_number` finds nothing wrong with ``text``."""
    return not check_id_number(text, today=today)
