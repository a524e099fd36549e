"""Hypothesis strategies for the domain model, findings and ID numbers."""

from __future__ import annotations

import datetime as _dt

from hypothesis import strategies as st

from ..findings import Citation, Eligibility, Finding, Message, Scalar, Severity
from ..idcard import IdNumber, check_character
from ..limits import MAX_DATE, MIN_DATE
from ..model import (
    Attestation,
    Ballot,
    BodyKind,
    Candidate,
    CheckStatus,
    Choice,
    Degree,
    Division,
    Education,
    EducationLevel,
    Election,
    ElectionForm,
    Gender,
    Level,
    NominationRoute,
    Office,
    PartyStanding,
    Person,
    PersonCategory,
    PreCheck,
    PreCheckKind,
    RecordFact,
    Regime,
    Relation,
    Relative,
    Seat,
    StaffMember,
    StaffRole,
    Tenure,
    Vetting,
    Vote,
    WriteIn,
)

__all__ = [
    "attestations",
    "ballots",
    "birth_dates",
    "candidates",
    "citations",
    "educations",
    "elections",
    "eligibilities",
    "findings",
    "id_numbers",
    "persons",
    "prechecks",
    "record_facts",
    "scalars",
    "seats",
    "staff_members",
    "vettings",
    "votes",
    "write_ins",
]

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志斌海燕鹏飞辉"
_ETHNICITIES = (
    "汉族",
    "汉族",
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
)
_REGIONS = ("110101", "110105", "310115", "330106", "440304", "510107", "150102", "612526")

_text = st.text(alphabet="abcdefghijklmnopqrstuvwxyz一二三四五六七八九十", min_size=1, max_size=12)


def names() -> st.SearchStrategy[str]:
    """Plausible Chinese names of two or three characters."""
    return st.builds(
        lambda s, g: s + g,
        st.sampled_from(_SURNAMES),
        st.text(alphabet=_GIVEN, min_size=1, max_size=2),
    )


def birth_dates(
    min_value: _dt.date = _dt.date(1940, 1, 1), max_value: _dt.date = _dt.date(2008, 12, 31)
) -> st.SearchStrategy[_dt.date]:
    """Birth dates in a range (29 February included when the range has one)."""
    return st.dates(min_value=min_value, max_value=max_value)


def id_numbers(
    born: _dt.date | None = None, female: bool | None = None, legacy: bool | None = False
) -> st.SearchStrategy[IdNumber]:
    """Valid 公民身份号码, optionally for a given birth date and sex.

    18-character numbers with the right check character by default; ``legacy=True`` gives the
    15-digit numbers issued before 1999 (births 1900–1999 only, as their century is implied),
    ``legacy=None`` either kind (15 digits only where the birth year allows).
    """
    if legacy and born is not None and not 1900 <= born.year <= 1999:
        raise ValueError("a 15-digit number encodes a birth year 1900-1999")

    @st.composite
    def build(draw: st.DrawFn) -> IdNumber:
        region = draw(st.sampled_from(_REGIONS))
        if born is not None:
            day = born
        elif legacy:
            day = draw(birth_dates(max_value=_dt.date(1999, 12, 31)))
        else:
            day = draw(birth_dates())
        seq = draw(st.integers(min_value=0, max_value=99))
        sex_digit = draw(
            st.sampled_from((0, 2, 4, 6, 8) if female else (1, 3, 5, 7, 9))
            if female is not None
            else st.integers(min_value=0, max_value=9)
        )
        short = legacy or (legacy is None and day.year <= 1999 and draw(st.booleans()))
        if short:
            return IdNumber(f"{region}{day:%y%m%d}{seq:02d}{sex_digit}")
        body = f"{region}{day:%Y%m%d}{seq:02d}{sex_digit}"
        return IdNumber(body + check_character(body))

    return build()


def educations() -> st.SearchStrategy[Education]:
    """学历/学位 records, full-time and in-service apart."""
    return st.builds(
        Education,
        full_time=st.none() | st.sampled_from(EducationLevel),
        in_service=st.none() | st.sampled_from(EducationLevel),
        full_time_degree=st.none() | st.sampled_from(Degree),
        in_service_degree=st.none() | st.sampled_from(Degree),
    )


@st.composite
def _person(
    draw: st.DrawFn,
    standing: st.SearchStrategy[PartyStanding],
    born_by: st.SearchStrategy[_dt.date],
) -> Person:
    name = draw(names())
    born = draw(born_by)
    party_standing = draw(standing)
    joined = None
    earliest_join = born + _dt.timedelta(days=18 * 366)
    if (
        party_standing is not PartyStanding.NON_MEMBER
        and earliest_join < _dt.date(2026, 1, 1)
        and draw(st.booleans())
    ):
        joined = draw(st.dates(min_value=earliest_join, max_value=_dt.date(2026, 1, 1)))
    confirmed = None
    if (
        joined is not None
        and party_standing is not PartyStanding.PROBATIONARY
        and draw(st.booleans())
    ):
        confirmed = joined + _dt.timedelta(days=draw(st.integers(min_value=365, max_value=731)))
    with_id = draw(st.booleans())
    gender = draw(st.sampled_from(Gender))
    return Person(
        name=name,
        key=draw(st.just(name) | st.uuids().map(str)),
        gender=gender,
        ethnicity=draw(st.sampled_from(_ETHNICITIES)),
        birth_date=born,
        education=draw(educations()),
        party_standing=party_standing,
        party_joined=joined,
        party_confirmed=confirmed,
        temporary_relation_only=draw(st.booleans()),
        political_rights_deprived=draw(st.booleans()),
        township_experience_months=draw(st.none() | st.integers(min_value=0, max_value=480)),
        categories=draw(st.frozensets(st.sampled_from(PersonCategory), max_size=3)),
        id_number=draw(id_numbers(born, gender is Gender.FEMALE, legacy=None)) if with_id else None,
    )


def persons(
    standing: st.SearchStrategy[PartyStanding] | None = None,
    born: st.SearchStrategy[_dt.date] | None = None,
) -> st.SearchStrategy[Person]:
    """People with every field filled plausibly.

    ``standing`` narrows the party standing; ``born`` the birth dates (default
    :func:`birth_dates`).
    """
    return _person(
        standing if standing is not None else st.sampled_from(PartyStanding),
        born if born is not None else birth_dates(),
    )


def record_facts(
    kinds: tuple[str, ...] = (
        "CRIMINAL_SENTENCE",
        "PARTY_SANCTION",
        "UNDER_INVESTIGATION",
        "DISHONEST_DEBTOR",
    ),
) -> st.SearchStrategy[RecordFact]:
    """Record facts of the given kinds, with consistent dates."""

    @st.composite
    def build(draw: st.DrawFn) -> RecordFact:
        started = draw(
            st.none() | st.dates(min_value=_dt.date(1990, 1, 1), max_value=_dt.date(2026, 1, 1))
        )
        ongoing = draw(st.booleans())
        ended = None
        if not ongoing and draw(st.booleans()):
            lo = started or _dt.date(1990, 1, 1)
            ended = draw(st.dates(min_value=lo, max_value=_dt.date(2026, 6, 30)))
        return RecordFact(
            kind=draw(st.sampled_from(kinds)),
            started=started,
            ended=ended,
            ongoing=ongoing,
            note=draw(st.text(max_size=10)),
        )

    return build()


def attestations() -> st.SearchStrategy[Attestation]:
    """Attested judgements."""
    return st.builds(
        Attestation,
        item=_text,
        holds=st.booleans(),
        attested_by=st.text(max_size=8),
        on=st.none() | st.dates(min_value=MIN_DATE, max_value=MAX_DATE),
    )


def prechecks() -> st.SearchStrategy[PreCheck]:
    """One 四个凡提 check."""
    return st.builds(
        PreCheck,
        kind=st.sampled_from(PreCheckKind),
        status=st.sampled_from(CheckStatus),
        on=st.none() | st.dates(min_value=MIN_DATE, max_value=MAX_DATE),
        note=st.text(max_size=8),
    )


def vettings() -> st.SearchStrategy[Vetting]:
    """Vetting records with at most one check of each kind."""
    return st.builds(
        Vetting,
        records=st.lists(record_facts(), max_size=3).map(tuple),
        attestations=st.lists(attestations(), max_size=3).map(tuple),
        prechecks=st.lists(prechecks(), max_size=4, unique_by=lambda c: c.kind).map(tuple),
    )


def candidates(
    office: Office | None = None, person: st.SearchStrategy[Person] | None = None
) -> st.SearchStrategy[Candidate]:
    """Candidates (for ``office`` if given)."""
    return st.builds(
        Candidate,
        person=person if person is not None else persons(),
        office=st.just(office) if office is not None else st.sampled_from(Office),
        tenure=st.sampled_from(Tenure),
        nomination=st.sampled_from(NominationRoute),
        vetting=vettings(),
    )


def seats(office: Office | None = None, max_count: int = 15) -> st.SearchStrategy[Seat]:
    """Seats with 1..max_count places."""
    return st.builds(
        Seat,
        office=st.just(office) if office is not None else st.sampled_from(Office),
        count=st.integers(min_value=1, max_value=max_count),
    )


def staff_members(candidate_keys: tuple[str, ...] = ()) -> st.SearchStrategy[StaffMember]:
    """Election staff, possibly related to some of ``candidate_keys``."""
    return st.builds(
        StaffMember,
        key=st.uuids().map(str),
        role=st.sampled_from(StaffRole),
        name=st.text(max_size=6),
        relatives_of=st.lists(st.sampled_from(candidate_keys), max_size=2).map(tuple)
        if candidate_keys
        else st.just(()),
        relatives=st.lists(
            st.builds(
                Relative,
                candidate=st.sampled_from(candidate_keys),
                relation=st.sampled_from([r for r in Relation if r is not Relation.NONE]),
            ),
            max_size=2,
        ).map(tuple)
        if candidate_keys
        else st.just(()),
    )


@st.composite
def _election(draw: st.DrawFn, max_candidates: int) -> Election:
    # Regime, body and posts fit together: no 村委会主任 seat under the party rules.
    regime = draw(st.sampled_from(Regime))
    body = draw(st.sampled_from([b for b in BodyKind if regime in b.regimes]))
    elected = [o for o in Office if regime in o.regimes]
    offices = draw(st.lists(st.sampled_from(elected), min_size=1, max_size=3, unique=True))
    seat_list = tuple(draw(seats(o)) for o in offices)
    day = draw(st.dates(min_value=_dt.date(1990, 1, 1), max_value=_dt.date(2030, 12, 31)))
    # Candidates are born by the election day (the model refuses anyone born after it).
    people = persons(born=birth_dates(max_value=min(day, _dt.date(2008, 12, 31))))
    cands = draw(
        st.lists(
            st.sampled_from(offices).flatmap(lambda o: candidates(o, people)),
            max_size=max_candidates,
            unique_by=lambda c: c.key,
        )
    )
    keys = tuple(c.key for c in cands)
    level = draw(st.sampled_from(Level))
    return Election(
        key=draw(st.uuids().map(str)),
        regime=regime,
        policy_id=draw(
            st.sampled_from(("party-basic-2020", "party-local-2020", "npc-2020", "village-2018"))
        ),
        body=body,
        level=level,
        division=draw(st.none() | st.sampled_from(Division.at(level)))
        if Division.at(level)
        else None,
        form=draw(st.sampled_from(ElectionForm)),
        date=day,
        seats=seat_list,
        entitled_voters=draw(st.integers(min_value=0, max_value=100_000)),
        candidates=tuple(cands),
        staff=tuple(draw(st.lists(staff_members(keys), max_size=3))),
        previous_margin=draw(
            st.none() | st.fractions(min_value=0, max_value=2, max_denominator=10**6)
        ),
    )


def elections(max_candidates: int = 6) -> st.SearchStrategy[Election]:
    """Consistent elections: unique offices and candidate keys, every candidate's office seated."""
    return _election(max_candidates)


def votes(candidate_keys: tuple[str, ...] = ("甲", "乙", "丙")) -> st.SearchStrategy[Vote]:
    """A mark for one of ``candidate_keys``."""
    return st.builds(
        Vote,
        candidate=st.sampled_from(candidate_keys),
        choice=st.sampled_from(Choice),
        office=st.none() | st.sampled_from(Office),
    )


def write_ins(candidate_keys: tuple[str, ...] = ()) -> st.SearchStrategy[WriteIn]:
    """Write-in names, some blank or illegible; ``replaces`` names one of ``candidate_keys``
    (the 不赞成 a write-in goes with) or, without keys, any name."""
    return st.builds(
        WriteIn,
        name=names() | st.just(""),
        office=st.none() | st.sampled_from(Office),
        circled=st.booleans(),
        replaces=st.none() | (st.sampled_from(candidate_keys) if candidate_keys else names()),
        legible=st.booleans(),
    )


def ballots(candidate_keys: tuple[str, ...] = ("甲", "乙", "丙")) -> st.SearchStrategy[Ballot]:
    """Ballots marking each of ``candidate_keys`` at most once, with write-ins that may replace
    one of them."""
    return st.builds(
        Ballot,
        votes=st.lists(
            votes(candidate_keys),
            max_size=len(candidate_keys),
            unique_by=lambda v: (v.candidate, v.office),
        ).map(tuple),
        write_ins=st.lists(write_ins(candidate_keys), max_size=2).map(tuple),
        key=st.text(max_size=6),
        unreadable=st.booleans(),
    )


def citations() -> st.SearchStrategy[Citation]:
    """Citations with consistent effective dates."""

    @st.composite
    def build(draw: st.DrawFn) -> Citation:
        start = draw(
            st.none() | st.dates(min_value=_dt.date(1950, 1, 1), max_value=_dt.date(2030, 1, 1))
        )
        end = draw(
            st.none()
            | st.dates(min_value=start or _dt.date(1950, 1, 1), max_value=_dt.date(2035, 1, 1))
        )
        return Citation(
            instrument=draw(_text),
            title=draw(st.text(max_size=20)),
            article=draw(st.none() | st.text(max_size=8)),
            effective_from=start,
            effective_to=end,
            url=draw(st.none() | st.just("https://example.org/x")),
            seed=draw(st.none() | st.just("001:28")),
            quote=draw(st.none() | st.text(max_size=20)),
            reliability=draw(
                st.sampled_from(("FULLTEXT", "EXCERPT", "SECONDARY", "MEMORY", "UNSURE", "LOCAL"))
            ),
        )

    return build()


def scalars() -> st.SearchStrategy[Scalar]:
    """Observed/limit values: ints, exact fractions, strings, booleans, dates or None."""
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**9), max_value=10**9),
        st.fractions(min_value=-(10**9), max_value=10**9, max_denominator=1000).filter(
            lambda f: f.denominator != 1
        ),
        st.text(max_size=10),
        st.dates(min_value=MIN_DATE, max_value=MAX_DATE),
    )


def findings() -> st.SearchStrategy[Finding]:
    """Findings with rendered messages."""
    return st.builds(
        lambda code, sev, rule, cite, obs, lim, subj: Finding.build(
            code=code,
            severity=sev,
            rule_id=rule,
            citation=cite,
            message=Message(
                zh="观察值{observed}，限值{limit}", en="observed {observed}, limit {limit}"
            ),
            observed=obs,
            limit=lim,
            subject=subj,
        ),
        st.from_regex(r"[A-Z][A-Z_]{2,20}", fullmatch=True),
        st.sampled_from(Severity),
        st.from_regex(r"[A-Z][A-Z0-9-]{2,30}", fullmatch=True),
        citations(),
        scalars(),
        scalars(),
        st.text(max_size=8),
    )


def eligibilities() -> st.SearchStrategy[Eligibility]:
    """Screen results whose status agrees with their findings."""
    return st.builds(
        Eligibility.from_findings,
        st.text(min_size=1, max_size=8),
        st.sampled_from(("party-basic-2020", "village-2018")),
        st.lists(findings(), max_size=4),
    )
