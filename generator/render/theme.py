"""A theme: templates, static files and UI strings, looked up site theme → default theme.

A site theme (themes/NAME/ beside the content folder) may hold any single
template, partial, static file or string file; whatever it lacks comes from the
default theme. A site template can extend the original as "default/NAME.html".
"""

from __future__ import annotations

import functools
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.runtime
import markupsafe
from jinja2.utils import internalcode

from generator.core.errors import Problems
from generator.core.model import LANGUAGES
from generator.core.slugs import is_slug
from generator.load import inside
from generator.load.documents import read_yaml
from generator.render.embeds import Embeds
from generator.render.strings import Strings

DEFAULT_THEME = Path(__file__).resolve().parents[2] / "themes" / "default"


@dataclass(frozen=True)
class Theme:
    folders: tuple[Path, ...]  # most specific first; the default theme last
    strings: dict[str, dict[str, str]]  # language → key → text

    def template_dirs(self) -> list[str]:
        return [str(f / "templates") for f in self.folders if (f / "templates").is_dir()]

    def static_files(self) -> dict[str, Path]:
        """Output path under assets/ → source file; the site theme's win."""
        files: dict[str, Path] = {}
        for folder in reversed(self.folders):
            static = folder / "static"
            if not static.is_dir():
                continue
            for path in sorted(static.rglob("*")):
                if path.is_file() and inside(path, folder):
                    files[path.relative_to(static).as_posix()] = path
        return files

    def environment(self) -> jinja2.Environment:
        default = DEFAULT_THEME / "templates"
        loader = jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(self.template_dirs()),
                jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(default))}),
            ]
        )
        env = jinja2.Environment(
            loader=loader,
            autoescape=True,  # every template, whatever its ending: .ics and .svg too
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # No stat of every included template on every page: a Builder makes a new environment
            # whenever a theme file may have changed (build.py).
            auto_reload=False,
        )
        env.context_class = PlainCallContext
        env.template_class = EscapingTemplate
        return env


# What templates call most (`t`, `fmt.*`, `url`, `paths.*`, `agenda.*`, `embed`, a dict's `get`):
# functions, methods, built-ins and the two callable objects. Exact types: a subclass may be callable another way.
_PLAIN_CALLABLES = frozenset(
    {types.FunctionType, types.MethodType, types.BuiltinFunctionType, functools.partial, Strings, Embeds}
)


class PlainCallContext(jinja2.runtime.Context):
    """Jinja's context, calling a plain function or method directly (thousands of calls a page).

    `Context.call` looks on every call for `pass_context`, `pass_eval_context` and `pass_environment`
    marks, on the callable and on its `__call__`; a function, method or partial has them only as its
    own attribute, and `Strings` and `Embeds` have none. Everything else, a macro for one, goes
    Jinja's way, and so does anything marked. The call itself is Jinja's: the loop's and block's
    variables it is handed are dropped, and a StopIteration becomes an undefined value."""

    @internalcode
    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) not in _PLAIN_CALLABLES or hasattr(__obj, "jinja_pass_arg"):
            return super().call(__obj, *args, **kwargs)
        if kwargs:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


# markupsafe's own C function behind `escape` (markupsafe 3); older versions have none and keep theirs.
_escape_inner = getattr(markupsafe, "_escape_inner", None)
_new_str = str.__new__


def escape(value: Any) -> markupsafe.Markup:
    """markupsafe.escape, two Python calls shorter for a str, a Markup (a macro's or embed's output, safe as it
    is) or an int: every `{{ … }}` of a page is one."""
    kind = type(value)
    if _escape_inner is not None:
        if kind is str:
            return _new_str(markupsafe.Markup, _escape_inner(value))
        if kind is markupsafe.Markup:
            return value
        if kind is int:  # digits and a minus sign: nothing to escape
            return _new_str(markupsafe.Markup, str(value))
    return markupsafe.escape(value)


class EscapingTemplate(jinja2.Template):
    """A template whose code escapes with `escape` above (a compiled template looks it up among its globals)."""

    @classmethod
    def from_code(cls, environment: jinja2.Environment, code: Any, globals: Any, uptodate: Any = None) -> Any:
        template = super().from_code(environment, code, globals, uptodate)
        template.root_render_func.__globals__["escape"] = escape  # the namespace its blocks and macros share
        return template


def load_theme(name: str, content_root: Path, problems: Problems, source: Path, default: Path = DEFAULT_THEME) -> Theme:
    """The site theme (if any) in front of the default theme; `default` is a parameter so tests can break a copy."""
    folders = [default]
    if name != "default":
        themes = content_root.parent / "themes"
        folder = themes / name
        if not is_slug(name) or not inside(folder, themes):
            problems.add(
                source,
                0,
                f"theme '{name}' is not a plain folder name",
                "name a folder under themes/, e.g. `theme: kommune`",
            )
        elif not folder.is_dir():
            problems.add(source, 0, f"theme '{name}' does not exist", f"create {folder}, or use `theme: default`")
        else:
            folders.insert(0, folder)
    return Theme(tuple(folders), _strings(folders, problems))


def _strings(folders: list[Path], problems: Problems) -> dict[str, dict[str, str]]:
    """Merge each language's strings, default first; a key some language lacks is a problem, never a fallback."""
    strings: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    owner: dict[str, Path] = {}  # key → the most specific theme folder that defines it
    for folder in reversed(folders):
        for lang in LANGUAGES:
            path = folder / "strings" / f"{lang}.yaml"
            if not path.is_file():
                continue
            doc = read_yaml(path, problems)
            if doc is None or doc.data is None:  # unreadable (already reported) or empty
                continue
            if not isinstance(doc.data, dict):
                problems.add(path, 1, "a strings file must be a mapping of keys to texts", "write `key: text` lines")
                continue
            strings[lang].update({str(k): str(v) for k, v in doc.data.items()})
            owner.update(dict.fromkeys((str(k) for k in doc.data), folder))
    for lang in LANGUAGES:
        for key in sorted(owner.keys() - strings[lang].keys()):
            problems.add(
                owner[key] / "strings" / f"{lang}.yaml",
                0,
                f"the UI string '{key}' has no {lang} translation",
                f"add `{key}:` to this file; every UI string needs nb, nn and en",
            )
    return strings
