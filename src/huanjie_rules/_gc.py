"""Pausing Python's cycle collector while a batch builds its results.

A batch (a roster screened as columns, a JSON Lines file read) makes a few objects per row and
no reference cycles. With the collector running, every few hundred new objects start a pass,
and the passes over the older generations walk every object the process holds — on a large
roster most of the time goes there. :func:`collector_paused` stops it for the batch and starts
it again afterwards if it was running.

Example:
    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off for the ``with`` block; back on after it if it was on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
