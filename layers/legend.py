"""The map panel's content: one legend section per layer, shown and hidden together with its layer.

Each layer module describes its legend as a `Section`; `MapConfig` hands the overlays of a view and
their legends to the panel of ``static/wd/kaart.js`` ("Lagen en legenda"), which shows a layer's
legend while the layer is on. All text is escaped: a name with markup shows as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from branca.element import MacroElement
from jinja2 import Template

from geo.safetext import template_inert
from layers.palette import NO_DATA_FILL


@dataclass(frozen=True)
class Entry:
    """One legend row: a symbol (area, line or circle) with its colours and line pattern."""

    label: str
    stroke: str | None = None
    fill: str | None = None
    dash: str | None = None
    shape: str = "area"
    size: float = 8.0


@dataclass(frozen=True)
class Section:
    """The legend of one layer; `layer` is its name in the layer control ('' = always shown)."""

    title: str
    entries: tuple[Entry, ...]
    layer: str = ""
    note: str = ""
    sources: tuple[str, ...] = field(default=())


NO_DATA_ENTRY = Entry("geen gegevens", stroke="#636363", fill=NO_DATA_FILL, dash="4 3")


def symbol_html(entry: Entry) -> str:
    """A small inline SVG that draws the entry the way the map draws it."""
    stroke = escape(entry.stroke or "none")
    fill = escape(entry.fill or "none")
    dash = f' stroke-dasharray="{escape(entry.dash)}"' if entry.dash else ""
    if entry.shape == "line":
        body = f'<line x1="2" y1="9" x2="26" y2="9" stroke="{stroke}" stroke-width="3"{dash}/>'
    elif entry.shape == "circle":
        r = max(2.0, min(entry.size, 16.0))
        body = f'<circle cx="17" cy="17" r="{r:.1f}" stroke="{stroke}" fill="{fill}" fill-opacity="0.85"{dash}/>'
        return f'<svg width="34" height="34" aria-hidden="true">{body}</svg>'
    else:
        body = f'<rect x="2" y="2" width="24" height="14" stroke="{stroke}" stroke-width="2" fill="{fill}"{dash}/>'
    return f'<svg width="28" height="18" aria-hidden="true">{body}</svg>'


def section_html(section: Section) -> str:
    """One legend section as escaped HTML: a subtitle, its entries, a note and its sources."""
    rows = "".join(
        f'<div class="wd-row">{symbol_html(entry)}<span>{escape(entry.label)}</span></div>' for entry in section.entries
    )
    note = "".join(f'<div class="wd-note">{escape(text)}</div>' for text in (section.note, "; ".join(section.sources))
                   if text)
    title = f'<div class="wd-legend-title">{escape(section.title)}</div>' if section.title else ""
    return f'<div class="wd-legend-section" data-layer="{escape(section.layer)}">{title}{rows}{note}</div>'


def legend_html(sections: list[Section]) -> str:
    """All sections, as they appear in the map and in the static site."""
    return "".join(section_html(section) for section in sections)


@dataclass(frozen=True)
class Overlay:
    """A layer of the current view in the map panel: its name, the feature group and its legend."""

    id: str
    label: str
    group: MacroElement
    legend: tuple[Section, ...] = ()
    visible: bool = True
    toggle: bool = True


class MapConfig(MacroElement):
    """Hands the view to the map panel (``WD.update`` in static/wd/kaart.js): the overlays drawn for it
    with their legends, the constraint themes that may be switched on (fetched by the browser), what to
    zoom to and which popup to open. Everything is JSON-encoded (``tojson`` escapes markup), its texts
    inert for Jinja (``geo.safetext.template_inert``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        WD.update({
            embargo: {{ this.embargo|tojson }},
            overlays: [{% for o in this.overlays %}{
                id: {{ o.id|tojson }}, label: {{ o.label|tojson }}, layer: {{ o.group.get_name() }},
                legend: {{ this.legend(o)|tojson }}, visible: {{ o.visible|tojson }}, toggle: {{ o.toggle|tojson }}
            },{% endfor %}],
            themes: {{ this.themes|tojson }},
            activeThemes: {{ this.active_themes|tojson }},
            fits: {{ this.fits|tojson }}, fitOnOpen: {{ this.fit_on_open|tojson }},
            popup: {{ this.popup|tojson }}
        });
        {% endmacro %}
        """
    )

    def __init__(self, overlays: list[Overlay], themes: list[dict], embargo: str | None = None,
                 active_themes: tuple[str, ...] = (), fits: list[dict] | None = None, popup: dict | None = None,
                 fit_on_open: bool = False):
        super().__init__()
        self._name = "MapConfig"
        self.overlays, self.themes, self.embargo = overlays, template_inert(themes), template_inert(embargo)
        self.active_themes, self.fits, self.popup = list(active_themes), fits or [], template_inert(popup)
        self.fit_on_open = fit_on_open

    @staticmethod
    def legend(overlay: Overlay) -> str:
        """The escaped legend HTML of one overlay (inert for Jinja, see geo.safetext)."""
        return template_inert(legend_html(list(overlay.legend)))
