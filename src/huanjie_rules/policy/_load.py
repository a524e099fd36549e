"""Reading policy profiles from TOML.

A profile is a directory ``<id>/`` holding ``profile.toml`` (what the profile is, the instruments
it cites) and one TOML file per rule domain (``eligibility.toml``, ``quotas.toml``, ``votes.toml``,
``procedure.toml``, …). Each top-level table of a domain file is one parameter, named
``"<file stem>.<table key>"``. See docs/policy.md for the format.

Users' folders (``search``) are read as untrusted input: one path or a list of paths, each an
existing folder; only regular files inside it are read (a symbolic link may point elsewhere
inside the folder, never out of it), each within ``Limits.max_profile_file_bytes``; a profile id
found twice (in two folders, twice in one, or the id of a shipped profile) is an error; every
row of a table parameter is checked against its schema (``tables.toml``); an ``extends`` chain
longer than ``Limits.max_extends`` or going round in a circle is a :class:`PolicyError`.


Why one module: reading a folder, reading a file and checking what it holds are one path for
untrusted input; the checks of a parameter need the folder's containment rules and the
profile's inheritance at once."""

from __future__ import annotations

import datetime as _dt
import functools
import os
import stat
import tomllib
from collections.abc import Iterable, Mapping
from fractions import Fraction
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeGuard

from .._args import checked
from ..errors import (
    ArgumentError,
    InvalidDataError,
    PolicyError,
    PolicyNotInForceError,
    Problem,
    UnknownPolicyError,
)
from ..findings import Citation
from ..limits import DEFAULT_LIMITS, MAX_INT, Limits, _read_fraction
from ..model import Regime
from ._schema import check_rows
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


#: How many folder levels below a search folder are looked at for profile directories.
_FOLDER_DEPTH = 4


class _Source:
    """Where a profile directory is: shipped (a package resource) or in a user's folder."""

    __slots__ = ("label", "node", "root")

    def __init__(self, node: Traversable | Path, root: Path | None, label: str) -> None:
        self.node = node
        self.root = root  # the user's folder it must stay inside; None when shipped
        self.label = label

    def files(self) -> list[tuple[str, Traversable | Path]]:
        """The domain files (``*.toml`` but ``profile.toml``), sorted by name."""
        if isinstance(self.node, Path):
            try:
                names = sorted(os.listdir(self.node))
            except OSError as exc:
                raise _problem("UNREADABLE", self.label, _why(exc)) from None
            return [(n, self.node / n) for n in names if n.endswith(".toml") and n != _META_FILE]
        return sorted(
            (
                (c.name, c)
                for c in self.node.iterdir()
                if c.name.endswith(".toml") and c.name != _META_FILE
            ),
            key=lambda pair: pair[0],
        )

    def child(self, name: str) -> Traversable | Path:
        return self.node / name if isinstance(self.node, Path) else self.node.joinpath(name)

    def read_meta_text(self, limits: Limits) -> str:
        """The text of ``profile.toml``, read as loading reads it (raises as loading raises)."""
        node = self.child(_META_FILE)
        if isinstance(node, Path) and self.root is not None:
            return _read_bytes(node, self.root, f"{self.label}/{_META_FILE}", limits).decode()
        return node.read_text(encoding="utf-8")


def _problem(code: str, path: str, message: str) -> InvalidDataError:
    return InvalidDataError([Problem(code, path, message)], context="policy profile")


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _shipped_dirs() -> dict[str, _Source]:
    found: dict[str, _Source] = {}
    stack = [_shipped_root()]
    while stack:
        node = stack.pop()
        for child in node.iterdir():
            if child.is_dir():
                if child.joinpath(_META_FILE).is_file():
                    found[child.name] = _Source(child, None, child.name)
                else:
                    stack.append(child)
    return found


def _inside(path: str, root: Path) -> bool:
    real = Path(os.path.realpath(path))
    return real == root or root in real.parents


def _user_dirs(roots: tuple[str, ...], shipped: Mapping[str, _Source]) -> dict[str, _Source]:
    """Profile directories in the user's folders; every problem of every folder at once."""
    problems: list[Problem] = []
    found: dict[str, _Source] = {}
    for i, root_text in enumerate(roots):
        root = Path(root_text)
        label = f"search[{i}]"
        try:
            is_folder = root.is_dir()
        except OSError as exc:  # a name too long, a loop of links …
            problems.append(Problem("UNREADABLE", label, _why(exc)))
            continue
        if not is_folder:
            shown = root_text if len(root_text) <= 80 else root_text[:77] + "…"
            problems.append(Problem("NOT_A_FOLDER", label, f"{shown!r} is not a folder"))
            continue
        seen: set[str] = {str(root)}
        stack: list[tuple[Path, str, int]] = [(root, label, 0)]
        while stack:
            folder, where, depth = stack.pop()
            try:
                names = sorted(os.listdir(folder))
            except OSError as exc:
                problems.append(Problem("UNREADABLE", where, _why(exc)))
                continue
            for name in reversed(names):
                if name.startswith("."):
                    continue  # .git, .venv …: never profiles
                path, here = folder / name, f"{where}/{name}"
                try:
                    if not path.is_dir():
                        continue
                except OSError as exc:
                    problems.append(Problem("UNREADABLE", here, _why(exc)))
                    continue
                if not _inside(str(path), root):
                    problems.append(
                        Problem("OUTSIDE_FOLDER", here, "a link that leads out of the folder")
                    )
                    continue
                real = os.path.realpath(path)
                if real in seen:
                    continue  # a link back into the folder: already looked at
                seen.add(real)
                if _exists(path / _META_FILE):
                    if name in shipped:
                        problems.append(
                            Problem(
                                "DUPLICATE",
                                here,
                                f"{name!r} is the id of a shipped profile: give yours its own "
                                "id (it may extend the shipped one)",
                            )
                        )
                    elif name in found:
                        problems.append(
                            Problem("DUPLICATE", here, f"{name!r} is also at {found[name].label}")
                        )
                    else:
                        found[name] = _Source(Path(real), root, here)
                elif depth + 1 < _FOLDER_DEPTH:
                    stack.append((Path(real), here, depth + 1))
    if problems:
        raise InvalidDataError(problems, context="policy folders")
    return found


def _exists(path: Path) -> bool:
    try:
        return os.path.lexists(path)
    except OSError:
        return False


def _read_bytes(path: Path, root: Path, label: str, limits: Limits) -> bytes:
    if not _inside(str(path), root):
        raise _problem("OUTSIDE_FOLDER", label, "a link that leads out of the folder")
    limit = limits.max_profile_file_bytes
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise _problem("NOT_A_FILE", label, "is not a regular file")
        if info.st_size > limit:
            raise _problem(
                "LIMIT",
                label,
                f"{info.st_size} bytes, more than Limits.max_profile_file_bytes={limit}",
            )
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise _problem("UNREADABLE", label, _why(exc)) from None
    if len(raw) > limit:
        raise _problem("LIMIT", label, f"more than Limits.max_profile_file_bytes={limit}")
    return raw


def _read_toml(
    node: Traversable | Path, label: str, root: Path | None = None, limits: Limits = DEFAULT_LIMITS
) -> dict[str, Any]:
    if isinstance(node, Path) and root is not None:
        raw = _read_bytes(node, root, label, limits)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _problem(
                "ENCODING", label, f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}"
            ) from None
    else:
        text = node.read_text(encoding="utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _problem("TOML", label, f"not valid TOML: {exc}") from None
    except RecursionError:
        raise _problem("LIMIT", label, "nested too deeply") from None
    except ValueError as exc:  # an integer too long for Python to read
        raise _problem("LIMIT", label, f"a value beyond what can be read ({exc})") from None


def _fraction(
    raw: object, path: str, problems: list[Problem], digits: int = DEFAULT_LIMITS.max_digits
) -> Fraction | None:
    if isinstance(raw, bool):
        problems.append(Problem("TYPE", path, "expected a fraction like '4/5'"))
        return None
    if isinstance(raw, int):
        if not -MAX_INT <= raw <= MAX_INT:
            problems.append(Problem("LIMIT", path, "an integer beyond the limit"))
            return None
        return Fraction(raw)
    if isinstance(raw, str):
        try:
            return _read_fraction(raw, max_digits=digits)
        except ValueError as exc:
            problems.append(Problem("TYPE", path, str(exc)))
            return None
    problems.append(Problem("TYPE", path, f"expected a fraction like '4/5', got {_shown(raw)}"))
    return None


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _table_value(raw: object, path: str, problems: list[Problem]) -> Any:
    if isinstance(raw, int) and not isinstance(raw, bool) and not -MAX_INT <= raw <= MAX_INT:
        problems.append(Problem("LIMIT", path, "an integer beyond the limit"))
        return None
    if isinstance(raw, _dt.date) and not isinstance(raw, _dt.datetime):
        return raw
    if isinstance(raw, int | str | bool) and not isinstance(raw, _dt.datetime):
        return raw
    if isinstance(raw, list) and all(isinstance(x, str) for x in raw):
        return tuple(raw)
    problems.append(Problem("TYPE", path, f"unsupported value inside a table: {_shown(raw)}"))
    return None


def _table(raw: object, path: str, problems: list[Problem]) -> ParamTable | None:
    if not isinstance(raw, dict):
        problems.append(Problem("TYPE", path, "expected a table"))
        return None
    before = len(problems)
    fields = {str(k): _table_value(v, f"{path}.{k}", problems) for k, v in raw.items()}
    if len(problems) > before:
        return None
    return ParamTable.of(fields)


def _value(
    kind: str,
    raw: object,
    path: str,
    problems: list[Problem],
    digits: int = DEFAULT_LIMITS.max_digits,
) -> ParamValue | None:
    if kind == "fraction":
        return _fraction(raw, path, problems, digits)
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
        if any(t is None for t in tables):
            return None
        return tuple(t for t in tables if t is not None)
    if kind == "date":
        if isinstance(raw, _dt.date) and not isinstance(raw, _dt.datetime):
            return raw
        problems.append(Problem("TYPE", path, f"expected a date, got {_shown(raw)}"))
        return None
    if kind == "int":
        if isinstance(raw, int) and not isinstance(raw, bool):
            if not -MAX_INT <= raw <= MAX_INT:
                problems.append(Problem("LIMIT", path, "an integer beyond the limit"))
                return None
            return raw
        problems.append(Problem("TYPE", path, f"expected an integer, got {_shown(raw)}"))
        return None
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        problems.append(Problem("TYPE", path, f"expected true or false, got {_shown(raw)}"))
        return None
    if kind == "str":
        if isinstance(raw, str):
            return raw
        problems.append(Problem("TYPE", path, f"expected a string, got {_shown(raw)}"))
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
    digits: int = DEFAULT_LIMITS.max_digits,
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
        parent = (inherited or {}).get(name)
        if raw_choices is None:
            # An override that does not restate its choices keeps the parent's, so that its
            # value is still checked against them.
            choices: tuple[str, ...] = parent.choices if parent is not None else ()
        elif isinstance(raw_choices, list) and all(isinstance(c, str) for c in raw_choices):
            choices = tuple(raw_choices)
            wider = sorted(set(choices) - set(parent.choices)) if parent and parent.choices else []
            if wider and parent is not None:
                # The rule modules answer only for the parent's choices: an override may
                # narrow them, never add one.
                problems.append(
                    Problem(
                        "CHOICES_WIDENED",
                        f"{path}.choices",
                        f"adds {wider} to the choices of {parent.defined_in!r} "
                        f"{list(parent.choices)}: an override may only narrow them",
                    )
                )
                continue
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
        value = _value(str(kind), spec["value"], f"{path}.value", problems, digits)
        citation = _citation(spec, instruments, path, problems)
        if value is None or citation is None:
            continue
        if isinstance(value, ParamTable):
            problems.extend(check_rows(name, (value,), f"{path}.value", single=True))
        elif kind == "tables" and isinstance(value, tuple):
            rows = tuple(v for v in value if isinstance(v, ParamTable))
            problems.extend(check_rows(name, rows, f"{path}.value"))
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
    dirs: Mapping[str, _Source],
    seen: tuple[str, ...] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[Policy, dict[str, dict[str, Any]]]:
    if profile_id in seen:
        chain = " → ".join((*seen, profile_id))
        raise PolicyError(
            f"profile {seen[0]!r} extends itself: {chain}",
            code="EXTENDS_CYCLE",
            path=f"{seen[-1]}/profile.toml:extends",
        )
    if len(seen) >= limits.max_extends:
        raise PolicyError(
            f"the extends chain of {seen[0]!r} is longer than Limits.max_extends="
            f"{limits.max_extends}",
            code="EXTENDS_DEPTH",
            path=f"{seen[-1]}/profile.toml:extends",
        )
    source = dirs.get(profile_id)
    if source is None:
        known = ", ".join(sorted(dirs))
        raise UnknownPolicyError(
            f"no profile {_shown(profile_id)}; known profiles: {known}",
            path=f"{seen[-1]}/profile.toml:extends" if seen else "profile_id",
        )
    problems: list[Problem] = []
    meta = _read_toml(source.child(_META_FILE), f"{source.label}/{_META_FILE}", source.root, limits)
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
        parent, parent_instruments = _build(str(parent_id), dirs, (*seen, profile_id), limits)
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
    for file_name, f in source.files():
        stem = file_name.removesuffix(".toml")
        data = _read_toml(f, f"{source.label}/{file_name}", source.root, limits)
        for p in _parameters(
            profile_id, stem, data, instruments, problems, inherited, limits.max_digits
        ):
            if p.name in own:
                problems.append(
                    Problem(
                        "DUPLICATE",
                        f"{profile_id}/{file_name}:{p.name.split('.', 1)[1]}",
                        f"{p.name!r} is also defined in {own_file[p.name]}",
                    )
                )
            parent_param = inherited.get(p.name)
            if parent_param is not None and parent_param.type != p.type:
                problems.append(
                    Problem(
                        "TYPE",
                        f"{profile_id}/{file_name}:{p.name.split('.', 1)[1]}",
                        f"overrides a {parent_param.type} parameter with a {p.type}",
                    )
                )
            own[p.name] = p
            own_file.setdefault(p.name, file_name)
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


def _dirs(roots: tuple[str, ...]) -> dict[str, _Source]:
    """Every profile directory: the shipped ones and those in ``roots`` (scanned once per set of
    folders and kept until :func:`reload_policies`; a scan that finds a problem is not kept)."""
    return dict(_dirs_cached(roots))


@functools.lru_cache(maxsize=16)
def _dirs_cached(roots: tuple[str, ...]) -> Mapping[str, _Source]:
    shipped = _shipped_dirs_cached()
    return {**shipped, **_user_dirs(roots, shipped)}


@functools.cache
def _shipped_dirs_cached() -> dict[str, _Source]:
    return _shipped_dirs()


@functools.lru_cache(maxsize=64)
def _load_cached(profile_id: str, roots: tuple[str, ...], limits: Limits) -> Policy:
    return _build(profile_id, _dirs(roots), (), limits)[0]


def _roots(search: object) -> tuple[str, ...]:
    """``search`` as absolute folder paths: one path, or an iterable of paths."""
    if isinstance(search, str | os.PathLike):
        items: list[object] = [search]
    elif isinstance(search, bytes | bytearray) or search is None:
        raise ArgumentError(
            f"search must be a path or a list of paths, got {type(search).__name__}",
            code="TYPE",
            path="search",
        )
    else:
        try:
            items = list(search)  # type: ignore[call-overload]
        except TypeError:
            raise ArgumentError(
                f"search must be a path or a list of paths, got {type(search).__name__}",
                code="TYPE",
                path="search",
            ) from None
    out: list[str] = []
    for i, item in enumerate(items):
        if not isinstance(item, str | os.PathLike) or isinstance(item, bytes):
            raise ArgumentError(
                f"search[{i}] must be a path (str or Path), got {type(item).__name__}",
                code="TYPE",
                path=f"search[{i}]",
            )
        text = os.fspath(item)
        if not isinstance(text, str) or not text.strip() or "\x00" in text:
            raise ArgumentError(
                f"search[{i}] is not a usable path: {_shown(text)}",
                code="RANGE",
                path=f"search[{i}]",
            )
        out.append(os.path.realpath(text))
    return tuple(out)


def _limits_arg(limits: object) -> Limits:
    if limits is None:
        return DEFAULT_LIMITS
    if not isinstance(limits, Limits):
        raise ArgumentError(
            f"limits must be a Limits, got {type(limits).__name__}", code="TYPE", path="limits"
        )
    return limits


def _date_arg(value: object, name: str) -> _dt.date:
    from ..limits import MAX_DATE, MIN_DATE

    if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
        raise ArgumentError(
            f"{name} must be a date, got {type(value).__name__}", code="TYPE", path=name
        )
    if not MIN_DATE <= value <= MAX_DATE:
        raise ArgumentError(
            f"{name} {value} is outside {MIN_DATE} … {MAX_DATE}", code="LIMIT", path=name
        )
    return value


@checked
def load_policy(
    profile_id: str,
    *,
    on: _dt.date | None = None,
    strict: bool = True,
    search: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = (),
    limits: Limits | None = None,
) -> Policy:
    """Load a policy profile by id.

    Args:
        profile_id: e.g. ``"party-basic-2020"``; see :func:`list_policies`.
        on: if given, the date the profile is to be applied on. With ``strict`` (the default) a
            date outside the profile's validity raises :class:`PolicyNotInForceError`.
        strict: set False to get the profile whatever the date (the caller takes the risk).
        search: a folder, or a list of folders, holding profile directories of the caller's own
            (found up to 4 levels down; folders whose names start with ``.`` are skipped). A
            profile there may extend a shipped one; its id must differ from every shipped id
            and from every other profile found.
        limits: file size and ``extends`` depth (:class:`~huanjie_rules.limits.Limits`).

    Raises:
        UnknownPolicyError: no profile has this id.
        PolicyNotInForceError: ``on`` is outside the profile's validity (with ``strict``).
        InvalidDataError: every problem of the profile or of the folders (``OUTSIDE_FOLDER``,
            ``NOT_A_FILE``, ``LIMIT``, ``DUPLICATE``, ``TOML``, ``UNKNOWN_KEY`` …).
        PolicyError: an ``extends`` chain in a circle (``EXTENDS_CYCLE``) or too long
            (``EXTENDS_DEPTH``).
        ArgumentError: an argument of the wrong type.

    Example:
        >>> import datetime as dt
        >>> p = load_policy("party-basic-2020")
        >>> p.regime.value, p.valid_from
        ('PARTY_BASIC', datetime.date(2020, 7, 13))
        >>> load_policy("party-basic-2020", on=dt.date(2019, 1, 1))
        Traceback (most recent call last):
        ...
        huanjie_rules.errors.PolicyNotInForceError: date: profile 'party-basic-2020' applies from 2020-07-13 to now, not on 2019-01-01 [POLICY_NOT_IN_FORCE]
        >>> load_policy("party-basic-2020", strict="no")
        Traceback (most recent call last):
        ...
        huanjie_rules.errors.ArgumentError: strict: expected True or False, got str [TYPE]
    """
    if not isinstance(profile_id, str):
        raise ArgumentError(
            f"profile_id must be a string, got {type(profile_id).__name__}",
            code="TYPE",
            path="profile_id",
        )
    if not isinstance(strict, bool):
        raise ArgumentError(
            f"strict must be True or False, got {type(strict).__name__}", code="TYPE", path="strict"
        )
    day = _date_arg(on, "on") if on is not None else None
    roots, lim = _roots(search), _limits_arg(limits)
    try:
        policy = _load_cached(profile_id, roots, lim)
    except UnknownPolicyError:
        if not roots:
            raise
        # The caller's folders were scanned before this profile was put there: scan them again
        # once (a miss costs a scan; a profile already read is still kept until reload_policies).
        _dirs_cached.cache_clear()
        policy = _load_cached(profile_id, roots, lim)
    if day is not None and strict:
        policy.require_in_force(day)
    return policy


@checked
def list_policies(
    *, search: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = ()
) -> tuple[str, ...]:
    """The ids of every profile available (shipped and in ``search``), sorted.

    Example:
        >>> "village-2018" in list_policies()
        True
    """
    return tuple(sorted(_dirs(_roots(search))))


#: The keys of ``profile.toml`` that decide whether a profile can answer :func:`policy_for`.
_HEADER_KEYS = ("regime ", "regime=", "local ", "local=", "valid_from", "valid_to")


@functools.lru_cache(maxsize=16)
def _headers(
    roots: tuple[str, ...], limits: Limits
) -> tuple[tuple[str, Mapping[str, Any] | None], ...]:
    """Each profile's header keys (None if they cannot be read), without loading the profile.

    A user's ``profile.toml`` is read as loading reads it (inside its folder, a regular file,
    within ``Limits.max_profile_file_bytes``); any problem gives None, which keeps the profile
    among the candidates, so that loading it reports the problem with its code and path.
    """
    out: list[tuple[str, Mapping[str, Any] | None]] = []
    for pid, source in sorted(_dirs(roots).items()):
        meta: Mapping[str, Any] | None
        try:
            text = source.read_meta_text(limits)
            # Only the top-level lines (before the first table) of the keys that choose a
            # profile, each a one-line value. A line of a multi-line text that looks like one of
            # them repeats a key (the real one is required) and so fails to parse: the profile
            # then counts as unreadable and is loaded.
            lines: list[str] = []
            for line in text.splitlines():
                if line.lstrip().startswith("["):
                    break
                if line.startswith(_HEADER_KEYS):
                    lines.append(line)
            meta = tomllib.loads("\n".join(lines))
        except (OSError, ValueError, RecursionError, InvalidDataError):
            # ValueError covers TOMLDecodeError, UnicodeDecodeError and numbers too long to read
            meta = None
        out.append((pid, meta))
    return tuple(out)


def _candidates_for(
    regime: Regime, on: _dt.date, roots: tuple[str, ...], limits: Limits
) -> list[str]:
    """The profiles whose header could make them the national profile of ``regime`` on ``on``.

    A header that says another regime, a local profile or dates that exclude ``on`` rules a
    profile out; anything unreadable or malformed keeps it in, so that loading it reports the
    problem exactly as loading every profile would.
    """
    found = []
    for pid, meta in _headers(roots, limits):
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
        if _is_date(start) and start > on:
            continue
        if _is_date(end) and end < on:
            continue
        found.append(pid)
    return found


def _is_date(value: object) -> TypeGuard[_dt.date]:
    return isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)


@checked
def reload_policies() -> None:
    """Forget every profile and folder scan read so far, so that edited files are read again.

    Profiles are read once and kept (a :class:`Policy` never changes), and so is the list of
    profile directories in each set of ``search`` folders; after editing a profile's TOML files,
    or removing a profile, in a running process, call this, then load again (a profile added to
    a folder is found without it: an id the last scan did not see makes :func:`load_policy` scan
    the folders again). Policies already obtained stay as they were read.

    Example:
        >>> p = load_policy("village-2018")
        >>> reload_policies()
        >>> load_policy("village-2018") is p, load_policy("village-2018") == p
        (False, True)
    """
    _load_cached.cache_clear()
    _headers.cache_clear()
    _dirs_cached.cache_clear()
    _shipped_dirs_cached.cache_clear()


@checked
def policy_for(
    regime: Regime,
    on: _dt.date,
    *,
    search: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = (),
    limits: Limits | None = None,
) -> Policy:
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
    if not isinstance(regime, Regime):
        raise ArgumentError(
            f"regime must be a Regime, got {type(regime).__name__}", code="TYPE", path="regime"
        )
    day = _date_arg(on, "on")
    roots, lim = _roots(search), _limits_arg(limits)
    matches = []
    for pid in _candidates_for(regime, day, roots, lim):
        p = _load_cached(pid, roots, lim)
        if p.regime is regime and not p.local and p.in_force(day):
            matches.append(p)
    if not matches:
        raise PolicyNotInForceError(
            f"no national {regime.value} profile is in force on {day.isoformat()}", path="date"
        )
    if len(matches) > 1:
        ids = ", ".join(p.id for p in matches)
        raise PolicyError(f"several national {regime.value} profiles cover {day}: {ids}")
    return matches[0]
