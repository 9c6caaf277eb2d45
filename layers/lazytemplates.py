"""Branca compiles an element's template when the element is rendered, not when it is made.

Every folium layer, when rendered, wraps the script it wrote in a new ``branca.element.Element`` whose
template is that script, and branca compiles it with Jinja on the spot: a GeoJSON layer's whole data is
lexed and compiled as a template. streamlit-folium renders each layer for its side effects and then
reads the scripts directly, so it never renders those wrappers: on the Kaart page about 40 compilations
per rerun (25–30 ms on 2 cores) were thrown away. ``install`` makes the compilation wait until a
template is used; where it is used (a whole page written by branca, as the static site's ``kaart.html``)
the output is the same, because the same Jinja template is compiled then.

folium and its plugins also compile a template for every class when they are imported (about 0,1 s on
2 cores, most of it for plugins the app never draws); ``compiled_when_used`` defers those the same way.

Some folium elements make a template anew in every render (a GeoJSON tooltip its style sheet, from a
fixed source): ``compiled_once`` has such a class compile each source once and share the template.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from typing import Any

import branca.element
import jinja2
from jinja2 import Template

_original_init = branca.element.Element.__init__
_original_new = vars(Template)["__new__"]  # the staticmethod, to put back as it was


class LazyTemplate:
    """A Jinja template from this source, compiled the first time anything asks for it."""

    __slots__ = ("_compiled", "kind", "source")

    def __init__(self, source: str, kind: type[Template] = Template) -> None:
        self.source = source
        self.kind = kind  # folium's own Template class adds its filters
        self._compiled: Template | None = None

    def compiled(self) -> Template:
        """The Jinja template (compiled once, by Jinja's own constructor even while imports are deferred)."""
        if self._compiled is None:
            self._compiled = _original_new.__func__(self.kind, self.source)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)


def _deferred_init(self: branca.element.Element, template: str | None = None,
                   template_name: str | None = None) -> None:
    """branca's Element.__init__, with a template string kept as a LazyTemplate instead of compiled."""
    _original_init(self, None, template_name)
    if template is not None:
        self._template_str = template
        self._template = LazyTemplate(template)  # type: ignore[assignment]


def _deferred_new(cls: type[Template], source: str, *args: Any, **kwargs: Any) -> Any:
    """Jinja's Template(source), as a LazyTemplate when made from a source alone."""
    if args or kwargs:
        return _original_new.__func__(cls, source, *args, **kwargs)
    return LazyTemplate(source, cls)


@contextlib.contextmanager
def compiled_when_used() -> Iterator[None]:
    """While the block runs (the import of folium and its plugins), Template(source) compiles when used."""
    jinja2.Template.__new__ = _deferred_new  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        jinja2.Template.__new__ = _original_new  # type: ignore[method-assign]


@functools.lru_cache(maxsize=128)
def _compiled(kind: type, source: str) -> Template:
    """The template of this class from this source, compiled by Jinja once (a template is never changed
    after it is made, so one can serve every render)."""
    return _original_new.__func__(kind, source)


def _shared_new(cls: type, source: Any, *args: Any, **kwargs: Any) -> Any:
    """Jinja's Template(source), the one compiled before when made from a source string alone."""
    if args or kwargs or not isinstance(source, str):
        return _original_new.__func__(cls, source, *args, **kwargs)
    return _compiled(cls, source)


def compiled_once(kind: type[Template]) -> None:
    """Let ``kind(source)`` give the template compiled for that source before (folium's Template: its
    sources are fixed strings in folium's code, so the cache holds a few dozen templates)."""
    kind.__new__ = _shared_new  # type: ignore[method-assign]


def install() -> None:
    """Let every branca element made from here on compile its template string when first used."""
    branca.element.Element.__init__ = _deferred_init  # type: ignore[method-assign]


def installed() -> bool:
    """Whether branca elements defer compiling their template strings."""
    return branca.element.Element.__init__ is _deferred_init
