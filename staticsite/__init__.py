"""The static public site: released data only, as plain HTML, CSV and GeoJSON that any web server can carry."""
