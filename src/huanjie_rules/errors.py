"""The library's exception hierarchy.

Every error the library raises on purpose is a :class:`HuanjieError`. Each carries a stable
``code`` (for programs and other languages) and, where it concerns a piece of input, the
``path`` of the bad field (``"candidates[2].person.birth_date"``). Validation collects every
problem before raising, so one :class:`InvalidDataError` lists them all.

Every code has a message in zh-CN and en in the error catalogue (``errors.messages.toml``,
see :mod:`huanjie_rules.messages`): ``message_zh`` and ``message_en`` say what the code means,
``message`` keeps the specific English detail, ``detail_zh`` and ``detail_en`` give that detail
in each language (from the detail catalogue ``errors.details.toml``, see
:mod:`huanjie_rules._details`; the English where it has no template), and ``render(lang)`` puts
path, message and detail together in the language asked for.

Example:
    >>> from huanjie_rules.errors import InvalidDataError, Problem
    >>> err = InvalidDataError([Problem("RANGE", "seats[0].count", "must be at least 1, got 0")])
    >>> err.code, [p.path for p in err.problems]
    ('INVALID_DATA', ['seats[0].count'])
    >>> isinstance(err, ValueError)
    True
    >>> err.message_zh, err.problems[0].message_en
    ('输入数据有1处问题', 'the value is out of the permitted range')
    >>> print(err.render("zh"))
    输入数据有1处问题：seats[0].count：数值超出允许范围（须至少为1，实际为0）[RANGE]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from ._privacy import redact

__all__ = [
    "AmbiguousLabelError",
    "ArgumentError",
    "CalendarCoverageError",
    "HuanjieError",
    "InvalidDataError",
    "LabelError",
    "MissingExtraError",
    "ParameterError",
    "PolicyError",
    "PolicyNotInForceError",
    "Problem",
    "RowsError",
    "RuleInputError",
    "SchemaVersionError",
    "TableReadError",
    "TallyMismatchError",
    "UnknownLabelError",
    "UnknownPolicyError",
]


def _catalogue_text(code: str, fallback: str, lang: str, values: Mapping[str, object]) -> str:
    from .messages import ERROR_MESSAGES, language

    which = language(lang)
    template = ERROR_MESSAGES.get(code) or ERROR_MESSAGES[fallback]
    zh, en = template.render(values)
    return zh if which == "zh" else en


def _rendered(where: str, text: str, detail: str, code: str, lang: str) -> str:
    from .messages import language

    zh = language(lang) == "zh"
    head = f"{where}{'：' if zh else ': '}" if where else ""
    tail = (f"（{detail}）" if zh else f" ({detail})") if detail else ""
    return f"{head}{text}{tail} [{code}]" if not zh else f"{head}{text}{tail}[{code}]"


def _detail(message: str, lang: str) -> str:
    # The detail in ``lang``: the English message's template rendered in that language, or the
    # English message itself where no template fits (see huanjie_rules._details).
    from ._details import detail_of
    from .messages import language

    which = language(lang)
    found = detail_of(message)
    return message if found is None else found.render(which)


def _flag(value: object, name: str) -> None:
    # The error classes sit below the argument checker; their few flags are checked here.
    if value is not True and value is not False:
        raise ArgumentError(
            f"{name} must be True or False, got {type(value).__name__}", code="TYPE", path=name
        )


def _redacted(value: object) -> object:
    # Messages and paths echo input; an ID number typed anywhere is shown masked.
    return redact(value) if isinstance(value, str) else value


@attrs.frozen(kw_only=False)
class Problem:
    """One problem found in input data: a stable code, the field path and a message.

    ``message`` is the specific detail, in English; ``message_zh`` and ``message_en`` say what the
    code means, from the error catalogue.

    The path and message never show an ID number whole: runs shaped like one are masked.
    """

    code: str
    path: str = attrs.field(converter=_redacted)
    message: str = attrs.field(converter=_redacted)

    @property
    def message_zh(self) -> str:
        """What the code means, in Chinese."""
        return _catalogue_text(self.code, "INVALID_DATA", "zh", {"count": 1})

    @property
    def message_en(self) -> str:
        """What the code means, in English."""
        return _catalogue_text(self.code, "INVALID_DATA", "en", {"count": 1})

    @property
    def detail_zh(self) -> str:
        """The specific detail in Chinese (``message`` is the English), from the detail
        catalogue; the English ``message`` where the catalogue has no template for it.

        Example:
            >>> Problem("TYPE", "seats", "expected int, got str").detail_zh
            '应为整数（int），实际为文本（str）'
        """
        return _detail(self.message, "zh")

    @property
    def detail_en(self) -> str:
        """The specific detail in English: the same text as ``message``."""
        return _detail(self.message, "en")

    @property
    def detail_key(self) -> str | None:
        """The detail catalogue's template of ``message`` (``"EXPECTED"``), or None if none fits."""
        from ._details import detail_of

        found = detail_of(self.message)
        return None if found is None else found.key

    def render(self, lang: str = "en", *, detail: bool = True) -> str:
        """The problem in ``lang`` (``"zh"``/``"zh-CN"`` or ``"en"``): path, message, detail, code.

        Example:
            >>> Problem("EMPTY", "seats", "an election needs at least one seat").render("zh-CN")
            'seats：不能为空（选举至少须有一个名额）[EMPTY]'
            >>> Problem("EMPTY", "seats", "an election needs at least one seat").render("en")
            'seats: must not be empty (an election needs at least one seat) [EMPTY]'
        """
        _flag(detail, "detail")
        text = _catalogue_text(self.code, "INVALID_DATA", lang, {"count": 1})
        return _rendered(
            self.path or "<root>",
            text,
            _detail(self.message, lang) if detail else "",
            self.code,
            lang,
        )

    def with_prefix(self, prefix: str) -> Problem:
        """Return the same problem with ``prefix`` put in front of its path."""
        if not isinstance(prefix, str):
            raise ArgumentError(
                f"prefix must be a string, got {type(prefix).__name__}", code="TYPE", path="prefix"
            )
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
        message, path = redact(str(message)), redact(str(path))
        super().__init__(message)
        if code is not None:
            self.code = code
        self.path = path
        self.message = message

    def __str__(self) -> str:
        prefix = f"{self.path}: " if self.path else ""
        return f"{prefix}{self.message} [{self.code}]"

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled as the instance's state, never by calling __init__ again with the message
        # (which a RowsError cannot take): errors raised on dask workers reach the client whole.
        return (_restore, (type(self), self.args, dict(self.__dict__)))

    def _values(self) -> Mapping[str, object]:
        return {}

    @property
    def message_zh(self) -> str:
        """What the code means, in Chinese (from the error catalogue); ``message`` is the detail."""
        return _catalogue_text(self.code, type(self).code, "zh", self._values())

    @property
    def message_en(self) -> str:
        """What the code means, in English (from the error catalogue); ``message`` is the detail."""
        return _catalogue_text(self.code, type(self).code, "en", self._values())

    def _detail_in(self, lang: str) -> str:
        return _detail(self.message, lang)

    @property
    def detail_zh(self) -> str:
        """The specific detail in Chinese (``message`` is the English), from the detail
        catalogue; the English ``message`` where the catalogue has no template for it.

        Example:
            >>> ArgumentError("expected int, got str", code="TYPE", path="seats").detail_zh
            '应为整数（int），实际为文本（str）'
        """
        return self._detail_in("zh")

    @property
    def detail_en(self) -> str:
        """The specific detail in English (the problems' details for an error that has them)."""
        return self._detail_in("en")

    def render(self, lang: str = "en", *, detail: bool = True) -> str:
        """The error in ``lang`` (``"zh"``/``"zh-CN"`` or ``"en"``): path, message, detail, code.

        Example:
            >>> err = RuleInputError("3 seats, 2 candidates", code="UNKNOWN_OFFICE", path="office")
            >>> err.render("zh")
            'office：该职务不在本次选举或本张选票上（3 seats, 2 candidates）[UNKNOWN_OFFICE]'
            >>> ArgumentError("expected int, got str", code="TYPE", path="seats").render("zh")
            'seats：值的类型不符（应为整数（int），实际为文本（str））[TYPE]'
        """
        _flag(detail, "detail")
        text = _catalogue_text(self.code, type(self).code, lang, self._values())
        return _rendered(self.path, text, self._detail_in(lang) if detail else "", self.code, lang)


def _restore(cls: type[HuanjieError], args: tuple[object, ...], state: dict[str, object]) -> object:
    err = cls.__new__(cls)
    Exception.__init__(err, *args)
    err.__dict__.update(state)
    return err


class InvalidDataError(HuanjieError, ValueError):
    """Input data failed validation; ``problems`` lists every problem found, each with a path."""

    code = "INVALID_DATA"

    def __init__(self, problems: Iterable[Problem], *, context: str = "") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        lines = "; ".join(str(p) for p in self.problems)
        head = f"{context}: " if context else ""
        n = len(self.problems)
        super().__init__(f"{head}{n} problem{'s' if n != 1 else ''}: {lines}")

    def _values(self) -> Mapping[str, object]:
        return {"count": len(self.problems)}

    def render(self, lang: str = "en", *, detail: bool = True) -> str:
        """Every problem in ``lang``, after a head line saying how many there are."""
        from .messages import language

        _flag(detail, "detail")
        zh = language(lang) == "zh"
        head = self.message_zh if zh else self.message_en
        parts = [p.render(lang, detail=detail) for p in self.problems]
        return head + ("：" if zh else ": ") + ("；" if zh else "; ").join(parts)

    def _detail_in(self, lang: str) -> str:
        from .messages import language

        sep = "；" if language(lang) == "zh" else "; "
        return sep.join(p.render(lang) for p in self.problems)

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


class RowsError(RuleInputError):
    """Rows of a batch the rule cannot answer for: every such row, not just the first.

    ``problems`` lists each bad row's problem with its index in the path
    (``candidates[3].office``); ``code`` and ``path`` are those of the first, so code written
    for a single :class:`RuleInputError` keeps working.
    """

    code = "ROWS"

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        first = self.problems[0]
        n = len(self.problems)
        detail = "; ".join(str(p) for p in self.problems)
        super().__init__(
            f"{n} row{'s' if n != 1 else ''} cannot be answered: {detail}"
            if n > 1
            else first.message,
            code=first.code,
            path=first.path,
        )

    def _detail_in(self, lang: str) -> str:
        from .messages import language

        if len(self.problems) == 1:
            return _detail(self.problems[0].message, lang)
        sep = "；" if language(lang) == "zh" else "; "
        return sep.join(p.render(lang) for p in self.problems)


class ArgumentError(RuleInputError, TypeError):
    """A public function or constructor got an argument of the wrong type or out of range.

    ``path`` names the argument (``"seats"``, ``"candidates[3]"``); ``code`` says what is wrong:
    ``TYPE`` (wrong type, such as ``"no"`` for a true/false flag), ``RANGE`` (outside the values
    the rule answers for) or ``LIMIT`` (beyond a resource limit, see :mod:`huanjie_rules.limits`).
    It is both a ``ValueError`` and a ``TypeError``, so callers written against either keep working.
    """

    code = "ARGUMENT"


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


class MissingExtraError(HuanjieError, RuntimeError):
    """An optional dependency is missing; the message names the extra to install.

    ``path`` is the extra's name (``"calendar"``, ``"fast"``, ``"testing"`` …), also available as
    :attr:`extra`.
    """

    code = "MISSING_EXTRA"

    @property
    def extra(self) -> str:
        """The extra to install: ``pip install "huanjie-rules[<extra>]"``."""
        return self.path


class TableReadError(HuanjieError, ValueError):
    """A table (XLSX, CSV, dataframe) could not be read at all: no row of it can be answered.

    Problems with single rows never raise: the reader reports them as error rows.
    """

    code = "TABLE_READ"
