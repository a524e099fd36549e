"""The specific detail of a problem or error, in zh-CN and en (internal; see ``errors``).

A :class:`~huanjie_rules.errors.Problem` or :class:`~huanjie_rules.errors.HuanjieError` keeps
its specific detail in ``message``, in English ("expected int, got str", "must be at least 1,
got 0"). That English text is always the ``en`` side of a template of the detail catalogue
(``errors.details.toml``)::

    [details.EXPECTED]
    en = "expected {expected}, got {got}"
    zh = "应为{expected}，实际为{got}"

so the structured form of a detail — the template's key and its parameters — is read back from
the message by matching it against the templates, in the file's order, each as a whole. The
parameters are translated where they are the library's own words (type names, JSON kinds: the
``[words]`` table, and the shapes of ``[values.*]``) and shown as written where they echo input.
The raising code thus stays as it is (one English f-string), while every surface can show the
detail in Chinese; a message without a template keeps its English text (``key`` is None).

The catalogue file is read on first use, like the other message catalogues. The messages
matched are already masked (``errors`` redacts every message), and the rendered text is
redacted again, so no ID number is ever shown whole.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import attrs

from ._privacy import redact

__all__ = ["Detail", "detail_of", "templates", "translate_value", "words"]

# {name} matches any text; {name:int} a whole number; {name:word} text that is one of the
# library's own words or shapes (so that a generic template never leaves English in Chinese).
# {name:detail} another detail (a problem's message inside another's), rendered by its template.
_PLACEHOLDER = re.compile(r"\{([a-z_]+)(?::(int|word|detail))?\}")
# (A whole number may be shown masked, as 9223************: a run of digits looks like an ID.)
_KIND = {
    None: "(?P<{}>.*?)",
    "int": "(?P<{}>-?[0-9][0-9*]*)",
    "word": "(?P<{}>.+?)",
    "detail": "(?P<{}>.+?)",
}
# A name from the code (a class, a type such as Sequence[Candidate]): shown as it is in zh too.
_IDENTIFIER = re.compile(r"[A-Za-z_][\w.]*(\[[\w.\[\], |']*\])?")
#: How deep value shapes are translated inside each other ("an array of string 'x'").
_DEPTH = 3


@attrs.frozen
class _Template:
    key: str
    en: str
    zh: str
    pattern: re.Pattern[str]
    names: tuple[str, ...]
    words: tuple[str, ...] = ()
    inner: tuple[str, ...] = ()
    source_en: str = ""


@attrs.frozen
class _Catalogue:
    details: tuple[_Template, ...]
    values: tuple[_Template, ...]
    words: Mapping[str, str]


@attrs.frozen
class Detail:
    """A detail as a template key and its parameters (as shown in the English message).

    Example:
        >>> d = detail_of("expected int, got str")
        >>> d.key, d.params
        ('EXPECTED', (('expected', 'int'), ('got', 'str')))
        >>> d.render("zh"), d.render("en")
        ('应为整数（int），实际为文本（str）', 'expected int, got str')
    """

    key: str
    params: tuple[tuple[str, str], ...]

    def render(self, lang: str) -> str:
        """The detail in ``"zh"`` or ``"en"`` (a language already resolved by ``language``)."""
        template = _by_key()[self.key]
        if lang != "zh":
            return redact(template.en.format_map(_Raw(self.params)))
        values = {
            name: _inner_zh(value) if name in template.inner else translate_value(value)
            for name, value in self.params
        }
        return redact(template.zh.format_map(values))


def _inner_zh(message: str) -> str:
    found = detail_of(message)
    return message if found is None else found.render("zh")


class _Raw(dict[str, str]):
    def __init__(self, params: tuple[tuple[str, str], ...]) -> None:
        super().__init__(params)

    def __missing__(self, key: str) -> str:  # pragma: no cover - templates are checked
        return "{" + key + "}"


def _compile(key: str, en: str, zh: str, source: str) -> _Template:
    from .errors import HuanjieError

    names: list[str] = []
    word_names: list[str] = []
    inner_names: list[str] = []
    parts: list[str] = []
    last = 0
    for m in _PLACEHOLDER.finditer(en):
        parts.append(re.escape(en[last : m.start()]))
        name, kind = m.group(1), m.group(2)
        if name in names:
            raise HuanjieError(
                f"detail catalogue {source}: {key} uses {{{name}}} twice",
                code="CATALOGUE",
                path=key,
            )
        names.append(name)
        if kind == "word":
            word_names.append(name)
        if kind == "detail":
            inner_names.append(name)
        parts.append(_KIND[kind].format(name))
        last = m.end()
    parts.append(re.escape(en[last:]))
    plain_en = _PLACEHOLDER.sub(lambda m: "{" + m.group(1) + "}", en)
    used_zh = set(re.findall(r"\{([a-z_]+)\}", zh))
    if not used_zh <= set(names):
        raise HuanjieError(
            f"detail catalogue {source}: {key}'s zh uses a placeholder its en lacks",
            code="CATALOGUE",
            path=key,
        )
    return _Template(
        key=key,
        en=plain_en,
        zh=zh,
        pattern=re.compile("".join(parts), re.DOTALL),
        names=tuple(names),
        words=tuple(word_names),
        inner=tuple(inner_names),
        source_en=en,
    )


@functools.cache
def _catalogue() -> _Catalogue:
    import tomllib
    from importlib import resources

    from .errors import HuanjieError

    source = "huanjie_rules/errors.details.toml"

    def bad(why: str, path: str = "") -> HuanjieError:
        return HuanjieError(f"detail catalogue {source}: {why}", code="CATALOGUE", path=path)

    try:
        text = resources.files("huanjie_rules").joinpath("errors.details.toml").read_text("utf-8")
        data = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise bad(f"cannot be read ({exc})") from exc
    if set(data) != {"words", "values", "details"}:
        raise bad("the file holds exactly the tables words, values and details")

    def read(section: str) -> tuple[_Template, ...]:
        out = []
        for key, entry in data[section].items():
            if not (key.replace("_", "").isalnum() and key.isupper() and key.isascii()):
                raise bad("keys are UPPER_SNAKE_CASE", key)
            if not isinstance(entry, Mapping) or set(entry) != {"zh", "en"}:
                raise bad("each template is a table with exactly zh and en", key)
            if not all(isinstance(entry[k], str) and entry[k].strip() for k in ("zh", "en")):
                raise bad("zh and en are non-empty strings", key)
            out.append(_compile(key, entry["en"], entry["zh"], source))
        return tuple(out)

    table = data["words"]
    if not all(isinstance(k, str) and isinstance(v, str) and v for k, v in table.items()):
        raise bad("words map English words to Chinese text")
    return _Catalogue(details=read("details"), values=read("values"), words=dict(table))


@functools.cache
def _by_key() -> Mapping[str, _Template]:
    cat = _catalogue()
    return {t.key: t for t in (*cat.details, *cat.values)}


def templates() -> tuple[tuple[str, str, str], ...]:
    """Every detail template as (key, zh, en), in the catalogue's order (for docs and tests)."""
    return tuple((t.key, t.zh, t.en) for t in _catalogue().details)


def words() -> Mapping[str, str]:
    """The library's own words a detail may hold, with their Chinese (for docs and tests)."""
    return _catalogue().words


@functools.lru_cache(maxsize=4096)
def detail_of(message: str) -> Detail | None:
    """The template and parameters of an English detail, or None when no template fits.

    Example:
        >>> detail_of("must be at least 1, got 0")
        Detail(key='AT_LEAST_GOT', params=(('minimum', '1'), ('value', '0')))
        >>> detail_of("a sentence no template has") is None
        True
    """
    if not isinstance(message, str) or not message:
        return None
    for t in _catalogue().details:
        m = t.pattern.fullmatch(message)
        if (
            m is not None
            and all(_known(m.group(n)) for n in t.words)
            and all(detail_of(m.group(n)) is not None for n in t.inner)
        ):
            return Detail(t.key, tuple((n, m.group(n)) for n in t.names))
    return None


def _alternatives(text: str) -> list[str]:
    """``text`` split at its outermost `` | `` (``str | Iterable[str | bytes]``: two parts)."""
    parts: list[str] = []
    depth = start = 0
    for i, ch in enumerate(text):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif depth == 0 and text.startswith(" | ", i):
            parts.append(text[start:i])
            start = i + 3
    parts.append(text[start:])
    return parts


def _known(text: str, depth: int = 0) -> bool:
    """True if ``text`` is the library's own words (a word, a shape, or alternatives of them)."""
    cat = _catalogue()
    if text in cat.words or _IDENTIFIER.fullmatch(text):
        return True
    if depth >= _DEPTH:
        return False
    parts = _alternatives(text)
    if len(parts) > 1:
        return all(_known(part, depth + 1) for part in parts)
    return any(t.pattern.fullmatch(text) for t in cat.values)


def translate_value(text: str, depth: int = 0) -> str:
    """A parameter's value in Chinese where it is the library's own words, else as written.

    Example:
        >>> translate_value("int | None"), translate_value("string 'abc'")
        ('整数（int）或空值（None）', "文本'abc'")
    """
    cat = _catalogue()
    if text in cat.words:
        return cat.words[text]
    if depth >= _DEPTH:
        return text
    parts = _alternatives(text)
    if len(parts) > 1:
        return "或".join(translate_value(part, depth + 1) for part in parts)
    for t in cat.values:
        m = t.pattern.fullmatch(text)
        if m is not None:
            values = {n: translate_value(m.group(n), depth + 1) for n in t.names}
            return t.zh.format_map(values)
    return text
