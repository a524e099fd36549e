"""Message catalogues: stable codes with zh-CN and en templates, kept as TOML data.

Every code the library reports — a :class:`~huanjie_rules.findings.Finding`'s, a
:class:`~huanjie_rules.errors.Problem`'s or a :class:`~huanjie_rules.errors.HuanjieError`'s — has
its message in a catalogue file beside the module that uses it: a package's ``messages.toml``
(``votes/messages.toml``), a single module's ``<module>.messages.toml``
(``apportion.messages.toml``), and the error codes of every module in ``errors.messages.toml``.
A file holds one table per code::

    [AGE_OVER_LIMIT]
    zh = "年龄{observed}周岁，超过{limit}周岁"
    en = "aged {observed}, over {limit}"

A :class:`Catalogue` reads its file the first time a message is asked for, so importing the
library parses no catalogue. Placeholders in braces are filled with ``str.format``; both
languages of a code use the same placeholders (a test checks every catalogue).

Example:
    >>> from huanjie_rules.messages import ERROR_MESSAGES, Catalogue
    >>> ERROR_MESSAGES["UNKNOWN_OFFICE"].zh
    '该职务不在本次选举或本张选票上'
    >>> votes = Catalogue("huanjie_rules.votes", "messages.toml")
    >>> votes["QUORUM_NOT_MET"].zh
    '{measure}{observed}人，应到{base}人的{ratio}，至少需{limit}人：不足，选举无效'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ._args import checked
from .findings import Message

__all__ = ["ERROR_MESSAGES", "LANGUAGES", "Catalogue", "language", "pick"]

#: The languages every message is written in, as accepted by ``render(lang)`` methods.
LANGUAGES: tuple[str, ...] = ("zh", "en")

_ALIASES = {
    "zh": "zh",
    "zh-cn": "zh",
    "zh_cn": "zh",
    "zh-hans": "zh",
    "cn": "zh",
    "en": "en",
    "en-us": "en",
    "en-gb": "en",
    "en_us": "en",
    "en_gb": "en",
}


@checked
def language(lang: str) -> str:
    """``"zh"`` or ``"en"`` for a language tag such as ``"zh-CN"`` or ``"en"``.

    Raises:
        RuleInputError: the library has no messages in that language (code ``LANGUAGE``).

    Example:
        >>> language("zh-CN"), language("EN")
        ('zh', 'en')
    """
    key = lang.strip().lower() if isinstance(lang, str) else ""
    if key not in _ALIASES:
        from .errors import RuleInputError

        raise RuleInputError(
            f"no messages in {lang!r}; use one of {', '.join(LANGUAGES)} (or zh-CN)",
            code="LANGUAGE",
            path="lang",
        )
    return _ALIASES[key]


@checked
def pick(lang: str, zh: str, en: str) -> str:
    """``zh`` or ``en``, as ``lang`` asks (see :func:`language`).

    Example:
        >>> pick("zh-CN", "年满十八周岁", "aged 18 or over")
        '年满十八周岁'
    """
    return zh if language(lang) == "zh" else en


class Catalogue(Mapping[str, Message]):
    """Codes and their messages, read from a TOML file of package data on first use.

    A read-only mapping from code to :class:`~huanjie_rules.findings.Message`, in the file's
    order. A malformed file (not TOML, a code that is not UPPER_SNAKE_CASE, a table without both
    ``zh`` and ``en`` strings, or with other keys) raises
    :class:`~huanjie_rules.errors.HuanjieError` with code ``CATALOGUE`` when first read.

    Args:
        package: the package holding the file (``"huanjie_rules.votes"``).
        resource: the file's name in that package (``"messages.toml"``).
    """

    __slots__ = ("_messages", "package", "resource")

    def __init__(self, package: str, resource: str) -> None:
        self.package = package
        self.resource = resource
        self._messages: dict[str, Message] | None = None

    def __repr__(self) -> str:
        return f"Catalogue({self.package!r}, {self.resource!r})"

    @property
    def source(self) -> str:
        """Where the file lives, as ``package/resource``."""
        return f"{self.package.replace('.', '/')}/{self.resource}"

    def _load(self) -> dict[str, Message]:
        if self._messages is None:
            self._messages = _read(self.package, self.resource, self.source)
        return self._messages

    def __getitem__(self, code: str) -> Message:
        return self._load()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    def __contains__(self, code: object) -> bool:
        return code in self._load()


def _read(package: str, resource: str, source: str) -> dict[str, Message]:
    # Imported here: nothing is parsed, or even imported for parsing, before the first message.
    import tomllib
    from importlib import resources

    from .errors import HuanjieError

    def bad(why: str, path: str = "") -> HuanjieError:
        return HuanjieError(f"message catalogue {source}: {why}", code="CATALOGUE", path=path)

    try:
        text = resources.files(package).joinpath(resource).read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, ModuleNotFoundError) as exc:
        raise bad(f"cannot be read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise bad(f"is not TOML ({exc})") from exc
    messages: dict[str, Message] = {}
    for code, entry in data.items():
        if not (code.replace("_", "").isalnum() and code.isupper() and code.isascii()):
            raise bad("codes are UPPER_SNAKE_CASE", code)
        if not isinstance(entry, Mapping) or set(entry) != {"zh", "en"}:
            raise bad("each code is a table with exactly zh and en", code)
        zh, en = entry["zh"], entry["en"]
        if not (isinstance(zh, str) and isinstance(en, str) and zh.strip() and en.strip()):
            raise bad("zh and en are non-empty strings", code)
        messages[code] = Message(zh=zh, en=en)
    return messages


#: The messages of every error and problem code (``errors.messages.toml``).
ERROR_MESSAGES: Catalogue = Catalogue("huanjie_rules", "errors.messages.toml")
