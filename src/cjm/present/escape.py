"""Every user string is escaped for the format it is written in: one function per format."""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#!~])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Mermaid's lexer ends names at ':', '#', ';' and newlines, starts comments at '%%', and splits
# actors at ','; '`' would end a Markdown fence around the diagram, and '<', '>', '&', '"'
# are rewritten by its sanitiser. Each is written as an entity (#58;), which Mermaid decodes.
_MERMAID_SPECIAL = re.compile(r"[:#;%,`<>&\"\\]")
_MERMAID_KEYWORDS = ("journey", "title", "section", "acctitle", "accdescr")


def html_text(text: object) -> str:
    """Text for HTML, SVG and Graphviz HTML-like labels, element content or attribute value alike."""
    return html.escape(_CONTROL.sub(" ", str(text)), quote=True)


def markdown_text(text: object) -> str:
    """Text inside a Markdown table cell or a heading: one line, no markup, no raw HTML."""
    one_line = " ".join(str(text).split())
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line)
    return escaped.replace("<", "&lt;").replace(">", "&gt;")  # no raw HTML, in any renderer


def dot_label_text(text: object) -> str:
    """Text inside a Graphviz HTML-like label: XML entities, and backslashes doubled, since
    Graphviz reads escapes such as \\N (the node's name) even there."""
    return html_text(text).replace("\\", "\\\\")


def dot_string(text: object) -> str:
    """The inside of a quoted DOT string such as a tooltip: one line, quotes and backslashes escaped.

    Graphviz reads a backslash twice in such strings (as DOT, then as an escape such as \\N), so
    one backslash is written as four.
    """
    one_line = " ".join(_CONTROL.sub(" ", str(text)).split())
    return one_line.replace("\\", "\\" * 4).replace('"', '\\"')


def mermaid_text(text: object) -> str:
    """A name, section or actor in a Mermaid diagram: one line, read back by Mermaid as written."""
    one_line = " ".join(_CONTROL.sub(" ", str(text)).split()) or "…"
    escaped = _MERMAID_SPECIAL.sub(lambda match: f"#{ord(match.group())};", one_line)
    if escaped.lower().startswith(_MERMAID_KEYWORDS):  # would be read as the keyword
        escaped = f"#{ord(escaped[0])};{escaped[1:]}"
    return escaped
