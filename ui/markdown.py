"""Text from the data inside Streamlit markdown: every markdown character escaped."""

from __future__ import annotations

import re

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$])")  # what can start markup; ( ) only follow ]


def plain(text: object) -> str:
    """Text from the data for use inside markdown: every markdown character escaped, so a name
    with markup, a link, a colour directive (':red[…]') or HTML in it shows as the text it is."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
