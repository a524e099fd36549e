"""Deprecated: the numpy fast path lives in :mod:`huanjie_rules.votes.fast`.

Importing this module still works and warns; it goes in the next minor version.
"""

import warnings

from .votes.fast import ABSTAIN, AGAINST, FOR, ballots_to_array, tally_array

warnings.warn(
    "huanjie_rules.votes_fast is deprecated: import from huanjie_rules.votes.fast",
    DeprecationWarning,
    stacklevel=2,
)

__all__ = ["ABSTAIN", "AGAINST", "FOR", "ballots_to_array", "tally_array"]
