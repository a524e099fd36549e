"""Smoke program of the extra ``calendar`` (chinesecalendar).

``python -I smoke/extra_calendar.py`` in an environment with the extra: the national calendar
answers across a holiday and its 调休. With ``--absent``, in one without it: the library still
imports, and the adapter refuses with MissingExtraError naming the extra.
"""

from __future__ import annotations

import datetime as dt
import sys

from huanjie_rules import add_workdays, default_calendar
from huanjie_rules.errors import MissingExtraError


def present() -> None:
    cal = default_calendar()
    assert cal.source.startswith("chinesecalendar ")
    # 2025 National Day: 1–8 October off, Sunday 28 September and Saturday 11 October worked.
    assert cal.is_workday(dt.date(2025, 9, 28)) and not cal.is_workday(dt.date(2025, 10, 1))
    assert add_workdays(dt.date(2025, 9, 30), 1, cal) == dt.date(2025, 10, 9)
    print("calendar smoke passed")


def absent() -> None:
    try:
        default_calendar()
    except MissingExtraError as err:
        assert err.extra == "calendar" and "huanjie-rules[calendar]" in str(err), err
        assert err.code == "MISSING_EXTRA"
    else:
        raise AssertionError("default_calendar() worked without the calendar extra")
    print("calendar absent: MissingExtraError names the extra")


if __name__ == "__main__":
    absent() if sys.argv[1:] == ["--absent"] else present()
