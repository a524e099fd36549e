"""The core imports only its core dependencies: extras are imported lazily, when used."""

from __future__ import annotations

import subprocess
import sys


def test_import_loads_no_extra() -> None:
    code = (
        "import sys, huanjie_rules, huanjie_rules.io, huanjie_rules.votes, huanjie_rules.calendar\n"
        "import huanjie_rules.scale.dask\n"
        "heavy = [m for m in ('numpy', 'hypothesis', 'chinese_calendar', 'pandas', 'dask', "
        "'distributed') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
