"""Masking 公民身份号码 wherever the library shows text (internal; public names in ``idcard``).

Kept free of imports from the rest of the package so that ``errors`` can redact messages.

The threat answered (see docs/privacy.md): someone holds everything the library writes about a
person in one output — the masked number, the stated ``birth_date``, the ``gender``, findings'
observed dates (the birth date an ID encodes), the election and its place — and tries to rebuild
the full number. The 18 characters are 6 region digits (2 province, 2 city, 2 county), 8 birth
digits, 3 sequence digits (the last one odd for men) and a check character. The birth date and
the sex digit's parity are written elsewhere, and the county is usually known from the election,
so a mask that shows the sequence code or the check character gives the number away, or leaves a
handful of candidates (the check character alone cuts 500 to about 45). The mask therefore shows
only the first 4 characters (province and city) and hides the county, the birth date, the whole
sequence code and the check character: even an attacker who knows the county, the birth date and
the sex is left with 500 equally likely numbers, and nothing else the library writes narrows them.
"""

from __future__ import annotations

import re

__all__ = ["SHOWN", "mask", "redact", "redact_data"]

#: How many leading characters of a number the mask shows (province and city).
SHOWN = 4

# A run of 15 or more digits (ASCII or full-width), optionally ending in X: the shape of a
# 公民身份号码, also when typed into a field that is not one (a name, a key, a note).
_DIGIT = "0-9\uff10-\uff19"  # ASCII and full-width digits
_X = "Xx\uff38\uff58"  # X, x and their full-width forms
_ID_RUN = re.compile(rf"(?<![{_DIGIT}])[{_DIGIT}]{{15,}}[{_X}]?(?![{_DIGIT}{_X}])")


def mask(number: str) -> str:
    """The number with all but its first 4 characters (province and city) replaced by ``*``.

    Texts of 8 characters or fewer are masked whole.

    Example:
        >>> mask("11010519491231002X")
        '1101**************'
        >>> mask("110105491231002"), mask("1234")
        ('1101***********', '****')
    """
    if len(number) <= 2 * SHOWN:
        return "*" * len(number)
    return number[:SHOWN] + "*" * (len(number) - SHOWN)


_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _plausible_date(digits: str) -> bool:
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    if not (1800 <= year <= 2999 and 1 <= month <= 12 and 1 <= day <= _DAYS[month]):
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return not (month == 2 and day == 29 and not leap)


def _is_id_number(run: str) -> bool:
    """True if ``run`` (ASCII) is a valid 18-character number or a 15-digit one with a real date."""
    if len(run) == 15 and run.isdigit():
        return _plausible_date("19" + run[6:12])
    if len(run) != 18 or not run[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(run[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == run[17].upper() and _plausible_date(run[6:14])


def _ascii(run: str) -> str:
    return "".join(chr(ord(c) - 0xFEE0) if ord(c) >= 0xFF10 else c for c in run)


def redact(text: str, *, strict: bool = False) -> str:
    """``text`` with every run shaped like an ID number masked.

    By default any run of 15 or more digits (ASCII or full-width, maybe ending in X) is masked:
    that is how messages, paths and reprs are shown, where a long number is never needed.
    ``strict=True`` masks only runs that are valid numbers (a 18-character one with a right
    check character and a real birth date, or a 15-digit one with a real date): that is how the
    text fields of written records are treated, so that a URL or a long reference number stays
    as it is.

    Example:
        >>> redact("name '11010519491231002X' is not a name")
        "name '1101**************' is not a name"
        >>> redact("seats 7, ballots 800")
        'seats 7, ballots 800'
        >>> redact("see https://example.org/doc/14370000000000000/3", strict=True)
        'see https://example.org/doc/14370000000000000/3'
        >>> redact("王芳 11010519491231002X", strict=True)
        '王芳 1101**************'
    """
    if len(text) < 15:
        return text
    if strict:
        return _ID_RUN.sub(
            lambda m: mask(m.group()) if _is_id_number(_ascii(m.group())) else m.group(), text
        )
    return _ID_RUN.sub(lambda m: mask(m.group()), text)


def redact_data(text: str) -> str:
    """``redact(text, strict=True)``: the form used for text fields of written records."""
    return redact(text, strict=True)
