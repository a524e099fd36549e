"""The page's bundled web font covers every character of the page's own text.

The font is a subset (``scripts/make_page_font.py``); when a label, message or profile title
brings a character it lacks, this fails: run the script again.
"""

from __future__ import annotations

import asyncio
from importlib import resources

import pytest

from huanjie_rules.io import calls
from huanjie_rules.messages import ERROR_MESSAGES


def _cmap() -> set[int]:
    ttlib = pytest.importorskip("fontTools.ttLib")
    path = resources.files("huanjie_rules.server").joinpath("static", "huanjie-page-sc.woff")
    with resources.as_file(path) as font_path:
        font = ttlib.TTFont(str(font_path))
        assert font["name"].getDebugName(1) == "Huanjie Page SC"
        return set(font.getBestCmap())


def test_the_font_covers_the_page_and_its_messages() -> None:
    pytest.importorskip("starlette")
    from huanjie_rules.io.tables import ROSTER_CODES
    from huanjie_rules.server import page

    index = asyncio.run(page.index(None))  # type: ignore[arg-type]  # the form asks nothing
    text = bytes(index.body).decode("utf-8")
    text += "".join(m.zh for m in ERROR_MESSAGES.values())
    text += "".join(m.zh for m in ROSTER_CODES.values())
    text += "".join(p.title_zh for p in calls.profile_list().profiles)
    cmap = _cmap()
    missing = sorted({c for c in text if ord(c) > 0x7F and ord(c) not in cmap})
    assert missing == [], "".join(missing)


def test_the_font_covers_the_common_characters_of_names() -> None:
    cmap = _cmap()
    common = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗婷娜燕霞"  # and every GB 2312 hanzi
    assert all(ord(c) in cmap for c in common)
    gb = {ord(bytes([0xB0 + i // 94, 0xA1 + i % 94]).decode("gb2312")) for i in range(94 * 39)}
    assert gb <= cmap
