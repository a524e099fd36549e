"""Readers and writers: JSON (through cattrs) and, in extras, tables and schemas."""

from .json import SCHEMA_VERSION, from_dict, from_json, make_converter, to_dict, to_json

__all__ = ["SCHEMA_VERSION", "from_dict", "from_json", "make_converter", "to_dict", "to_json"]
