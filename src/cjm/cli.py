"""The `cjm` command line: each command turns its options into one library call and an exit code.

Exit codes: 0 success, 1 problems found (errors, or warnings with --strict), 2 usage errors and
input that cannot be used. Every command reads its files through `cjm.project`, and every error
a user sees is a `cjm.errors.CjmError`. Heavy modules are imported inside the commands that need
them; the format choices come from each command's registry of formats.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, TypeAlias

import typer
from typer.core import TyperArgument

from cjm import __version__, commandline
from cjm.diff.changes import FailOn
from cjm.diff.output import FORMATS as DIFF_FORMATS
from cjm.exchange.output import FORMATS as EXPORT_FORMATS
from cjm.language import Language
from cjm.lint.output import FORMATS as LINT_FORMATS
from cjm.measure.output import FORMATS as MEASURE_FORMATS
from cjm.render.output import FORMATS as RENDER_FORMATS
from cjm.render.papers import PaperName
from cjm.report.output import FORMATS as REPORT_FORMATS
from cjm.trace.output import FORMATS as TRACE_FORMATS

# typer prints a Python type beside each argument ("PATH <list[str]>"); the help text already
# says what an argument is, in the user's words.
TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]

app = typer.Typer(
    name="cjm",
    help="Customer Journey Maps as code: validate, render, report on and diff journey files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


if TYPE_CHECKING:  # one of the registry's names
    LintFormat: TypeAlias = str
    ReportFormat: TypeAlias = str
    RenderFormat: TypeAlias = str
    DiffFormat: TypeAlias = str
    MeasureFormat: TypeAlias = str
    ExportFormat: TypeAlias = str
    TraceFormat: TypeAlias = str
else:  # the choices of --format, read from each command's registry of formats
    LintFormat = Literal[tuple(LINT_FORMATS.names)]
    ReportFormat = Literal[tuple(REPORT_FORMATS.names)]
    RenderFormat = Literal[tuple(RENDER_FORMATS.names)]
    DiffFormat = Literal[tuple(DIFF_FORMATS.names)]
    MeasureFormat = Literal[tuple(MEASURE_FORMATS.names)]
    ExportFormat = Literal[tuple(EXPORT_FORMATS.names)]
    TraceFormat = Literal[tuple(TRACE_FORMATS.names)]


# Options that several commands share, spelled once.
Catalogs = Annotated[
    list[str] | None,
    typer.Option("--catalog", metavar="FILE", help="A catalog to use (repeatable)."),
]
ConfigFile = Annotated[
    Path | None,
    typer.Option(
        metavar="FILE",
        help="Configuration file. Default: the nearest .cjm.toml, or pyproject.toml with [tool.cjm].",
    ),
]
Output = Annotated[
    Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write to this file, not stdout.")
]
PersonaId = Annotated[str | None, typer.Option(metavar="ID", help="Only this persona's experience.")]
Lang = Annotated[
    Language | None,
    typer.Option(
        help="Language of the labels cjm writes. Default: the journey's lang, its catalogs', the configuration's, else en."
    ),
]


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
            metavar="PATH",
            help="Files, folders or - (stdin). Folders: every YAML file with a top-level 'cjm:' key."
            " Default: the current folder.",
        ),
    ] = None,
    output_format: Annotated[LintFormat, typer.Option("--format", "-f", help="Output format.")] = "text",
    select: Annotated[
        str | None,
        typer.Option(metavar="RULES", help="Only these rules: codes, prefixes or names, comma-separated."),
    ] = None,
    ignore: Annotated[
        str | None, typer.Option(metavar="RULES", help="Leave out these rules (same forms as --select).")
    ] = None,
    catalog: Catalogs = None,
    config: ConfigFile = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    output: Output = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Processes for many files. Default: one per core, as many as fit in 200 MB.",
        ),
    ] = None,
    stdin_filename: Annotated[
        str | None, typer.Option(metavar="NAME", help="The name to report for stdin.")
    ] = None,
    journeys_only: Annotated[
        bool, typer.Option("--journeys-only", help="Skip named files without a 'cjm:' key (pre-commit).")
    ] = False,
) -> None:
    """Check journey and catalog files against the format and the rules (see 'cjm rules')."""
    from cjm.commandline import validate as run_validate

    code = run_validate(
        paths,
        output_format,
        select,
        ignore,
        catalog,
        config,
        strict,
        output,
        jobs,
        stdin_filename,
        journeys_only,
    )
    raise typer.Exit(code)


@app.command()
def report(
    path: Annotated[
        str, typer.Argument(metavar="PATH", help="A journey file, or a folder for a portfolio report.")
    ],
    output_format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = "text",
    output: Output = None,
    persona: PersonaId = None,
    catalog: Catalogs = None,
    config: ConfigFile = None,
    lang: Lang = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="Say how the backlog is scored, and why each item scores what it does."
        ),
    ] = False,
) -> None:
    """Analyse a journey: its curve, pains, gaps, metrics, and a ranked backlog of what to fix."""
    from cjm.present.i18n import words
    from cjm.report.build import write_report
    from cjm.report.sections import score_formula
    from cjm.reporting import build_report

    with _errors_reported():
        project = _project([path], config, catalog)
        built = build_report(project, path, persona, lang, notice=_notice)
    if explain and output is None:
        typer.echo(textwrap.fill(score_formula(words(built.lang)), 92) + "\n")
    _write(
        output,
        lambda out, color: write_report(built, output_format, out, color=color, explain=explain),
        project.inputs,
    )


@app.command()
def render(
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH",
            help="A journey file, or a folder: then every journey is rendered into the folder -o OUT.",
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
    catalog: Catalogs = None,
    config: ConfigFile = None,
    lang: Lang = None,
    paper_name: Annotated[
        PaperName | None,
        typer.Option(
            "--paper",
            help="Lay the map out on sheets of this size (svg, png, pdf: split at stages; html: its print size).",
        ),
    ] = None,
    landscape: Annotated[bool, typer.Option("--landscape", help="Turn the --paper sheet sideways.")] = False,
) -> None:
    """Draw the journey map: a terminal table, Graphviz (dot, svg, png, pdf), Mermaid, HTML or Markdown."""
    from cjm.publish import publish
    from cjm.render.maps import default_format
    from cjm.render.paper import paper

    folder = os.path.isdir(path)
    with _errors_reported():
        chosen = output_format or default_format(output, folder, sys.stdout.isatty())
        if folder and output is None:
            _fail(f"{path} is a folder: give -o FOLDER to render each of its journeys into")
        if RENDER_FORMATS[chosen].binary and output is None:
            _fail(f"{chosen} is a binary format: give -o FILE")
        if paper_name is not None and chosen not in ("svg", "png", "pdf", "html"):
            _fail(f"--paper lays out svg, png, pdf and html, not {chosen}")
        sheet = paper(paper_name, landscape) if paper_name is not None else None
        project = _project([path], config, catalog)
        with _progress(f"Rendering {chosen}") as progress:
            published = publish(
                project, path, chosen, output, persona=persona, lang=lang, paper=sheet,
                width=shutil.get_terminal_size((100, 24)).columns, color=_color(sys.stdout), progress=progress,
                notice=_notice,
            )  # fmt: skip
    if published.content is not None:
        sys.stdout.write(published.content)
    if published.index is not None:
        from cjm.language import plural

        _notice(f"rendered {plural(len(published.maps or []), 'journey map')} into {output} ({chosen})")
        _notice(f"wrote {published.index}: every map at a glance, linking to each map and its report")


@app.command()
def diff(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="OLD NEW",
            help="Files, folders or REV:PATH. With --rev: the paths to compare across revisions.",
        ),
    ],
    output_format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = "text",
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            help="Exit 1 on a regression (worse emotion, new pain, worse metric), or on any change.",
        ),
    ] = None,
    rev: Annotated[
        list[str] | None,
        typer.Option(
            "--rev",
            metavar="REV",
            help="Compare PATHs at this revision (first) with the next --rev, or with the working tree.",
        ),
    ] = None,
    catalog: Annotated[
        list[str] | None,
        typer.Option(
            "--catalog", metavar="FILE", help="A catalog to use on both sides (repeatable; may be REV:PATH)."
        ),
    ] = None,
    config: ConfigFile = None,
    output: Output = None,
    lang: Lang = None,
) -> None:
    """Show what a change did to the journey: structure, emotions, pains, metrics, improvements."""
    from cjm.comparing import compare_paths

    with _errors_reported():
        comparison = compare_paths(paths, rev or [], catalog or [], _config(config), lang)
    writer = DIFF_FORMATS.module(output_format)
    _write(
        output, lambda out, color: writer.write(comparison.diffs, out, color=color), lambda: comparison.inputs
    )
    raise typer.Exit(1 if comparison.fails(fail_on) else 0)


@app.command()
def init(
    path: Annotated[
        Path,
        typer.Argument(
            metavar="[PATH]",
            help="A folder (journey.yaml and catalog.yaml are written in it) or a journey file to write."
            " Default: the current folder.",
        ),
    ] = Path("."),
    template: Annotated[
        Literal["b2c", "b2b", "service"],
        typer.Option(help="b2c: a consumer purchase; b2b: a company's purchase, several roles; service."),
    ] = "b2c",
    lang: Annotated[
        Language, typer.Option(help="The language of the starter's comments and examples.")
    ] = "en",
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that are already there.")] = False,
) -> None:
    """Write a commented starter journey (and its catalog) that walks through the method."""
    from cjm.starter import init as write_starter

    with _errors_reported():
        written = write_starter(path, template, lang, force=force)
    for file in (written.catalog, written.journey):
        if file is not None:
            typer.echo(f"wrote {file}")
    folder = written.journey.parent
    typer.echo(f"next: edit {written.journey}, then run: cjm validate {folder}")


@app.command()
def export(
    path: Annotated[str, typer.Argument(metavar="PATH", help="A journey file.")],
    output_format: Annotated[
        ExportFormat | None,
        typer.Option("--format", "-f", help="Default: from the -o file's suffix, else csv."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to this file. Required for xlsx."),
    ] = None,
    catalog: Catalogs = None,
    config: ConfigFile = None,
) -> None:
    """Write the journey as a spreadsheet (csv, xlsx): one row per touchpoint, every field a column."""
    from cjm.exchange.run import export_bytes

    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    chosen = output_format or (suffix if suffix in EXPORT_FORMATS.names else "csv")
    with _errors_reported():
        if chosen == "xlsx" and output is None:
            _fail("xlsx is a binary format: give -o FILE")
        project = _project([path], config, catalog)
        loaded = project.usable(path)[0]
        content = export_bytes(loaded, chosen, output)
    if output is None:
        sys.stdout.write(content.decode("utf-8-sig"))
        return
    from cjm.files import refuse_inputs, write_content

    with _errors_reported():
        refuse_inputs(output, project.inputs)
        write_content(output, content)


@app.command("import")
def import_(
    path: Annotated[
        str, typer.Argument(metavar="FILE", help="A spreadsheet (.csv, .xlsx) or a Mermaid journey (.mmd).")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help="The journey file to write (YAML).")
    ],
    input_format: Annotated[
        Literal["csv", "xlsx", "mermaid"] | None,
        typer.Option("--format", "-f", help="Default: from FILE's suffix."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUTPUT if it exists.")] = False,
    catalog: Catalogs = None,
    config: ConfigFile = None,
) -> None:
    """Make a journey file of a spreadsheet written by 'cjm export', or of a Mermaid journey diagram."""
    from cjm.exchange.run import check_and_write, import_format, import_journey, summary

    with _errors_reported():
        chosen = import_format(path, input_format)
        imported = import_journey(Path(path), chosen, output)
        warnings = check_and_write(imported, output, force, _config(config), catalog or [], [path])
    from cjm.language import plural

    _notice(
        f"wrote {output}: {summary(imported)}; {plural(len(warnings), 'warning')} (cjm validate {output})"
    )


@app.command()
def measure(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Journey files or folders whose metrics name their data."),
    ],
    on: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="DATE", help="The date to record as 'measured' (YYYY-MM-DD). Default: today."
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="Only answers dated on or after DATE (by date_column).")
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Only answers dated on or before DATE (by date_column)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the changes as a unified diff; write nothing.")
    ] = False,
    skip_undated: Annotated[
        bool,
        typer.Option(
            "--skip-undated",
            help="With --since or --until, leave out (with a warning) the metrics without date_column.",
        ),
    ] = False,
    output_format: Annotated[MeasureFormat, typer.Option("--format", "-f", help="Output format.")] = "text",
    catalog: Catalogs = None,
    config: ConfigFile = None,
    lang: Lang = None,
) -> None:
    """Compute each metric's value from its data (surveys, spreadsheets, Parquet) and write it back."""
    import datetime

    from cjm.measure.run import measure as run_measure

    def day(option: str, value: str | None) -> datetime.date | None:
        if value is None:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            _fail(f"{option} {value!r}: write a date as YYYY-MM-DD, such as 2026-11-30")

    with _errors_reported():
        project = _project(paths, config, catalog)
        with _progress("Measuring") as progress:
            result = run_measure(
                project, ", ".join(paths), day("--date", on) or datetime.date.today(),
                day("--since", since), day("--until", until), dry_run, progress, lang, skip_undated,
            )  # fmt: skip
    for skipped in result.skipped:
        _notice(f"warning: {skipped}")
    writer = MEASURE_FORMATS.module(output_format)
    writer.write(result, sys.stdout, color=_color(sys.stdout))


@app.command()
def trace(
    path: Annotated[
        str, typer.Argument(metavar="JOURNEY", help="A journey file whose touchpoints list `events`.")
    ],
    events: Annotated[
        Path,
        typer.Option(
            "--events",
            metavar="FILE",
            help="The event export: .csv, .tsv, .parquet, .json or .jsonl (JSON lines).",
        ),
    ],
    session: Annotated[str, typer.Option(metavar="COLUMN", help="The column of the session id.")] = "session",
    event: Annotated[str, typer.Option(metavar="COLUMN", help="The column of the event name.")] = "event",
    time: Annotated[str, typer.Option(metavar="COLUMN", help="The column of the event's time.")] = "time",
    persona: Annotated[
        str | None,
        typer.Option(
            metavar="COLUMN", help="A column of segments: the figures again for each of its values."
        ),
    ] = None,
    persona_map: Annotated[
        str | None,
        typer.Option(
            metavar="VALUE=ID,...", help="Which persona each segment value stands for: a=ana,b=luis."
        ),
    ] = None,
    since: Annotated[str | None, typer.Option(metavar="DATE", help="Only events on or after DATE.")] = None,
    until: Annotated[str | None, typer.Option(metavar="DATE", help="Only events on or before DATE.")] = None,
    output_format: Annotated[TraceFormat, typer.Option("--format", "-f", help="Output format.")] = "text",
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            metavar="unreached|undrawn[:SHARE]",
            help="Exit 1 when a touchpoint is never reached, or a step the map does not draw is taken"
            " (by at least SHARE of the sessions that entered: undrawn:5%). Repeatable.",
        ),
    ] = None,
    output: Output = None,
    catalog: Catalogs = None,
    config: ConfigFile = None,
    lang: Lang = None,
) -> None:
    """Check the journey against what customers did: reach, drop-off and the steps the map does not draw."""
    import datetime

    from cjm.data.events import Columns, Window
    from cjm.trace.compute import Request
    from cjm.trace.compute import trace as run_trace
    from cjm.trace.gate import failures, parse_gate

    def day(option: str, value: str | None) -> datetime.date | None:
        try:
            return datetime.date.fromisoformat(value) if value is not None else None
        except ValueError:
            _fail(f"{option} {value!r}: write a date as YYYY-MM-DD, such as 2026-11-30")

    with _errors_reported():
        gates = [parse_gate(g) for g in fail_on or []]
        pairs = _split(persona_map) or []
        if any("=" not in p for p in pairs):
            _fail(f"--persona-map {persona_map!r}: write VALUE=PERSONA pairs, such as a=ana,b=luis")
        request = Request(
            events, Columns(session, event, time, persona), Window(day("--since", since), day("--until", until)),
            {k.strip(): v.strip() for k, v in (p.split("=", 1) for p in pairs)},
        )  # fmt: skip
        project = _project([path], config, catalog)
        found = run_trace(project, path, request, lang)
    writer = TRACE_FORMATS.module(output_format)
    _write(
        output,
        lambda out, color: writer.write(found, out, color=color),
        lambda: [*project.inputs(), str(events)],
    )
    failed = failures(found, gates)
    for reason in failed:
        _notice(reason)
    raise typer.Exit(1 if failed else 0)


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int], Callable[[], None]]]:
    """A progress bar on stderr when it is a terminal; `start(total)` gives the step function."""
    from rich.console import Console
    from rich.progress import Progress

    console = Console(stderr=True)
    with Progress(console=console, disable=not console.is_terminal, transient=True) as bar:

        def start(total: int) -> Callable[[], None]:
            task = bar.add_task(label, total=total)
            return lambda: bar.advance(task)

        yield start


@app.command()
def rules(
    codes: Annotated[
        list[str] | None,
        typer.Argument(metavar="RULE", help="Only these rules (codes, prefixes or names)."),
    ] = None,
    output_format: Annotated[
        Literal["text", "markdown", "json"], typer.Option("--format", "-f", help="Output format.")
    ] = "text",
) -> None:
    """List every rule: code, name, default severity and what it checks."""
    from cjm.config import rule_codes
    from cjm.rules import all_rules
    from cjm.rules.listing import listing

    with _errors_reported():
        chosen = rule_codes(codes, "cjm rules") if codes else None
    selected = [r for r in all_rules() if chosen is None or r.code in chosen]
    typer.echo(listing(selected, output_format), nl=False)


@app.command()
def schema(
    kind: Annotated[
        Literal["journey", "catalog", "report", "map", "trace"],
        typer.Option(
            help="journey or catalog files, or the JSON of 'cjm report', 'cjm render --format json'"
            " or 'cjm trace --format json'."
        ),
    ] = "journey",
) -> None:
    """Print a JSON Schema (draft 2020-12): of journey or catalog files, or of the report's or the map's JSON."""
    from cjm.schema import schema_text

    typer.echo(schema_text(kind), nl=False)


@app.command()
def edit(
    path: Annotated[str, typer.Argument(metavar="FILE", help="The journey file to edit.")],
    ops_file: Annotated[
        str,
        typer.Option("--ops", metavar="OPS.json", help="The operations: a JSON list, or - for stdin."),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the changes as a unified diff; write nothing.")
    ] = False,
    output_format: Annotated[
        Literal["text", "json"], typer.Option("--format", "-f", help="Output format.")
    ] = "text",
    catalog: Catalogs = None,
    config: ConfigFile = None,
) -> None:
    """Apply operations (add, update, move, remove touchpoints and stages...) to a journey, all or none."""
    from cjm.edit.ops import OpsError, json_position, read_ops
    from cjm.edit.output import FORMATS as EDIT_FORMATS
    from cjm.edit.run import EditRefused
    from cjm.edit.run import edit as run_edit

    with _errors_reported():
        ops_name = "<stdin>" if ops_file == "-" else ops_file
        try:
            text = sys.stdin.read() if ops_file == "-" else Path(ops_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            _fail(f"{ops_file}: {getattr(exc, 'strerror', None) or exc}")
        try:
            ops = read_ops(text)
            result = run_edit(path, ops, dry_run=dry_run, config=_config(config), catalogs=catalog or [])
        except (OpsError, EditRefused) as exc:
            for problem in exc.problems:
                line, column = json_position(text, problem)
                typer.echo(f"{ops_name}:{line}:{column}: {_terminal(str(problem))}", err=True)
            where = ops_name if isinstance(exc, OpsError) else path
            _fail(f"{where}: the operations cannot be applied: nothing was written")
    EDIT_FORMATS.module(output_format).write(result, sys.stdout, color=_color(sys.stdout))


@app.command()
def mcp(
    root: Annotated[
        Path, typer.Option(metavar="DIR", help="The folder the tools work in. Default: the current folder.")
    ] = Path("."),
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Offer no tool that writes (no edit, no measure write).")
    ] = False,
) -> None:
    """Serve the journeys to an assistant over the Model Context Protocol (stdio)."""
    if not root.is_dir():
        _fail(f"{root}: not a folder: give --root DIR")
    try:
        from cjm.agents.server import serve
    except ImportError:  # pragma: no cover - mcp is a dependency
        _fail("cjm mcp needs the mcp package: pip install mcp")
    serve(root, read_only)


# -- shared by the commands: typer-free, so that validate runs without typer ---------------------

_config = commandline.configuration
_project = commandline.project
_errors_reported = commandline.errors_reported
_write = commandline.write
_split = commandline.split
_color = commandline.color
_notice = commandline.notice
_fail = commandline.fail
_fail_with = commandline.fail_with


def _terminal(text: str) -> str:
    from cjm.present.escape import terminal_text

    return terminal_text(text)
