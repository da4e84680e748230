"""`cjm mcp`: a Model Context Protocol server over stdio, so that an assistant reads, checks and
edits journey maps through cjm's own library.

Every path is taken relative to the root folder and must stay inside it (no `..`, no absolute
path, no symbolic link leading out); only journey and catalog files are ever written, and
`--read-only` takes writing away altogether. A tool that fails answers with a tool error saying
why; the server itself goes on. cjm's models and commands are imported on the first call that
needs them, so that the server answers `initialize` at once.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

RENDER_FORMATS = ("markdown", "mermaid", "json")
"""The text formats of the map a tool gives back (the drawn ones are files, not text)."""


class Refused(Exception):
    """A tool call that cannot be served: the message says why, to the assistant."""


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    schema: Callable[[], dict[str, Any]]
    run: Callable[[Server, dict[str, Any]], dict[str, Any]]
    writes: bool = False


def _object(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
    }


_PATH = {"type": "string", "description": "A path relative to the root folder."}
_PERSONA = {"type": "string", "description": "Only this persona's experience (an id)."}
_LANG = {
    "type": "string",
    "enum": ["en", "es"],
    "description": "Language of the labels. Default: the journey's.",
}


class Server:
    """The tools and resources over one root folder."""

    def __init__(self, root: Path, read_only: bool) -> None:
        self.root = root.resolve()
        self.read_only = read_only

    # -- paths ---------------------------------------------------------------------------------

    def inside(self, given: Any, *, must_exist: bool = True) -> str:
        """`given` as a path relative to the root, refused when it leads outside it."""
        if not isinstance(given, str) or not given or "\0" in given:
            raise Refused("give a path as text, relative to the root folder")
        if os.path.isabs(given) or given.startswith("~"):
            raise Refused(f"{given}: give a path relative to the root folder, not an absolute one")
        target = Path(os.path.realpath(self.root / given))
        if target != self.root and self.root not in target.parents:
            raise Refused(f"{given}: outside the root folder {self.root}: refused")
        if must_exist and not target.exists():
            raise Refused(f"{given}: no such file or folder under the root folder")
        relative = os.path.relpath(self.root / given, self.root)
        return relative

    def writable(self, given: Any) -> str:
        """A journey or catalog file inside the root that may be written."""
        from cjm.project.sources import is_cjm_file

        if self.read_only:
            raise Refused("the server is read-only (--read-only): nothing is written")
        path = self.inside(given)
        if not path.endswith((".yaml", ".yml")) or not os.path.isfile(path):
            raise Refused(f"{given}: only journey and catalog files (.yaml) are written")
        with open(path, "rb") as stream:
            if not is_cjm_file(stream.read(1 << 16)):
                raise Refused(f"{given}: not a journey or catalog file (no 'cjm: 1' line): not written")
        return path

    # -- tools ---------------------------------------------------------------------------------

    def tools(self) -> list[Tool]:
        return [tool for tool in TOOLS if not (tool.writes and self.read_only)]

    def call(self, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
        tool = next((t for t in self.tools() if t.name == name), None)
        if tool is None:
            hint = " (the server is read-only)" if name == "edit" and self.read_only else ""
            raise Refused(f"no tool '{name}'{hint}")
        return tool.run(self, arguments)


# -- the tools ------------------------------------------------------------------------------------


def _list_journeys(server: Server, arguments: dict[str, Any]) -> dict[str, Any]:
    from cjm.agents import library as agents_library

    return {"journeys": agents_library.journey_list(".")}


def _validate(server: Server, arguments: dict[str, Any]) -> dict[str, Any]:
    from cjm.edit import library

    paths = [server.inside(p) for p in arguments.get("paths") or ["."]]
    findings = library.validate(paths)
    return {
        "findings": [
            {"file": f.path, "line": f.line, "column": f.column, "code": f.code, "severity": str(f.severity),
             "message": f.message}
            for f in findings
        ],
        "errors": sum(1 for f in findings if f.severity == "error"),
    }  # fmt: skip


def _report(server: Server, arguments: dict[str, Any]) -> dict[str, Any]:
    from cjm.agents import library as agents_library

    path = server.inside(arguments.get("path"))
    return agents_library.report_document(path, arguments.get("persona"), arguments.get("lang"))


def _render(server: Server, arguments: dict[str, Any]) -> dict[str, Any]:
    from cjm.agents import library as agents_library

    path = server.inside(arguments.get("path"))
    chosen = arguments.get("format", "markdown")
    if chosen not in RENDER_FORMATS:
        raise Refused(f"format must be one of {', '.join(RENDER_FORMATS)}, not {chosen!r}")
    return {
        "format": chosen,
        "text": agents_library.render_text(path, chosen, arguments.get("persona"), arguments.get("lang")),
    }


def _diff(server: Server, arguments: dict[str, Any]) -> dict[str, Any]:
    from cjm.agents import library as agents_library
    from cjm.edit import library

    rev = arguments.get("rev")
    if rev is not None:
        path = server.inside(arguments.get("path") or arguments.get("new") or ".")
        if not isinstance(rev, str) or not rev or rev.startswith("-"):
            raise Refused("rev must name a git revision, such as HEAD or main")
        diffs = agents_library.compare([f"{rev}:./{path}"], [path])
    else:
        diffs = agents_library.compare(
            [server.inside(arguments.get("old"))], [server.inside(arguments.get("new"))]
        )
    return library.diff_document(diffs)


def _measure(server: Server, arguments: dict[str, Any]) -> dict[str, Any]:
    from cjm.agents import library as agents_library

    write = bool(arguments.get("write", False))
    given = arguments.get("paths") or [arguments.get("path")]
    paths = [server.writable(p) if write else server.inside(p) for p in given]
    result = agents_library.measure(paths, write)
    return {
        "written": write,
        "measured": [
            {"file": m.path, "line": m.line, "touchpoint": m.touchpoint, "metric": m.name, "kind": m.kind,
             "previous": m.previous, "value": m.value, "n": m.n, "status": m.status}
            for m in result.measured
        ],
        "diffs": result.diffs,
    }  # fmt: skip


def _edit(server: Server, arguments: dict[str, Any]) -> dict[str, Any]:
    from cjm.edit.ops import parse_ops
    from cjm.edit.output.json import document
    from cjm.edit.run import edit

    dry_run = bool(arguments.get("dry_run", False))
    path = server.inside(arguments.get("path")) if dry_run else server.writable(arguments.get("path"))
    return document(edit(path, parse_ops(arguments.get("ops")), dry_run=dry_run))


def _ops_schema() -> dict[str, Any]:
    from cjm.edit.ops import ops_schema

    schema = ops_schema()
    definitions = schema.pop("$defs", {})
    properties = {
        "path": _PATH,
        "ops": {**schema, "description": "The operations, applied in order, all or none."},
        "dry_run": {"type": "boolean", "description": "Give back the change without writing it."},
    }
    return {**_object(properties, ("path", "ops")), "$defs": definitions}


TOOLS = [
    Tool("list_journeys", "Every journey under the root: id, title, state, status, owner, file and counts.",
         lambda: _object({}), _list_journeys),
    Tool("validate", "Check journey and catalog files: each finding with file, line, column, code and message.",
         lambda: _object({"paths": {"type": "array", "items": _PATH, "description": "Default: the root."}}),
         _validate),
    Tool("report", "Analyse a journey (or a folder): curve, pains, gaps, metrics, ranked backlog, as JSON.",
         lambda: _object({"path": _PATH, "persona": _PERSONA, "lang": _LANG}, ("path",)), _report),
    Tool("render", "Draw the journey map as text: markdown, mermaid or json.",
         lambda: _object({"path": _PATH, "format": {"type": "string", "enum": list(RENDER_FORMATS)},
                          "persona": _PERSONA, "lang": _LANG}, ("path",)), _render),
    Tool("diff", "What a change did to the journey (as cjm diff's JSON): old and new files, or a path at a git revision.",
         lambda: _object({"old": _PATH, "new": _PATH, "path": _PATH,
                          "rev": {"type": "string", "description": "Compare `path` at this revision with the working tree."}}),
         _diff),
    Tool("measure", "Compute metrics from their data; gives back what would be written (written only with write: true).",
         lambda: _object({"paths": {"type": "array", "items": _PATH}, "write": {"type": "boolean"}}, ("paths",)),
         _measure),
    Tool("edit", "Apply typed operations to one journey, all or none; gives back the findings and the semantic diff.",
         _ops_schema, _edit, writes=True),
]  # fmt: skip


# -- the protocol ---------------------------------------------------------------------------------


def _resources(server: Server) -> list[tuple[str, str, str, Callable[[], str]]]:
    """(uri, name, mime type, read) of every resource."""
    from cjm.agents import library as agents_library
    from cjm.model import file_schema

    def schema_text(kind: Literal["journey", "catalog"]) -> str:
        return json.dumps(file_schema(kind), indent=2, ensure_ascii=False) + "\n"

    found: list[tuple[str, str, str, Callable[[], str]]] = []
    for journey in agents_library.journey_list("."):
        file = journey["file"]
        found.append(
            (
                f"cjm://journey/{journey['id']}",
                journey["title"],
                "application/yaml",
                functools.partial(Path(file).read_text, encoding="utf-8"),
            )
        )
    found += [
        ("cjm://schema/journey", "JSON Schema of journey files", "application/schema+json", lambda: schema_text("journey")),
        ("cjm://schema/catalog", "JSON Schema of catalog files", "application/schema+json", lambda: schema_text("catalog")),
        ("cjm://schema/ops", "JSON Schema of the edit operations", "application/schema+json", lambda: json.dumps(agents_library.ops_schema(), indent=2)),
        ("cjm://rules", "The rules: code, name, severity and what each checks", "text/markdown", lambda: agents_library.rules_text()),
        ("cjm://format", "The journey file format, field by field", "application/schema+json", lambda: schema_text("journey")),
    ]  # fmt: skip
    return found


def _error_text(exc: BaseException) -> str:
    from cjm.edit.ops import OpsError
    from cjm.edit.run import EditRefused
    from cjm.errors import CjmError

    if isinstance(exc, (OpsError, EditRefused)):
        return "\n".join([*(str(p) for p in exc.problems), "nothing was written"])
    if isinstance(exc, CjmError):
        lines = [f"{f.path}:{f.line}:{f.column}: {f.code} {f.severity}: {f.message}" for f in exc.findings]
        return "\n".join([*lines, *exc.details, exc.message])
    if isinstance(exc, Refused):
        return str(exc)
    return f"internal error: {type(exc).__name__}: {exc}"


def serve(root: Path, read_only: bool) -> None:
    """Serve over stdin and stdout until the client closes them."""
    import anyio
    from mcp.server.stdio import stdio_server

    os.chdir(root)  # git, the catalogs' relative paths and every tool argument start here
    served = protocol(read_only)

    async def main() -> None:
        async with stdio_server() as (read_stream, write_stream):
            await served.run(read_stream, write_stream, served.create_initialization_options())

    anyio.run(main)


def protocol(read_only: bool) -> Any:
    """The MCP server of the current folder: its tools and resources, and their handlers."""
    import anyio
    import mcp_types as types
    from mcp.server.lowlevel import Server as Protocol

    from cjm import __version__

    server = Server(Path("."), read_only)

    async def list_tools(ctx: Any, params: Any) -> types.ListToolsResult:
        listed = [
            types.Tool(name=t.name, description=t.description, input_schema=t.schema(), output_schema=None)
            for t in server.tools()
        ]
        return types.ListToolsResult(tools=listed)

    async def call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        try:
            result = await anyio.to_thread.run_sync(server.call, params.name, dict(params.arguments or {}))
        except Exception as exc:  # noqa: BLE001 - a tool error for the assistant, never a crashed server
            return types.CallToolResult(
                content=[types.TextContent(type="text", text=_error_text(exc))], is_error=True
            )
        text = json.dumps(result, ensure_ascii=False, indent=2)
        return types.CallToolResult(
            content=[types.TextContent(type="text", text=text)], structured_content=result
        )

    async def list_resources(ctx: Any, params: Any) -> types.ListResourcesResult:
        listed = [types.Resource(uri=u, name=n, mime_type=m) for u, n, m, _ in _resources(server)]
        return types.ListResourcesResult(resources=listed)

    async def read_resource(ctx: Any, params: types.ReadResourceRequestParams) -> types.ReadResourceResult:
        for uri, _, mime, read in _resources(server):
            if uri == str(params.uri):
                return types.ReadResourceResult(
                    contents=[types.TextResourceContents(uri=uri, mime_type=mime, text=read())]
                )
        raise ValueError(f"no resource {params.uri}")

    return Protocol(
        "cjm",
        version=__version__,
        instructions="Customer Journey Maps kept as YAML: list, validate, report, render, diff, measure and edit them.",
        on_list_tools=list_tools,
        on_call_tool=call_tool,
        on_list_resources=list_resources,
        on_read_resource=read_resource,
    )
