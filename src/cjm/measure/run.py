"""`cjm measure`: compute each metric that names its `data`, and write the figures back.

Everything is computed first and written after: one error (a missing file or column, answers
that are not numbers, an empty selection) stops the run with nothing written. DuckDB and
calamine are imported here, so that the other commands never load them.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjm.errors import CjmError
from cjm.language import plural
from cjm.model import EVENT_KINDS, Journey, Metric, Standing, close_matches
from cjm.project import Project


class MeasureError(CjmError):
    """A metric that cannot be measured: the message starts with where its `data` is written."""


@dataclass(frozen=True)
class Measured:
    """One metric measured: what it was, what it is, and how it stands against its target."""

    path: str
    line: int
    column: int
    touchpoint: str
    name: str
    kind: str
    previous: int | float | None
    value: int | float
    n: int
    measured: str
    target: int | float | None
    unit: str | None
    higher_is_better: bool
    status: Standing
    sql: str
    lang: str = "en"  # of the words written for people: --lang, else the journey's own, as report chooses
    method: str | None = None  # of a kind with variants (csat: top2 | mean; ces: mean | agree)
    definition: str = ""  # what the figure is, in English: "4–5 of 1–5"; "" when the kind says it all

    @property
    def changed(self) -> bool:
        return self.previous != self.value


@dataclass
class MeasureResult:
    measured: list[Measured] = field(default_factory=list)
    diffs: dict[str, str] = field(
        default_factory=dict
    )  # path → unified diff of what is (or would be) written
    dry_run: bool = False
    skipped: list[str] = field(default_factory=list)  # metrics left out (--skip-undated), each said why
    lang: str = "en"  # of the summary: --lang, the configuration's, else the journeys' when they share one


def measure(
    project: Project,
    where: str,
    on: datetime.date,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    dry_run: bool = False,
    progress: Callable[[int], Callable[[], None]] | None = None,
    lang: str | None = None,
    skip_undated: bool = False,
) -> MeasureResult:
    """Measure every metric with `data` in the project's journeys; write unless `dry_run`. `lang`
    (else each journey's own language) is the language of the words the text format writes.
    With `since` or `until`, a metric without a `date_column` is an error, or with `skip_undated`
    left out (said in `skipped`)."""
    import duckdb

    from cjm.data.tables import remove_temporary_files
    from cjm.files import check_in_place, write_in_place
    from cjm.language import portfolio_language
    from cjm.measure.kinds import Window
    from cjm.measure.write import rewrite

    journeys = project.usable(where, lang=lang)
    plans = [(loaded.path, loaded.lang, list(_metrics(loaded.journey))) for loaded in journeys]
    language = portfolio_language(lang, project.config.lang, (loaded.lang for loaded in journeys))
    result = MeasureResult(dry_run=dry_run, lang=language)
    window = Window(since, until)
    con = duckdb.connect()
    read = {s.path: s.data for s in project.journeys if s.revision is None and not s.stdin}
    writes: list[tuple[Path, bytes, bytes]] = []
    failed: list[str] = []  # every metric that cannot be measured is said, then nothing is written
    step = progress(sum(len(m) for _, _, m in plans)) if progress else (lambda: None)
    try:
        tables: dict[tuple[Path, str | None], Any] = {}
        for path, language, metrics in plans:
            file = Path(path)
            if not file.is_file():
                raise MeasureError(f"{path}: only journey files on disk can be measured and written")
            updates = []
            for metric_path, metric in metrics:
                undated = _undated(path, metric, window)
                if undated is not None:
                    if skip_undated:
                        result.skipped.append(f"{undated}: left out (--skip-undated)")
                    else:
                        failed.append(f"{undated}: give it a date_column, or --skip-undated to leave it out")
                    step()
                    continue
                try:
                    measured, update = _measure_one(
                        con, tables, file, metric_path, metric, window, on, project.config.path
                    )
                except MeasureError as exc:
                    failed += exc.details or [exc.message]
                    step()
                    continue
                result.measured.append(dataclasses.replace(measured, lang=language))
                if update is not None:
                    updates.append(update)
                step()
            if not updates:
                continue
            data = read.get(path, b"")
            text = data.decode("utf-8")
            edited = rewrite(text, updates, path)
            if edited != text:
                result.diffs[path] = "".join(
                    difflib.unified_diff(
                        text.splitlines(keepends=True), edited.splitlines(keepends=True), path, path
                    )
                )
                writes.append((file, edited.encode("utf-8"), data))
    finally:
        con.close()
        remove_temporary_files()
    if failed:
        summary = f"{plural(len(failed), 'metric')} could not be measured: nothing was written"
        raise MeasureError(summary, details=failed)
    if not dry_run:
        for file, _, data in writes:  # the positions measured are those of the file as read
            check_in_place(file, data)
        for file, content, data in writes:
            write_in_place(file, content, data)
    return result


def _undated(path: str, metric: Metric, window: Any) -> str | None:
    """What is wrong when a date window is given and the metric has no column to apply it to."""
    assert metric.data is not None
    if (window.since is None and window.until is None) or metric.data.date_column is not None:
        return None
    if metric.kind in EVENT_KINDS:  # events carry their own time, which the window applies to
        return None
    line, column = metric.at("data")
    return f"{path}:{line}:{column}: metric '{metric.name}' has no date_column, so --since and --until cannot apply"


def _metrics(journey: Journey) -> Any:
    for pi, phase in enumerate(journey.phases):
        for si, stage in enumerate(phase.stages):
            for ti, touchpoint in enumerate(stage.touchpoints):
                for mi, metric in enumerate(touchpoint.metrics):
                    if metric.data is not None and metric.kind is not None:
                        path = ("phases", pi, "stages", si, "touchpoints", ti, "metrics", mi)
                        yield (path, touchpoint.id, journey), metric


def _measure_one(
    con: Any,
    tables: dict[tuple[Path, str | None], Any],
    journey_file: Path,
    place: tuple[tuple[str | int, ...], str, Journey],
    metric: Metric,
    window: Any,
    on: datetime.date,
    config_file: Path | None = None,
) -> tuple[Measured, Any]:
    from cjm.data.place import OutsideProject, data_file
    from cjm.data.tables import SourceError, open_table
    from cjm.measure.kinds import AnswerError, compute, shown, unmatched
    from cjm.measure.write import Update

    metric_path, touchpoint, journey = place
    assert metric.data is not None and metric.kind is not None
    line, column = metric.at("data")
    here = f"{journey_file}:{line}:{column}: metric '{metric.name}'"
    try:
        source = data_file(metric.data.file, journey_file, config_file)
    except OutsideProject as exc:
        raise MeasureError(f"{here}: {exc.message}") from None
    if metric.kind in EVENT_KINDS:  # sessions of an event export, counted as `cjm trace` counts them
        from cjm.measure.events import EventMetricError, event_figure

        try:
            figure, sql = (
                event_figure(journey, touchpoint, metric, journey_file, window.since, window.until),
                "",
            )
        except EventMetricError as exc:
            raise MeasureError(f"{here}: {metric.data.file}: {exc}") from None
    else:
        key = (source, metric.data.sheet)
        try:
            if key not in tables:
                tables[key] = open_table(con, source, metric.data.sheet, f"t{len(tables)}")
            table = tables[key]
        except SourceError as exc:
            raise MeasureError(f"{here}: {metric.data.file}: {exc.message}") from None
        columns = _columns(here, metric, table)
        problems = [
            f"{here}: {metric.data.file}: {problem}" for problem in unmatched(con, metric, table, columns)
        ]
        if problems:
            raise MeasureError(problems[0], details=problems)
        try:
            figure = compute(con, metric, table, window, columns)
        except AnswerError as exc:
            raise MeasureError(f"{here}: {metric.data.file}: {exc}") from None
        sql = shown(metric, table, window, columns)
    from cjm.measure.kinds import DEFINITIONS, formula

    definition = DEFINITIONS.get(formula(metric), "")
    measured_on = on.isoformat()
    latest = max([str(metric.measured or "")] + [str(h.date) for h in metric.history])
    if measured_on < latest:  # the history stays in the order of its dates
        raise MeasureError(
            f"{here}: --date {measured_on} is before {latest}, when it was last measured:"
            " give a later --date, or edit its history by hand"
        )
    history = [{"date": h.date, "value": h.value, "n": h.n} for h in metric.history]
    moved = metric.value is not None and metric.value != figure.value
    if moved:  # a value written by hand, without its date, keeps the day the file last changed
        history.append(
            {"date": metric.measured or _written_on(journey_file), "value": metric.value, "n": metric.n}
        )
    unchanged = metric.value == figure.value and metric.n == figure.n and metric.measured == measured_on
    update = (
        None
        if unchanged
        else Update(metric_path, figure.value, figure.n, measured_on, history if moved else [])
    )
    measured = Measured(
        str(journey_file), line, column, touchpoint, metric.name, metric.kind, metric.value, figure.value,
        figure.n, measured_on, metric.target, metric.unit, metric.higher_is_better,
        metric.standing_of(figure.value), sql, method=metric.computed_by, definition=definition,
    )  # fmt: skip
    return measured, update


def _written_on(file: Path) -> str:
    """The day the file was last written: its last commit when git keeps it, else its last change on
    disk (history's `date` must be a day, so never "unknown")."""
    import subprocess

    try:
        committed = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", file.name],
            cwd=file.parent, capture_output=True, text=True, timeout=30, check=False,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):  # no git at all
        committed = ""
    return committed or datetime.date.fromtimestamp(file.stat().st_mtime).isoformat()


def _columns(here: str, metric: Metric, table: Any) -> dict[str, str]:
    """The SQL column of each name the metric's `data` uses; a name not in the file is an error."""
    assert metric.data is not None and metric.kind is not None
    data = metric.data
    assert not data.missing_for(metric.kind)  # validated with the journey (CJM101)
    wanted = [n for n in (data.column, data.date_column, *data.where) if n is not None]
    columns: dict[str, str] = {}
    for name in wanted:
        index = table.find(name)
        if index is None:
            from cjm.present.escape import excerpt

            known = table.names()
            shown = ", ".join(excerpt(k) for k in known[:12]) + (", …" if len(known) > 12 else "")
            close = close_matches(name, known + list(table.aliases))
            meant = f" (did you mean '{excerpt(close[0])}'?)" if close else ""
            raise MeasureError(f"{here}: {data.file} has no column '{name}'{meant} (its columns: {shown})")
        columns[name] = f"c{index}"
    return columns
