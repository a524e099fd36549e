"""Sphinx configuration of the documentation site (``python3 tasks.py docs``).

The API pages and the search words are generated when the build starts; see
``scripts/docs_site.py``. Importing this file has no side effects (pytest imports it when it
collects doctests).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(_ROOT / "scripts"))

import docs_site  # noqa: E402

import huanjie_rules  # noqa: E402

project = "huanjie_rules"
author = "The huanjie_rules maintainers"
copyright = "the huanjie_rules maintainers (MIT licence)"
release = huanjie_rules.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "**/.ipynb_checkpoints"]
language = "en"
# The index's toctree lists the pages by name and ends in a glob that picks up every other page
# (new pages appear without editing it). The changelog is left to the glob on purpose: a glob
# that matches nothing is a warning, and Sphinx cannot be told to ignore that one.

# Markdown guides: heading anchors so that ``[x](profiles.md#npc-2020)`` resolves.
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]

# Docstrings are Google style; type hints go into the description, not the signature.
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_custom_sections = [("Legal basis", "notes_style")]
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_member_order = "bysource"
autodoc_class_signature = "separated"
python_use_unqualified_type_names = True
add_module_names = False

html_theme = "furo"
html_title = f"huanjie_rules {release}"
html_static_path: list[str] = []
html_copy_source = False
html_show_sourcelink = False

# Chinese search: jieba segments the pages, a user dictionary adds the library's own terms
# (written at build start), and the page segments the query against the index's words.
html_search_language = "zh"
html_search_options = {"dict": str(docs_site.TERMS_FILE)}


def setup(app: Any) -> dict[str, Any]:
    docs_site.setup_sphinx(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
