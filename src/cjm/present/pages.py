"""HTML pages from templates: the one Jinja2 environment of the map, the report and the site.

The templates are in `cjm/templates/html/`: `base.html.j2` is the page every other extends (its
shell, the shared styles, the header and footer), `macros.html.j2` holds the pieces several pages
use. A designer can read and change them without reading Python. Every value a template writes
is escaped by `cjm.present.escape.html_text`, the one HTML escaping of cjm: autoescaping is on,
and a value reaches the page through it. Only markup cjm draws itself (the SVG of the curves and
markers, made of escaped text) enters as `Markup`, through `drawn`. Import this module only where
HTML is written: `cjm validate` does not pay for Jinja2.
"""

from __future__ import annotations

from functools import cache

import jinja2
from markupsafe import Markup

from cjm.present import theme
from cjm.present.escape import html_text


def page(template: str, /, **context: object) -> str:
    """The page `template` (a file of templates/html) filled with `context`."""
    return _environment().get_template(template).render(**context)


def drawn(markup: str) -> Markup:
    """Markup cjm drew itself, every user string in it already escaped: written as it is."""
    return Markup(markup)  # escaped as it was drawn


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("cjm", "templates/html"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_escaped,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["theme"] = theme
    return environment


def _escaped(value: object) -> object:
    """Every value written, through cjm's HTML escaping (which also blanks control characters)."""
    if hasattr(value, "__html__"):
        return value  # markup made by a template or drawn by cjm
    return Markup(html_text(value))  # escaped here
