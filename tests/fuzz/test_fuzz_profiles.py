"""Fuzzing user profile folders: only the library's errors escape, and no load hangs.

A valid user profile (extending a shipped one, with a table parameter, a choice and a fraction)
is mutated line by line: a value replaced by a hostile TOML value (a huge integer, a fraction
with an exponent, a deep array, a wrong type, an unknown code), a line dropped or doubled, bytes
that are not UTF-8 or not TOML; and the folder itself is given files that are folders, links
out of it, and oversized files.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fuzz_support import (
    SEED_DOMAIN,
    SEED_PROFILE,
    load_profile_files,
    only_library_errors,
    profile_target,
    write_profile_files,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import huanjie_rules
from huanjie_rules.policy import _load

EXAMPLES = int(os.environ.get("HUANJIE_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

TOML_VALUES = [
    "0",
    "-1",
    "9" * 30,
    "9" * 5000,
    '"1e999999999"',
    '"4/0"',
    '"0.5"',
    "1.5",
    "nan",
    "inf",
    "true",
    '"true"',
    "2021-02-29",
    "0001-01-01",
    "9999-12-31",
    "2021-01-01T00:00:00",
    "[]",
    "[1, 2]",
    '["SECRETERY"]',
    "[" * 50 + "]" * 50,
    "{}",
    "{a = 1}",
    '"11010519491231002X"',
    '"ELECTION_DATE"',
    '"WHATEVER"',
    '"xzhen-2021"',
    '"fz"',
]


@st.composite
def mutated(draw: st.DrawFn, text: bytes) -> bytes:
    lines = text.decode().split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        kind = draw(st.sampled_from(["value", "drop", "double", "raw"]))
        if kind == "value" and "=" in lines[i]:
            key = lines[i].split("=", 1)[0]
            lines[i] = f"{key}= {draw(st.sampled_from(TOML_VALUES))}"
        elif kind == "drop":
            del lines[i]
            if not lines:
                lines = [""]
        elif kind == "double":
            lines.insert(i, lines[i])
        else:
            lines[i] = draw(st.text(max_size=20))
    out = "\n".join(lines).encode()
    if draw(st.booleans()) and draw(st.booleans()):
        cut = draw(st.integers(min_value=0, max_value=len(out)))
        out = out[:cut] + draw(st.binary(max_size=3)) + out[cut:]
    return out


@FUZZ
@given(mutated(SEED_PROFILE), mutated(SEED_DOMAIN))
def test_mutated_profiles(profile: bytes, domain: bytes) -> None:
    load_profile_files({"profile.toml": profile, "eligibility.toml": domain})


@FUZZ
@given(st.binary(max_size=300))
def test_raw_bytes(data: bytes) -> None:
    profile_target(data)


@FUZZ
@given(
    st.lists(
        st.sampled_from(["dir_toml", "link_out", "link_in", "big", "pipe", "deep", "nested_twin"]),
        max_size=3,
        unique=True,
    )
)
def test_folder_shapes(shapes: list[str]) -> None:
    _load._load_cached.cache_clear()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "root"
        d = write_profile_files(
            root, {"profile.toml": SEED_PROFILE, "eligibility.toml": SEED_DOMAIN}
        )
        outside = Path(tmp) / "outside.toml"
        outside.write_bytes(SEED_DOMAIN)
        for shape in shapes:
            if shape == "dir_toml":
                (d / "votes.toml").mkdir()
            elif shape == "link_out":
                (d / "quotas.toml").symlink_to(outside)
            elif shape == "link_in":
                (d / "procedure.toml").symlink_to(d / "eligibility.toml")
            elif shape == "big":
                (d / "rights.toml").write_bytes(b"#" * (2**20 + 1))
            elif shape == "pipe" and hasattr(os, "mkfifo"):
                os.mkfifo(d / "composition.toml")
            elif shape == "deep":
                deep = root.joinpath(*["a"] * 8)
                deep.mkdir(parents=True)
                (deep / "profile.toml").write_bytes(SEED_PROFILE)
            elif shape == "nested_twin":
                write_profile_files(root / "sub", {"profile.toml": SEED_PROFILE})
        only_library_errors(huanjie_rules.load_policy, "fz", search=root)
        only_library_errors(huanjie_rules.list_policies, search=str(root))
