"""The `cjm` command line: each command turns its options into one library call and an exit code.

Exit codes: 0 success, 1 problems found (errors, or warnings with --strict), 2 usage errors and
paths that cannot be read. Heavy modules are imported inside the commands that need them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TextIO

import typer

from cjm import __version__

if TYPE_CHECKING:
    from cjm.check import LoadedJourney
    from cjm.findings import Finding
    from cjm.render.view import MapView

    RenderedMap = tuple[LoadedJourney, MapView]

# pydantic looks for plugins in every installed package's metadata when the first model is
# built: a quarter of the start-up time of `cjm validate` on one file. cjm uses none.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

app = typer.Typer(
    name="cjm",
    help="Customer Journey Maps as code: validate, render, report on and diff journey files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class DocumentFormat(str, Enum):
    """Formats of `cjm rules` and `cjm diff`."""

    text = "text"
    markdown = "markdown"
    json = "json"


class SchemaKind(str, Enum):
    journey = "journey"
    catalog = "catalog"
    report = "report"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"cjm {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Customer Journey Maps as code: validate, render, report on and diff journey files."""


@app.command()
def validate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders or - (stdin). Folders: every YAML file with a top-level 'cjm:' key. Default: the current folder."
        ),
    ] = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CheckFormat.text,
    select: Annotated[
        str | None, typer.Option(help="Only these rules: codes, prefixes or names, comma-separated.")
    ] = None,
    ignore: Annotated[
        str | None, typer.Option(help="Leave out these rules (same forms as --select).")
    ] = None,
    catalog: Annotated[
        list[str] | None, typer.Option("--catalog", metavar="FILE", help="A catalog to use (repeatable).")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            help="Configuration file. Default: the nearest .cjm.toml, or pyproject.toml with [tool.cjm]."
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write to this file, not stdout.")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Processes for many files. Default: one per core."),
    ] = None,
    stdin_filename: Annotated[str | None, typer.Option(help="The name to report for stdin.")] = None,
    journeys_only: Annotated[
        bool, typer.Option("--journeys-only", help="Skip named files without a 'cjm:' key (pre-commit).")
    ] = False,
) -> None:
    """Check journey and catalog files against the format and the rules (see 'cjm rules')."""
    from cjm.check import InputError, check_paths
    from cjm.config import ConfigError, load_config
    from cjm.reporters import reporter

    try:
        settings = load_config(config, _split(select), _split(ignore) or ())
        result = check_paths(
            paths or ["."], settings, catalog or (), jobs=jobs,
            stdin_name=stdin_filename or "<stdin>", journeys_only=journeys_only,
        )  # fmt: skip
    except (InputError, ConfigError) as exc:
        _fail(str(exc))
    if result.files == 0 and not journeys_only:
        _fail(
            f"no journey files found in {', '.join(paths or ['.'])} (YAML files with a top-level 'cjm:' key)"
        )
    report_findings = reporter(output_format.value)
    _write(output, lambda out, color: report_findings(result, out, color=color))
    failed = result.count("error") > 0 or (strict and result.count("warning") > 0)
    raise typer.Exit(1 if failed else 0)


class ReportFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"


@app.command()
def report(
    path: Annotated[str, typer.Argument(help="A journey file, or a folder for a portfolio report.")],
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReportFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write to this file, not stdout.")
    ] = None,
    persona: Annotated[str | None, typer.Option(metavar="ID", help="Only this persona's experience.")] = None,
    catalog: Annotated[
        list[str] | None, typer.Option("--catalog", metavar="FILE", help="A catalog to use (repeatable).")
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Print how the backlog is scored, and stop.")
    ] = False,
) -> None:
    """Analyse a journey: its curve, pains, gaps, metrics, and a ranked backlog of what to fix."""
    from cjm.analysis import SCORE_FORMULA

    if explain:
        typer.echo(SCORE_FORMULA.replace("\n    ", "\n"))
        raise typer.Exit(0)
    from cjm.check import InputError, UnusableInput
    from cjm.report import build_report, write_report

    try:
        built = build_report(path, catalog or (), persona)
    except InputError as exc:
        _fail(str(exc))
    except UnusableInput as exc:
        _fail(str(exc), exc.findings)
    _write(output, lambda out, color: write_report(built, output_format.value, out, color=color))


class RenderFormat(str, Enum):
    table = "table"
    dot = "dot"
    svg = "svg"
    png = "png"
    pdf = "pdf"
    mermaid = "mermaid"
    html = "html"
    markdown = "markdown"


@app.command()
def render(
    path: Annotated[
        str,
        typer.Argument(
            help="A journey file, or a folder: then every journey is rendered into the folder -o OUT."
        ),
    ],
    output_format: Annotated[
        RenderFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Default: from the -o file's suffix; html for a folder; table on a terminal, else markdown.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (or folder), not stdout. Required for png and pdf.",
        ),
    ] = None,
    persona: Annotated[
        str | None, typer.Option(metavar="ID", help="Only this persona's path and emotions.")
    ] = None,
    catalog: Annotated[
        list[str] | None, typer.Option("--catalog", metavar="FILE", help="A catalog to use (repeatable).")
    ] = None,
) -> None:
    """Draw the journey map: a terminal table, Graphviz (dot, svg, png, pdf), Mermaid, HTML or Markdown."""
    from cjm.check import InputError, UnusableInput
    from cjm.files import CannotWrite
    from cjm.render import BINARY, RenderError, default_format, load_maps

    folder = os.path.isdir(path)
    try:
        chosen = output_format.value if output_format else default_format(output, folder, sys.stdout.isatty())
        if folder and output is None:
            _fail(f"{path} is a folder: give -o FOLDER to render each of its journeys into")
        if chosen in BINARY and output is None:
            _fail(f"{chosen} is a binary format: give -o FILE")
        maps = load_maps(path, catalog or [], persona)
        if folder:
            _render_folder(maps, chosen, output)  # type: ignore[arg-type]  # a folder has -o
        else:
            _render_one(maps[0], chosen, output)
    except (InputError, CannotWrite) as exc:
        _fail(str(exc))
    except UnusableInput as exc:
        _fail(str(exc), exc.findings)
    except RenderError as exc:
        typer.echo(f"cjm: error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None


def _render_one(loaded: RenderedMap, chosen: str, output: Path | None) -> None:
    from cjm.render import refuse_to_overwrite, render, write_map

    journey, view = loaded
    if output is not None:
        refuse_to_overwrite([output], [journey])
        write_map(view, chosen, output)
        return
    import shutil

    width = shutil.get_terminal_size((100, 24)).columns
    content = render(view, chosen, width=width, color=_color(sys.stdout))
    sys.stdout.write(content)  # type: ignore[arg-type]  # binary formats need -o


def _render_folder(maps: list[RenderedMap], chosen: str, folder: Path) -> None:
    from rich.console import Console
    from rich.progress import Progress

    from cjm.render import GraphvizMissing, refuse_to_overwrite, targets, write_map

    places = targets(maps, chosen, folder)
    refuse_to_overwrite(places, [journey for journey, _ in maps])
    console = Console(stderr=True)
    dot_sources: list[Path] = []
    with Progress(console=console, disable=not console.is_terminal, transient=True) as progress:
        task = progress.add_task(f"Rendering {chosen}", total=len(maps))
        for (_, view), target in zip(maps, places):
            try:
                write_map(view, chosen, target)
            except GraphvizMissing as missing:
                dot_sources += missing.written
            progress.advance(task)
    if dot_sources:
        raise GraphvizMissing(dot_sources, chosen)
    typer.echo(f"cjm: rendered {len(maps)} journey map(s) into {folder} ({chosen})", err=True)


class FailOn(str, Enum):
    regression = "regression"
    any = "any"


@app.command()
def diff(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="OLD NEW: files, folders or REV:PATH. With --rev: the paths to compare across revisions."
        ),
    ],
    output_format: Annotated[
        DocumentFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DocumentFormat.text,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            help="Exit 1 on a regression (worse emotion, new pain, metric fallen below target), or on any change."
        ),
    ] = None,
    rev: Annotated[
        list[str] | None,
        typer.Option(
            "--rev",
            help="Compare PATHs at this revision (first) with the next --rev, or with the working tree.",
        ),
    ] = None,
    catalog: Annotated[
        list[str] | None,
        typer.Option(
            "--catalog", metavar="FILE", help="A catalog to use on both sides (repeatable; may be REV:PATH)."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write to this file, not stdout.")
    ] = None,
) -> None:
    """Show what a change did to the journey: structure, emotions, pains, metrics, improvements."""
    from cjm.check import InputError, UnusableInput
    from cjm.diff import compare
    from cjm.diff.output import WRITERS

    revisions = rev or []
    if len(revisions) > 2:
        _fail("--rev is given at most twice: the old revision, then the new one")
    if revisions:
        old = [f"{revisions[0]}:./{p}" for p in paths]
        new = [f"{revisions[1]}:./{p}" for p in paths] if len(revisions) == 2 else list(paths)
    elif len(paths) == 2:
        old, new = [paths[0]], [paths[1]]
    else:
        _fail("give OLD and NEW (files, folders or REV:PATH), or --rev REV and the paths to compare")
    try:
        diffs = compare(old, new, catalog or [])
    except InputError as exc:
        _fail(str(exc))
    except UnusableInput as exc:
        _fail(str(exc), exc.findings)
    _write(output, lambda out, color: WRITERS[output_format.value](diffs, out, color=color))
    if fail_on == FailOn.any and any(d.changes for d in diffs):
        raise typer.Exit(1)
    if fail_on == FailOn.regression and any(d.regressions for d in diffs):
        raise typer.Exit(1)


@app.command()
def rules(
    codes: Annotated[
        list[str] | None, typer.Argument(help="Only these rules (codes, prefixes or names).")
    ] = None,
    output_format: Annotated[
        DocumentFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DocumentFormat.text,
) -> None:
    """List every rule: code, name, default severity and what it checks."""
    from cjm.config import ConfigError, rule_codes
    from cjm.rules import all_rules
    from cjm.rules.listing import listing

    try:
        chosen = rule_codes(codes, "cjm rules") if codes else None
    except ConfigError as exc:
        _fail(str(exc))
    selected = [r for r in all_rules() if chosen is None or r.code in chosen]
    typer.echo(listing(selected, output_format.value), nl=False)


@app.command()
def schema(
    kind: Annotated[
        SchemaKind, typer.Option(help="journey or catalog files, or the JSON of 'cjm report'.")
    ] = SchemaKind.journey,
) -> None:
    """Print a JSON Schema (draft 2020-12): of journey or catalog files, or of the report's JSON."""
    from cjm.schema import schema_text

    typer.echo(schema_text(kind.value), nl=False)


def _write(output: Path | None, write: Callable[[TextIO, bool], None]) -> None:
    """To stdout (in colour on a terminal), or whole to a file."""
    if output is None:
        write(sys.stdout, _color(sys.stdout))
        return
    from cjm.files import CannotWrite, write_atomically

    try:
        write_atomically(output, lambda out: write(out, False))
    except CannotWrite as exc:
        _fail(str(exc))


def _split(option: str | None) -> list[str] | None:
    return [part.strip() for part in option.split(",") if part.strip()] if option is not None else None


def _color(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


def _fail(message: str, findings: list[Finding] | tuple[()] = ()) -> NoReturn:
    """Exit 2, after the findings that explain why (as `cjm validate` prints them)."""
    for f in findings:
        typer.echo(f"{f.path}:{f.line}:{f.column}: {f.code} {f.severity}: {f.message}", err=True)
    typer.echo(f"cjm: error: {message}", err=True)
    raise typer.Exit(2)


def run() -> None:
    app()
