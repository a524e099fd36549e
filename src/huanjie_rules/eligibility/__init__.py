"""Candidate screens: every eligibility rule of a profile, every finding explained.

:func:`screen` takes one candidate, the election and a policy profile and returns an
:class:`~huanjie_rules.findings.Eligibility`: ELIGIBLE, NEEDS_REVIEW or INELIGIBLE with *every*
finding behind it (never just the first). :func:`screen_many` does the same for many candidates,
one result per input, in input order. :func:`voter_rights` answers who may vote.

The checks (see :data:`CHECKS`) are independent, one module each, and their findings are sorted
canonically, so the order in which they run never changes a result (import the names from this
package):

``rights`` (:mod:`~huanjie_rules.eligibility.rights`)
    party regimes: the standings that carry 被选举权, the 临时组织关系 letter, 留置/逮捕;
    人大 and village regimes: 年满十八周岁 on election day, political rights not deprived.
``identity`` (:mod:`~huanjie_rules.eligibility.identity`)
    the 公民身份号码 (GB 11643): check character, encoded birth date and sex against the stated
    ones; which birth date counts is ``eligibility.birth_date_source``. The number is masked.
``age`` and ``education`` (:mod:`~huanjie_rules.eligibility.age_limits`, :mod:`~huanjie_rules.eligibility.education`)
    the profile's ``eligibility.role_limits`` rows for the candidate's office and tenure: 周岁
    limits in the profile's age mode, service horizons to the retirement age, 学历/学位 minimums.
``party_age`` (:mod:`~huanjie_rules.eligibility.party_age`)
    党龄 of branch and general-branch secretaries (``eligibility.secretary_party_age``, soft),
    counted from 转正 or 入党 (``eligibility.party_age_counts_from``).
``negative_lists`` (:mod:`~huanjie_rules.eligibility.negative_lists`)
    the active lists (``eligibility.negative_lists``): record facts matched by ``kind`` within
    their look-back windows, and attested items from ``Vetting.attestations``.
``prechecks`` (:mod:`~huanjie_rules.eligibility.prechecks`)
    the 四个凡提 (``eligibility.prechecks_required``).
``incompatibility`` (:mod:`~huanjie_rules.eligibility.incompatibility`)
    election-committee members and scrutineers/counters who are candidates or their relatives.

:mod:`~huanjie_rules.eligibility.screen` runs them; the 班子结构 of a whole slate is
:mod:`huanjie_rules.composition`, beside this package.

Example:
    >>> import datetime as dt
    >>> from huanjie_rules.model import *
    >>> from huanjie_rules.policy import load_policy
    >>> policy = load_policy("village-2018")
    >>> election = Election(key="e", regime=Regime.VILLAGE, policy_id="village-2018",
    ...     body=BodyKind.VILLAGE_COMMITTEE, level=Level.VILLAGE, form=ElectionForm.VILLAGERS,
    ...     date=dt.date(2021, 3, 1), seats=[Seat(office=Office.VILLAGE_DIRECTOR, count=1)],
    ...     entitled_voters=900)
    >>> young = Candidate(office=Office.VILLAGE_DIRECTOR, person=Person(name="王林",
    ...     gender=Gender.MALE, birth_date=dt.date(2003, 3, 2)))
    >>> result = screen(young, election, policy)
    >>> result.status.value, result.codes()
    ('INELIGIBLE', ('AGE_UNDER_MINIMUM',))
    >>> result.findings[0].message_en
    'aged 17 on 2021-03-01, under the minimum of 18'

Legal basis: 选举法 第四条; 《村民委员会组织法》 第六条、第十二条、第十三条; 《中国共产党基层组织选举工作
条例》 第五条、第二十二条; the local profiles' seeds (001:28-30, 003:555, 003:735).
"""

from ._common import FINDING_CODES
from .age_limits import age_basis
from .columns import screen_column_chunks, screen_columns
from .education import check_education_text, education_requirement
from .identity import IdentityCheck, check_identity
from .negative_lists import attestations_for, negative_list_items, required_attestations
from .party_age import party_age
from .prechecks import prechecks_for
from .screen import CHECKS, ScreenError, screen, screen_many, voter_rights

__all__ = [
    "CHECKS",
    "FINDING_CODES",
    "IdentityCheck",
    "ScreenError",
    "age_basis",
    "attestations_for",
    "check_education_text",
    "check_identity",
    "education_requirement",
    "negative_list_items",
    "party_age",
    "prechecks_for",
    "required_attestations",
    "screen",
    "screen_column_chunks",
    "screen_columns",
    "screen_many",
    "voter_rights",
]
