"""Record the public API (names and signatures) in ``tests/public_api.txt``.

The file lists every name of every public namespace's ``__all__`` with its signature: functions
with their parameters, classes with their constructor, public methods and properties, enums with
their members, constants with their value. ``tests/unit/test_public_api.py`` fails when the
library's API differs from the file.

The file opens with three lines that tie the listing to CHANGELOG.md:

- ``# changelog-unreleased-sha256:`` the digest of the ``[Unreleased]`` section when the listing
  was written;
- ``# listing-sha256:`` the digest of the listing below, so an edit by hand shows;
- ``# previous:`` the two digests of the record before it.

``python scripts/api.py --write`` records the current API, but only when CHANGELOG.md's
``[Unreleased]`` section changed since the API was last recorded: a change to the public API is a
change a user must read about. The test fails when the listing was edited by hand (its digest
does not match) or when the recorded listing changed while the recorded ``[Unreleased]`` digest
did not (there is no way around the CHANGELOG: no ``--force``). ``--check`` exits 1 when the file
is stale.
"""

from __future__ import annotations

import enum
import hashlib
import importlib
import inspect
import sys
from pathlib import Path
from typing import Any, NamedTuple

import attrs

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "tests" / "public_api.txt"
CHANGELOG = ROOT / "CHANGELOG.md"

#: The namespaces whose ``__all__`` is public API (the edges' own modules join as they appear).
NAMESPACES: tuple[str, ...] = (
    "huanjie_rules",
    "huanjie_rules.age",
    "huanjie_rules.apportion",
    "huanjie_rules.builders",
    "huanjie_rules.calendar",
    "huanjie_rules.composition",
    "huanjie_rules.eligibility",
    "huanjie_rules.errors",
    "huanjie_rules.findings",
    "huanjie_rules.idcard",
    "huanjie_rules.io",
    "huanjie_rules.io.calls",
    "huanjie_rules.io.requests",
    "huanjie_rules.io.schema",
    "huanjie_rules.io.tables",
    "huanjie_rules.messages",
    "huanjie_rules.model",
    "huanjie_rules.policy",
    "huanjie_rules.procedure",
    "huanjie_rules.quotas",
    "huanjie_rules.report",
    "huanjie_rules.server",
    "huanjie_rules.testing",
    "huanjie_rules.testing.eligibility",
    "huanjie_rules.testing.votes",
    "huanjie_rules.votes",
    "huanjie_rules.votes.fast",
)
HEADER = "# changelog-unreleased-sha256: "
LISTING = "# listing-sha256: "
PREVIOUS = "# previous: "


def _signature(obj: Any) -> str:
    try:
        return str(inspect.signature(obj))
    except (TypeError, ValueError):
        return "(...)"


def _annotation(cls: type, name: str) -> str:
    # The annotation as written (field.type may be resolved to classes by cattrs or not).
    for klass in cls.__mro__:
        annotations = vars(klass).get("__annotations__", {})
        if name in annotations:
            value = annotations[name]
            return value if isinstance(value, str) else getattr(value, "__name__", repr(value))
    return "?"


def _members(cls: type) -> list[str]:
    lines: list[str] = []
    if issubclass(cls, enum.Enum):
        for name, member in cls.__members__.items():
            alias = "" if member.name == name else f" (alias of {member.name})"
            lines.append(f"    {name} = {member.value!r}{alias}")
        return lines
    if attrs.has(cls):
        for field in attrs.fields(cls):
            default = "" if field.default is attrs.NOTHING else " = …"
            lines.append(f"    {field.name}: {_annotation(cls, field.name)}{default}")
    own = {
        name: value
        for klass in reversed(cls.__mro__)
        if klass.__module__.startswith("huanjie_rules")
        for name, value in vars(klass).items()
        if not name.startswith("_")
    }
    for name in sorted(own):
        value = own[name]
        if attrs.has(cls) and name in {f.name for f in attrs.fields(cls)}:
            continue
        if isinstance(value, property):
            lines.append(f"    {name}: property")
        elif isinstance(value, classmethod | staticmethod):
            lines.append(f"    {name}{_signature(value.__func__)} [{type(value).__name__}]")
        elif inspect.isfunction(value):
            lines.append(f"    {name}{_signature(value)}")
    return lines


def _describe(name: str, obj: Any) -> list[str]:
    if inspect.isclass(obj):
        bases = ", ".join(b.__name__ for b in obj.__bases__ if b is not object)
        return [f"class {name}({bases}){_signature(obj) if attrs.has(obj) else ''}", *_members(obj)]
    if inspect.isfunction(obj) or inspect.isbuiltin(obj):
        return [f"def {name}{_signature(obj)}"]
    if inspect.ismodule(obj):
        return [f"module {name} = {obj.__name__}"]
    if name == "__version__":  # the release's number, not an interface: a release changes it
        return [f"{name}: {type(obj).__name__}"]
    if isinstance(obj, str | int | tuple | frozenset) and len(repr(obj)) <= 300:
        return [f"{name} = {obj!r}"]
    return [f"{name}: {type(obj).__name__}"]


def listing() -> str:
    """The public API as text, one namespace after another."""
    out: list[str] = []
    seen: dict[int, str] = {}
    for namespace in NAMESPACES:
        module = importlib.import_module(namespace)
        out.append(f"[{namespace}]")
        for name in sorted(getattr(module, "__all__", ())):
            obj = getattr(module, name)
            where = f"{namespace}.{name}"
            if id(obj) in seen and not isinstance(obj, str | int | tuple | frozenset):
                out.append(f"{name} -> {seen[id(obj)]}")
                continue
            seen[id(obj)] = where
            out.extend(_describe(name, obj))
        out.append("")
    return "\n".join(out)


def unreleased_digest(changelog: str) -> str:
    """The sha256 of CHANGELOG.md's ``[Unreleased]`` section."""
    part = changelog.split("## [Unreleased]", 1)[-1]
    section = part.split("\n## [", 1)[0]
    return hashlib.sha256(section.encode("utf-8")).hexdigest()


def listing_digest(listing: str) -> str:
    """The sha256 of a listing."""
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()


class Record(NamedTuple):
    """A parsed record: the digests in its header and the listing."""

    changelog: str
    listing_sha: str
    previous: tuple[str, str]
    listing: str
    legacy: bool = False


def parse(text: str) -> Record:
    """The header digests and the listing of a record's text.

    A record of the earlier form (one header line) reads with its listing's own digest and
    itself as the previous record, marked ``legacy``; an empty text reads as an empty record.
    """
    lines = text.split("\n")
    if len(lines) >= 3 and lines[0].startswith(HEADER) and lines[1].startswith(LISTING):
        previous = lines[2].removeprefix(PREVIOUS).split() if lines[2].startswith(PREVIOUS) else []
        if len(previous) == 2:
            listing = "\n".join(lines[3:])
            return Record(
                changelog=lines[0].removeprefix(HEADER),
                listing_sha=lines[1].removeprefix(LISTING),
                previous=(previous[0], previous[1]),
                listing=listing,
            )
    if lines and lines[0].startswith(HEADER):
        listing = "\n".join(lines[1:])
        digest = lines[0].removeprefix(HEADER)
        sha = listing_digest(listing)
        return Record(digest, sha, (digest, sha), listing, legacy=True)
    return Record("", listing_digest(text), ("", listing_digest(text)), text, legacy=True)


def render(changelog: str, listing: str, previous: tuple[str, str]) -> str:
    """The text of a record."""
    return (
        f"{HEADER}{changelog}\n{LISTING}{listing_digest(listing)}\n"
        f"{PREVIOUS}{previous[0]} {previous[1]}\n{listing}"
    )


def recorded(text: str) -> tuple[str, str]:
    """(the CHANGELOG digest in the header, the listing) of a record's text."""
    rec = parse(text)
    return rec.changelog, rec.listing


def problems(text: str) -> list[str]:
    """Why a record was not written by ``--write`` with a CHANGELOG change (empty: it was)."""
    rec = parse(text)
    if rec.legacy:
        return ["the record has the earlier one-line header: run scripts/api.py --write"]
    found = []
    if listing_digest(rec.listing) != rec.listing_sha:
        found.append(
            "the listing was edited by hand (its digest is not the recorded one): put the "
            "change in CHANGELOG.md's [Unreleased] section and run scripts/api.py --write"
        )
    if rec.listing_sha != rec.previous[1] and rec.changelog == rec.previous[0]:
        found.append(
            "the listing changed since the record before it while CHANGELOG.md's [Unreleased] "
            "section did not: add an entry, then run scripts/api.py --write"
        )
    return found


def write(record: str, changelog: str, current: str) -> tuple[str, str]:
    """The new record text, or an error message: (text, "") or ("", why)."""
    rec = parse(record)
    now = unreleased_digest(changelog)
    if rec.listing_sha == listing_digest(current):
        # the API is the one last recorded (the file may have been edited by hand, or be of
        # the earlier form): restore the listing under the same digests
        text = render(rec.changelog, current, rec.previous)
        return (record if text == record else text), ""
    if now == rec.changelog:
        return "", (
            "the public API changed but CHANGELOG.md's [Unreleased] section did not since the "
            "API was last recorded: add an entry (Added/Changed/Deprecated/Removed), then write"
        )
    return render(now, current, (rec.changelog, rec.listing_sha)), ""


def main(argv: list[str]) -> int:
    current = listing()
    record = RECORD.read_text(encoding="utf-8") if RECORD.exists() else ""
    if "--check" in argv:
        if recorded(record)[1] != current or problems(record):
            print(
                f"{RECORD.relative_to(ROOT)} is stale: run scripts/api.py --write", file=sys.stderr
            )
            return 1
        return 0
    if "--write" not in argv:
        print(__doc__)
        return 2
    text, why = write(record, CHANGELOG.read_text(encoding="utf-8"), current)
    if why:
        print(why, file=sys.stderr)
        return 1
    RECORD.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
