"""What every quota result shares: its findings, ``ok``, ``worst`` and ``codes()``."""

from __future__ import annotations

from fractions import Fraction

from .._base import Model
from ..findings import Finding, Severity, _worst_severity
from ..messages import Catalogue
from ..policy import Parameter

#: The quotas rules' finding codes (``messages.toml`` beside this module, read on first use).
FINDING_CODES = Catalogue("huanjie_rules.quotas", "messages.toml")


class _Explained(Model):
    """Mixin: a result with findings."""

    __slots__ = ()
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """True when no finding is FAIL or WARN."""
        worst = _worst_severity(self.findings)
        return worst is None or worst is Severity.INFO

    @property
    def worst(self) -> Severity | None:
        """The heaviest severity among the findings."""
        return _worst_severity(self.findings)

    def codes(self) -> tuple[str, ...]:
        """The finding codes, in canonical order."""
        return tuple(f.code for f in self.findings)


def _finding(
    code: str,
    severity: Severity,
    param: Parameter,
    *,
    observed: int | Fraction | str | bool | None = None,
    limit: int | Fraction | str | bool | None = None,
    subject: str = "",
    **values: object,
) -> Finding:
    return param._finding(
        code,
        FINDING_CODES[code],
        severity,
        observed=observed,
        limit=limit,
        subject=subject,
        extra=values,
    )
