"""The 公民身份号码 check, and which birth date and sex the rules use.

What the number says against the stated data; ``eligibility.birth_date_source`` says which
wins. The number appears only masked.
"""

from __future__ import annotations

import datetime as _dt

import attrs

from .._args import checked, unchecked
from .._base import Model, to_tuple
from ..findings import Finding, Severity
from ..model import (
    Gender,
    Person,
)
from ..policy import Policy
from ._common import _Ctx, _finding


@attrs.frozen(kw_only=True)
class IdentityCheck(Model):
    """What the 公民身份号码 says against the stated data, and which birth date and sex count.

    Attributes:
        birth_date: the birth date age rules use (per ``eligibility.birth_date_source``).
        gender: the sex composition rules use (same source rule).
        birth_date_source: ``"DOSSIER"`` or ``"ID_CARD"`` — the source actually used (the stated
            data are used whenever the number is missing or defective).
        id_masked: the number as shown (masked), or None when none was given.
        findings: the defects and disagreements found (WARN) and notes (INFO).
    """

    birth_date: _dt.date
    gender: Gender
    birth_date_source: str
    id_masked: str | None = None
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=to_tuple)


@checked
def check_identity(
    person: Person, policy: Policy, *, on: _dt.date | None = None, subject: str | None = None
) -> IdentityCheck:
    """Check a person's 公民身份号码 and decide which birth date and sex the rules use.

    The check character (ISO 7064 MOD 11-2), the encoded birth date (a real date, not after
    ``on``) and the sex digit are compared with the stated ``birth_date`` and ``gender``. A
    15-digit legacy number is read as its 18-character form (INFO). Every defect or disagreement
    is a WARN; the number appears only masked. With ``eligibility.birth_date_source = "ID_CARD"``
    a valid number's birth date and sex win; otherwise the stated ones do.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import Gender, IdNumber, Person
        >>> from huanjie_rules.policy import load_policy
        >>> p = Person(name="赵敏", gender=Gender.FEMALE, birth_date=dt.date(1949, 12, 30),
        ...            id_number=IdNumber("11010519491231002X"))
        >>> zj = check_identity(p, load_policy("zhejiang-village-2020"))
        >>> zj.birth_date, zj.birth_date_source, [f.code for f in zj.findings]
        (datetime.date(1949, 12, 31), 'ID_CARD', ['ID_BIRTH_DATE_MISMATCH'])
        >>> zj.findings[0].message_en
        "the ID number's birth date 1949-12-31 differs from the stated 1949-12-30; age uses the ID card"
        >>> check_identity(p, load_policy("village-2018")).birth_date
        datetime.date(1949, 12, 30)

    Legal basis: GB 11643-1999 《公民身份号码》; 《浙江省村民委员会选举办法》 第十二条 (the ID card
    decides); 中组部组通字2006年41号 (the 档案 decides a cadre's birth date).
    """
    who = person.key if subject is None else subject
    source_param = policy.param("eligibility.birth_date_source")
    checks_param = policy.param("eligibility.id_number_checks")
    source = policy.get_str("eligibility.birth_date_source")
    number = person.id_number
    if number is None:
        return IdentityCheck(
            birth_date=person.birth_date, gender=person.gender, birth_date_source="DOSSIER"
        )
    shown = number.masked()
    if not policy.get_bool("eligibility.id_number_checks"):
        return IdentityCheck(
            birth_date=person.birth_date,
            gender=person.gender,
            birth_date_source="DOSSIER",
            id_masked=shown,
        )
    found: list[Finding] = []
    sev = Severity.WARN
    if number.legacy:
        found.append(
            _finding("ID_LEGACY_NUMBER", Severity.INFO, checks_param, subject=who, observed=shown)
        )
    elif not number.checksum_ok():
        found.append(
            _finding(
                "ID_CHECKSUM_INVALID",
                sev,
                checks_param,
                subject=who,
                observed=shown,
            )
        )
    encoded = number.birth_date()
    if encoded is None or (on is not None and encoded > on):
        found.append(
            _finding("ID_BIRTH_DATE_INVALID", sev, checks_param, subject=who, observed=shown)
        )
        encoded = None
    id_gender = Gender.MALE if number.sex() == "M" else Gender.FEMALE
    valid = encoded is not None and number.checksum_ok()
    use_id = source == "ID_CARD" and valid
    source_pair = (
        ("居民身份证", "ID card") if use_id else ("所填出生日期（档案）", "stated date (dossier)")
    )
    if encoded is not None and encoded != person.birth_date:
        found.append(
            _finding(
                "ID_BIRTH_DATE_MISMATCH",
                Severity.WARN,
                source_param,
                subject=who,
                observed=encoded,
                limit=person.birth_date,
                pairs={"source_t": source_pair},
            )
        )
    if valid and id_gender is not person.gender:
        found.append(
            _finding(
                "ID_SEX_MISMATCH",
                Severity.WARN,
                source_param,
                subject=who,
                observed=id_gender.label,
                limit=person.gender.label,
            )
        )
    return IdentityCheck(
        birth_date=encoded if use_id and encoded is not None else person.birth_date,
        gender=id_gender if use_id else person.gender,
        birth_date_source="ID_CARD" if use_id else "DOSSIER",
        id_masked=shown,
        findings=tuple(found),
    )


_identity_of = unchecked(check_identity)


def _check_identity(ctx: _Ctx) -> list[Finding]:
    return list(ctx.identity.findings)
