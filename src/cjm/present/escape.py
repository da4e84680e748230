"""Every user string is escaped for the format it is written in: one function per format."""

from __future__ import annotations

import html
import re

# C0 controls, DEL and C1 controls, and the two Unicode line separators, which some viewers
# treat as line breaks.
_TERMINAL_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#!~])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0, DEL and C1 (U+009B is CSI)
# Mermaid's lexer ends names at ':', '#', ';' and newlines, starts comments at '%%', and splits
# actors at ','; '`' would end a Markdown fence around the diagram, and '<', '>', '&', '"'
# are rewritten by its sanitiser. Each is written as an entity (#58;), which Mermaid decodes.
_MERMAID_SPECIAL = re.compile(r"[:#;%,`<>&\"\\]")
_MERMAID_KEYWORDS = ("journey", "title", "section", "acctitle", "accdescr")


def terminal_text(text: object, *, allow: str = "") -> str:
    """Text for a terminal or a line-oriented log: every control character shown, none obeyed.

    C0 controls (ESC, carriage return, newline, backspace...), DEL, C1 controls and the Unicode
    line and paragraph separators are written as Python-style escapes (`\\x1b`, `\\x0a`,
    `\\u2028`), so a name or a file name can neither move the cursor, recolour the terminal, nor
    start a line of its own (where CI systems read commands such as GitHub's `::error`). `allow`
    lists the controls a format lets through as they are, such as "\\n\\t" for a multi-line text
    block; one finding per line allows none.
    """
    string = str(text)
    if _TERMINAL_CONTROL.search(string) is None:
        return string
    return _TERMINAL_CONTROL.sub(lambda match: _visible(match.group(), allow), string)


EXCERPT = 40
"""The most characters of a cell an error message quotes: enough to find it, too few to leak a file."""


def excerpt(text: object, limit: int = EXCERPT) -> str:
    """A cell quoted in a message: its first `limit` characters, controls shown, then "…"."""
    string = str(text)
    return terminal_text(string[:limit]) + ("…" if len(string) > limit else "")


def _visible(character: str, allow: str) -> str:
    if character in allow:
        return character
    code = ord(character)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def html_text(text: object) -> str:
    """Text for HTML, SVG and Graphviz HTML-like labels, element content or attribute value alike."""
    return html.escape(_CONTROL.sub(" ", str(text)), quote=True)


def markdown_text(text: object) -> str:
    """Text inside a Markdown table cell or a heading: one line, no markup, no raw HTML, and no
    control character obeyed by the terminal it is read in."""
    one_line = terminal_text(" ".join(str(text).split()))
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line)
    return escaped.replace("<", "&lt;").replace(">", "&gt;")  # no raw HTML, in any renderer


def dot_label_text(text: object) -> str:
    """Text inside a Graphviz HTML-like label: XML entities, and backslashes doubled, since
    Graphviz reads escapes such as \\N (the node's name) even there."""
    return html_text(text).replace("\\", "\\\\")


DOT_STRING_CHARACTERS = 2000
"""At most 4 UTF-8 bytes each, backslashes written as four: well under Graphviz's 16,384 bytes."""


def dot_string(text: object) -> str:
    """The inside of a quoted DOT string such as a tooltip: one line, quotes and backslashes escaped.

    Graphviz reads a backslash twice in such strings (as DOT, then as an escape such as \\N), so
    one backslash is written as four. Graphviz refuses a quoted string longer than 16,384 bytes: a
    longer text is shortened with "…" (the drawing's tooltips; every other format keeps it whole).
    """
    one_line = " ".join(_CONTROL.sub(" ", str(text)).split())
    if len(one_line) > DOT_STRING_CHARACTERS:
        one_line = one_line[: DOT_STRING_CHARACTERS - 1] + "…"
    return one_line.replace("\\", "\\" * 4).replace('"', '\\"')


def mermaid_text(text: object) -> str:
    """A name, section or actor in a Mermaid diagram: one line, read back by Mermaid as written."""
    one_line = " ".join(_CONTROL.sub(" ", str(text)).split()) or "…"
    escaped = _MERMAID_SPECIAL.sub(lambda match: f"#{ord(match.group())};", one_line)
    if escaped.lower().startswith(_MERMAID_KEYWORDS):  # would be read as the keyword
        escaped = f"#{ord(escaped[0])};{escaped[1:]}"
    return escaped
