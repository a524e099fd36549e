"""The library's exception hierarchy.

Every error the library raises on purpose is a :class:`HuanjieError`. Each carries a stable
``code`` (for programs and other languages) and, where it concerns a piece of input, the
``path`` of the bad field (``"candidates[2].person.birth_date"``). Validation collects every
problem before raising, so one :class:`InvalidDataError` lists them all.

Example:
    >>> from huanjie_rules.errors import InvalidDataError, Problem
    >>> err = InvalidDataError([Problem("NEGATIVE", "seats[0].count", "must be >= 1, got 0")])
    >>> err.code, [p.path for p in err.problems]
    ('INVALID_DATA', ['seats[0].count'])
    >>> isinstance(err, ValueError)
    True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "AmbiguousLabelError",
    "CalendarCoverageError",
    "HuanjieError",
    "InvalidDataError",
    "LabelError",
    "ParameterError",
    "PolicyError",
    "PolicyNotInForceError",
    "Problem",
    "RuleInputError",
    "SchemaVersionError",
    "TallyMismatchError",
    "UnknownLabelError",
    "UnknownPolicyError",
]


@attrs.frozen(kw_only=False)
class Problem:
    """One problem found in input data: a stable code, the field path and a message."""

    code: str
    path: str
    message: str

    def with_prefix(self, prefix: str) -> Problem:
        """Return the same problem with ``prefix`` put in front of its path."""
        if not prefix:
            return self
        if not self.path:
            return Problem(self.code, prefix, self.message)
        sep = "" if self.path.startswith("[") else "."
        return Problem(self.code, f"{prefix}{sep}{self.path}", self.message)

    def __str__(self) -> str:
        where = self.path or "<root>"
        return f"{where}: {self.message} [{self.code}]"


class HuanjieError(Exception):
    """Base class of every error raised by huanjie_rules.

    Attributes:
        code: a stable, upper-case identifier of the kind of error.
        path: the path of the offending field, or ``""`` when the error is not about a field.
    """

    code: str = "HUANJIE_ERROR"

    def __init__(self, message: str, *, code: str | None = None, path: str = "") -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.path = path
        self.message = message

    def __str__(self) -> str:
        prefix = f"{self.path}: " if self.path else ""
        return f"{prefix}{self.message} [{self.code}]"


class InvalidDataError(HuanjieError, ValueError):
    """Input data failed validation; ``problems`` lists every problem found, each with a path."""

    code = "INVALID_DATA"

    def __init__(self, problems: Iterable[Problem], *, context: str = "") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        lines = "; ".join(str(p) for p in self.problems)
        head = f"{context}: " if context else ""
        n = len(self.problems)
        super().__init__(f"{head}{n} problem{'s' if n != 1 else ''}: {lines}")

    def with_prefix(self, prefix: str) -> InvalidDataError:
        """Return a copy whose problems' paths all start with ``prefix``."""
        return InvalidDataError(p.with_prefix(prefix) for p in self.problems)

    @property
    def paths(self) -> Sequence[str]:
        """The paths of all problems, in the order found."""
        return [p.path for p in self.problems]


class RuleInputError(HuanjieError, ValueError):
    """A rule function was called with arguments it cannot answer for (negative counts, …)."""

    code = "RULE_INPUT"


class LabelError(HuanjieError, ValueError):
    """A text label could not be turned into an enum member."""

    code = "LABEL"


class UnknownLabelError(LabelError):
    """No enum member has this spelling."""

    code = "UNKNOWN_LABEL"


class AmbiguousLabelError(LabelError):
    """The spelling fits more than one meaning (硕士: a 学历 or a 学位?)."""

    code = "AMBIGUOUS_LABEL"


class PolicyError(HuanjieError, LookupError):
    """A policy profile is missing, malformed or asked for something it does not hold."""

    code = "POLICY"


class UnknownPolicyError(PolicyError):
    """No shipped or supplied profile has this id."""

    code = "UNKNOWN_POLICY"


class PolicyNotInForceError(PolicyError):
    """The profile was not in force on the date asked about (strict lookup)."""

    code = "POLICY_NOT_IN_FORCE"


class ParameterError(PolicyError):
    """A parameter is missing from a profile, or has another type than the caller expects."""

    code = "PARAMETER"


class SchemaVersionError(HuanjieError, ValueError):
    """A serialized record carries a schema_version this release cannot read."""

    code = "SCHEMA_VERSION"


class TallyMismatchError(HuanjieError, ValueError):
    """Two tallies of different elections or candidate lists were asked to merge."""

    code = "TALLY_MISMATCH"


class CalendarCoverageError(HuanjieError, LookupError):
    """A date falls outside the years the working-day calendar has data for."""

    code = "CALENDAR_COVERAGE"
