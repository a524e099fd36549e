"""Coverage-guided fuzzing of the JSON reader and the profile loader (optional, with atheris).

    python3 tasks.py fuzz json 300      # fuzz the JSON reader for 300 seconds
    python3 tasks.py fuzz profile 300   # fuzz user profile folders

The task installs atheris (dependency group ``fuzz``), starts from the seeds in
``tests/fuzz/corpus/<target>/`` and keeps the growing corpus in ``.fuzz/<target>/`` (not
committed). An input that makes the library raise anything but its own error, or run past
libFuzzer's ``-timeout``, is written to ``tests/fuzz/crashes/<target>/``: commit it with the fix;
``test_crash_corpus.py`` replays every file there in the normal test run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> None:
    import atheris  # the optional dependency group "fuzz"

    if not argv or argv[0] not in ("json", "profile"):
        print(__doc__)
        sys.exit(2)
    name, rest = argv[0], argv[1:]
    os.environ["HUANJIE_FUZZ_TIME_LIMIT"] = "0"  # libFuzzer's -timeout watches for hangs
    sys.path.insert(0, str(HERE))
    with atheris.instrument_imports(include=["huanjie_rules", "cattrs", "tomllib", "json"]):
        import fuzz_support

    target: Callable[[bytes], None] = (
        fuzz_support.json_target if name == "json" else fuzz_support.profile_target
    )
    atheris.Setup([sys.argv[0], *rest], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv[1:])
