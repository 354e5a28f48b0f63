"""YAML with line numbers, and a schema that suits people who write times and languages.

PyYAML's default (YAML 1.1) schema reads `11:30` as 690, `08.30` as 8.3 and
`no` (Norwegian!) as False. Here only `true`/`false` are booleans, only plain
decimal numbers are integers, and everything else stays text, so a time or a
language code arrives exactly as written. Mappings and lists remember the line
of each key and item, so any later stage can say where a value came from.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.load import yaml_fast

MAX_ALIASES = 50  # guards against "billion laughs" alias expansion
MAX_DEPTH = 40
MAX_EXPANDED = 8 * 1024 * 1024  # characters of text, aliases expanded, in one document
MAX_DIGITS = 18  # an integer longer than this is no duration, count or year


class YamlMap(dict[str, Any]):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list[Any]):
    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class YamlProblem(Exception):
    def __init__(self, line: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


class _Loader(yaml.SafeLoader):
    """PyYAML's composer calls itself for each level: the depth is checked on the way down, before
    a deeply nested file can exhaust Python's stack."""

    depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise YamlProblem(mark.line + 1, "the YAML is nested too deeply", "flatten it")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_Loader.yaml_implicit_resolvers = {}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp",
    re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
    list("0123456789"),
)


def parse_yaml(text: str, first_line: int = 1) -> Any:
    """Parse YAML text into YamlMap/YamlList/scalars. Raises YamlProblem."""
    fast = yaml_fast.c_loader(_Loader)
    if fast is not None and yaml_fast.readable(text, MAX_DEPTH):
        try:
            return parse_c(fast, text, first_line)
        except Exception:
            pass
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except YamlProblem as exc:
        raise YamlProblem(exc.line + first_line - 1, exc.message, exc.hint) from None
    except RecursionError:  # a last resort: the depth check above should come first
        return _raise(first_line, "the YAML is nested too deeply", "flatten it")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        what = exc.problem or str(exc)
        if "found character '\\t'" in what:
            return _raise(line, "a tab is used for indentation", "indent with spaces instead")
        return _raise(line, f"this is not valid YAML: {what}", "check indentation and quoting")
    except yaml.YAMLError as exc:
        return _raise(first_line, f"this is not valid YAML: {exc}", "check the file's syntax")
    return _build(node, text, first_line, MAX_DEPTH)


def parse_c(loader: type, text: str, first_line: int) -> Any:
    """libyaml's reading of a text yaml_fast.readable lets through. Its nodes are built one level
    short of MAX_DEPTH: the pure parser's own check counts a level more than _Builder does."""
    return _build(loader(text).get_single_node(), text, first_line, MAX_DEPTH - 1)


def _build(node: Node | None, text: str, first_line: int, max_depth: int) -> Any:
    if node is None:
        return None
    # Text reused through aliases counts each time it is used: the pages repeat it as often.
    return _Builder(first_line, min(MAX_EXPANDED, 10 * len(text) + 4096), max_depth).build(node, 0)


def _raise(line: int, message: str, hint: str) -> Any:
    raise YamlProblem(line, message, hint)


class _Builder:
    def __init__(self, first_line: int, budget: int, max_depth: int) -> None:
        self.offset = first_line
        self.max_depth = max_depth
        self.budget = budget  # characters of text still allowed, aliases expanded
        self.aliases_seen = 0
        self.seen: set[int] = set()
        self.constructor = SafeConstructor()  # _Loader's own constructors, without a reader and scanner to set up

    def line(self, node: Node) -> int:
        return node.start_mark.line + self.offset

    def build(self, node: Node, depth: int) -> Any:
        if depth > self.max_depth:
            raise YamlProblem(self.line(node), "the YAML is nested too deeply", "flatten it")
        if id(node) in self.seen and not isinstance(node, ScalarNode):
            self.aliases_seen += 1
            if self.aliases_seen > MAX_ALIASES:
                raise YamlProblem(
                    self.line(node),
                    "too many YAML aliases (*name)",
                    "write the values out instead of reusing anchors",
                )
        self.seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                raise YamlProblem(self.line(node), f"unsupported YAML tag {node.tag!r}", "remove the tag")
            self.spend(node)
            if node.tag == _INT and len(node.value.lstrip("+-")) > MAX_DIGITS:
                raise YamlProblem(
                    self.line(node), f"a number of {len(node.value)} digits is too long", "write a shorter number"
                )
            try:
                return self.constructor.construct_object(node, deep=True)
            except (ValueError, IndexError, KeyError, AttributeError):  # 2013-02-30; `!!int` with no digits
                what, hint = _NOT_A.get(node.tag, ("text", "write it without a !! tag"))
                raise YamlProblem(self.line(node), f"'{node.value}' is not {what}", hint) from None
        if isinstance(node, SequenceNode):
            items = YamlList(self.build(child, depth + 1) for child in node.value)
            items.line = self.line(node)
            items.item_lines = [self.line(child) for child in node.value]
            return items
        if isinstance(node, MappingNode):
            mapping = YamlMap()
            mapping.line = self.line(node)
            mapping.key_lines = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE:
                    raise YamlProblem(self.line(key_node), "keys must be plain words", "write `key: value`")
                self.spend(key_node)
                key = str(key_node.value)
                if key in mapping:
                    raise YamlProblem(
                        self.line(key_node),
                        f"the key '{key}' appears twice (first on line {mapping.key_lines[key]})",
                        "keep one of them",
                    )
                mapping[key] = self.build(value_node, depth + 1)
                mapping.key_lines[key] = self.line(key_node)
            return mapping
        raise YamlProblem(self.line(node), "unsupported YAML structure", "simplify it")

    def spend(self, node: ScalarNode) -> None:
        self.budget -= len(node.value)
        if self.budget < 0:
            raise YamlProblem(
                self.line(node),
                "the YAML expands to too much text (aliases *name repeat it)",
                "write the text out once instead of reusing an anchor many times",
            )


# What a scalar tagged (or looking like) a date, number or boolean failed to be.
_NOT_A = {
    "tag:yaml.org,2002:timestamp": ("a real date", "write an existing date as YYYY-MM-DD"),
    "tag:yaml.org,2002:int": ("a whole number", "write digits only, or remove the !!int tag"),
    "tag:yaml.org,2002:bool": ("true or false", "write true or false, or remove the !!bool tag"),
}
_MERGE = "tag:yaml.org,2002:merge"
_INT = "tag:yaml.org,2002:int"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
