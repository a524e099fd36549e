"""Readers and writers: JSON (through cattrs) and, in extras, tables and schemas."""

from .json import SCHEMA_VERSION, from_dict, from_json, make_converter, to_dict, to_json
from .jsonl import read_jsonl, write_jsonl

__all__ = [
    "SCHEMA_VERSION",
    "from_dict",
    "from_json",
    "make_converter",
    "read_jsonl",
    "to_dict",
    "to_json",
    "write_jsonl",
]
