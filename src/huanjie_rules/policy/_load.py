"""Reading policy profiles from TOML.

A profile is a directory ``<id>/`` holding ``profile.toml`` (what the profile is, the instruments
it cites) and one TOML file per rule domain (``eligibility.toml``, ``quotas.toml``, ``votes.toml``,
``procedure.toml``, …). Each top-level table of a domain file is one parameter, named
``"<file stem>.<table key>"``. See docs/policy.md for the format.
"""

from __future__ import annotations

import datetime as _dt
import functools
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from ..errors import (
    InvalidDataError,
    PolicyError,
    PolicyNotInForceError,
    Problem,
    UnknownPolicyError,
)
from ..findings import Citation
from ..model import Regime
from ._types import PARAM_TYPES, IntRange, Parameter, ParamTable, ParamValue, Policy

__all__ = [
    "list_policies",
    "load_policy",
    "policy_for",
]

_META_FILE = "profile.toml"
_PARAM_KEYS = frozenset(
    {
        "type",
        "value",
        "hard",
        "rule",
        "instrument",
        "article",
        "quote",
        "url",
        "seed",
        "reliability",
        "description",
        "note",
        "choices",
    }
)
_META_KEYS = frozenset(
    {
        "id",
        "regime",
        "title_zh",
        "title_en",
        "valid_from",
        "valid_to",
        "extends",
        "local",
        "description",
        "instruments",
    }
)
_INSTRUMENT_KEYS = frozenset(
    {"title", "effective_from", "effective_to", "url", "reliability", "seed", "note"}
)
# READING: the library's own reading where the cited text is silent (a rounding mode, a method).
RELIABILITIES = frozenset(
    {"FULLTEXT", "EXCERPT", "SECONDARY", "MEMORY", "UNSURE", "LOCAL", "READING"}
)
# Keys whose TOML value must have one type (bool("false") is True; str(5) hides a typo).
_PARAM_KEY_TYPES: dict[str, type] = {
    "hard": bool,
    "rule": str,
    "article": str,
    "quote": str,
    "url": str,
    "seed": str,
    "reliability": str,
    "description": str,
    "note": str,
    "instrument": str,
}
_META_KEY_TYPES: dict[str, type] = {
    "id": str,
    "regime": str,
    "title_zh": str,
    "title_en": str,
    "extends": str,
    "local": bool,
    "description": str,
    "instruments": dict,
}


def _typed_keys(
    spec: Mapping[str, Any], types: Mapping[str, type], path: str, problems: list[Problem]
) -> bool:
    """Report keys of ``spec`` whose value has another type than ``types`` says; True if none."""
    ok = True
    for key, kind in types.items():
        if key in spec and (
            not isinstance(spec[key], kind) or (kind is not bool and isinstance(spec[key], bool))
        ):
            problems.append(
                Problem(
                    "TYPE",
                    f"{path}{key}" if path.endswith(":") else f"{path}.{key}",
                    f"expected {kind.__name__}, got {spec[key]!r}",
                )
            )
            ok = False
    return ok


def _reliability(raw: object, path: str, problems: list[Problem]) -> None:
    if raw is not None and raw not in RELIABILITIES:
        problems.append(Problem("CHOICE", path, f"{raw!r} is not one of {sorted(RELIABILITIES)}"))


def _shipped_root() -> Traversable:
    return resources.files("huanjie_rules.policy").joinpath("profiles")


def _profile_dirs(root: Traversable) -> dict[str, Traversable]:
    found: dict[str, Traversable] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        for child in node.iterdir():
            if child.is_dir():
                if child.joinpath(_META_FILE).is_file():
                    found[child.name] = child
                else:
                    stack.append(child)
    return found


def _read_toml(node: Traversable, label: str) -> dict[str, Any]:
    try:
        return tomllib.loads(node.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{label}: not valid TOML: {exc}", path=label) from exc


def _fraction(raw: object, path: str, problems: list[Problem]) -> Fraction | None:
    if isinstance(raw, bool):
        problems.append(Problem("TYPE", path, "expected a fraction like '4/5'"))
        return None
    if isinstance(raw, int):
        return Fraction(raw)
    if isinstance(raw, str):
        try:
            return Fraction(raw.strip())
        except (ValueError, ZeroDivisionError):
            pass
    problems.append(Problem("TYPE", path, f"expected a fraction like '4/5', got {raw!r}"))
    return None


def _table_value(raw: object, path: str, problems: list[Problem]) -> Any:
    if isinstance(raw, int | str | bool | _dt.date) and not isinstance(raw, _dt.datetime):
        return raw
    if isinstance(raw, list) and all(isinstance(x, str) for x in raw):
        return tuple(raw)
    problems.append(Problem("TYPE", path, f"unsupported value inside a table: {raw!r}"))
    return None


def _table(raw: object, path: str, problems: list[Problem]) -> ParamTable | None:
    if not isinstance(raw, dict):
        problems.append(Problem("TYPE", path, "expected a table"))
        return None
    return ParamTable.of({str(k): _table_value(v, f"{path}.{k}", problems) for k, v in raw.items()})


def _value(kind: str, raw: object, path: str, problems: list[Problem]) -> ParamValue | None:
    if kind == "fraction":
        return _fraction(raw, path, problems)
    if kind == "range":
        if not isinstance(raw, dict) or set(raw) - {"min", "max"}:
            problems.append(Problem("TYPE", path, "expected a table {min = …, max = …}"))
            return None
        lo, hi = raw.get("min"), raw.get("max")
        if not all(x is None or (isinstance(x, int) and not isinstance(x, bool)) for x in (lo, hi)):
            problems.append(Problem("TYPE", path, "range ends must be integers"))
            return None
        try:
            return IntRange(min=lo, max=hi)
        except InvalidDataError as err:
            problems.extend(p.with_prefix(path) for p in err.problems)
            return None
    if kind == "strings":
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            problems.append(Problem("TYPE", path, "expected a list of strings"))
            return None
        return tuple(raw)
    if kind == "table":
        return _table(raw, path, problems)
    if kind == "tables":
        if not isinstance(raw, list):
            problems.append(Problem("TYPE", path, "expected a list of tables"))
            return None
        tables = [_table(item, f"{path}[{i}]", problems) for i, item in enumerate(raw)]
        return tuple(t for t in tables if t is not None)
    if kind == "date":
        if isinstance(raw, _dt.date) and not isinstance(raw, _dt.datetime):
            return raw
        problems.append(Problem("TYPE", path, f"expected a date, got {raw!r}"))
        return None
    if kind == "int":
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        problems.append(Problem("TYPE", path, f"expected an integer, got {raw!r}"))
        return None
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        problems.append(Problem("TYPE", path, f"expected true or false, got {raw!r}"))
        return None
    if kind == "str":
        if isinstance(raw, str):
            return raw
        problems.append(Problem("TYPE", path, f"expected a string, got {raw!r}"))
        return None
    problems.append(Problem("CHOICE", path, f"unknown parameter type {kind!r}"))
    return None


def _citation(
    spec: Mapping[str, Any],
    instruments: Mapping[str, Mapping[str, Any]],
    path: str,
    problems: list[Problem],
) -> Citation | None:
    key = spec.get("instrument")
    if not isinstance(key, str) or not key:
        problems.append(Problem("CITATION", f"{path}.instrument", "every parameter needs one"))
        return None
    inst = instruments.get(key)
    if inst is None:
        problems.append(
            Problem("CITATION", f"{path}.instrument", f"{key!r} is not listed under [instruments]")
        )
        return None
    if not any(spec.get(k) for k in ("article", "seed", "url")) and not inst.get("url"):
        problems.append(
            Problem("CITATION", path, "needs an article, a seed line or a URL to point at")
        )
    try:
        return Citation(
            instrument=key,
            title=str(inst.get("title", key)),
            article=spec.get("article"),
            effective_from=inst.get("effective_from"),
            effective_to=inst.get("effective_to"),
            url=spec.get("url") or inst.get("url"),
            seed=spec.get("seed") or inst.get("seed"),
            quote=spec.get("quote"),
            reliability=str(spec.get("reliability") or inst.get("reliability") or "SECONDARY"),
        )
    except InvalidDataError as err:
        problems.extend(p.with_prefix(path) for p in err.problems)
        return None


def _parameters(
    profile_id: str,
    stem: str,
    data: Mapping[str, Any],
    instruments: Mapping[str, Mapping[str, Any]],
    problems: list[Problem],
    inherited: Mapping[str, Parameter] | None = None,
) -> list[Parameter]:
    out: list[Parameter] = []
    for key, spec in data.items():
        name = f"{stem}.{key}"
        path = f"{profile_id}/{stem}.toml:{key}"
        if not isinstance(spec, dict):
            problems.append(Problem("TYPE", path, "each parameter is a table"))
            continue
        unknown = set(spec) - _PARAM_KEYS
        if unknown:
            problems.append(Problem("UNKNOWN_KEY", path, f"unknown keys {sorted(unknown)}"))
        if not _typed_keys(spec, _PARAM_KEY_TYPES, path, problems):
            continue
        _reliability(spec.get("reliability"), f"{path}.reliability", problems)
        raw_choices = spec.get("choices", None)
        if raw_choices is None:
            # An override that does not restate its choices keeps the parent's, so that its
            # value is still checked against them.
            parent = (inherited or {}).get(name)
            choices: tuple[str, ...] = parent.choices if parent is not None else ()
        elif isinstance(raw_choices, list) and all(isinstance(c, str) for c in raw_choices):
            choices = tuple(raw_choices)
        else:
            problems.append(Problem("TYPE", f"{path}.choices", "expected a list of strings"))
            continue
        kind = spec.get("type")
        if kind not in PARAM_TYPES:
            problems.append(Problem("CHOICE", f"{path}.type", f"{kind!r} is not in {PARAM_TYPES}"))
            continue
        if "value" not in spec:
            problems.append(Problem("MISSING", f"{path}.value", "every parameter needs a value"))
            continue
        value = _value(str(kind), spec["value"], f"{path}.value", problems)
        citation = _citation(spec, instruments, path, problems)
        if value is None or citation is None:
            continue
        try:
            out.append(
                Parameter(
                    name=name,
                    type=str(kind),
                    value=value,
                    hard=bool(spec.get("hard", True)),
                    rule_id=str(spec.get("rule", "")),
                    citation=citation,
                    description=str(spec.get("description", "")),
                    note=str(spec.get("note", "")),
                    choices=choices,
                    defined_in=profile_id,
                )
            )
        except InvalidDataError as err:
            problems.extend(p.with_prefix(path) for p in err.problems)
    return out


def _build(
    profile_id: str,
    dirs: Mapping[str, Traversable],
    seen: tuple[str, ...] = (),
) -> tuple[Policy, dict[str, dict[str, Any]]]:
    if profile_id in seen:
        raise PolicyError(f"profile {profile_id!r} extends itself through {seen}")
    node = dirs.get(profile_id)
    if node is None:
        known = ", ".join(sorted(dirs))
        raise UnknownPolicyError(f"no profile {profile_id!r}; known profiles: {known}")
    problems: list[Problem] = []
    meta = _read_toml(node.joinpath(_META_FILE), f"{profile_id}/{_META_FILE}")
    unknown = set(meta) - _META_KEYS
    if unknown:
        problems.append(Problem("UNKNOWN_KEY", f"{profile_id}/profile.toml", f"{sorted(unknown)}"))
    if meta.get("id") != profile_id:
        problems.append(
            Problem("ID", f"{profile_id}/profile.toml:id", "must equal the directory name")
        )
    _typed_keys(meta, _META_KEY_TYPES, f"{profile_id}/profile.toml:", problems)
    parent_id = meta.get("extends") if isinstance(meta.get("extends"), str) else None
    inherited: dict[str, Parameter] = {}
    instruments: dict[str, dict[str, Any]] = {}
    lineage: tuple[str, ...] = (profile_id,)
    parent: Policy | None = None
    if parent_id:
        parent, parent_instruments = _build(str(parent_id), dirs, (*seen, profile_id))
        inherited = {p.name: p for p in parent.parameters}
        instruments.update(parent_instruments)
        lineage = (profile_id, *parent.lineage)
    raw_instruments = meta.get("instruments", {})
    for key, inst in (raw_instruments if isinstance(raw_instruments, dict) else {}).items():
        where = f"{profile_id}/profile.toml:instruments.{key}"
        if not isinstance(inst, dict):
            problems.append(Problem("TYPE", where, "each instrument is a table"))
            continue
        unknown_inst = set(inst) - _INSTRUMENT_KEYS
        if unknown_inst:
            problems.append(Problem("UNKNOWN_KEY", where, f"{sorted(unknown_inst)}"))
        if not isinstance(inst.get("title"), str) or not inst["title"].strip():
            problems.append(Problem("MISSING", f"{where}.title", "every instrument needs a title"))
        for field in ("url", "seed", "note"):
            if field in inst and not isinstance(inst[field], str):
                problems.append(Problem("TYPE", f"{where}.{field}", "expected a string"))
        for field in ("effective_from", "effective_to"):
            day = inst.get(field)
            if day is not None and (not isinstance(day, _dt.date) or isinstance(day, _dt.datetime)):
                problems.append(Problem("TYPE", f"{where}.{field}", "expected a TOML date"))
        _reliability(inst.get("reliability"), f"{where}.reliability", problems)
        instruments[key] = dict(inst)
    own: dict[str, Parameter] = {}
    own_file: dict[str, str] = {}
    files = sorted(
        (c for c in node.iterdir() if c.name.endswith(".toml") and c.name != _META_FILE),
        key=lambda c: c.name,
    )
    for f in files:
        stem = f.name.removesuffix(".toml")
        data = _read_toml(f, f"{profile_id}/{f.name}")
        for p in _parameters(profile_id, stem, data, instruments, problems, inherited):
            if p.name in own:
                problems.append(
                    Problem(
                        "DUPLICATE",
                        f"{profile_id}/{f.name}:{p.name.split('.', 1)[1]}",
                        f"{p.name!r} is also defined in {own_file[p.name]}",
                    )
                )
            parent_param = inherited.get(p.name)
            if parent_param is not None and parent_param.type != p.type:
                problems.append(
                    Problem(
                        "TYPE",
                        f"{profile_id}/{f.name}:{p.name.split('.', 1)[1]}",
                        f"overrides a {parent_param.type} parameter with a {p.type}",
                    )
                )
            own[p.name] = p
            own_file.setdefault(p.name, f.name)
    regime_raw = meta.get("regime")
    regime = Regime.parse(str(regime_raw)) if isinstance(regime_raw, str) else None
    if not isinstance(regime, Regime):
        problems.append(Problem("CHOICE", f"{profile_id}/profile.toml:regime", f"{regime_raw!r}"))
    if parent is not None and isinstance(regime, Regime) and regime is not parent.regime:
        problems.append(
            Problem(
                "REGIME",
                f"{profile_id}/profile.toml:regime",
                f"{regime.value} differs from {parent.id!r}'s {parent.regime.value}",
            )
        )
    if parent is not None:
        problems.extend(_within_parent(profile_id, meta, parent))
    if problems:
        raise InvalidDataError(problems, context=f"policy profile {profile_id!r}")
    assert isinstance(regime, Regime)
    merged = {**inherited, **own}
    try:
        policy = Policy(
            id=profile_id,
            regime=regime,
            title_zh=str(meta.get("title_zh", "")),
            title_en=str(meta.get("title_en", "")),
            valid_from=meta["valid_from"],
            valid_to=meta.get("valid_to"),
            lineage=lineage,
            local=bool(meta.get("local", False)),
            description=str(meta.get("description", "")),
            parameters=tuple(merged[k] for k in sorted(merged)),
        )
    except KeyError as exc:
        raise InvalidDataError(
            [Problem("MISSING", f"{profile_id}/profile.toml:{exc.args[0]}", "is required")]
        ) from None
    except InvalidDataError as err:
        raise err.with_prefix(f"{profile_id}/profile.toml") from None
    return policy, instruments


def _within_parent(profile_id: str, meta: Mapping[str, Any], parent: Policy) -> list[Problem]:
    """An extending profile applies only while its parent does: its rules are the parent's
    with some overridden, and on a day the parent is not in force they are not law."""
    where = f"{profile_id}/profile.toml"
    start, end = meta.get("valid_from"), meta.get("valid_to")
    found: list[Problem] = []
    if isinstance(start, _dt.date) and not parent.in_force(start):
        found.append(
            Problem("VALIDITY", f"{where}:valid_from", f"{start} is outside {parent.id!r}")
        )
    if parent.valid_to is not None:
        if end is None:
            found.append(
                Problem(
                    "VALIDITY",
                    f"{where}:valid_to",
                    f"is open but {parent.id!r} ends on {parent.valid_to}",
                )
            )
        elif isinstance(end, _dt.date) and end > parent.valid_to:
            found.append(
                Problem("VALIDITY", f"{where}:valid_to", f"{end} is after {parent.id!r} ends")
            )
    return found


def _dirs(extra: Sequence[str | Path]) -> dict[str, Traversable]:
    return dict(_dirs_cached(tuple(str(s) for s in extra)))


@functools.lru_cache(maxsize=16)
def _dirs_cached(extra: tuple[str, ...]) -> dict[str, Traversable]:
    dirs = _profile_dirs(_shipped_root())
    for root in extra:
        for name, node in _profile_dirs(Path(root)).items():
            dirs[name] = node
    return dirs


@functools.lru_cache(maxsize=64)
def _load_cached(profile_id: str, extra: tuple[str, ...]) -> Policy:
    return _build(profile_id, _dirs(extra))[0]


def load_policy(
    profile_id: str,
    *,
    on: _dt.date | None = None,
    strict: bool = True,
    search: Iterable[str | Path] = (),
) -> Policy:
    """Load a policy profile by id.

    Args:
        profile_id: e.g. ``"party-basic-2020"``; see :func:`list_policies`.
        on: if given, the date the profile is to be applied on. With ``strict`` (the default) a
            date outside the profile's validity raises :class:`PolicyNotInForceError`.
        strict: set False to get the profile whatever the date (the caller takes the risk).
        search: extra directories holding profile directories of the caller's own; a profile
            there may extend a shipped one, and replaces a shipped one of the same id.

    Example:
        >>> import datetime as dt
        >>> p = load_policy("party-basic-2020")
        >>> p.regime.value, p.valid_from
        ('PARTY_BASIC', datetime.date(2020, 7, 13))
        >>> load_policy("party-basic-2020", on=dt.date(2019, 1, 1))
        Traceback (most recent call last):
        ...
        huanjie_rules.errors.PolicyNotInForceError: date: profile 'party-basic-2020' applies from 2020-07-13 to now, not on 2019-01-01 [POLICY_NOT_IN_FORCE]
    """
    policy = _load_cached(profile_id, tuple(str(s) for s in search))
    if on is not None and strict:
        policy.require_in_force(on)
    return policy


def list_policies(*, search: Iterable[str | Path] = ()) -> tuple[str, ...]:
    """The ids of every profile available (shipped and in ``search``), sorted.

    Example:
        >>> "village-2018" in list_policies()
        True
    """
    return tuple(sorted(_dirs(tuple(str(s) for s in search))))


_HEADER_KEYS = ("regime ", "regime=", "local ", "local=", "valid_from", "valid_to")


@functools.lru_cache(maxsize=16)
def _headers(extra: tuple[str, ...]) -> tuple[tuple[str, Mapping[str, Any] | None], ...]:
    """Each profile's ``profile.toml`` (None if it cannot be read), without loading the profile."""
    out: list[tuple[str, Mapping[str, Any] | None]] = []
    for pid, node in sorted(_dirs(extra).items()):
        meta: Mapping[str, Any] | None
        try:
            text = node.joinpath(_META_FILE).read_text(encoding="utf-8")
            # Only the lines of the keys that choose a profile, each a one-line value. A line of
            # a multi-line text that looks like one of them repeats a key (the real one is
            # required) and so fails to parse: the profile then counts as unreadable.
            lines = [ln for ln in text.splitlines() if ln.startswith(_HEADER_KEYS)]
            meta = tomllib.loads("\n".join(lines))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            meta = None
        out.append((pid, meta))
    return tuple(out)


def _candidates_for(regime: Regime, on: _dt.date, extra: tuple[str, ...]) -> list[str]:
    """The profiles whose header could make them the national profile of ``regime`` on ``on``.

    A header that says another regime, a local profile or dates that exclude ``on`` rules a
    profile out; anything unreadable or malformed keeps it in, so that loading it reports the
    problem exactly as loading every profile would.
    """
    found = []
    for pid, meta in _headers(extra):
        if meta is None:
            found.append(pid)
            continue
        raw = meta.get("regime")
        parsed = Regime.parse(raw) if isinstance(raw, str) else None
        start, end, local = meta.get("valid_from"), meta.get("valid_to"), meta.get("local", False)
        if isinstance(parsed, Regime) and parsed is not regime:
            continue
        if isinstance(local, bool) and local:
            continue
        if isinstance(start, _dt.date) and _is_date(start) and start > on:
            continue
        if isinstance(end, _dt.date) and _is_date(end) and end < on:
            continue
        found.append(pid)
    return found


def _is_date(value: object) -> bool:
    return isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)


def reload_policies() -> None:
    """Forget every profile read so far, so that edited profile files are read again.

    Profiles are read once and kept (a :class:`Policy` never changes); after editing a profile's
    TOML files in a running process, call this, then load the profile again. Policies already
    obtained stay as they were read.

    Example:
        >>> p = load_policy("village-2018")
        >>> reload_policies()
        >>> load_policy("village-2018") is p, load_policy("village-2018") == p
        (False, True)
    """
    _load_cached.cache_clear()
    _headers.cache_clear()
    _dirs_cached.cache_clear()


def policy_for(regime: Regime, on: _dt.date, *, search: Iterable[str | Path] = ()) -> Policy:
    """The national (non-local) profile of ``regime`` in force on ``on``.

    Only the profiles whose ``profile.toml`` header names that regime, nationally, on that day
    are loaded; the first call costs about one profile's load. Profiles are kept once read: see
    :func:`reload_policies` after editing one.

    Raises :class:`PolicyNotInForceError` if no national profile of that regime covers the date.

    Example:
        >>> import datetime as dt
        >>> from huanjie_rules.model import Regime
        >>> policy_for(Regime.VILLAGE, dt.date(2017, 5, 1)).id
        'village-2010'
        >>> policy_for(Regime.VILLAGE, dt.date(2021, 5, 1)).id
        'village-2018'
    """
    extra = tuple(str(s) for s in search)
    matches = []
    for pid in _candidates_for(regime, on, extra):
        p = _load_cached(pid, extra)
        if p.regime is regime and not p.local and p.in_force(on):
            matches.append(p)
    if not matches:
        raise PolicyNotInForceError(
            f"no national {regime.value} profile is in force on {on.isoformat()}", path="date"
        )
    if len(matches) > 1:
        ids = ", ".join(p.id for p in matches)
        raise PolicyError(f"several national {regime.value} profiles cover {on}: {ids}")
    return matches[0]
