"""Generate the excerpt index: the passages of the reference texts and seeds the profiles cite.

The profiles quote national laws, party regulations, provincial measures and local documents.
Their full texts live in the reference library the project was researched from (a ``shared/``
folder holding ``reference/statutes/*.md`` and ``seeds/*.txt``), which is not part of the
repository. This script reads ``src/huanjie_rules/policy/reference/sources.toml`` (which text and
which seed document each instrument key stands for), finds every article and seed line some shipped
profile cites, and writes exactly those passages, with the SHA-256 of the file each came from, to
``src/huanjie_rules/policy/reference/excerpts.json``. The quote checker
(:mod:`huanjie_rules.policy.provenance`) reads only that index, so a clean clone can check every
quote without the library.

Usage:
    python scripts/gen_excerpts.py [--reference DIR]           rewrite the index
    python scripts/gen_excerpts.py --check [--reference DIR]   fail (exit 1) if it is stale

A text marked ``vendored`` in ``sources.toml`` is read from the repository's own ``reference/``
folder (an excerpt of a statute the library lacks) instead.

``DIR`` is the folder holding ``reference/statutes`` and ``seeds`` (default: ``$HUANJIE_SHARED``,
else a ``shared/`` folder next to the repository or one level further up). With the library at
hand, ``--check`` regenerates the index and compares it byte for byte; without it (a clean clone
in CI), it checks that the index holds exactly the passages the profiles cite now, so a new or
changed citation cannot slip past a stale index.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from huanjie_rules.policy import list_policies, load_policy
from huanjie_rules.policy.provenance import (
    NOT_RECOVERED,
    Reference,
    ReferenceText,
    cited_locations,
    load_registry,
)

ROOT = Path(__file__).resolve().parent.parent
INDEX = ROOT / "src" / "huanjie_rules" / "policy" / "reference" / "excerpts.json"
#: Texts the reference library lacks, kept in the repository (``vendored = true`` in sources.toml).
VENDORED = ROOT / "reference"
FORMAT = 1

_ARTICLE_START = re.compile(r"^(第[零〇一二两三四五六七八九十百]+条)[ 　]+(.*)$")
_POINT_START = re.compile(r"^([一二三四五六七八九十]+)、(.*)$")
_EDITORIAL = re.compile(r"^（第.*。）$")


def find_shared(explicit: str | None) -> Path | None:
    """The reference library folder, or None when it is not on this machine."""
    candidates = []
    if explicit:
        candidates.append(Path(explicit))
    if os.environ.get("HUANJIE_SHARED"):
        candidates.append(Path(os.environ["HUANJIE_SHARED"]))
    candidates += [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    for path in candidates:
        if (path / "reference" / "statutes").is_dir() and (path / "seeds").is_dir():
            return path
    return None


def parse_text(source: str, numbering: str) -> dict[str, str]:
    """Split a reference text (markdown) into its articles, points or sections.

    Everything before ``<!-- INFO END -->`` is the text's header; the editorial section
    ``## 录入说明`` and blockquoted notes are not the instrument's words and are left out.
    Paragraphs of one article are joined by newlines; headings end an article.
    """
    body = source.split("<!-- INFO END -->", 1)[1] if "<!-- INFO END -->" in source else source
    units: dict[str, list[str]] = {}
    current: str | None = None
    section = ""
    for raw in body.splitlines():
        line = raw.strip()
        if not line or line.startswith(">") or _EDITORIAL.match(line):
            continue
        if line.startswith("#"):
            if line.lstrip("#").strip().startswith("录入说明"):
                break
            current = None
            section = line.lstrip("#").strip().split("（", 1)[0].strip()
            if numbering == "PARAGRAPHS":
                current = section
                units.setdefault(current, [])
            continue
        if numbering == "ARTICLES":
            m = _ARTICLE_START.match(line)
            if m:
                current = m.group(1)
                units[current] = [m.group(2)]
                continue
        elif numbering == "POINTS":
            m = _POINT_START.match(line)
            if m:
                current = f"第{m.group(1)}项"
                units[current] = [m.group(2)]
                continue
        if current is not None:
            units[current].append(line)
    out: dict[str, str] = {}
    for key, paragraphs in units.items():
        text = "\n".join(paragraphs)
        out[key] = NOT_RECOVERED if text == NOT_RECOVERED else text
    return out


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cited(registry: Reference) -> tuple[set[tuple[str, str]], set[tuple[str, int]]]:
    policies = [load_policy(pid) for pid in list_policies()]
    return cited_locations(policies, registry)


def build(shared: Path) -> str:
    """The index, as the text ``excerpts.json`` must hold."""
    registry = load_registry()
    articles, lines = _cited(registry)
    problems: list[str] = []
    texts_out: dict[str, Any] = {}
    for key in sorted({k for k, _ in articles}):
        text: ReferenceText = registry.texts[key]
        path = (VENDORED if text.vendored else shared) / text.file
        units = parse_text(path.read_text(encoding="utf-8"), text.numbering)
        wanted = sorted((a for k, a in articles if k == key), key=_article_order)
        picked: dict[str, str] = {}
        for art in wanted:
            if art not in units:
                problems.append(f"{key} has no {art} in {text.file}")
                continue
            picked[art] = units[art]
        texts_out[key] = {"file": text.file, "sha256": _sha256(path), "articles": picked}
    seeds_out: dict[str, Any] = {}
    for key in sorted({k for k, _ in lines}):
        rel = registry.seed_files.get(key)
        if rel is None:
            problems.append(f"seed {key} is not registered in sources.toml")
            continue
        path = shared / rel
        all_lines = path.read_text(encoding="utf-8").splitlines()
        picked_lines: dict[str, str] = {}
        for no in sorted(n for k, n in lines if k == key):
            if not 1 <= no <= len(all_lines):
                problems.append(f"seed {key} has no line {no}")
                continue
            picked_lines[str(no)] = all_lines[no - 1]
        seeds_out[key] = {"file": rel, "sha256": _sha256(path), "lines": picked_lines}
    if problems:
        raise SystemExit("cannot build the excerpt index:\n  " + "\n  ".join(problems))
    index = {
        "format": FORMAT,
        "about": (
            "Passages of the reference texts and seed documents cited by the shipped profiles; "
            "generated by scripts/gen_excerpts.py from the files named, do not edit by hand."
        ),
        "texts": texts_out,
        "seeds": seeds_out,
    }
    return json.dumps(index, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _article_order(key: str) -> tuple[int, str]:
    from huanjie_rules.policy.provenance import cn_number

    m = re.match(r"第([零〇一二两三四五六七八九十百]+)[条项]", key)
    return (cn_number(m.group(1)), key) if m else (0, key)


def coverage_problems(index_text: str) -> list[str]:
    """Without the library: does the index hold exactly the passages the profiles cite?"""
    registry = load_registry()
    articles, lines = _cited(registry)
    index = json.loads(index_text)
    have_articles = {
        (key, art)
        for key, entry in index.get("texts", {}).items()
        for art in entry.get("articles", {})
    }
    have_lines = {
        (key, int(no))
        for key, entry in index.get("seeds", {}).items()
        for no in entry.get("lines", {})
    }
    problems = []
    for key, art in sorted(articles - have_articles):
        problems.append(f"missing {key} {art}")
    for key, art in sorted(have_articles - articles):
        problems.append(f"no longer cited: {key} {art}")
    for key, no in sorted(lines - have_lines):
        problems.append(f"missing seed {key}:{no}")
    for key, no in sorted(have_lines - lines):
        problems.append(f"no longer cited: seed {key}:{no}")
    for key, entry in index.get("texts", {}).items():
        text = registry.texts.get(key)
        if text is None or entry.get("file") != text.file:
            problems.append(f"text {key} does not match sources.toml")
    if index.get("format") != FORMAT:
        problems.append(f"index format {index.get('format')!r}, expected {FORMAT}")
    return problems


def main(argv: list[str]) -> int:
    check = "--check" in argv
    explicit = None
    if "--reference" in argv:
        explicit = argv[argv.index("--reference") + 1]
    shared = find_shared(explicit)
    current = INDEX.read_text(encoding="utf-8") if INDEX.exists() else ""
    if shared is None:
        if not check:
            print(
                "the reference library is not on this machine: pass --reference DIR "
                "or set HUANJIE_SHARED; the index was left as it is",
                file=sys.stderr,
            )
            problems = coverage_problems(current) if current else ["no excerpt index"]
            return 1 if problems else 0
        problems = coverage_problems(current) if current else ["no excerpt index"]
        if problems:
            print(
                "the excerpt index is stale (regenerate it where the reference library is "
                "available: python3 tasks.py docs):\n  " + "\n  ".join(problems),
                file=sys.stderr,
            )
            return 1
        return 0
    text = build(shared)
    if check:
        if text != current:
            print("the excerpt index is stale: run `python3 tasks.py docs`", file=sys.stderr)
            return 1
        return 0
    if text != current:
        INDEX.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
