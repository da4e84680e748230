"""The journey map for wikis and pull requests: the Mermaid diagram, then a table per stage with a
column for every lane the map shows (the same cells as the drawing)."""

from __future__ import annotations

from cjm.present.escape import markdown_text
from cjm.render.output import Options, mermaid
from cjm.render.view import Line, MapView, persona_lines


def render(view: MapView, options: Options | None = None) -> str:
    j = view.journey
    out = [f"# {markdown_text(j.title)}", "", f"`{j.id}` · {markdown_text(view.subtitle)}", ""]
    if j.description:
        out += [markdown_text(j.description), ""]
    out += ["```mermaid", mermaid.render(view).rstrip("\n"), "```", ""]
    out += _personas(view)
    lanes = [(lane.title, lane.id) for lane in view.lanes]  # every lane the map shows, in its order
    for phase_view in view.phases:
        out += [f"## {markdown_text(phase_view.heading)}", ""]
        for stage_view in phase_view.stages:
            stage = stage_view.stage
            out += [f"### {markdown_text(stage.name)}", ""]
            if stage.scenario:
                out += [f"_{markdown_text(stage.scenario)}_", ""]
            out.append("| " + " | ".join(title for title, _ in lanes) + " |")
            out.append("|" + "---|" * len(lanes))
            for column in stage_view.columns:
                out.append("| " + " | ".join(_cell(column.cells[lane]) for _, lane in lanes) + " |")
            out.append("")
    return "\n".join(out)


def _personas(view: MapView) -> list[str]:
    """The persona block: one item per persona, its facts joined by " · "."""
    people = [persona_lines(p, view.t) for p in view.personas if p.id is not None]
    if not people:
        return []
    items = [f"- {' · '.join(_line(line) for line in lines)}" for lines in people]
    return [f"## {markdown_text(view.t('Personas'))}", "", *items, ""]


def _cell(lines: tuple[Line, ...]) -> str:
    return "<br>".join(_line(line) for line in lines) or " "


def _line(line: Line) -> str:
    text = markdown_text(line.text)
    if line.style == "name":
        return f"**{text}**"
    if line.style == "note":
        return f"_{text}_"
    if line.style in ("pain", "truth"):
        return f"**{text}**"
    return text
