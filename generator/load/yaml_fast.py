"""libyaml's parser, for the YAML it reads exactly as PyYAML's pure-Python parser does.

libyaml composes a file's nodes more than ten times faster, but the two parsers are not the same
program: libyaml reads `|#` as a block header and a comment and `[Hva nå?]` as a list where PyYAML
refuses both, accepts a tab after `: `, reads a lone `!` tag as '' (PyYAML: None), drops a BOM at
the start of a line that PyYAML keeps, and its composer recurses in C without a depth check.
`readable` is a cheap, conservative look at the text: it lets through only what
tests/test_yaml_fast.py shows both read alike (keys, lists, plain and quoted text, anchors and
aliases, `|` and `>` blocks, simple flow collections), and sends everything else, and every file
that might be nested deeper than MAX_DEPTH, to the pure-Python parser.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from yaml.resolver import BaseResolver, Resolver

from generator.core import accelerators

# Characters the two parsers read differently, or refuse with other lines: tab, CR, NEL and other
# controls, the Unicode line and paragraph separators, a BOM, surrogates, non-characters.
_ODD_CHARACTER = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
# Indicators where a token may start (over-approximated: after a line start, a space, a flow
# indicator or a quote): a `?` key, a `!` tag, a block header other than `|` or `>` with an
# optional `-` or `+` (libyaml reads `|#` as a header and a comment), a `:` with no key before it,
# an anchor or alias run into an indicator. The regex starts with a character class, so that the
# engine skips ahead to candidates.
_ODD_INDICATOR = re.compile(
    r"[:?!|>&*]"
    r"(?:(?<=:)(?<![^\n ,\[\]{}].)(?![^ \n])"
    r"|(?<=[?!])(?<![^\n ,\[\]{}\"'].)"
    r"|(?<=[|>])(?<![^\n ,\[\]{}\"'].)(?![-+]? *(?:\n|\Z))"
    r"|(?<=[&*])[\w-]*[?%@`])"
)
# A `%` directive, and `---` or `...` (another document), at the start of a line.
_LINE_MARKERS = ("\n%", "\n---", "\n...")


# Where a block collection may start on a line: the dashes of its leading `- ` entries, and the end.
_LINE_START = re.compile(r"\n([ -]*)")

# The tokens of a flow collection ([a, b], {k: v}) that both parsers split alike: no comments,
# no multi-line text, no anchors, tags or `?`.
_PLAIN_CHAR = r"(?:[^\s,\[\]{}:#?]|:(?=[^\s,\[\]{}]))"
_PLAIN = rf"(?:[^\s,\[\]{{}}#&*!|>'\"%@`?:-]|-(?=[^\s,\[\]{{}}])){_PLAIN_CHAR}*(?: +{_PLAIN_CHAR}+)*"
_SCALAR = rf"(?:\"(?:[^\"\\\n]|\\[^\n])*\"|'(?:[^'\n]|'')*'|{_PLAIN})"
_FLOW_TOKEN = re.compile(
    rf"(?P<space>[ \n]+)|(?P<open>[\[{{])|(?P<close>[\]}}])|(?P<comma>,)|(?P<colon>:(?=[ \n]))|(?P<scalar>{_SCALAR})"
)
# The common case in one match: a one-line collection of scalars, as the tokens below would allow.
_ENTRY = rf"{_SCALAR}(?: *: +(?:{_SCALAR})?)?"
_SIMPLE_FLOW = re.compile(rf"\[ *(?:{_ENTRY} *(?:, *{_ENTRY} *)*,? *)?\]|\{{ *(?:{_ENTRY} *(?:, *{_ENTRY} *)*,? *)?\}}")
FLOW_DEPTH = 4  # flow collections nested deeper go the pure-Python way

# Where an entry of a flow collection is: before its key, after the key, after `:`, after the value.
_START, _KEY, _COLON, _VALUE = range(4)


def readable(text: str, max_depth: int) -> bool:
    """True when libyaml surely reads `text` as the pure-Python parser does, nested at most max_depth."""
    if not text.replace("\n", " ").isprintable() and _ODD_CHARACTER.search(text):  # isprintable: at C speed
        return False
    if text.startswith(("%", "---", "...")) or any(marker in text for marker in _LINE_MARKERS):
        return False
    if _ODD_INDICATOR.search(text):
        return False
    flow = _flow_depth(text)
    if flow < 0:
        return False
    # Along any path, block collections start at columns that never decrease, and at one column
    # there can be only a mapping and the list that is its value: at most two levels a column.
    columns: set[int] = set()
    starts = set(_LINE_START.findall(text))
    starts.add(text[: len(text) - len(text.lstrip(" -"))])  # the first line's
    for start in starts:
        columns.add(len(start))
        columns.update(i for i, c in enumerate(start) if c == "-")
    return 2 * len(columns) + flow + 1 <= max_depth


def _flow_depth(text: str) -> int:
    """The deepest nesting of flow collections, or -1 if one is not of the simple kind.

    Every `[` and `{` is looked at as if it opened a flow collection (most do; one inside text only
    has to look like one too), so none that really opens one escapes the check."""
    deepest = 0
    budget = 2 * len(text) + 64  # tokens: rescanning nested collections stays linear
    for opener in _openers(text):
        if _SIMPLE_FLOW.match(text, opener):
            deepest = max(deepest, 1)
            continue
        pos, stack, state = opener, [], _START
        while True:
            budget -= 1
            token = _FLOW_TOKEN.match(text, pos)
            if token is None or budget < 0:
                return -1
            kind, pos = token.lastgroup, token.end()
            if kind == "space":
                continue
            if kind == "open" and state in (_START, _COLON) and len(stack) < FLOW_DEPTH:
                stack.append(("]" if token.group() == "[" else "}", _KEY if state == _START else _VALUE))
                deepest, state = max(deepest, len(stack)), _START
            elif kind == "close" and token.group() == stack[-1][0]:
                state = stack.pop()[1]
                if not stack:
                    break
            elif kind == "comma" and state != _START:
                state = _START
            elif kind == "colon" and state == _KEY:
                state = _COLON
            elif kind == "scalar" and state in (_START, _COLON):
                state = _KEY if state == _START else _VALUE
            else:
                return -1
    return deepest


def _openers(text: str) -> list[int]:
    """Where `[` and `{` are (str.find is much faster than a regex scan)."""
    found = []
    for bracket in "[{":
        at = text.find(bracket)
        while at >= 0:
            found.append(at)
            at = text.find(bracket, at + 1)
    return found


def c_loader(schema: type[BaseResolver]) -> type | None:
    """libyaml's composer with the implicit resolvers of `schema`; None when libyaml is not
    installed or accelerators are switched off."""
    module = accelerators.accelerator("yaml._yaml")
    parser = getattr(module, "CParser", None)
    return None if parser is None else _loader_class(parser, schema)


@functools.cache
def _loader_class(parser: Any, schema: type[BaseResolver]) -> type:
    def __init__(self: Any, text: str) -> None:
        parser.__init__(self, text)
        Resolver.__init__(self)

    resolvers = {"__init__": __init__, "yaml_implicit_resolvers": schema.yaml_implicit_resolvers}
    return type("CLoader", (parser, Resolver), resolvers)
