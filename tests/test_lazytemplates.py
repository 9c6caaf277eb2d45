"""Branca compiles an element's template string when the element is rendered (layers.lazytemplates):
nothing is compiled for the script wrappers streamlit-folium never renders, and a page branca writes
comes out the same as with compiling at once."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from unittest import mock

import branca.element
import folium
import folium.template
import jinja2

from geo.dataset import load_dataset
from layers import lazytemplates
from staticsite.mapdoc import map_document


@contextlib.contextmanager
def _compilations() -> Iterator[list[str]]:
    """The sources Jinja compiles while the block runs."""
    sources: list[str] = []
    original = jinja2.Environment.compile

    def counted(self, source, *args, **kwargs):
        sources.append(str(source))
        return original(self, source, *args, **kwargs)

    with mock.patch.object(jinja2.Environment, "compile", counted):
        yield sources


def test_an_element_made_from_a_string_compiles_it_only_when_rendered():
    assert lazytemplates.installed()
    with _compilations() as compiled:
        element = branca.element.Element("L.marker([52.5, 6.1]);\n")
        assert compiled == []
        assert element.render() == "L.marker([52.5, 6.1]);"
        assert element.render() == "L.marker([52.5, 6.1]);"
    assert len(compiled) == 1


def _layer() -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="Proef")
    folium.GeoJson({"type": "FeatureCollection", "features": []}, name="leeg").add_to(group)
    group.add_to(folium.Map())
    return group


def test_rendering_a_layer_for_streamlit_folium_compiles_no_script_wrapper():
    _layer().render()  # the classes' own templates are compiled at their first use, in whichever test that is
    group = _layer()
    with _compilations() as compiled:
        group.render()  # what streamlit_folium._get_feature_group_string does before reading the scripts
    assert compiled == []


def test_a_template_folium_makes_in_every_render_is_compiled_once():
    layer = folium.GeoJson({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "0", "properties": {"tooltip": "Zwolle"}, "geometry": {"type": "Point",
                                                                                          "coordinates": [6.1, 52.5]}}]},
        tooltip=folium.GeoJsonTooltip(["tooltip"], labels=False))
    layer.add_to(folium.Map())
    layer.render()
    with _compilations() as compiled:
        layer.render()  # the tooltip makes its style sheet's Template(source) again
        assert folium.template.Template("{{ 1 }}") is folium.template.Template("{{ 1 }}")
    assert compiled == ["{{ 1 }}"]


def _page(data) -> str:
    """The static site's map page, with element ids numbered instead of random."""
    numbers = itertools.count()
    with mock.patch.object(branca.element.Element, "_generate_id", classmethod(lambda cls: f"id{next(numbers)}")):
        return map_document(data)


def test_the_static_map_page_is_the_same_as_with_templates_compiled_at_once():
    data = load_dataset()
    deferred = _page(data)
    with mock.patch.object(branca.element.Element, "__init__", lazytemplates._original_init):
        assert not lazytemplates.installed()
        at_once = _page(data)
    assert deferred == at_once
    assert "wd-gemeente" in deferred


def test_folium_and_its_plugins_compile_a_class_template_only_when_a_layer_of_that_class_is_drawn():
    import folium.plugins

    assert isinstance(vars(folium.plugins.HeatMap)["_template"], lazytemplates.LazyTemplate)
    assert isinstance(jinja2.Template("{{ 1 }}"), jinja2.Template)  # Jinja itself is as it was after the import
    fullscreen = folium.plugins.Fullscreen(title="Volledig scherm")
    page = folium.Map().add_child(fullscreen).get_root().render()  # folium's own filters, as folium compiles it
    assert '"title": "Volledig scherm"' in page


def test_a_template_made_while_deferred_with_jinja_options_is_compiled_at_once():
    with lazytemplates.compiled_when_used():
        deferred = jinja2.Template("{{ a }}")
        at_once = jinja2.Template("<< a >>", variable_start_string="<<", variable_end_string=">>")
    assert isinstance(deferred, lazytemplates.LazyTemplate) and isinstance(at_once, jinja2.Template)
    assert deferred.render(a=1) == at_once.render(a=1) == "1"
