"""Versions and the changelog: checks, and the edits of a release (``python3 tasks.py release``).

The version lives in one place, ``__version__`` in ``src/huanjie_rules/__init__.py`` (the build
reads it from there). ``CHANGELOG.md`` follows Keep a Changelog: ``## [Unreleased]`` on top, then
one ``## [X.Y.Z] - YYYY-MM-DD`` section per release, newest first. Under each release heading a
comment records a digest of the section's text: a released section never changes afterwards, and
the check fails when it does (an entry merged into an old section instead of ``[Unreleased]``).

``python scripts/release.py check`` checks the changelog against the version;
``python scripts/release.py repair`` moves entries that a merge put into a released section up
into ``[Unreleased]`` (the released text is read from git history);
``python scripts/release.py prepare X.Y.Z [--date YYYY-MM-DD]`` moves the ``[Unreleased]``
entries into a new dated section and sets ``__version__``;
``python scripts/release.py tag X.Y.Z`` commits both files and makes the annotated tag ``vX.Y.Z``;
``python scripts/release.py check-dist DIR`` checks the wheel and sdist built into ``DIR``;
``python scripts/release.py publish-check`` refuses an upload to the package index while
``pyproject.toml`` has no ``[project.urls]`` (the project has no public home yet: the metadata
carries no address rather than an invented one, and gets them at the first publication).
"""

from __future__ import annotations

import datetime as dt
import email.parser
import hashlib
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
CHANGELOG = ROOT / "CHANGELOG.md"
INIT = ROOT / "src" / "huanjie_rules" / "__init__.py"

_HEADING = re.compile(r"^## \[(?P<name>[^\]]+)\](?: - (?P<date>\S+))?\s*$")
_DIGEST = re.compile(r"^<!-- released section digest: (?P<digest>[0-9a-f]{16}) -->\s*$")
_VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
_INIT_VERSION = re.compile(r'^__version__ = "(?P<version>[^"]+)"$', re.MULTILINE)


class Section(NamedTuple):
    """One ``## [...]`` section of the changelog."""

    name: str  # "Unreleased" or "X.Y.Z"
    date: str | None
    digest: str | None  # the recorded digest, for a released section
    body: str  # the text after the heading (and after the digest comment)
    line: int  # 1-based line number of the heading


def parse_version(text: str) -> tuple[int, int, int]:
    """``"0.2.0"`` -> ``(0, 2, 0)``; anything else is refused.

    Example:
        >>> parse_version("0.10.1")
        (0, 10, 1)
        >>> parse_version("0.2")
        Traceback (most recent call last):
        ...
        ValueError: '0.2' is not a version of the form X.Y.Z
    """
    match = _VERSION.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a version of the form X.Y.Z")
    major, minor, patch = (int(g) for g in match.groups())
    return major, minor, patch


def digest(body: str) -> str:
    """The digest recorded under a release heading: of the body's lines, trailing blanks ignored."""
    lines = [line.rstrip() for line in body.strip("\n").splitlines()]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def sections(text: str) -> list[Section]:
    """The ``## [...]`` sections, in file order (the preamble before the first is not one)."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("## ")]
    found: list[Section] = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        match = _HEADING.match(lines[start].rstrip("\n"))
        name = match.group("name") if match else lines[start][3:].strip()
        date = match.group("date") if match else None
        body_lines = lines[start + 1 : end]
        recorded = None
        if body_lines:
            m = _DIGEST.match(body_lines[0].rstrip("\n"))
            if m:
                recorded = m.group("digest")
                body_lines = body_lines[1:]
        found.append(Section(name, date, recorded, "".join(body_lines), start + 1))
    return found


def current_version() -> str:
    """``__version__`` as written in the package's ``__init__.py``."""
    match = _INIT_VERSION.search(INIT.read_text(encoding="utf-8"))
    if match is None:
        raise SystemExit(f"no __version__ line in {INIT}")
    return match.group("version")


def check(text: str, version: str) -> list[str]:
    """Problems of a changelog against the package version; empty when all is well."""
    problems: list[str] = []
    found = sections(text)
    if not found or found[0].name != "Unreleased" or found[0].date is not None:
        problems.append("the first section must be '## [Unreleased]'")
    released = [s for s in found if s.name != "Unreleased"]
    if any(s.name == "Unreleased" for s in found[1:]):
        problems.append("'## [Unreleased]' appears more than once")
    previous: tuple[tuple[int, int, int], dt.date] | None = None
    for s in released:
        where = f"line {s.line} ([{s.name}])"
        try:
            number = parse_version(s.name)
        except ValueError:
            problems.append(f"{where}: not a version of the form X.Y.Z")
            continue
        try:
            day = dt.date.fromisoformat(s.date or "")
        except ValueError:
            problems.append(f"{where}: the heading needs a date, '## [{s.name}] - YYYY-MM-DD'")
            continue
        if previous is not None and not (number < previous[0] and day <= previous[1]):
            problems.append(f"{where}: releases must go newest first, in version and date")
        previous = (number, day)
        if s.digest is None:
            problems.append(f"{where}: no digest comment under the heading")
        elif s.digest != digest(s.body):
            problems.append(
                f"{where}: a released section changed after its release (digest {digest(s.body)},"
                f" recorded {s.digest}); new entries go under [Unreleased]: "
                "`python scripts/release.py repair` moves them there"
            )
    if not released:
        problems.append("no released section")
    elif released[0].name != version:
        problems.append(
            f"__version__ is {version} but the newest release in the changelog is "
            f"{released[0].name}"
        )
    return problems


def _blocks(body: str) -> list[tuple[str, str]]:
    """(subsection, entry) pairs of a section body, in order; an entry is a ``- `` bullet block."""
    found: list[tuple[str, str]] = []
    heading = ""
    for chunk in re.split(r"\n(?=### |- )", "\n" + body):
        chunk = chunk.strip("\n")
        if chunk.startswith("### "):
            heading, _, chunk = chunk.partition("\n")
            heading = heading[4:].strip()
            chunk = chunk.strip("\n")
        if chunk.startswith("- "):
            found.append((heading, chunk.rstrip()))
    return found


_ORDER = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")


def _render(blocks: list[tuple[str, str]]) -> str:
    headings = sorted({h for h, _ in blocks}, key=lambda h: (*_ORDER, h).index(h))
    parts = []
    for heading in headings:
        entries = [e for h, e in blocks if h == heading]
        parts.append(f"### {heading}\n\n" + "\n".join(entries) + "\n")
    return "\n".join(parts)


def repair(text: str, released_body: dict[str, str]) -> str:
    r"""Move entries that a merge put into released sections up into ``[Unreleased]``.

    ``released_body`` maps a version to the section's text as released (its digest matches);
    every entry of the current section that is not in it moves to ``[Unreleased]``, under the same
    subsection heading, and the section gets its released text back.

    Example:
        >>> body = "\n### Added\n\n- Old.\n"
        >>> text = ("## [Unreleased]\n\n### Fixed\n\n- New fix.\n\n## [0.1.0] - 2026-11-21\n"
        ...         f"<!-- released section digest: {digest(body)} -->\n\n### Added\n\n- Old.\n"
        ...         "- Misplaced.\n")
        >>> print(repair(text, {"0.1.0": body}), end="")
        ## [Unreleased]
        <BLANKLINE>
        ### Added
        <BLANKLINE>
        - Misplaced.
        <BLANKLINE>
        ### Fixed
        <BLANKLINE>
        - New fix.
        <BLANKLINE>
        ## [0.1.0] - 2026-11-21
        <!-- released section digest: ... -->
        <BLANKLINE>
        ### Added
        <BLANKLINE>
        - Old.
    """
    found = sections(text)
    if not found or found[0].name != "Unreleased":
        raise ValueError("the changelog has no '## [Unreleased]' section on top")
    moved: list[tuple[str, str]] = []
    bodies: dict[str, str] = {}
    for s in found[1:]:
        if s.digest is None or s.digest == digest(s.body):
            continue
        good = released_body[s.name]
        if digest(good) != s.digest:
            raise ValueError(f"the text given for [{s.name}] does not match its digest")
        kept = {e for _, e in _blocks(good)}
        moved += [(h, e) for h, e in _blocks(s.body) if e not in kept]
        bodies[s.name] = good
    unreleased = _blocks(found[0].body)
    have = {e for _, e in unreleased}
    merged = unreleased + [(h, e) for h, e in moved if e not in have]
    lines = text.splitlines(keepends=True)
    out = "".join(lines[: found[0].line - 1]) + "## [Unreleased]\n\n" + _render(merged)
    for s in found[1:]:
        body = bodies.get(s.name, s.body).strip("\n")
        comment = f"<!-- released section digest: {s.digest} -->\n" if s.digest else ""
        out += f"\n## [{s.name}]" + (f" - {s.date}" if s.date else "") + "\n" + comment
        out += f"\n{body}\n"
    return out


def released_bodies_from_git(text: str) -> dict[str, str]:
    """For each released section whose text changed, its text as released, found in git history.

    Walks the commits that touched CHANGELOG.md, newest first, for a version of the section whose
    digest matches the recorded one.
    """
    wanted = {
        s.name: s.digest for s in sections(text)[1:] if s.digest and s.digest != digest(s.body)
    }
    found: dict[str, str] = {}
    if not wanted:
        return found
    commits = _git("log", "--format=%H", "--", "CHANGELOG.md").split()
    for commit in commits:
        old = subprocess.run(
            ["git", "show", f"{commit}:CHANGELOG.md"], cwd=ROOT, capture_output=True, text=True
        ).stdout
        for s in sections(old):
            if s.name in wanted and s.name not in found and digest(s.body) == wanted[s.name]:
                found[s.name] = s.body
        if len(found) == len(wanted):
            break
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise SystemExit(f"no commit holds the released text of {missing}")
    return found


def cut(text: str, version: str, day: dt.date) -> str:
    """The changelog with the ``[Unreleased]`` entries moved into a new ``[version]`` section.

    Example:
        >>> text = "# Changelog\\n\\n## [Unreleased]\\n\\n### Added\\n\\n- A thing.\\n"
        >>> print(cut(text, "0.2.0", dt.date(2026, 12, 1)), end="")
        # Changelog
        <BLANKLINE>
        ## [Unreleased]
        <BLANKLINE>
        ## [0.2.0] - 2026-12-01
        <!-- released section digest: ... -->
        <BLANKLINE>
        ### Added
        <BLANKLINE>
        - A thing.
    """
    found = sections(text)
    if not found or found[0].name != "Unreleased":
        raise ValueError("the changelog has no '## [Unreleased]' section on top")
    unreleased = found[0]
    if not re.search(r"^- ", unreleased.body, re.MULTILINE):
        raise ValueError("[Unreleased] has no entries: nothing to release")
    lines = text.splitlines(keepends=True)
    head = "".join(lines[: unreleased.line - 1])
    rest = "".join(lines[unreleased.line :])  # the body, then the older sections
    body = unreleased.body.strip("\n")
    older = rest[len(unreleased.body) :]
    release = (
        f"## [{version}] - {day.isoformat()}\n"
        f"<!-- released section digest: {digest(body)} -->\n\n{body}\n"
    )
    return head + "## [Unreleased]\n\n" + release + ("\n" + older if older else "")


def set_version(version: str) -> None:
    """Write ``version`` into ``__version__``."""
    text = INIT.read_text(encoding="utf-8")
    new, n = _INIT_VERSION.subn(f'__version__ = "{version}"', text)
    if n != 1:
        raise SystemExit(f"expected one __version__ line in {INIT}")
    INIT.write_text(new, encoding="utf-8")


def _git(*args: str) -> str:
    out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout


def prepare(version: str, day: dt.date) -> list[str]:
    """Check, then cut the changelog and set the version; returns the problems found (if any)."""
    old = current_version()
    try:
        if parse_version(version) <= parse_version(old):
            return [f"{version} is not after the current version {old}"]
    except ValueError as exc:
        return [str(exc)]
    if _git("status", "--porcelain").strip():
        return ["the working tree has uncommitted changes: commit or stash them first"]
    if _git("tag", "--list", f"v{version}").strip():
        return [f"the tag v{version} exists already"]
    text = CHANGELOG.read_text(encoding="utf-8")
    problems = check(text, old)
    if problems:
        return problems
    try:
        new = cut(text, version, day)
    except ValueError as exc:
        return [str(exc)]
    CHANGELOG.write_text(new, encoding="utf-8")
    set_version(version)
    return check(new, version)


def tag(version: str) -> None:
    """Commit the release edits and tag the commit ``vX.Y.Z``."""
    problems = check(CHANGELOG.read_text(encoding="utf-8"), version)
    if current_version() != version or problems:
        raise SystemExit("not ready to tag: " + "; ".join(problems or ["__version__ differs"]))
    _git("add", str(CHANGELOG), str(INIT))
    _git("commit", "-m", f"Release {version}")
    _git("tag", "-a", f"v{version}", "-m", f"huanjie_rules {version}")


def _source_files(under: Path) -> set[str]:
    return {
        p.relative_to(under).as_posix()
        for p in under.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def check_dist(dist: Path) -> list[str]:
    """Problems with the wheel and sdist in ``dist``: names, metadata and contents."""
    version = current_version()
    wheels = sorted(dist.glob("huanjie_rules-*.whl"))
    sdists = sorted(dist.glob("huanjie_rules-*.tar.gz"))
    expected_wheel = f"huanjie_rules-{version}-py3-none-any.whl"
    expected_sdist = f"huanjie_rules-{version}.tar.gz"
    if [w.name for w in wheels] != [expected_wheel]:
        return [f"expected {expected_wheel} in {dist}, found {[w.name for w in wheels]}"]
    if [s.name for s in sdists] != [expected_sdist]:
        return [f"expected {expected_sdist} in {dist}, found {[s.name for s in sdists]}"]
    problems: list[str] = []
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    package = ROOT / "src" / "huanjie_rules"
    with zipfile.ZipFile(wheels[0]) as whl:
        names = set(whl.namelist())
        meta_name = f"huanjie_rules-{version}.dist-info/METADATA"
        meta = email.parser.Parser().parsestr(whl.read(meta_name).decode("utf-8"))
    shipped = {n.removeprefix("huanjie_rules/") for n in names if n.startswith("huanjie_rules/")}
    missing = sorted(_source_files(package) - shipped)
    if missing:
        problems.append(f"the wheel lacks package files: {missing[:5]}")
    if meta["Name"] != "huanjie-rules" or meta["Version"] != version:
        problems.append(f"wheel metadata names {meta['Name']} {meta['Version']}")
    if meta["Requires-Python"] != project["requires-python"]:
        problems.append("wheel metadata: Requires-Python differs from pyproject.toml")
    if meta.get("License-Expression") != project["license"]:
        problems.append("wheel metadata: no License-Expression")
    if meta.get("Description-Content-Type") != "text/markdown" or "# huanjie_rules" not in (
        meta.get_payload() or ""
    ):
        problems.append("wheel metadata: the README is not the long description")
    classifiers = set(meta.get_all("Classifier") or [])
    for needed in (
        "Development Status ::",
        "License ::",
        "Intended Audience ::",
        "Topic ::",
        "Programming Language :: Python :: 3.11",
    ):
        if needed == "License ::":
            continue  # the licence is the License-Expression (PEP 639), not a classifier
        if not any(c.startswith(needed) for c in classifiers):
            problems.append(f"wheel metadata: no classifier {needed}")
    extras = set(meta.get_all("Provides-Extra") or [])
    declared = set(project.get("optional-dependencies", {}))
    if extras != declared:
        problems.append(
            f"wheel metadata: extras {sorted(extras)}, pyproject.toml {sorted(declared)}"
        )
    requires = meta.get_all("Requires-Dist") or []
    core = [r for r in requires if "extra ==" not in r]
    if sorted(r.split(">")[0].split("=")[0].strip() for r in core) != sorted(
        d.split(">")[0].split("=")[0].strip() for d in project["dependencies"]
    ):
        problems.append(f"wheel metadata: core requirements {core}")
    with tarfile.open(sdists[0]) as sdist:
        members = {m.name.split("/", 1)[1] for m in sdist.getmembers() if "/" in m.name}
    for needed in (
        "pyproject.toml",
        "README.md",
        "CHANGELOG.md",
        "LICENSE",
        "tests/conftest.py",
        "docs/index.md",
        "src/huanjie_rules/py.typed",
    ):
        if needed not in members:
            problems.append(f"the sdist lacks {needed}")
    leaked = sorted(m for m in members if m.startswith((".venv/", ".tools/", "build/", "dist/")))
    if leaked:
        problems.append(f"the sdist holds build products: {leaked[:5]}")
    return problems


#: The addresses a published release names (``[project.urls]``), filled at first publication.
PUBLISHED_URLS = ("Homepage", "Documentation", "Changelog", "Source", "Issues")


def publish_problems(project: dict[str, object]) -> list[str]:
    """Why the release may not go to the package index yet: missing or non-https addresses.

    A wheel built without them is fine to hand on or install from a file; an index page without
    them leaves users no way to the documentation, the changelog or the source.

    Example:
        >>> publish_problems({"name": "huanjie-rules"})[0]
        'pyproject.toml has no [project.urls]: add Homepage, Documentation, Changelog, Source, Issues before the first upload'
        >>> urls = {k: f"https://example.org/{k.lower()}" for k in PUBLISHED_URLS}
        >>> publish_problems({"urls": urls})
        []
    """
    urls = project.get("urls")
    if not isinstance(urls, dict) or not urls:
        return [
            "pyproject.toml has no [project.urls]: add "
            f"{', '.join(PUBLISHED_URLS)} before the first upload"
        ]
    problems = [f"[project.urls] lacks {name}" for name in PUBLISHED_URLS if name not in urls]
    problems += [
        f"[project.urls] {name} is not an https address: {value!r}"
        for name, value in urls.items()
        if not (isinstance(value, str) and value.startswith("https://"))
    ]
    return problems


def main(argv: list[str]) -> int:
    if argv[:1] == ["check"]:
        problems = check(CHANGELOG.read_text(encoding="utf-8"), current_version())
    elif argv[:1] == ["prepare"] and len(argv) in (2, 4):
        day = dt.date.today()
        if len(argv) == 4 and argv[2] == "--date":
            day = dt.date.fromisoformat(argv[3])
        problems = prepare(argv[1], day)
    elif argv[:1] == ["repair"]:
        text = CHANGELOG.read_text(encoding="utf-8")
        CHANGELOG.write_text(repair(text, released_bodies_from_git(text)), encoding="utf-8")
        problems = check(CHANGELOG.read_text(encoding="utf-8"), current_version())
    elif argv[:1] == ["check-dist"] and len(argv) == 2:
        problems = check_dist(Path(argv[1]))
        for p in problems:
            print(f"dist: {p}", file=sys.stderr)
        return 1 if problems else 0
    elif argv[:1] == ["publish-check"]:
        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        problems = publish_problems(project)
        for p in problems:
            print(f"publish: {p}", file=sys.stderr)
        return 1 if problems else 0
    elif argv[:1] == ["tag"] and len(argv) == 2:
        tag(argv[1])
        problems = []
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for p in problems:
        print(f"CHANGELOG.md: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
