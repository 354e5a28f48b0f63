"""The HTML parser WeasyPrint uses (tinyhtml5), with its tokenizer's regular expressions cached.

tinyhtml5 2.1.0 keeps the regular expression for each set of characters its tokenizer scans up to
in a dict, but stores it under the expression instead of the characters: in
`characters = cache[(characters, opposite)] = regex` the name is bound first. So every lookup
misses, and the expression's text is made again and looked up in `re`'s own cache, for almost
every run of text: parsing the example's eight print documents took 0.22 s of CPU, 0.11 s with
`Expressions` in its place (docs/performance.md). `cache_expressions` puts it there only if a
small document shows this tinyhtml5 making that mistake and `Expressions` builds the very
expressions it builds; otherwise (another version) tinyhtml5 is left as it is.
"""

from __future__ import annotations

import re
from typing import Any

# Every state of the tokenizer that scans ahead: text, attributes in each quoting, a comment,
# character references, raw text, RCDATA, CDATA.
PROBE = (
    '<!DOCTYPE html><html lang="nn"><head><title>a &amp; b</title><style>p { }</style>'
    "<script>if (a < b) {}</script></head><body><!-- c --><p class=d id='e' data-f=\"g\">h &lt; "
    "&#x2013; &eacute; &x;</p><textarea> i</textarea><svg><![CDATA[ j ]]></svg></body></html>"
)


class Expressions(dict[Any, re.Pattern[str]]):
    """(characters, opposite) → the expression tinyhtml5's `chars_until` builds for them: a run of
    characters not among them, or, if `opposite`, among them. A key of any other shape is not
    ours to answer: KeyError, and tinyhtml5 does what it would have done."""

    def __missing__(self, key: Any) -> re.Pattern[str]:
        if not (isinstance(key, tuple) and len(key) == 2 and isinstance(key[1], bool)):
            raise KeyError(key)
        characters, opposite = key
        if isinstance(characters, re.Pattern) or not all(isinstance(c, str) and len(c) == 1 for c in characters):
            raise KeyError(key)
        chosen = "".join(f"\\x{ord(character):02x}" for character in characters)
        self[key] = expression = re.compile(f"[{chosen}]+" if opposite else f"[^{chosen}]+")
        return expression


def cache_expressions() -> None:
    try:
        import tinyhtml5
        from tinyhtml5 import inputstream
    except ImportError:
        return
    found = getattr(inputstream, "characters_until_regex", None)
    if not isinstance(found, dict) or isinstance(found, Expressions):
        return
    theirs: dict[Any, Any] = {}
    ours = Expressions()
    try:
        for cache in (theirs, ours):
            inputstream.characters_until_regex = cache
            tinyhtml5.parse(PROBE, namespace_html_elements=False)
    except Exception:  # any surprise: tinyhtml5 as it was
        inputstream.characters_until_regex = found
        return
    mistaken = theirs and all(isinstance(k, tuple) and len(k) == 2 and k[0] is v for k, v in theirs.items())
    same = {(k[0].pattern, k[1]) for k in theirs} == {(v.pattern, k[1]) for k, v in ours.items()} if mistaken else False
    inputstream.characters_until_regex = ours if same else found
