"""BO Wonen: the meeting view for bestuurders, one screen per subject, for a projector and to take away."""

from __future__ import annotations

from ui.meeting import show
from ui.view import current_view

show(current_view("BO Wonen"))
