"""The in-map legend: one section per layer, shown and hidden together with its layer.

Each layer module describes its legend as a `Section`; `Legend` renders them as a Leaflet
control whose sections follow the layer control ('overlayadd'/'overlayremove'), so the legend
always matches what is drawn. All text is escaped: a name with markup shows as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from branca.element import MacroElement
from jinja2 import Template

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
    visible: bool = True
    sources: tuple[str, ...] = field(default=())


NO_DATA_ENTRY = Entry("geen gegevens", stroke="#636363", fill=NO_DATA_FILL, dash="4 3")


def _symbol(entry: Entry) -> str:
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
    """One legend section as escaped HTML."""
    rows = "".join(
        f'<div class="wd-row">{_symbol(entry)}<span>{escape(entry.label)}</span></div>' for entry in section.entries
    )
    note = "".join(f'<div class="wd-note">{escape(text)}</div>' for text in (
        section.note, f"Bron: {'; '.join(section.sources)}" if section.sources else "") if text)
    style = "" if section.visible else ' style="display:none"'
    return (
        f'<div class="wd-section" data-layer="{escape(section.layer)}"{style}>'
        f'<div class="wd-title">{escape(section.title)}</div>{rows}{note}</div>'
    )


def legend_html(sections: list[Section]) -> str:
    """All sections, as they appear in the map and in the static site."""
    return "".join(section_html(section) for section in sections)


CSS = (
    ".wd-legend{background:#fff;padding:8px 10px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.35);"
    "font:13px/1.35 system-ui,sans-serif;color:#1a1a1a;max-height:60vh;overflow-y:auto;max-width:300px}"
    ".wd-title{font-weight:600;margin:6px 0 3px}.wd-section:first-child .wd-title{margin-top:0}"
    ".wd-row{display:flex;align-items:center;gap:6px}.wd-note{font-size:12px;color:#444;margin-top:2px}"
)


class Legend(MacroElement):
    """A Leaflet control with the legend; re-rendering replaces the previous one."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this.map_name }};
            if (!document.getElementById('wd-legend-css')) {
                var style = document.createElement('style');
                style.id = 'wd-legend-css';
                style.textContent = {{ this.css|tojson }};
                document.head.appendChild(style);
            }
            if (window.wdLegend) { window.wdLegend.remove(); }
            var legend = L.control({position: 'bottomright'});
            legend.onAdd = function () {
                var div = L.DomUtil.create('div', 'wd-legend');
                div.setAttribute('role', 'region');
                div.setAttribute('aria-label', 'Legenda');
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            legend.addTo(map);
            window.wdLegend = legend;
            function follow(name, show) {
                var sections = document.querySelectorAll('.wd-legend .wd-section');
                sections.forEach(function (el) {
                    if (el.getAttribute('data-layer') === name) { el.style.display = show ? '' : 'none'; }
                });
            }
            if (window.wdLegendHandlers) {
                map.off('overlayadd', window.wdLegendHandlers[0]);
                map.off('overlayremove', window.wdLegendHandlers[1]);
            }
            var onAdd = function (e) { follow(e.name, true); };
            var onRemove = function (e) { follow(e.name, false); };
            map.on('overlayadd', onAdd);
            map.on('overlayremove', onRemove);
            window.wdLegendHandlers = [onAdd, onRemove];
        })();
        {% endmacro %}
        """
    )

    def __init__(self, sections: list[Section]):
        super().__init__()
        self._name = "Legend"
        self.html = legend_html(sections)
        self.css = CSS

    @property
    def map_name(self) -> str:
        """The Leaflet map variable: the legend sits in a feature group or directly on the map."""
        parent = self._parent
        while parent is not None and parent.__class__.__name__ != "Map":
            parent = getattr(parent, "_parent", None)
        return parent.get_name() if parent is not None else "map"
