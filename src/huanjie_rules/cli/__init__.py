"""The ``huanjie`` command line (extra ``cli``: typer and rich).

Every command reads JSON documents (files, or ``-`` for standard input) whose JSON Schema is
published (``huanjie schema TYPE``), asks the library through :mod:`huanjie_rules.io.calls` —
the same calls the HTTP service makes — and writes the result as a table, JSON, CSV or XLSX.

Exit codes: 0 all clear; 1 a FAIL finding, a row that could not be screened, or a void or
unfinished outcome; 2 bad input (every problem on standard error with its code and path, or as
an ``ErrorReport`` JSON document on standard output with ``--format json``).

Run ``huanjie --help`` (or ``python -m huanjie_rules --help``) for the commands.
"""

from .commands import app, main

__all__ = ["app", "main"]
