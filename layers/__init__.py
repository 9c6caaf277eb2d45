"""Map layers: one module per layer with its data, style, legend, tooltip and popup (folium, no Streamlit)."""

from layers import lazytemplates

lazytemplates.install()  # branca compiles an element's template when it is used (see the module)
with lazytemplates.compiled_when_used():  # and so do the classes of folium and of the plugins streamlit-folium imports
    import folium.plugins
    import folium.template
lazytemplates.compiled_once(folium.template.Template)  # a template folium makes again in every render, compiled once
