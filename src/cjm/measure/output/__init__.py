"""The formats of `cjm measure`: one module each, listed once for the command line."""

from cjm.formats import Format, Formats

FORMATS = Formats(
    __name__,
    Format("text", "text", "txt"),
    Format("json", "json", "json"),
    Format("sql", "sql", "sql"),
)
