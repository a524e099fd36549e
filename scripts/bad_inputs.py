"""Example bad inputs, one per error code: the source of docs/bad-input.md.

Each example is a Python expression run against the names of ``SETUP``; it must raise the
library's error carrying its code (as the error's own code or one of its problems'), and the page
shows the expression with the message in English and Chinese. ``scripts/gen_docs.py`` fails when
an example no longer raises its code, so the page cannot drift from the code.
"""

from __future__ import annotations

SETUP = """
import datetime as dt
import json
import attrs
import tempfile
from fractions import Fraction
from pathlib import Path
from huanjie_rules import *
from huanjie_rules.io import from_json, from_dict, to_dict
from huanjie_rules.limits import Limits, parse_fraction
from huanjie_rules.age import anniversary
from huanjie_rules.examples.demo import load_example
from huanjie_rules.testing.votes import make_election
E, _ = load_example()
V = load_policy(E.policy_id)
N = load_policy("npc-2020")
PB = load_policy("party-basic-2020")
D = Office.NPC_DEPUTY
NE = make_election("npc-2020", seats={D: 1}, candidates={D: ["甲", "乙"]}, entitled=1000)
NP = paper_for(NE, N)
T800 = Tally.from_counts(NP, issued=800, returned=800, for_votes={"甲": 500, "乙": 290})
def seat(**changes):
    return json.dumps({"office": "MEMBER", "count": 3, **changes})
def folder(files):
    root = Path(tempfile.mkdtemp())
    d = root / "mine"
    d.mkdir()
    for name, text in files.items():
        (d / name).write_text(text, encoding="utf-8")
    return root
HEAD = '''id = "mine"
regime = "VILLAGE"
extends = "village-2018"
local = true
title_zh = "某县"
title_en = "A county"
valid_from = 2021-01-01
[instruments.MINE]
title = "某县细则"
url = "https://example.org/rules"
'''
"""

#: (code, expression), in the order of the page.
EXAMPLES: tuple[tuple[str, str], ...] = (
    # -- JSON and records
    ("JSON", 'from_json(\'{"office": "MEMBER", \', Seat)'),
    ("ENCODING", 'from_json(b\'{"office": "\\xff"}\', Seat)'),
    ("LIMIT", "from_json('{\"count\": ' + '[' * 100 + ']' * 100 + '}', Seat)"),
    ("DUPLICATE_KEY", 'from_json(\'{"office": "MEMBER", "count": 3, "count": 5}\', Seat)'),
    ("TYPE", 'from_json(seat(count="3"), Seat)'),
    ("MISSING", 'from_json(\'{"office": "MEMBER"}\', Seat)'),
    ("UNKNOWN_KEY", "from_json(seat(cuont=3), Seat)"),
    ("UNKNOWN_LABEL", 'from_json(seat(office="委员"), Seat)'),
    ("AMBIGUOUS_LABEL", 'from_json(\'{"full_time": "大学"}\', Education, labels=True)'),
    ("RANGE", "from_json(seat(count=0), Seat)"),
    ("SCHEMA_VERSION", "from_json(seat(schema_version=99), Seat)"),
    (
        "CYCLE",
        "(lambda d: (d.__setitem__('count', [d]), from_dict(d, Seat)))({'office': 'MEMBER'})",
    ),
    ("ID_MASKED", "from_json(json.dumps({**to_dict(E.candidates[0].person)}), Person)"),
    ("ID_SHAPE", 'IdNumber("11010519491231002")'),
    (
        "DATE_ORDER",
        "attrs.evolve(E, candidates=[attrs.evolve(E.candidates[0], person=attrs.evolve(E.candidates[0].person, birth_date=dt.date(2030, 1, 1)))])",
    ),
    ("DUPLICATE", "attrs.evolve(E, seats=[E.seats[0], E.seats[0]])"),
    ("EMPTY", "RecordFact(kind=' ')"),
    (
        "COUNTS_EXCEED_BALLOTS",
        "attrs.evolve(T800, counts=[attrs.evolve(c, for_votes=c.for_votes + 500, abstain=c.abstain - 500) if c.person == '乙' else c for c in T800.counts])",
    ),
    # -- arguments and limits
    ("TYPE", 'screen("陈建国", E, V)'),
    ("LANGUAGE", 'RuleInputError("x").render("fr")'),
    ("AGE_BEFORE_BIRTH", "age_on(dt.date(2000, 1, 1), dt.date(1999, 1, 1))"),
    ("LEAP_DAY_CONVENTION", 'anniversary(dt.date(2016, 2, 29), 1, leap_day="MAR_2")'),
    # -- screening
    ("REGIME_MISMATCH", "screen(E.candidates[0], E, N)"),
    ("UNKNOWN_OFFICE", "screen(attrs.evolve(E.candidates[0], office=Office.SECRETARY), E, V)"),
    ("UNKNOWN_CHECK", 'screen(E.candidates[0], E, V, checks=["agee"])'),
    ("UNKNOWN_NEGATIVE_LIST", 'screen(E.candidates[0], E, V, negative_lists=["list_nope"])'),
    ("ROWS", "screen_many([E.candidates[0], E.candidates[0]], E, V)"),
    # -- policy profiles
    ("UNKNOWN_POLICY", 'load_policy("village-2019")'),
    ("POLICY_NOT_IN_FORCE", 'load_policy("village-2018", on=dt.date(2010, 1, 1))'),
    ("PARAMETER", 'V.param("rights.min_agee")'),
    ("NOT_A_FOLDER", 'load_policy("mine", search="/no/such/folder")'),
    ("TOML", 'load_policy("mine", search=folder({"profile.toml": "id = ", }))'),
    (
        "CITATION",
        'load_policy("mine", search=folder({"profile.toml": HEAD, "rights.toml": "[min_age]\\ntype = \\"int\\"\\nvalue = 18\\nrule = \\"R\\"\\n"}))',
    ),
    (
        "CHOICES_WIDENED",
        'load_policy("mine", search=folder({"profile.toml": HEAD, "eligibility.toml": "[age_mode]\\ntype = \\"str\\"\\nvalue = \\"ELECTION_DATE\\"\\nchoices = [\\"ELECTION_DATE\\", \\"WHENEVER\\"]\\nrule = \\"R\\"\\ninstrument = \\"MINE\\"\\narticle = \\"1\\"\\n"}))',
    ),
    (
        "NO_SCHEMA",
        'load_policy("mine", search=folder({"profile.toml": HEAD, "votes.toml": "[extra]\\ntype = \\"table\\"\\nvalue = {a = 1}\\nrule = \\"R\\"\\ninstrument = \\"MINE\\"\\narticle = \\"1\\"\\n"}))',
    ),
    (
        "UNKNOWN_CODE",
        'load_policy("mine", search=folder({"profile.toml": HEAD, "eligibility.toml": "[role_limits]\\ntype = \\"tables\\"\\nrule = \\"R\\"\\ninstrument = \\"MINE\\"\\narticle = \\"1\\"\\n[[role_limits.value]]\\nid = \\"OLD\\"\\noffices = [\\"SECRETERY\\"]\\n"}))',
    ),
    (
        "EXTENDS_CYCLE",
        'load_policy("mine", search=folder({"profile.toml": HEAD.replace("village-2018", "mine")}))',
    ),
    # -- votes
    ("TALLY_MISMATCH", "T800 + Tally.empty(paper_for(E, V))"),
    ("UNKNOWN_CANDIDATE", 'Tally.from_counts(NP, issued=10, returned=10, for_votes={"丁": 1})'),
    (
        "LISTED_AS_WRITEIN",
        'Tally.from_counts(NP, issued=10, returned=10, for_votes={}, write_ins={"甲": 1})',
    ),
    (
        "INVALID_EXCEEDS_RETURNED",
        "Tally.from_counts(NP, issued=10, returned=10, invalid=11, for_votes={})",
    ),
    ("NEGATIVE_COUNT", 'Tally.from_counts(NP, issued=10, returned=10, for_votes={"甲": -1})'),
    (
        "RETURNED_EXCEEDS_ISSUED",
        "decide(NE, Tally.from_counts(NP, issued=0, returned=800, for_votes={'甲': 700}), N, turnout=Turnout(entitled=1000, present=800))",
    ),
    (
        "VOTERS_EXCEED_ISSUED",
        "decide(NE, T800, N, turnout=Turnout(entitled=1000, present=900, voted=850))",
    ),
    ("TURNOUT_MISMATCH", "decide(NE, T800, N, turnout=Turnout(entitled=999, present=800))"),
    ("POLICY_MISMATCH", "decide(NE, T800, V, turnout=Turnout(entitled=1000, present=800))"),
    # -- quotas and apportionment
    ("ZERO_SEATS", 'apportion(PB, {"甲": 3, "乙": 2}, 0)'),
    ("NEGATIVE_WEIGHT", 'apportion(PB, {"甲": 3, "乙": -2}, 5)'),
    ("ZERO_TOTAL_WEIGHT", 'apportion(PB, {"甲": 0, "乙": 0}, 5)'),
    ("EMPTY_UNITS", "apportion(PB, {}, 5)"),
    ("DUPLICATE_UNIT", 'apportion(PB, [("甲", 3), ("甲", 2)], 5)'),
    ("EMPTY_KEY", 'apportion(PB, [("", 3)], 5)'),
    ("NEGATIVE_MARGIN", "margin_bounds(PB, Office.MEMBER, 7, previous_margin=Fraction(-1, 5))"),
    ("EMPTY_SLATE", "check_slate([], V, body=BodyKind.VILLAGE_COMMITTEE, on=E.date)"),
    # -- more
    ("INVALID_DATA", "from_json(seat(count=0), Seat)"),
    ("RULE_INPUT", "anniversary(dt.date(2020, 1, 1), -1)"),
    (
        "CHOICE",
        'load_policy("mine", search=folder({"profile.toml": HEAD, "eligibility.toml": "[age_mode]\\ntype = \\"str\\"\\nvalue = \\"WHENEVER\\"\\nrule = \\"R\\"\\ninstrument = \\"MINE\\"\\narticle = \\"1\\"\\n"}))',
    ),
    (
        "NOT_A_FILE",
        "(lambda r: ((r / 'mine' / 'votes.toml').mkdir(), load_policy('mine', search=r)))(folder({'profile.toml': HEAD}))",
    ),
    (
        "OUTSIDE_FOLDER",
        "(lambda r: ((r / 'mine' / 'votes.toml').symlink_to('/etc/hostname'), load_policy('mine', search=r)))(folder({'profile.toml': HEAD}))",
    ),
    ("EXTENDS_DEPTH", 'load_policy("zhejiang-village-2020", limits=Limits(max_extends=1))'),
    (
        "ID",
        'load_policy("mine", search=folder({"profile.toml": HEAD.replace(\'id = "mine"\', \'id = "other"\')}))',
    ),
    (
        "REGIME",
        'load_policy("mine", search=folder({"profile.toml": HEAD.replace(\'regime = "VILLAGE"\', \'regime = "NPC"\')}))',
    ),
    (
        "VALIDITY",
        'load_policy("mine", search=folder({"profile.toml": HEAD.replace("valid_from = 2021-01-01", "valid_from = 2010-01-01")}))',
    ),
    ("CALENDAR_COVERAGE", "is_workday(dt.date(2050, 1, 1), default_calendar())"),
    ("OUT_OF_COVERAGE", 'TableCalendar(label="x", years=(2025,), holidays=(dt.date(2026, 1, 1),))'),
    (
        "CONFLICT",
        'TableCalendar(label="x", years=(2025,), holidays=(dt.date(2025, 9, 28),), workdays=(dt.date(2025, 9, 28),))',
    ),
    ("NOT_WEEKEND", 'TableCalendar(label="x", years=(2025,), workdays=(dt.date(2025, 9, 29),))'),
    (
        "NOT_A_SECRETARY",
        'secretary_age_share([E.candidates[0]], load_policy("xzhen-2021"), on=E.date)',
    ),
    ("UNKNOWN_BODY", "committee_size(PB, BodyKind.PEOPLES_CONGRESS)"),
    ("UNKNOWN_LEVEL", "deputy_quota(N, Level.VILLAGE, 1000)"),
    ("MINIMUM_EXCEEDS_SEATS", 'apportion(PB, {"甲": 3, "乙": 2}, 3, minimum=2)'),
    ("UNKNOWN_FORM", "assembly_form(PB, 60, proposed=ElectionForm.VILLAGERS)"),
    (
        "BAD_SHAPE",
        "__import__('huanjie_rules.votes.fast', fromlist=['x']).tally_array(NP, __import__('numpy').zeros((2, 5), dtype='int8'), N, issued=2)",
    ),
    (
        "BAD_MARK",
        "__import__('huanjie_rules.votes.fast', fromlist=['x']).tally_array(NP, __import__('numpy').full((2, 2), 7, dtype='int8'), N, issued=2)",
    ),
)

#: Codes no input to the public API can raise, and why; the page lists them with the reason.
NOT_FROM_INPUT: dict[str, str] = {
    "HUANJIE_ERROR": "the base class's code; every error raised has a more specific one",
    "CATALOGUE": "a malformed message catalogue shipped with the library (a defect of the library)",
    "INVALID": "a reader's fallback for a parser failure no other code describes",
    "ARGUMENT": "the class code of ArgumentError; each one raised carries TYPE, RANGE or LIMIT",
    "LABEL": "the class code of LabelError; each one raised carries UNKNOWN_LABEL or AMBIGUOUS_LABEL",
    "MISSING_EXTRA": "an optional dependency is not installed (the message names the extra)",
}
