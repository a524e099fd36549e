"""The result vocabulary: citations, findings and verdicts.

Every answer the library gives carries :class:`Finding` values: which rule (``rule_id``), which
article (:class:`Citation`), what was observed and what the limit was, and a message in zh-CN and
en. A finding's ``severity`` says how it weighs: ``FAIL`` for a hard rule that is broken, ``WARN``
for a soft one (一般, 原则上, 左右) or for something a person must review, ``INFO`` for a note.

Example:
    >>> from huanjie_rules.findings import Citation, Finding, Message, Severity
    >>> cite = Citation(instrument="VC18", title="《中华人民共和国村民委员会组织法》", article="第十三条")
    >>> msg = Message(zh="年龄{observed}周岁，未满{limit}周岁", en="aged {observed}, under {limit}")
    >>> f = Finding.build(
    ...     code="AGE_UNDER_MINIMUM", severity=Severity.FAIL, rule_id="VILLAGE-VC18-ART13-VOTERS",
    ...     citation=cite, message=msg, observed=17, limit=18,
    ... )
    >>> f.message_zh, f.message_en
    ('年龄17周岁，未满18周岁', 'aged 17, under 18')
"""

from __future__ import annotations

import datetime as _dt
import enum
import string
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Self

import attrs

from ._args import checked, unchecked
from ._base import Model, to_tuple
from .errors import Problem, RuleInputError

__all__ = [
    "Citation",
    "Eligibility",
    "Finding",
    "Message",
    "Scalar",
    "Severity",
    "Status",
    "Verdict",
    "format_scalar",
    "worst_severity",
]

#: The values a finding can report as observed or as limit. No float, ever.
Scalar = int | Fraction | str | bool | _dt.date | None


class Severity(enum.Enum):
    """How much a finding weighs. Ordered: ``FAIL`` > ``WARN`` > ``INFO``."""

    INFO = "INFO"
    WARN = "WARN"
    FAIL = "FAIL"

    @property
    def rank(self) -> int:
        """0 for INFO, 1 for WARN, 2 for FAIL."""
        return ("INFO", "WARN", "FAIL").index(self.value)

    @property
    def label(self) -> str:
        """The Chinese label: 提示 / 警示 / 不符合."""
        return {"INFO": "提示", "WARN": "警示", "FAIL": "不符合"}[self.value]


class Status(enum.Enum):
    """The overall verdict of a screen: eligible, ineligible, or a person must review."""

    ELIGIBLE = "ELIGIBLE"
    NEEDS_REVIEW = "NEEDS_REVIEW"
    INELIGIBLE = "INELIGIBLE"

    @property
    def label(self) -> str:
        """The Chinese label: 符合 / 需审核 / 不符合."""
        return {"ELIGIBLE": "符合", "NEEDS_REVIEW": "需审核", "INELIGIBLE": "不符合"}[self.value]


@attrs.frozen(kw_only=True)
class Citation(Model):
    """Where a rule or number comes from.

    Attributes:
        instrument: a short key for the instrument (``"PB20"``, ``"ER20"``, ``"seed-001"``).
        title: its full title, e.g. 《中国共产党基层组织选举工作条例》.
        article: the article or passage (``"第四条"``, ``"art 45 ¶4"``), if known.
        effective_from: the day the instrument took effect, if known.
        effective_to: the last day it was in force, if it has been superseded.
        url: a public address of the text the rule was read from.
        seed: a ``file:line`` reference into the seed documents, for local rules.
        quote: the decisive words in the original, e.g. 「超过应到会人数的五分之四」.
        reliability: FULLTEXT, EXCERPT, SECONDARY, MEMORY, UNSURE, LOCAL or READING (the
            library's own reading where the text is silent); see docs/policy.md.
    """

    instrument: str
    title: str
    article: str | None = None
    effective_from: _dt.date | None = None
    effective_to: _dt.date | None = None
    url: str | None = None
    seed: str | None = None
    quote: str | None = None
    reliability: str = "SECONDARY"

    def _checks(self) -> Iterable[Problem]:
        if not self.instrument.strip():
            yield Problem("EMPTY", "instrument", "must not be empty")
        if (
            self.effective_from is not None
            and self.effective_to is not None
            and self.effective_to < self.effective_from
        ):
            yield Problem("DATE_ORDER", "effective_to", "is before effective_from")

    def short(self) -> str:
        """A one-line reference such as ``《…》第四条``."""
        return f"{self.title}{self.article or ''}"


@attrs.frozen
class Message:
    """A message template in zh-CN and en, filled with ``str.format`` named fields."""

    zh: str
    en: str

    def fields(self) -> tuple[frozenset[str], frozenset[str]]:
        """The placeholder names used by each language (they should be the same)."""

        def names(t: str) -> frozenset[str]:
            return frozenset(f for _, f, _, _ in string.Formatter().parse(t) if f)

        return names(self.zh), names(self.en)

    @checked
    def render(self, values: Mapping[str, object]) -> tuple[str, str]:
        """Fill both templates; scalars are shown exactly (fractions as ``a/b``)."""
        return self._render(values)

    def _render(self, values: Mapping[str, object]) -> tuple[str, str]:
        shown = {k: _format_scalar(v) for k, v in values.items()}
        try:
            return self.zh.format_map(shown), self.en.format_map(shown)
        except KeyError as exc:
            raise RuleInputError(
                f"the message needs a value for {exc.args[0]!r}",
                code="MISSING",
                path=f"values[{exc.args[0]!r}]",
            ) from None
        except (AttributeError, IndexError, ValueError) as exc:
            raise RuleInputError(
                f"the message cannot be filled in: {exc}", code="TYPE", path="values"
            ) from None


@checked
def format_scalar(value: object) -> str:
    """Show a value exactly: ``Fraction(4, 5)`` as ``4/5``, dates in ISO form, None as ``-``."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{value}"
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


_format_scalar = unchecked(format_scalar)


@attrs.frozen(kw_only=True)
class Finding(Model):
    """One explained observation about the input.

    Attributes:
        code: a stable identifier of the kind of finding (``AGE_OVER_LIMIT``); see each module's
            ``FINDING_CODES`` for the full list with messages.
        severity: FAIL, WARN or INFO.
        rule_id: the rule in the catalogue (``PARTY-BASIC-2020-ART5-RIGHTS``).
        citation: the instrument and article behind it.
        observed: the value seen in the input.
        limit: the value the rule compares it with.
        message_zh: the explanation in Chinese.
        message_en: the explanation in English.
        subject: what the finding is about (a candidate key, a field path, a unit), or ``""``.
        parameter: the policy parameter that supplied the limit, if any.
    """

    code: str
    severity: Severity
    rule_id: str
    citation: Citation
    observed: Scalar = None
    limit: Scalar = None
    message_zh: str
    message_en: str
    subject: str = ""
    parameter: str | None = None

    @classmethod
    @checked
    def build(
        cls,
        *,
        code: str,
        severity: Severity,
        rule_id: str,
        citation: Citation,
        message: Message,
        observed: Scalar = None,
        limit: Scalar = None,
        subject: str = "",
        parameter: str | None = None,
        **values: object,
    ) -> Finding:
        """Make a finding, rendering ``message`` with observed, limit, subject and ``values``."""
        return cls._build(
            code=code,
            severity=severity,
            rule_id=rule_id,
            citation=citation,
            message=message,
            observed=observed,
            limit=limit,
            subject=subject,
            parameter=parameter,
            **values,
        )

    @classmethod
    def _build(
        cls,
        *,
        code: str,
        severity: Severity,
        rule_id: str,
        citation: Citation,
        message: Message,
        observed: Scalar = None,
        limit: Scalar = None,
        subject: str = "",
        parameter: str | None = None,
        **values: object,
    ) -> Finding:
        """:meth:`build` without its entry checks (the library's own rules call it)."""
        zh, en = message._render(
            {"observed": observed, "limit": limit, "subject": subject, **values}
        )
        return cls(
            code=code,
            severity=severity,
            rule_id=rule_id,
            citation=citation,
            observed=observed,
            limit=limit,
            message_zh=zh,
            message_en=en,
            subject=subject,
            parameter=parameter,
        )

    @checked
    def render(self, lang: str = "en") -> str:
        """The message in ``lang``: ``"zh"`` (or ``"zh-CN"``) or ``"en"``.

        Example:
            >>> cite = Citation(instrument="VC18", title="《村民委员会组织法》", article="第十三条")
            >>> f = Finding.build(code="AGE_UNDER_MINIMUM", severity=Severity.FAIL, rule_id="R",
            ...     citation=cite, message=Message(zh="未满{limit}周岁", en="under {limit}"), limit=18)
            >>> f.render("zh-CN"), f.render("en")
            ('未满18周岁', 'under 18')
        """
        from .messages import pick

        return pick(lang, self.message_zh, self.message_en)


@checked
def worst_severity(findings: Iterable[Finding]) -> Severity | None:
    """The heaviest severity among ``findings``, or None when there are none."""
    worst: Severity | None = None
    for f in findings:
        if worst is None or f.severity.rank > worst.rank:
            worst = f.severity
    return worst


_worst_severity = unchecked(worst_severity)


@attrs.frozen(kw_only=True)
class Verdict(Model):
    """A status with every finding behind it: the shape of every screen's answer.

    ``status`` is derived from the findings by :meth:`from_findings`: any FAIL makes it
    INELIGIBLE, else any WARN makes it NEEDS_REVIEW, else ELIGIBLE. Findings are kept in a
    canonical order (severity, then code, then subject) so the order of checks never matters.
    """

    subject: str
    policy_id: str
    status: Status
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)

    @classmethod
    @checked
    def from_findings(cls, subject: str, policy_id: str, findings: Iterable[Finding]) -> Self:
        """Sort the findings canonically and derive the status from them."""
        return cls._from_findings(subject, policy_id, findings)

    @classmethod
    def _from_findings(cls, subject: str, policy_id: str, findings: Iterable[Finding]) -> Self:
        """:meth:`from_findings` without its entry checks (the library's own rules call it)."""
        ordered = tuple(
            sorted(
                findings,
                key=lambda f: (-f.severity.rank, f.code, f.subject, f.rule_id, f.message_en),
            )
        )
        worst = _worst_severity(ordered)
        status = (
            Status.INELIGIBLE
            if worst is Severity.FAIL
            else Status.NEEDS_REVIEW
            if worst is Severity.WARN
            else Status.ELIGIBLE
        )
        return cls(subject=subject, policy_id=policy_id, status=status, findings=ordered)

    @property
    def ok(self) -> bool:
        """True when the status is ELIGIBLE (no FAIL and no WARN); see also :attr:`no_fail`."""
        return self.status is Status.ELIGIBLE

    @property
    def no_fail(self) -> bool:
        """True when no finding is FAIL: ELIGIBLE or NEEDS_REVIEW, never INELIGIBLE.

        Example:
            >>> Verdict.from_findings("张三", "village-2018", []).no_fail
            True
        """
        return self.status is not Status.INELIGIBLE

    def codes(self) -> tuple[str, ...]:
        """The codes of all findings, in canonical order."""
        return tuple(f.code for f in self.findings)

    def _checks(self) -> Iterable[Problem]:
        worst = _worst_severity(self.findings)
        expected = (
            Status.INELIGIBLE
            if worst is Severity.FAIL
            else Status.NEEDS_REVIEW
            if worst is Severity.WARN
            else Status.ELIGIBLE
        )
        if self.status is not expected:
            yield Problem(
                "STATUS_MISMATCH",
                "status",
                f"is {self.status.value} but findings give {expected.value}",
            )


@attrs.frozen(kw_only=True)
class Eligibility(Verdict):
    """The answer of a candidate screen: eligible, ineligible or needs review, with every reason.

    ``subject`` is the candidate's key. Build it with :meth:`Verdict.from_findings`.

    Example:
        >>> e = Eligibility.from_findings("张三", "village-2018", [])
        >>> e.status.value, e.ok
        ('ELIGIBLE', True)
    """
