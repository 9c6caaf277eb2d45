"""Map layers: one module per layer with its data, style, legend, tooltip and popup (folium, no Streamlit)."""
