"""Bar charts as plain HTML: colour-blind-safe colours, every value written beside its bar in Dutch notation.

Built as a string (no chart library: nothing to import or validate per rerun, no script for the browser
to load) and shown with ``st.html``; every text from the data is escaped."""

from __future__ import annotations

from html import escape

import pandas as pd

from geo.numbers import format_count
from layers.palette import PERIOD_COLOURS, TEXT

DIGIT_EM = 0.62  # the width of a digit or a separator, generously, in em: room for the longest value label
GAP_EM = 0.4  # between a bar and its value
STYLE = """<style>
.wd-chart{container:wd-chart/inline-size;max-width:64em;margin:0 0 .5em;color:TEXT;font-size:FONTpx;line-height:1.3}
.wd-chart ul{list-style:none;margin:0;padding:0}
.wd-chart li{margin:0;padding:0;font-size:FONTpx !important;color:TEXT}
.wd-chart-legend{display:flex;flex-wrap:wrap;gap:.2em 1.4em;margin:0 0 .6em !important}
.wd-chart-key{display:inline-block;width:1em;height:1em;margin-right:.4em;vertical-align:-.15em;
  box-sizing:border-box;border:1px solid #3d3d3d;border-radius:2px}
.wd-chart-rows{display:grid;grid-template-columns:fit-content(40%) minmax(0,1fr);column-gap:.8em}
.wd-chart-row{display:grid;grid-column:1/-1;grid-template-columns:subgrid;align-items:center;
  padding:.3em 0 !important;border-top:1px solid #d6d6d6}
.wd-chart-name{overflow-wrap:break-word;font-weight:600}
.wd-chart-line{display:flex;align-items:center;gap:GAPem;min-height:1.3em}
.wd-chart-bar{flex:none;height:1em;box-sizing:border-box;border:1px solid #3d3d3d;border-radius:0 2px 2px 0}
.wd-chart-value{white-space:nowrap}
.wd-chart-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;
  clip:rect(0,0,0,0);white-space:nowrap;border:0}
@container wd-chart (max-width:22em){
  .wd-chart-row{grid-template-columns:minmax(0,1fr)}
  .wd-chart-name{margin-bottom:.15em}
}
</style>"""


def long_table(table: pd.DataFrame, series: dict[str, str], category: str = "gemeente") -> pd.DataFrame:
    """The chart's input from a wide table: a row per category and series with a figure, its Dutch text
    (built from the columns' values directly: a melt of a dozen rows cost a tenth of a map rerun)."""
    rows = [(name, label, int(value)) for column, label in series.items()
            for name, value in zip(table[category].tolist(), table[column].tolist()) if not pd.isna(value)]
    return pd.DataFrame([(*row, format_count(row[2])) for row in rows],
                        columns=[category, "periode", "woningen", "tekst"])


def bar_chart(long: pd.DataFrame, series: list[str], font_px: int = 12, category: str = "gemeente",
              label: str = "Staafdiagram: woningen in sleutelprojecten per gemeente en periode") -> str:
    """Grouped horizontal bars as HTML: a row per category, a bar per series (in legend order) with its value."""
    values = {(str(c), str(p)): (int(w), str(t)) for c, p, w, t in
              long[[category, "periode", "woningen", "tekst"]].drop_duplicates([category, "periode"]).itertuples(
                  index=False)}
    largest = max((w for w, _ in values.values()), default=0)
    reserve = DIGIT_EM * max((len(t) for _, t in values.values()), default=1) + GAP_EM
    colours = dict(zip(series, PERIOD_COLOURS, strict=False))

    def line(name: str, period: str) -> str:
        if (name, period) not in values:
            return f'<div class="wd-chart-line"><span class="wd-chart-sr">{escape(period)}: geen gegevens</span></div>'
        woningen, tekst = values[(name, period)]
        share = max(woningen, 0) / largest if largest > 0 else 0.0
        return (f'<div class="wd-chart-line" title="{escape(f"{name}, {period}: {tekst} woningen")}">'
                f'<span class="wd-chart-bar" aria-hidden="true" style="width:calc((100% - {reserve:.2f}em) * '
                f'{share:.4f});background:{colours[period]}"></span><span class="wd-chart-value">'
                f'<span class="wd-chart-sr">{escape(period)}: </span>{escape(tekst)}</span></div>')

    legend = "".join(f'<li><span class="wd-chart-key" style="background:{colours[p]}"></span>{escape(p)}</li>'
                     for p in series)
    names = [str(name) for name in dict.fromkeys(long[category])]
    rows = "".join(f'<li class="wd-chart-row"><div class="wd-chart-name">{escape(name)}</div><div>'
                   + "".join(line(name, period) for period in series) + "</div></li>" for name in names)
    style = STYLE.replace("TEXT", TEXT).replace("FONT", str(font_px)).replace("GAP", str(GAP_EM))
    return (f'{style}<figure class="wd-chart" aria-label="{escape(label)}">'
            f'<ul class="wd-chart-legend" aria-label="Legenda">{legend}</ul>'
            f'<ul class="wd-chart-rows">{rows}</ul></figure>')
