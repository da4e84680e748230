"""An edit's outcome in each format: every module here has `write(result, out, *, color)`."""

from __future__ import annotations

from cjm.formats import Format, Formats

FORMATS = Formats("cjm.edit.output", Format("text", "text", "txt"), Format("json", "json", "json"))
