"""The documentation site: its API reference, its Chinese search words, its build and its checks.

The site is Sphinx with the furo theme; the guides are the Markdown files in ``docs/`` (read by
MyST), the reference pages are generated:

- ``docs/api/`` (not committed; written at every build): one page per public name — every name in
  ``huanjie_rules.__all__`` and every name of the modules declared in :data:`API_MODULES` (the
  extras' public modules and the few core modules whose names are not re-exported at the top).
- ``docs/profiles.md``, ``docs/findings.md``, ``docs/enums.md``, ``docs/errors.md``,
  ``docs/schemas.md`` (committed; ``scripts/gen_docs.py``).

``python scripts/docs_site.py [OUTDIR]`` builds the site with warnings as errors (default
``build/site``) and then checks it: a page for every public name in the inventory, and the search
index answers Chinese words. ``--check-only OUTDIR`` checks a site built before.

Chinese search: Sphinx's ``zh`` search language segments text with jieba (without jieba no
Chinese word is indexed at all). jieba's dictionary is general Chinese, so the build adds a user
dictionary of the library's own terms (every enum label and alias, the profile titles' words and
the glossary below) so that 差额选举, 党员代表大会 or 十不推 are indexed as words. In the page,
the query is segmented the same way, by longest match against the index's own words, so
``换届选举规则`` finds pages that hold 换届, 选举 and 规则 even when typed without spaces.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import pkgutil
import re
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
API_DIR = DOCS / "api"
SITE = ROOT / "build" / "site"
TERMS_FILE = ROOT / "build" / "search-terms.txt"

PACKAGE = "huanjie_rules"

#: Public modules documented beside ``huanjie_rules.__all__``: (module, extra or "", title).
#: Each public module whose ``__all__`` holds a name not re-exported at the top must be listed
#: here (``tests/unit/test_docs_site.py`` fails otherwise). A name that is the same object as a
#: top-level name links to the top-level page instead of getting a second one.
API_MODULES: tuple[tuple[str, str, str], ...] = (
    ("huanjie_rules.age", "", "Ages in 周岁, birthdays and retirement"),
    ("huanjie_rules.apportion", "", "Seats shared across units"),
    ("huanjie_rules.builders", "", "Building elections from a profile"),
    ("huanjie_rules.calendar", "", "Working-day calendars (the national one: extra calendar)"),
    ("huanjie_rules.composition", "", "Slate composition (班子结构)"),
    ("huanjie_rules.eligibility", "", "Eligibility screens"),
    ("huanjie_rules.eligibility.columns", "", "Screening a light roster held as columns"),
    ("huanjie_rules.errors", "", "The exception hierarchy"),
    ("huanjie_rules.findings", "", "Findings, citations and verdicts"),
    ("huanjie_rules.idcard", "", "公民身份号码 (GB 11643)"),
    ("huanjie_rules.io", "", "JSON reading and writing"),
    ("huanjie_rules.io.json", "", "The converter: JSON text forms of dates and fractions"),
    ("huanjie_rules.io.schema", "", "JSON Schemas of every record"),
    ("huanjie_rules.io.requests", "", "The documents of the command line and the service"),
    ("huanjie_rules.io.calls", "", "The questions the command line and the service ask"),
    ("huanjie_rules.io.tables", "tables", "Rosters and results as tables (XLSX, CSV, dataframes)"),
    ("huanjie_rules.io.tables.spellings", "", "Roster headers and cell spellings"),
    ("huanjie_rules.io.tables.writer", "tables", "Writing rosters as XLSX"),
    ("huanjie_rules.limits", "", "Input limits: sizes, digits, nesting, dates"),
    ("huanjie_rules.messages", "", "Message catalogues and languages"),
    ("huanjie_rules.model", "", "The domain model"),
    ("huanjie_rules.policy", "", "Policy profiles"),
    ("huanjie_rules.policy.provenance", "", "Provenance: quotes checked against the texts"),
    ("huanjie_rules.procedure", "", "Periods, timelines, terms and plans"),
    ("huanjie_rules.quotas", "", "Quotas and seat arithmetic"),
    ("huanjie_rules.report", "", "班子结构 reports"),
    ("huanjie_rules.report.charts", "plot", "Charts of the reports"),
    ("huanjie_rules.server", "server", "The HTTP service and the page for people"),
    ("huanjie_rules.server.openapi", "server", "The OpenAPI description of the service"),
    ("huanjie_rules.server.page", "server", "The page for people"),
    ("huanjie_rules.cli", "cli", "The huanjie command line"),
    ("huanjie_rules.scale.dask", "dask", "Counting and screening on dask.distributed"),
    ("huanjie_rules.votes", "", "Ballots, tallies and outcomes"),
    ("huanjie_rules.votes.fast", "fast", "The numpy fast path for counting"),
    ("huanjie_rules.testing", "testing", "Hypothesis strategies for the model"),
    ("huanjie_rules.testing.model", "testing", "Hypothesis strategies for every model type"),
    ("huanjie_rules.testing.eligibility", "testing", "Hypothesis strategies for screening"),
    ("huanjie_rules.testing.votes", "testing", "Hypothesis strategies for ballots and tallies"),
)

#: Names documented on a generated page of their own rather than in the API reference: every
#: rule module's catalogue of finding codes is on the finding codes page.
ELSEWHERE = {"FINDING_CODES": "../findings.md"}

#: Public modules that are not API: the bundled example program, and a former location kept
#: for old imports (its names are the same objects as those documented elsewhere).
NOT_API = ("huanjie_rules.examples",)

#: Domain terms added to jieba's dictionary beside those read from the code (enum labels,
#: aliases, profile titles): words of the election rules that general Chinese dictionaries split.
GLOSSARY = (
    "换届",
    "换届选举",
    "差额",
    "差额选举",
    "等额选举",
    "另行选举",
    "候选人",
    "预备人选",
    "党员大会",
    "党员代表大会",
    "支部委员会",
    "总支部委员会",
    "基层委员会",
    "村民委员会",
    "村委会",
    "两委",
    "人大代表",
    "人民代表大会",
    "选民登记",
    "选区",
    "两推一选",
    "十不推",
    "四个凡提",
    "班子结构",
    "职数",
    "名额",
    "周岁",
    "公示",
    "调休",
    "工作日",
    "任期",
    "过半数",
    "应到会",
    "实到会",
    "选票",
    "废票",
    "弃权",
    "赞成",
    "不赞成",
    "另选他人",
    "公民身份号码",
    "学历",
    "学位",
    "党龄",
    "选举委员会",
    "选举办法",
    "实施细则",
)


class ApiEntry(NamedTuple):
    """One documented public name."""

    qualname: str  # "huanjie_rules.screen" or "huanjie_rules.testing.persons"
    module: str  # the documented module: "huanjie_rules" or one of API_MODULES
    name: str
    kind: str  # "function", "class", "exception", "enum", "data"
    summary: str


# --------------------------------------------------------------------------------------------
# What is public
# --------------------------------------------------------------------------------------------


def _import(name: str) -> Any | None:
    try:
        return importlib.import_module(name)
    except ImportError:  # an extra that is not installed: its module cannot be documented
        return None


def public_modules() -> list[str]:
    """Every module of the package with no ``_``-prefixed part, imported where it can be."""
    names: list[str] = []
    stack = [(importlib.import_module(PACKAGE), PACKAGE)]
    while stack:
        module, prefix = stack.pop()
        names.append(prefix)
        for info in pkgutil.iter_modules(list(module.__path__), prefix + "."):
            if info.name.rsplit(".", 1)[1].startswith("_"):
                continue
            sub = _import(info.name)
            if info.ispkg and sub is not None:
                stack.append((sub, info.name))
            elif not info.ispkg:
                names.append(info.name)
    return sorted(names)


def _all(module: Any) -> list[str]:
    return [
        n
        for n in getattr(module, "__all__", ())
        if not (n.startswith("__") and n.endswith("__")) and n not in ELSEWHERE
    ]


def _kind(obj: Any) -> str:
    if inspect.isclass(obj):
        if issubclass(obj, BaseException):
            return "exception"
        if issubclass(obj, enum.Enum):
            return "enum"
        return "class"
    if inspect.isfunction(obj) or inspect.isbuiltin(obj) or inspect.ismethod(obj):
        return "function"
    return "data"


def _summary(obj: Any, kind: str) -> str:
    if kind == "data":
        return ""
    doc = inspect.getdoc(obj) or ""
    first = " ".join(doc.strip().split("\n\n", 1)[0].split())
    # reST inline markup as Markdown: roles and double backquotes become code.
    return re.sub(r":[a-z:]+:`~?([^`]+)`", r"`\1`", first).replace("``", "`")


def api_entries() -> list[ApiEntry]:
    """Every documented public name, top-level names first, then each declared module's own."""
    # Import every module first: a package's attribute named like a submodule is the submodule
    # once that is imported (``huanjie_rules.testing.votes``), whatever was imported before.
    public_modules()
    top = importlib.import_module(PACKAGE)
    entries: list[ApiEntry] = []
    documented: list[Any] = []
    for name in sorted(_all(top), key=str.lower):
        obj = getattr(top, name)
        kind = _kind(obj)
        entries.append(ApiEntry(f"{PACKAGE}.{name}", PACKAGE, name, kind, _summary(obj, kind)))
        documented.append(obj)
    for module_name, _extra, _title in API_MODULES:
        module = _import(module_name)
        if module is None:
            continue
        for name in sorted(_all(module), key=str.lower):
            obj = getattr(module, name)
            if inspect.ismodule(obj):
                continue  # a submodule (checked as a module of its own)
            if _kind(obj) != "data" and any(obj is d for d in documented):
                continue  # documented already, under its top-level or its first module's name
            kind = _kind(obj)
            entries.append(
                ApiEntry(f"{module_name}.{name}", module_name, name, kind, _summary(obj, kind))
            )
            documented.append(obj)
    return entries


def undocumented() -> list[str]:
    """Public names (in a public module's ``__all__``) that would get no page, as ``module.name``.

    A name is documented when it is a documented object (a re-export) or when its module is
    declared in :data:`API_MODULES`.
    """
    entries = api_entries()
    declared = {PACKAGE} | {m for m, _, _ in API_MODULES}
    objects = []
    for e in entries:
        module = importlib.import_module(e.module)
        objects.append(getattr(module, e.name))
    missing: list[str] = []
    for module_name in public_modules():
        if module_name in declared or module_name.startswith(NOT_API):
            continue
        found = _import(module_name)
        if found is None:
            missing.append(f"{module_name} (cannot be imported: is its extra in the dev group?)")
            continue
        for name in _all(found):
            obj = getattr(found, name)
            if inspect.ismodule(obj):
                continue  # a submodule (checked as a module of its own)
            if not any(
                obj is o and (_kind(obj) != "data" or e.name == name)
                for e, o in zip(entries, objects, strict=True)
            ):
                missing.append(f"{module_name}.{name}")
    return missing


# --------------------------------------------------------------------------------------------
# Generated sources: the API pages and the search words
# --------------------------------------------------------------------------------------------

_DIRECTIVE = {
    "function": "autofunction",
    "class": "autoclass",
    "exception": "autoexception",
    "enum": "autoclass",
    "data": "autodata",
}


def _entry_page(e: ApiEntry) -> str:
    options = {
        "class": ["   :members:", "   :show-inheritance:"],
        "exception": ["   :members:", "   :show-inheritance:"],
        "enum": ["   :members:", "   :undoc-members:", "   :show-inheritance:"],
    }.get(e.kind, [])
    extra = {m: x for m, x, _ in API_MODULES}.get(e.module, "")
    # Orphans: linked from the reference's index, kept out of the navigation tree (two hundred
    # entries in every page's sidebar would make the build ten times slower).
    lines = ["---", "orphan: true", "---", "", f"# {e.name}", ""]
    if extra:
        lines += [
            f'Needs the extra `{extra}`: `pip install "huanjie-rules[{extra}]"`.',
            "",
        ]
    if e.kind == "data":
        # Not autodata: a re-exported constant has its ``#:`` comment in the module that
        # defines it, and without one autodoc would show the docstring of its type (dict …).
        lines += ["```{eval-rst}", f".. py:data:: {e.qualname}"]
        value = getattr(importlib.import_module(e.module), e.name)
        if isinstance(value, int | str) and len(repr(value)) <= 60:
            lines.append(f"   :value: {value!r}")
        lines += ["", *(f"   {line}" if line else "" for line in _data_doc(e.module, e.name))]
    else:
        lines += ["```{eval-rst}", f".. {_DIRECTIVE[e.kind]}:: {e.qualname}", *options]
    lines += ["```", ""]
    return "\n".join(lines)


def _data_doc(module_name: str, name: str) -> list[str]:
    """The ``#:`` comment of a module-level constant, from whichever module defines it."""
    from sphinx.errors import PycodeError
    from sphinx.pycode import ModuleAnalyzer

    value = getattr(importlib.import_module(module_name), name)
    candidates = [module_name] + [
        info.name
        for info in pkgutil.walk_packages(
            importlib.import_module(PACKAGE).__path__, PACKAGE + ".", onerror=lambda _: None
        )
    ]
    for candidate in candidates:
        module = _import(candidate)
        if module is None or getattr(module, name, None) is not value:
            continue
        try:
            docs = ModuleAnalyzer.for_module(candidate).find_attr_docs()
        except PycodeError:
            continue
        lines = docs.get(("", name))
        if lines:
            return [line.rstrip() for line in lines]
    return [f"A constant of :mod:`{module_name}`."]


def _table(entries: list[ApiEntry]) -> list[str]:
    out = ["| name | kind | what it is |", "|---|---|---|"]
    for e in entries:
        summary = e.summary.replace("|", "\\|")
        out.append(f"| [`{e.name}`]({e.qualname}.md) | {e.kind} | {summary} |")
    return out


def _home(obj: Any) -> str:
    """The sub-package a top-level name comes from: ``huanjie_rules.votes`` for ``decide``."""
    module = getattr(obj, "__module__", "") or ""
    parts = module.split(".")
    kept = [p for p in parts[:2] if not p.startswith("_")]
    home = ".".join(kept) if len(kept) > 1 else PACKAGE
    return home


def api_pages() -> dict[str, str]:
    """The API reference pages, path relative to ``docs/api/`` -> Markdown text."""
    entries = api_entries()
    pages = {f"{e.qualname}.md": _entry_page(e) for e in entries}
    top = importlib.import_module(PACKAGE)
    index = [
        "# API reference",
        "",
        "Generated from the docstrings at every build of the site: every name in",
        "`huanjie_rules.__all__` (the stable API, imported as `from huanjie_rules import …`), then",
        "the public modules of the extras and the core modules whose names are not re-exported at",
        "the top. The [enum codes](../enums.md), [error codes](../errors.md),",
        "[finding codes](../findings.md), [profiles](../profiles.md) and",
        "[JSON Schemas](../schemas.md) have pages of their own; so do the `FINDING_CODES`",
        "catalogues of the rule modules (on the finding codes page).",
        "",
        "## `huanjie_rules`",
        "",
    ]
    groups: dict[str, list[ApiEntry]] = {}
    for e in entries:
        if e.module == PACKAGE:
            groups.setdefault(_home(getattr(top, e.name)), []).append(e)
    for home in sorted(groups):
        index += [f"### From `{home}`", "", *_table(groups[home]), ""]
    for module_name, extra, title in API_MODULES:
        own = [e for e in entries if e.module == module_name]
        module = _import(module_name)
        if module is None:
            continue
        index += [f"## `{module_name}`", "", f"{title}."]
        if extra:
            index += ["", f'Needs the extra `{extra}`: `pip install "huanjie-rules[{extra}]"`.']
        index += ["", f"[The module's description]({module_name}.md).", ""]
        shared = [n for n in _all(module) if n not in {e.name for e in own}]
        if own:
            index += [*_table(own), ""]
        if shared:
            index += [
                "Also here, documented under another name: "
                + ", ".join(f"`{n}`" for n in sorted(shared))
                + ".",
                "",
            ]
        pages[f"{module_name}.md"] = "\n".join(
            [
                "---",
                "orphan: true",
                "---",
                "",
                f"# `{module_name}`",
                "",
                "```{eval-rst}",
                f".. automodule:: {module_name}",
                "   :no-members:",
                "```",
                "",
            ]
        )
    pages["index.md"] = "\n".join(index)
    return pages


def write_api_pages(target: Path = API_DIR) -> None:
    """Write the API pages into ``target``: changed pages only, and no page of a removed name."""
    pages = api_pages()
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("*.md"):
        if old.name not in pages:
            old.unlink()
    for rel, text in pages.items():
        path = target / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


_CJK = re.compile(r"[\u3400-\u9fff]{2,}")


def search_terms() -> list[str]:
    """Words for jieba's user dictionary: the glossary, enum labels and aliases, profile titles."""
    from huanjie_rules.policy import list_policies, load_policy

    words: set[str] = set(GLOSSARY)
    for e in api_entries():
        obj = getattr(importlib.import_module(e.module), e.name)
        if e.kind != "enum":
            continue
        for member in obj:
            for text in (getattr(member, "label", ""), *getattr(member, "aliases", ())):
                words.update(_CJK.findall(str(text)))
    for pid in list_policies():
        title = load_policy(pid).title_zh
        words.update(w for w in re.findall(r"《([^》]+)》", title) if _CJK.fullmatch(w))
    return sorted(w for w in words if 2 <= len(w) <= 12)


def write_search_terms(path: Path = TERMS_FILE) -> Path:
    """jieba's user-dictionary format: one word a line, with a frequency high enough to win."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{w} 20000\n" for w in search_terms()), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# Sphinx hooks (called from docs/conf.py)
# --------------------------------------------------------------------------------------------

#: The query splitter of the search page: words as Sphinx splits them, then each run of Han
#: characters cut by longest match against the words of the index (at most 12 characters a
#: word). A stretch that matches nothing stays one term, so a query for a word no page holds
#: finds nothing; a lone unmatched character (的, 和 …) is dropped, as the index holds no
#: one-character words.
JS_SPLITTER = r"""
var splitQuery = (query) => {
  const index = typeof Search !== "undefined" && Search._index ? Search._index : null;
  const has = (table, w) => table && Object.prototype.hasOwnProperty.call(table, w);
  const known = (w) => index !== null && (has(index.terms, w) || has(index.titleterms, w));
  const out = [];
  const words = query
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter((w) => w);
  for (const word of words) {
    for (const part of word.split(/(\p{Script=Han}+)/u)) {
      if (!part) continue;
      if (!/\p{Script=Han}/u.test(part) || known(part)) {
        out.push(part);
        continue;
      }
      let rest = "";
      let i = 0;
      while (i < part.length) {
        let j = Math.min(part.length, i + 12);
        while (j > i + 1 && !known(part.slice(i, j))) j--;
        if (j > i + 1) {
          if (rest.length > 1) out.push(rest);
          rest = "";
          out.push(part.slice(i, j));
          i = j;
        } else {
          rest += part[i];
          i += 1;
        }
      }
      if (rest.length > 1) out.push(rest);
    }
  }
  return out;
};
"""


def _search_language() -> type:
    from sphinx.search.zh import SearchChinese

    class SearchChineseTerms(SearchChinese):
        """Sphinx's zh search (jieba) with the query segmented against the index's words."""

        js_splitter_code = JS_SPLITTER
        # Sphinx 9.0 names the page's stemmer class after language_name ("ChineseStemmer"),
        # which does not exist: zh uses the English stemmer, and the search page stops with a
        # ReferenceError (Sphinx issue 14229, fixed in later releases by naming the class after
        # the stemmer file). Naming the language after its stemmer gives the right class.
        language_name = "English"

    return SearchChineseTerms


def _generate(app: Any) -> None:
    write_api_pages()
    write_search_terms(Path(app.config.html_search_options["dict"]))


def setup_sphinx(app: Any) -> None:
    """Register the generated sources and the search language with a Sphinx application."""
    app.add_search_language(_search_language())
    app.connect("builder-inited", _generate)


# --------------------------------------------------------------------------------------------
# Build and check
# --------------------------------------------------------------------------------------------


def build(outdir: Path = SITE) -> int:
    """Build the HTML site with warnings as errors; return Sphinx's exit status."""
    from sphinx.cmd.build import build_main

    doctrees = outdir.parent / (outdir.name + "-doctrees")
    return build_main(
        ["-W", "--keep-going", "-q", "-b", "html", "-d", str(doctrees), str(DOCS), str(outdir)]
    )


def inventory(outdir: Path) -> dict[str, str]:
    """The site's Python objects (from ``objects.inv``): qualified name -> page.

    Read directly (four header lines, then zlib-compressed ``name domain:role priority uri
    display`` lines), so the check does not depend on one Sphinx release's inventory classes.
    """
    raw = (outdir / "objects.inv").read_bytes()
    header_end = 0
    for _ in range(4):
        header_end = raw.index(b"\n", header_end) + 1
    found: dict[str, str] = {}
    for line in zlib.decompress(raw[header_end:]).decode("utf-8").splitlines():
        match = re.match(r"(?x)(.+?)\s+(\S+):(\S+)\s+(-?\d+)\s+(\S*)\s+(.*)", line)
        if match is None or match.group(2) != "py":
            continue
        name, uri = match.group(1), match.group(5)
        if uri.endswith("$"):
            uri = uri[:-1] + name
        found[name] = uri.split("#", 1)[0]
    return found


def _iter_missing_pages(outdir: Path) -> Iterator[str]:
    found = inventory(outdir)
    for e in api_entries():
        page = found.get(e.qualname)
        if page is None:
            yield f"{e.qualname}: not in the site's inventory"
        elif page != f"api/{e.qualname}.html":
            yield f"{e.qualname}: documented on {page}, not on its own page"


def check_site(outdir: Path = SITE) -> list[str]:
    """Problems with a built site: public names without a page."""
    return list(_iter_missing_pages(outdir))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--check-only"]:
        outdir = Path(argv[1]) if len(argv) > 1 else SITE
    else:
        outdir = Path(argv[0]) if argv else SITE
        status = build(outdir)
        if status != 0:
            return status
    problems = check_site(outdir)
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(f"site built and checked: {outdir}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
