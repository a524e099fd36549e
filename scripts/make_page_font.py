"""Build the page's CJK web font (deterministic): ``python scripts/make_page_font.py``.

Writes ``src/huanjie_rules/server/static/huanjie-page-sc.woff``: the Simplified Chinese face of
Noto Sans CJK (from the ``noto-cjk-sans-otc`` package the ``plot`` extra already installs),
cut down to the characters a county officer's page shows — every character of GB 2312 (the
6,763 hanzi of names and everyday text, with its symbols), ASCII, CJK punctuation, full-width
forms, and every character in the package's own texts (labels, messages, profile titles) — and
renamed (the SIL Open Font License 1.1 lets a subset be shipped under a name of its own).
``OFL.txt`` beside it carries the font's copyright notice and the licence.

Characters outside that set (a rare character in a name) are drawn by the browser's own fonts.
``tests/unit/test_page_font.py`` fails when a character of the page's own text is missing:
run this script again.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "huanjie_rules"
STATIC = PACKAGE / "server" / "static"
TARGET = STATIC / "huanjie-page-sc.woff"
LICENCE = STATIC / "OFL.txt"
FAMILY = "Huanjie Page SC"
SOURCE_FAMILY = "Noto Sans CJK SC"


def gb2312() -> set[int]:
    """Every character GB 2312 encodes (symbols rows 1-9, hanzi rows 16-87)."""
    out = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes([high, low]).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return out


def package_text() -> set[int]:
    """Every non-ASCII character of the package's own texts (sources, messages, profiles)."""
    out: set[int] = set()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".toml", ".json") and path.is_file():
            out |= {ord(c) for c in path.read_text(encoding="utf-8") if ord(c) > 0x7F}
    return out


def characters() -> set[int]:
    """The characters the font covers."""
    chars = gb2312() | package_text() | set(range(0x20, 0x7F))
    chars |= set(range(0x3000, 0x3040)) | set(range(0xFF01, 0xFF5F))
    return {c for c in chars if not 0xD800 <= c <= 0xDFFF}


def main() -> int:
    import noto_cjk_sans_otc
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    collection = TTCollection(noto_cjk_sans_otc.FONT_PATH, lazy=True)
    face = next(f for f in collection.fonts if f["name"].getDebugName(1) == SOURCE_FAMILY)
    notice = face["name"].getDebugName(0) or ""
    options = subset.Options()
    options.layout_features = []  # horizontal Chinese needs no substitution or positioning
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    subsetter = subset.Subsetter(options)
    wanted = characters()
    subsetter.populate(unicodes=wanted)
    subsetter.subset(face)
    full = f"{FAMILY} Regular"
    postscript = re.sub(r"[^A-Za-z0-9-]", "", FAMILY.replace(" ", "")) + "-Regular"
    names = face["name"]
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (3, 4):
            names.setName(full, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName(
                postscript, record.nameID, record.platformID, record.platEncID, record.langID
            )
    names.names = [r for r in names.names if r.nameID not in (16, 17)]
    if "CFF " in face:
        cff = face["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        top.FullName = full
        top.FamilyName = FAMILY
    face.recalcTimestamp = False
    face.flavor = "woff"
    STATIC.mkdir(parents=True, exist_ok=True)
    face.save(str(TARGET), reorderTables=True)
    licence = Path(noto_cjk_sans_otc.__file__).parent.parent
    text = next(licence.glob("noto_cjk_sans_otc-*.dist-info/licenses/LICENSE")).read_text(
        encoding="utf-8"
    )
    LICENCE.write_text(
        f"{FAMILY} is a subset of {SOURCE_FAMILY}, renamed.\n{notice}\n\n{text}",
        encoding="utf-8",
    )
    print(
        f"wrote {TARGET.relative_to(ROOT)}: {len(wanted)} characters, {TARGET.stat().st_size:,} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
