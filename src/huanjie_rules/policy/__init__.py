"""Policy profiles: every number the rules use, versioned, typed and cited.

Example:
    >>> from huanjie_rules.policy import load_policy
    >>> p = load_policy("party-basic-2020")
    >>> p.get_strings("rights.voting_standings")
    ('FULL_MEMBER',)
    >>> p.citation("rights.voting_standings").article
    '第五条'
"""

from ._load import list_policies, load_policy, policy_for, reload_policies
from ._scope import companion_parameter, governing_policy, profile_hint
from ._types import PARAM_TYPES, IntRange, Parameter, ParamTable, ParamValue, Policy

__all__ = [
    "PARAM_TYPES",
    "IntRange",
    "ParamTable",
    "ParamValue",
    "Parameter",
    "Policy",
    "companion_parameter",
    "governing_policy",
    "list_policies",
    "load_policy",
    "policy_for",
    "profile_hint",
    "reload_policies",
]
