"""Access control: local accounts, OIDC roles and the access log (no Streamlit, no map code)."""
