"""The formats of `cjm trace`: one module each, listed once for the command line."""

from cjm.formats import Format, Formats

FORMATS = Formats(
    __name__,
    Format("text", "text", "txt"),
    Format("markdown", "markdown", "md"),
    Format("json", "json", "json"),
    Format("html", "html", "html"),
)
