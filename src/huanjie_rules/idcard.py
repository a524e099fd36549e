"""公民身份号码 (GB 11643-1999): shape, check character, birth date and sex.

An :class:`IdNumber` never shows its digits: ``repr``, ``str`` and every message mask the middle
(``110101********1234``). Call :meth:`IdNumber.reveal` for the full number.

Example:
    >>> n = IdNumber("11010519491231002X")
    >>> n
    IdNumber('110105********002X')
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
from collections.abc import Iterable
from typing import Literal

import attrs

from ._base import Model
from .errors import Problem

__all__ = ["IdNumber", "check_character", "check_id_number", "is_valid_id_number", "mask"]

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# ASCII digits only: ``\d`` alone would also take Arabic-Indic or full-width digits.
_SHAPE_18 = re.compile(r"[0-9]{17}[0-9X]")
_SHAPE_15 = re.compile(r"[0-9]{15}")


def _clean(value: object) -> str:
    # Leaves non-strings alone so that type checking reports them with a path.
    return value.strip().upper() if isinstance(value, str) else value  # type: ignore[return-value]


def check_character(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits (ISO 7064 MOD 11-2)."""
    if not isinstance(first17, str) or not re.fullmatch(r"[0-9]{17}", first17):
        raise ValueError("check_character needs exactly 17 digits")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def mask(number: str) -> str:
    """Mask the middle of an ID number, keeping the first 6 and last 4 characters."""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


@attrs.frozen(kw_only=False, repr=False)
class IdNumber(Model):
    """A 公民身份号码 of 18 characters (or a 15-digit legacy number), upper-case ``X``.

    Construction checks the shape only (digits, length, a trailing X); the check character and
    the birth date are checked by :meth:`problems` so that a screen can report a bad number as a
    finding instead of refusing the whole record.
    """

    value: str = attrs.field(converter=_clean)

    def _checks(self) -> Iterable[Problem]:
        if not (_SHAPE_18.fullmatch(self.value) or _SHAPE_15.fullmatch(self.value)):
            yield Problem(
                "ID_SHAPE",
                "value",
                f"{mask(self.value)} is not 18 characters (17 digits + digit or X) nor 15 digits",
            )

    def __repr__(self) -> str:
        return f"IdNumber({mask(self.value)!r})"

    def __str__(self) -> str:
        return mask(self.value)

    def reveal(self) -> str:
        """The full number. Use it only where the caller is entitled to see it."""
        return self.value

    @property
    def legacy(self) -> bool:
        """True for a 15-digit number issued before 1999."""
        return len(self.value) == 15

    def to_18(self) -> IdNumber:
        """Convert a 15-digit number to 18 characters (century 19, new check character)."""
        if not self.legacy:
            return self
        body = self.value[:6] + "19" + self.value[6:]
        return IdNumber(body + check_character(body))

    def checksum_ok(self) -> bool:
        """True if the check character is right (15-digit numbers have none: always True)."""
        if self.legacy:
            return True
        return check_character(self.value[:17]) == self.value[17]

    def birth_date(self) -> _dt.date | None:
        """The birth date encoded in the number, or None if it is not a real date."""
        digits = self.to_18().value if self.legacy else self.value
        try:
            return _dt.date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
        except ValueError:
            return None

    def sex(self) -> Literal["M", "F"]:
        """``"M"`` or ``"F"`` from the sequence code's last digit (odd = male)."""
        digit = int(self.value[16] if not self.legacy else self.value[14])
        return "M" if digit % 2 else "F"

    def problems(self, *, today: _dt.date | None = None) -> tuple[Problem, ...]:
        """Every defect of the number: bad check character, impossible or future birth date."""
        found: list[Problem] = []
        if not self.checksum_ok():
            found.append(
                Problem(
                    "ID_CHECKSUM",
                    "value",
                    f"check character of {mask(self.value)} should be "
                    f"{check_character(self.value[:17])}",
                )
            )
        born = self.birth_date()
        if born is None:
            found.append(Problem("ID_BIRTH_DATE", "value", "encodes no real birth date"))
        elif today is not None and born > today:
            found.append(Problem("ID_BIRTH_DATE", "value", "encodes a birth date in the future"))
        return tuple(found)


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


def is_valid_id_number(text: object, *, today: _dt.date | None = None) -> bool:
    """True when :func:`check_id_number` finds nothing wrong with ``text``."""
    return not check_id_number(text, today=today)
