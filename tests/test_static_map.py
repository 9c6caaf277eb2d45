"""The static site's map page: a text from the data stays text, also where it looks like a template.

Branca writes a whole page by rendering, as a Jinja template, the script it already rendered for each
layer; a project name holding ``{{ … }}`` would be run there. Map texts are made inert first
(geo.safetext.template_inert)."""

from __future__ import annotations

import dataclasses

from geo.dataset import load_dataset
from geo.safetext import ZERO_WIDTH_SPACE, template_inert
from staticsite.mapdoc import map_document


def test_a_name_that_looks_like_a_template_is_not_run_on_the_static_map():
    data = load_dataset()
    projects = data.projects.copy()
    projects.loc[projects.index[0], "naam"] = "{{ 7*7 }} Jinja-proef {% if true %}ja{% endif %}"
    html = map_document(dataclasses.replace(data, projects=projects))
    assert "Jinja-proef" in html
    assert "49 Jinja-proef" not in html
    assert "Jinja-proef ja" not in html


def test_only_what_opens_a_template_tag_gets_a_zero_width_space():
    assert template_inert("{{ naam }} {% for %} {# noot #}") == (
        f"{{{ZERO_WIDTH_SPACE}{{ naam }}}} {{{ZERO_WIDTH_SPACE}% for %}} {{{ZERO_WIDTH_SPACE}# noot #}}")
    assert template_inert("{a} en {} blijven") == "{a} en {} blijven"
    assert template_inert({"label": ["{{x}}", 3], "n": None}) == {"label": [f"{{{ZERO_WIDTH_SPACE}{{x}}}}", 3], "n": None}
