"""Every user string is escaped for the format it is written in: one function per format."""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#!~])")


def html_text(text: object) -> str:
    """Text for HTML and SVG, element content or attribute value alike."""
    return html.escape(str(text), quote=True)


def markdown_text(text: object) -> str:
    """Text inside a Markdown table cell or a heading: one line, no markup, no raw HTML."""
    one_line = " ".join(str(text).split())
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line)
    return escaped.replace("<", "&lt;").replace(">", "&gt;")  # no raw HTML, in any renderer
