"""The numpy fast path's former location; it lives in :mod:`huanjie_rules.votes.fast` now.

Kept so ``from huanjie_rules.votes_fast import tally_array`` keeps working.
"""

from .votes.fast import ABSTAIN, AGAINST, FOR, ballots_to_array, tally_array

__all__ = ["ABSTAIN", "AGAINST", "FOR", "ballots_to_array", "tally_array"]
