"""Screening a roster held as columns: whole columns at a time, the per-row path only where needed.

:func:`screen_columns` takes a roster as columns (a mapping of column name to a sequence, which
is what ``DataFrame.to_dict("list")`` in pandas, ``DataFrame.to_dict(as_series=False)`` in polars
and ``Table.to_pydict()`` in Arrow give), one column per field of
:class:`~huanjie_rules.model.Person` and :class:`~huanjie_rules.model.Candidate` (see
:data:`COLUMNS`), and returns exactly what :func:`~huanjie_rules.eligibility.screen_many` returns
for the same candidates.

How it stays exact while screening few rows:

- A row's findings depend on the values the checks read (office, tenure, standing, party
  flags, education, the vetting records), on its birth date, on its party dates (for the
  党龄 of a secretary) and on its ID number; never on its sex, ethnicity, categories,
  township months or nomination route, which are only checked. Rows are grouped by the values
  read (each distinct set of all static values is checked once by building a record with them).
- An ID number that agrees with the stated birth date and sex and has a right check character
  makes the identity check silent and changes no date; numbers are compared whole columns at a
  time. A row whose number disagrees is screened on its own.
- The birth date enters only through the age thresholds, each finding lying on one side of its
  threshold with a value (an age, a retirement date) that moves one way with the date. So the
  age rules' answer is one of a few per (office, tenure), constant between two dates that share
  it: a bisection over the sorted distinct dates asks the age rules alone a few times per
  distinct answer.
- One row of each group (what is read, party dates where read, age answer) is screened by the
  same body as :func:`~huanjie_rules.eligibility.screen`; a group met with another age answer
  takes that result with the age findings exchanged. Every other row of the group gets a copy
  under its own key (only when no text of the result mentions the key). Rows a staff member
  names and rows whose values make no valid candidate always go through the per-row path.

:func:`screen_column_chunks` does the same for a roster read in chunks (a file read batch by
batch), keeping the groups, answers and keys seen across chunks, so memory stays bounded by the
chunk size plus the keys and the groups.

Example:
    >>> import datetime as dt
    >>> from huanjie_rules.model import *
    >>> from huanjie_rules.policy import load_policy
    >>> election = Election(key="n", regime=Regime.NPC, policy_id="npc-2020",
    ...     body=BodyKind.PEOPLES_CONGRESS, level=Level.TOWNSHIP, form=ElectionForm.DIRECT_VOTERS,
    ...     date=dt.date(2021, 11, 5), seats=[Seat(office=Office.NPC_DEPUTY, count=2)],
    ...     entitled_voters=3000)
    >>> roster = {"name": ["甲", "乙", "丙"], "gender": ["FEMALE", "MALE", "FEMALE"],
    ...           "birth_date": [dt.date(1970, 1, 1), dt.date(2003, 11, 6), dt.date(1970, 1, 1)],
    ...           "office": ["NPC_DEPUTY"] * 3}
    >>> [(r.subject, r.status.value) for r in screen_columns(roster, election, load_policy("npc-2020"))]
    [('甲', 'ELIGIBLE'), ('乙', 'INELIGIBLE'), ('丙', 'ELIGIBLE')]
"""

from __future__ import annotations

import datetime as _dt
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

from .._args import checked
from .._gc import collector_paused
from ..errors import InvalidDataError, Problem, RowsError, RuleInputError
from ..findings import Eligibility, Finding
from ..model import (
    Candidate,
    Election,
    Gender,
    Office,
    PartyStanding,
    Person,
)
from ..policy import Policy
from ._column_values import (
    _READ,
    _STATIC,
    _STATIC_NAMES,
    _columns_of,
    _id_text,
    _ids_agree,
    _key_column,
    _make,
    _new,
    _party_dates_ok,
    _print,
    _relabel,
    _row_fields,
    _set,
    _shareable,
    _with_subject,
)
from ._common import _Ctx, _is_party, _row_in_force, _t_strs
from .age_limits import _check_age, _uncovered
from .identity import IdentityCheck
from .rights import _check_rights
from .screen import ScreenError, _batch_start, _row_problem, _screen

__all__ = ["COLUMNS", "screen_column_chunks", "screen_columns"]

#: The columns a roster may have; ``name``, ``gender``, ``birth_date`` and ``office`` are
#: required. Enum columns hold members or their codes (``"FEMALE"``, ``"NPC_DEPUTY"``);
#: ``education_*`` and ``degree_*`` fill :class:`~huanjie_rules.model.Education`, ``records``,
#: ``attestations`` and ``prechecks`` hold sequences of the model's records (``None`` or an
#: empty sequence for none), ``categories`` a sequence of category codes, ``id_number`` the
#: number as text or an :class:`~huanjie_rules.idcard.IdNumber`; the other names are the
#: fields of :class:`~huanjie_rules.model.Person` and :class:`~huanjie_rules.model.Candidate`.
COLUMNS = (
    "name",
    "gender",
    "birth_date",
    "office",
    "key",
    "tenure",
    "ethnicity",
    "id_number",
    "party_standing",
    "party_joined",
    "party_confirmed",
    "temporary_relation_only",
    "political_rights_deprived",
    "township_experience_months",
    "categories",
    "education_full_time",
    "education_in_service",
    "degree_full_time",
    "degree_in_service",
    "nomination",
    "records",
    "attestations",
    "prechecks",
)
_REQUIRED = ("name", "gender", "birth_date", "office")


class _Sig:
    """What the rows of one signature share: their static fields as the model takes them
    (None: no valid record has them), whether the 党龄 check reads their party dates, and a
    number for the part of them the screens read."""

    __slots__ = ("fields", "party", "read", "role")

    def __init__(
        self, fields: dict[str, Any] | None, party: bool, read: int, role: tuple[Any, Any]
    ) -> None:
        self.fields = fields
        self.party = party
        self.read = read
        self.role = role


_BAD = _Sig(None, False, -1, (None, None))
_READ_OF = operator.attrgetter("read")


class _Run:
    """The signatures, age answers and keys of one screening, kept across chunks."""

    def __init__(
        self,
        election: Election,
        policy: Policy,
        order: tuple[str, ...],
        negative_lists: Sequence[str] | None,
        on_error: str,
    ) -> None:
        self.election = election
        self.policy = policy
        self.order = order
        self.negative_lists = negative_lists
        self.on_error = on_error
        self.signatures: dict[tuple[Any, ...], _Sig] = {}
        self.reads: dict[tuple[Any, ...], int] = {}
        # (office, tenure) → birth date → what the age rules say of it (a small number).
        self.ages: dict[tuple[Any, Any], dict[_dt.date, int]] = {}
        self.answers: dict[tuple[Any, ...], int] = {}
        # answer number → the findings the age rules gave (for a stand-in subject).
        self.said: list[tuple[Finding, ...]] = [()]
        # (read, party dates) → a screened result and its age answer.
        self.bases: dict[Any, tuple[Eligibility, int]] = {}
        # ((read, party dates), age answer) → a result to share.
        self.shared: dict[tuple[Any, int], Eligibility] = {}
        self.seen: set[str] = set()
        self.index = 0
        staff: set[str] = set()
        for member in election.staff:
            staff.add(member.key)
            staff.update(member.related_candidates())
        self.staff = frozenset(staff)
        self.seated = frozenset(o for o in Office if election._seats_for(o) > 0)
        self.id_checks = policy.get_bool("eligibility.id_number_checks")
        self.date_checks = ("age" in order, "rights" in order and not _is_party(policy.regime))
        self.party_dates = self._party_age_office_filter()

    def _party_age_office_filter(self) -> Callable[[Office, object], bool] | None:
        """Which rows the 党龄 check reads party dates of (its early returns), or None."""
        name = "eligibility.secretary_party_age"
        policy, election = self.policy, self.election
        if "party_age" not in self.order or name not in policy:
            return None
        row = policy.get_table(name)
        offices, bodies = _t_strs(row, "offices"), _t_strs(row, "bodies")
        if bodies and election.body.value not in bodies:
            return None
        if not _row_in_force(row, election.date):
            return None

        def reads(office: Office, standing: object) -> bool:
            if offices and office.value not in offices:
                return False
            return standing is not PartyStanding.NON_MEMBER

        return reads

    # -- a chunk ---------------------------------------------------------------------------

    def rows(self, columns: object) -> list[Eligibility | ScreenError]:
        with collector_paused():
            return self._rows(_columns_of(columns))

    def _rows(self, columns: Mapping[str, Sequence[Any]]) -> list[Eligibility | ScreenError]:
        n = self._check_shape(columns)
        names = columns["name"]
        keys: Sequence[Any] = columns.get("key", names)
        births = columns["birth_date"]
        joined = columns.get("party_joined")
        confirmed = columns.get("party_confirmed")
        ids = columns.get("id_number")
        given = [name for name in _STATIC_NAMES if name in columns]
        keyed = [
            _key_column(name, cls, columns[name]) for name, cls, _ in _STATIC if name in columns
        ]
        sigs: list[tuple[Any, ...]] = list(zip(*keyed, strict=True))
        out: list[Eligibility | ScreenError | None] = [None] * n
        # Rows the signatures cannot answer: (row, index in the run, the candidate or None,
        # the row's problems).
        single: list[tuple[int, int, Candidate | None, list[Problem]]] = []
        fast: list[int] = []
        kinds: list[_Sig] = [_BAD] * n
        with_id: list[int] = []
        id_texts: list[str] = []
        seated, seen, staff = self.seated, self.seen, self.staff
        date = _dt.date
        party = joined is not None or confirmed is not None
        # Whole columns of plain values skip the per-row tests of the names and birth dates.
        plain_names = set(map(type, names)) <= {str} and all(map(str.strip, names))
        plain_keys = "key" not in columns or (
            set(map(type, keys)) <= {str} and all(map(str.strip, keys))
        )
        plain_births = set(map(type, births)) <= {date} and (n == 0 or min(births).year >= 1900)
        if plain_names and plain_keys and plain_births:
            whole = self._whole(columns, n, given, sigs)
            if whole is not None:
                return whole
        infos: dict[tuple[Any, ...], _Sig] = {}
        start = self.index
        self.index += n
        # First every row is placed (and every bad row found), then rows are screened: with
        # on_error="raise" no row is screened when any is bad, as in screen_many.
        for i in range(n):
            sig = sigs[i]
            try:
                info = infos.get(sig)
                if info is None:
                    info = infos[sig] = self._signature(given, sig, columns, i)
            except TypeError:  # an unhashable value: the row is built, and refused, alone
                info = _BAD
            fields = info.fields
            name, key, born = names[i], keys[i], births[i]
            if key is None:
                key = name
            plain = fields is not None
            if plain and not (plain_names and plain_keys and plain_births):
                plain = (
                    type(name) is str
                    and type(key) is str
                    and type(born) is date
                    and born.year >= 1900
                    and name.strip() != ""
                    and key.strip() != ""
                )
            if plain and party:
                plain = _party_dates_ok(
                    fields["party_standing"],  # type: ignore[index]
                    born,
                    joined[i] if joined is not None else None,
                    confirmed[i] if confirmed is not None else None,
                )
            text = None
            if plain and ids is not None:
                number = ids[i]
                if number is not None:
                    text = _id_text(number)
                    plain = text is not None
            if not plain or key in seen or fields["office"] not in seated:  # type: ignore[index]
                cand, problems = self._build(start + i, i, columns, given)
                single.append((i, start + i, cand, problems))
                continue
            seen.add(key)
            if staff and (name in staff or key in staff):
                single.append((i, start + i, self._candidate(i, columns, given), []))
                continue
            kinds[i] = info
            if text is not None and self.id_checks:
                with_id.append(i)
                id_texts.append(text)
                continue
            fast.append(i)
        if with_id:
            agree = _ids_agree(
                id_texts,
                [births[i] for i in with_id],
                [kinds[i].fields["gender"] is Gender.MALE for i in with_id],  # type: ignore[index]
            )
            for i, same in zip(with_id, agree, strict=True):
                if same:
                    fast.append(i)
                else:  # the identity check has something to say: screened on its own
                    single.append((i, start + i, self._candidate(i, columns, given), []))
            fast.sort()
        if self.on_error == "raise":
            bad = [p for *_, problems in single for p in problems]
            if bad:
                raise RowsError(bad)
        for i, index, cand, problems in single:
            if problems:
                first = problems[0]
                key = keys[i] if keys[i] is not None else names[i]
                out[i] = ScreenError(
                    index=index,
                    subject=key if type(key) is str else "",
                    code=first.code,
                    path=first.path,
                    message="; ".join(str(p) for p in problems)
                    if len(problems) > 1
                    else first.message,
                )
            else:
                assert cand is not None
                out[i] = self._screen(cand)
        self._answer(fast, columns, given, kinds, out)
        return out  # type: ignore[return-value]  # every row has its answer now

    def _whole(
        self,
        columns: Mapping[str, Sequence[Any]],
        n: int,
        given: list[str],
        sigs: list[tuple[Any, ...]],
    ) -> list[Eligibility | ScreenError] | None:
        """The chunk answered column by column, or None when some row needs the per-row pass
        to place it (a bad value, an office without seats, a key seen before, a staff member):
        the names and birth dates are known to be plain."""
        names = columns["name"]
        keys: Sequence[Any] = columns.get("key", names)
        births = columns["birth_date"]
        joined = columns.get("party_joined")
        confirmed = columns.get("party_confirmed")
        ids = columns.get("id_number")
        try:
            first = dict(zip(reversed(sigs), range(n - 1, -1, -1), strict=True))
        except TypeError:  # an unhashable value
            return None
        infos = {sig: self._signature(given, sig, columns, i) for sig, i in first.items()}
        seated = self.seated
        if any(k.fields is None or k.role[0] not in seated for k in infos.values()):
            return None
        if len(set(keys)) != n or not self.seen.isdisjoint(keys):
            return None
        staff = self.staff
        if staff and not (staff.isdisjoint(names) and staff.isdisjoint(keys)):
            return None
        kinds = list(map(infos.__getitem__, sigs))
        if joined is not None or confirmed is not None:
            standings = [k.fields["party_standing"] for k in kinds]  # type: ignore[index]
            nothing = itertools.repeat(None, n)
            if not all(
                map(
                    _party_dates_ok,
                    standings,
                    births,
                    nothing if joined is None else joined,
                    nothing if confirmed is None else confirmed,
                )
            ):
                return None
        alone: list[int] = []
        if ids is not None:
            with_id = [i for i, v in enumerate(ids) if v is not None]
            texts = [_id_text(ids[i]) for i in with_id]
            if None in texts:
                return None
            if self.id_checks:
                agree = _ids_agree(
                    texts,  # type: ignore[arg-type]
                    [births[i] for i in with_id],
                    [kinds[i].fields["gender"] is Gender.MALE for i in with_id],  # type: ignore[index]
                )
                alone = [i for i, same in zip(with_id, agree, strict=True) if not same]
        # Every row is placed: the keys are taken, rows are numbered.
        self.seen.update(keys)
        self.index += n
        fast = range(n) if not alone else sorted(set(range(n)) - set(alone))
        results = self._shared_results(
            fast, kinds, set(infos.values()), births, joined, confirmed, columns, given
        )
        out: list[Eligibility | ScreenError] = []
        if not alone:
            return list(map(_relabel, results, keys))
        by_row = dict(zip(fast, results, strict=True))
        for i in range(n):
            shared = by_row.get(i)
            if shared is None:
                out.append(self._screen(self._candidate(i, columns, given)))
            else:
                out.append(_relabel(shared, keys[i]))
        return out

    def _shared_results(
        self,
        fast: Sequence[int],
        kinds: list[_Sig],
        infos: set[_Sig],
        births: Sequence[Any],
        joined: Sequence[Any] | None,
        confirmed: Sequence[Any] | None,
        columns: Mapping[str, Sequence[Any]],
        given: list[str],
    ) -> list[Eligibility]:
        """For each row of ``fast``, the result of its group (screened on the group's first
        row), to be copied under the row's key."""
        whole = len(fast) == len(kinds)
        rows_kinds = kinds if whole else [kinds[i] for i in fast]
        rows_births = births if whole else [births[i] for i in fast]
        roles = {k.role for k in infos}
        if len(roles) == 1:
            (role,) = roles
            ages = self._age_answers(role, set(rows_births))
            answers = list(map(ages.__getitem__, rows_births))
        else:
            days: dict[tuple[Any, Any], set[_dt.date]] = {role: set() for role in roles}
            for k, born in zip(rows_kinds, rows_births, strict=True):
                days[k.role].add(born)
            by_role = {role: self._age_answers(role, d) for role, d in days.items()}
            answers = [by_role[k.role][b] for k, b in zip(rows_kinds, rows_births, strict=True)]
        if any(k.party for k in infos):
            kind_keys: list[Any] = [
                (
                    k.read,
                    joined[i] if joined is not None else None,
                    confirmed[i] if confirmed is not None else None,
                )
                if k.party
                else k.read
                for k, i in zip(rows_kinds, fast, strict=True)
            ]
        else:
            kind_keys = list(map(_READ_OF, rows_kinds))
        shared = self.shared
        if len(set(kind_keys)) == 1:  # one kind: its results by age answer
            kind = kind_keys[0]
            table = {a: shared.get((kind, a)) for a in set(answers)}
            results = list(map(table.__getitem__, answers))
            if None not in results:
                return results  # type: ignore[return-value]
        groups = list(zip(kind_keys, answers, strict=True))
        results = list(map(shared.get, groups))
        if None in results:
            for j, result in enumerate(results):
                if result is None:
                    found = shared.get(groups[j])
                    if found is None:
                        kind, answer = groups[j]
                        found, _ = self._first(fast[j], kind, answer, columns, given)
                    results[j] = found
        return results  # type: ignore[return-value]

    def _answer(
        self,
        fast: list[int],
        columns: Mapping[str, Sequence[Any]],
        given: list[str],
        kinds: list[_Sig],
        out: list[Eligibility | ScreenError | None],
    ) -> None:
        """Answer the rows that need no per-row path: one screen per (what the screens read,
        party dates, age answer), shared by the rows that have the same."""
        names = columns["name"]
        keys: Sequence[Any] = columns.get("key", names)
        births = columns["birth_date"]
        joined = columns.get("party_joined")
        confirmed = columns.get("party_confirmed")
        by_role: dict[tuple[Any, Any], set[_dt.date]] = {}
        for i in fast:
            role = kinds[i].role
            days = by_role.get(role)
            if days is None:
                by_role[role] = {births[i]}
            else:
                days.add(births[i])
        ages = {role: self._age_answers(role, days) for role, days in by_role.items()}
        shared, relabel = self.shared, _relabel
        for i in fast:
            info = kinds[i]
            if info.party:
                kind: Any = (
                    info.read,
                    joined[i] if joined is not None else None,
                    confirmed[i] if confirmed is not None else None,
                )
            else:
                kind = info.read
            answer = ages[info.role][births[i]]
            result = shared.get((kind, answer))
            if result is None:
                result, own = self._first(i, kind, answer, columns, given)
                if own:
                    out[i] = result
                    continue
            key = keys[i]
            out[i] = relabel(result, names[i] if key is None else key)

    def _first(
        self, i: int, kind: Any, answer: int, columns: Mapping[str, Sequence[Any]], given: list[str]
    ) -> tuple[Eligibility, bool]:
        """For row ``i``, the first of a new (kind, age answer): a result to share from another
        answer of its kind (and False), or the row's own result (and True), kept to share when
        it can be."""
        base = self.bases.get(kind)
        if base is not None:  # another age answer of a kind already screened
            swapped = self._swap(base[0], base[1], answer)
            if swapped is not None and _shareable(swapped):
                self.shared[(kind, answer)] = swapped
                return swapped, False
        own = self._screen(self._candidate(i, columns, given))
        if _shareable(own):
            self.shared[(kind, answer)] = own
            self.bases.setdefault(kind, (own, answer))
        return own, True

    def _check_shape(self, columns: Mapping[str, Sequence[Any]]) -> int:
        if not isinstance(columns, Mapping):
            raise RuleInputError(
                f"columns are a mapping of column name to values, got {type(columns).__name__}",
                code="TYPE",
                path="columns",
            )
        unknown = sorted(set(columns) - set(COLUMNS), key=repr)
        if unknown:
            raise RuleInputError(
                f"unknown columns {unknown}: a roster has {', '.join(COLUMNS)}",
                code="UNKNOWN_KEY",
                path=f"columns[{unknown[0]!r}]",
            )
        for name in _REQUIRED:
            if name not in columns:
                raise RuleInputError(
                    f"the column {name!r} is required", code="MISSING", path=f"columns[{name!r}]"
                )
        for name, values in columns.items():
            if isinstance(values, str | bytes | Mapping) or not isinstance(values, Sequence):
                raise RuleInputError(
                    f"column {name!r} is a sequence of values, got {type(values).__name__}",
                    code="TYPE",
                    path=f"columns[{name!r}]",
                )
        n = len(columns["name"])
        for name, values in columns.items():
            if len(values) != n:
                raise RuleInputError(
                    f"column {name!r} has {len(values)} values, not {n}",
                    code="BAD_SHAPE",
                    path=f"columns[{name!r}]",
                )
        return n

    def _signature(
        self, given: list[str], sig: tuple[Any, ...], columns: Mapping[str, Sequence[Any]], i: int
    ) -> _Sig:
        """What the rows with row ``i``'s signature share (a record with its static values is
        built once, with a stand-in name and birth date, to check them)."""
        found = self.signatures.get(sig)
        if found is not None:
            return found
        fields = _row_fields(columns, given, i)
        try:
            _make(fields, "代", "代", _dt.date(2000, 1, 1), None, None, None)
        except (InvalidDataError, TypeError, ValueError):
            found = _BAD
        else:
            reads = self.party_dates
            keyed = dict(zip(given, sig, strict=True))
            read = tuple(keyed[name] if name in keyed else fields[name] for name in _READ)
            found = _Sig(
                fields,
                reads is not None and reads(fields["office"], fields["party_standing"]),
                self.reads.setdefault(read, len(self.reads)),
                (fields["office"], fields["tenure"]),
            )
        self.signatures[sig] = found
        return found

    def _build(
        self, index: int, i: int, columns: Mapping[str, Sequence[Any]], given: list[str]
    ) -> tuple[Candidate | None, list[Problem]]:
        """Row ``i`` as a Candidate with its row problem, or the problems of its values (each
        path starting ``candidates[index]``, as a batch of Candidates numbers them)."""
        where = f"candidates[{index}]"
        try:
            cand = self._candidate(i, columns, given)
        except InvalidDataError as err:
            return None, [p.with_prefix(where) for p in err.problems]
        problem = _row_problem(cand, self.election, where, self.seen)
        if problem is None:
            return cand, []
        return cand, [Problem(problem.code, problem.path, problem.message)]

    @staticmethod
    def _candidate(i: int, columns: Mapping[str, Sequence[Any]], given: list[str]) -> Candidate:
        name = columns["name"][i]
        key = columns["key"][i] if "key" in columns else None
        return _make(
            _row_fields(columns, given, i),
            name,
            name if key is None else key,
            columns["birth_date"][i],
            columns["party_joined"][i] if "party_joined" in columns else None,
            columns["party_confirmed"][i] if "party_confirmed" in columns else None,
            columns["id_number"][i] if "id_number" in columns else None,
        )

    def _age_answers(self, role: tuple[Any, Any], days: set[_dt.date]) -> dict[_dt.date, int]:
        """What the age rules say of each birth date for ``role`` (office, tenure), as a number
        per distinct answer (0: nothing).

        Age enters the rules only through thresholds (a minimum age, a maximum, a retirement
        horizon), each finding present on one side of its threshold with a value (an age, a
        retirement date) that moves one way with the birth date. So two birth dates with the
        same answer have that answer on every date between them, and the answers of sorted
        dates are found by judging the ends of a range and splitting it only where they
        differ: a few judgements per distinct answer. What was learnt is kept for the next
        chunk.
        """
        known = self.ages.setdefault(role, {})
        do_age, do_rights = self.date_checks
        if not (do_age or do_rights):
            return dict.fromkeys(days, 0)
        if not days:
            return known
        office, tenure = role
        person = Person(name="代", gender=Gender.MALE, birth_date=_dt.date(2000, 1, 1))
        cand = Candidate(person=person, office=office, tenure=tenure)
        answers = self.answers

        def judge(day: _dt.date) -> int:
            found = known.get(day)
            if found is not None:
                return found
            identity = _new(IdentityCheck)
            _set(identity, "birth_date", day)
            _set(identity, "gender", Gender.MALE)
            _set(identity, "birth_date_source", "DOSSIER")
            _set(identity, "id_masked", None)
            _set(identity, "findings", ())
            ctx = _Ctx(cand, self.election, self.policy, identity, self.negative_lists)
            said: list[Finding] = []
            if do_rights:
                said.extend(_check_rights(ctx))
            if do_age:
                general = {(f.code, f.message_en) for f in _uncovered(ctx)}
                said.extend(f for f in _check_age(ctx) if (f.code, f.message_en) not in general)
            answer = tuple(_print(f) for f in said)
            number = answers.setdefault(answer, len(answers) + 1) if answer else 0
            if number == len(self.said):
                self.said.append(tuple(said))
            known[day] = number
            return number

        dates = sorted(days)
        stack = [(0, len(dates) - 1, judge(dates[0]), judge(dates[-1]))]
        while stack:
            a, b, first, last = stack.pop()
            if first == last:
                for k in range(a + 1, b):
                    known[dates[k]] = first
            elif b - a > 1:
                mid = (a + b) // 2
                middle = judge(dates[mid])
                stack.append((a, mid, first, middle))
                stack.append((mid, b, middle, last))
        return known

    def _swap(self, base: Eligibility, had: int, wanted: int) -> Eligibility | None:
        """``base`` with the findings of age answer ``had`` replaced by those of ``wanted``:
        the other checks do not read the birth date, so they say the same for both. None when
        the findings of ``had`` are not all in ``base`` (the row is then screened)."""
        left = [_print(f) for f in self.said[had]]
        kept = []
        for f in base.findings:
            mark = _print(f)
            if mark in left:
                left.remove(mark)
            else:
                kept.append(f)
        if left:
            return None
        kept.extend(_with_subject(f, base.subject) for f in self.said[wanted])
        return Eligibility._from_findings(base.subject, base.policy_id, kept)

    def _screen(self, cand: Candidate) -> Eligibility:
        # screen()'s body: the batch was checked once (_start) and the row by rows().
        return _screen(cand, self.election, self.policy, self.order, self.negative_lists)


def _start(
    election: Election,
    policy: Policy,
    checks: Sequence[str] | None,
    negative_lists: Sequence[str] | None,
    strict: bool,
    on_error: str,
) -> _Run:
    """Check the whole batch as :func:`~huanjie_rules.eligibility.screen_many` does, once."""
    order = _batch_start(election, policy, checks, negative_lists, strict, on_error)
    return _Run(election, policy, order, negative_lists, on_error)


def _chunk_rows(
    run: _Run, chunks: Iterable[Mapping[str, Sequence[Any]] | Any]
) -> Iterator[tuple[Eligibility | ScreenError, ...]]:
    for columns in chunks:
        yield tuple(run.rows(columns))


@checked
def screen_columns(
    columns: Mapping[str, Sequence[Any]] | Any,
    election: Election,
    policy: Policy,
    *,
    checks: Sequence[str] | None = None,
    negative_lists: Sequence[str] | None = None,
    strict: bool = True,
    on_error: Literal["raise", "report"] = "raise",
) -> tuple[Eligibility | ScreenError, ...]:
    """Screen a roster held as columns: exactly :func:`screen_many` over its candidates.

    Args:
        columns: column name → values, for the columns in :data:`COLUMNS`; or a pandas or
            polars DataFrame or an Arrow table with those columns (birth and party dates as
            ``datetime.date`` values; a missing value is ``None``, and pandas' NaN and NA
            read as missing).
        election: the election.
        policy: the profile.
        checks: as :func:`screen_many`.
        negative_lists: as :func:`screen_many`.
        strict: as :func:`screen_many`.
        on_error: as :func:`screen_many`.

    Returns:
        One result per row, in row order.

    A row whose values do not make a valid :class:`~huanjie_rules.model.Candidate` (a sex
    that is no ``Gender`` code, a ``datetime`` for a birth date, a date beyond the limits) is a
    bad row, as a row with an office without seats or a repeated key is: with
    ``on_error="report"`` it gets a :class:`ScreenError` (the code and path of its first
    problem, every problem in the message); with ``"raise"`` every bad row is listed in one
    :class:`~huanjie_rules.errors.RowsError` (each problem with its row's path,
    ``candidates[3].person.gender``) and no row is screened.

    Raises:
        RowsError: with ``on_error="raise"``, every bad row.
        RuleInputError: an unknown or missing column (``UNKNOWN_KEY``, ``MISSING``), a column
            that is not a sequence (``TYPE``), columns of different lengths (``BAD_SHAPE``), and
            the whole-batch problems of :func:`screen_many`.
        ArgumentError: an argument of the wrong type.

    Legal basis: as :func:`huanjie_rules.eligibility.screen`.
    """
    run = _start(election, policy, checks, negative_lists, strict, on_error)
    return tuple(run.rows(columns))


@checked
def screen_column_chunks(
    chunks: Iterable[Mapping[str, Sequence[Any]] | Any],
    election: Election,
    policy: Policy,
    *,
    checks: Sequence[str] | None = None,
    negative_lists: Sequence[str] | None = None,
    strict: bool = True,
    on_error: Literal["raise", "report"] = "raise",
) -> Iterator[tuple[Eligibility | ScreenError, ...]]:
    """Screen a roster read in chunks of columns; yields each chunk's results as it goes.

    Rows are numbered over the whole roster and a key repeating one of an earlier chunk is a
    ``DUPLICATE_KEY`` row, so the concatenated results are exactly :func:`screen_columns` over
    the whole roster. Whole-batch problems raise at the call, before the first chunk is read;
    with ``on_error="raise"`` the first chunk holding bad rows raises a
    :class:`~huanjie_rules.errors.RowsError` listing every bad row of that chunk (the chunks
    before it have been yielded).

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import *
        >>> from huanjie_rules.policy import load_policy
        >>> election = Election(key="n", regime=Regime.NPC, policy_id="npc-2020",
        ...     body=BodyKind.PEOPLES_CONGRESS, level=Level.TOWNSHIP,
        ...     form=ElectionForm.DIRECT_VOTERS, date=dt.date(2021, 11, 5),
        ...     seats=[Seat(office=Office.NPC_DEPUTY, count=2)], entitled_voters=3000)
        >>> chunk = {"name": ["甲"], "gender": ["FEMALE"], "birth_date": [dt.date(1970, 1, 1)],
        ...          "office": ["NPC_DEPUTY"]}
        >>> rows = [r for part in screen_column_chunks([chunk, chunk], election,
        ...         load_policy("npc-2020"), on_error="report") for r in part]
        >>> [type(r).__name__ for r in rows], rows[1].code
        (['Eligibility', 'ScreenError'], 'DUPLICATE_KEY')

    Legal basis: as :func:`huanjie_rules.eligibility.screen`.
    """
    run = _start(election, policy, checks, negative_lists, strict, on_error)
    return _chunk_rows(run, chunks)
