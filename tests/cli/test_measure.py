"""cjm measure: every kind against figures computed here by hand, every input, the write-back."""

from __future__ import annotations

import csv
import datetime
import json
import os
import statistics
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import cjm

JOURNEY = """\
cjm: 1
id: encuesta
title: Encuesta
phases:
  - id: after
    stages:
      - id: uso
        name: Uso
        touchpoints:
          - id: t
            name: T
            channel: email
            metrics:
{metrics}
"""
ROWS = [  # channel, score 0-10, csat 1-5, answer, date
    ("App", "10 - Muy probable", "5", "Sí", "2026-10-02"),
    ("App", "9", "4", "No", "2026-10-15"),
    ("Web", "3", "2", "Sí", "2026-11-01"),
    ("App", "5", "", "Sí", "2026-11-20"),
    ("App", "", "1", "", "2026-11-25"),
    ("Web", "7", "3", "No", "2026-11-28"),
]
HEADER = ["Canal", "Score", "CSAT", "Resuelto", "Fecha"]


def lead(text: str) -> float | None:
    """The leading number of an answer, computed independently of cjm."""
    digits = ""
    for ch in text.strip():
        if ch.isdigit() or ch == ".":
            digits += ch
        else:
            break
    return float(digits) if digits else None


def expected(kind: str, rows: list[tuple[str, ...]]) -> tuple[float, int]:
    scores = [v for r in rows if (v := lead(r[1])) is not None]
    csat = [v for r in rows if (v := lead(r[2])) is not None]
    if kind == "nps":
        return round(100 * (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) / len(scores), 1), len(
            scores
        )
    if kind == "csat":
        return round(100 * sum(c >= 4 for c in csat) / len(csat), 1), len(csat)
    if kind == "mean":
        return round(statistics.mean(scores), 2), len(scores)
    if kind == "median":
        return round(statistics.median(scores), 2), len(scores)
    if kind == "share":
        answers = [r[3] for r in rows if r[3]]
        return round(100 * answers.count("Sí") / len(answers), 1), len(answers)
    return len(rows), len(rows)


def write_csv(
    path: Path, rows: list[tuple[str, ...]] = ROWS, encoding: str = "utf-8", delimiter: str = ","
) -> None:
    with path.open("w", encoding=encoding, newline="") as out:
        writer = csv.writer(out, delimiter=delimiter)
        writer.writerow(HEADER)
        writer.writerows(rows)


def journey(folder: Path, *metrics: str) -> Path:
    path = folder / "j.yaml"
    path.write_text(JOURNEY.format(metrics="\n".join(metrics)), encoding="utf-8")
    return path


def measured(path: Path, *args: str) -> list[dict[str, object]]:
    result = cjm("measure", str(path), "--date", "2026-11-30", "--format", "json", *args)
    assert result.code == 0, result
    return json.loads(result.out)["metrics"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("kind", "column"),
    [("nps", "Score"), ("csat", "CSAT"), ("ces", "CSAT"), ("mean", "Score"), ("median", "Score"),
     ("share", "Resuelto"), ("count", None)],
)  # fmt: skip
def test_each_kind_computes_the_figure_computed_by_hand(
    tmp_path: Path, kind: str, column: str | None
) -> None:
    write_csv(tmp_path / "a.csv")
    column_part = f", column: {column}" if column else ""
    match = ", match: Sí" if kind == "share" else ""
    path = journey(
        tmp_path, f"              - {{name: M, kind: {kind}, data: {{file: a.csv{column_part}{match}}}}}"
    )
    [m] = measured(path)
    want = (
        expected("mean" if kind == "ces" else kind, ROWS)
        if kind != "ces"
        else expected("mean", [(r[0], r[2]) + r[2:] for r in ROWS])
    )
    assert (m["value"], m["n"]) == want


def test_where_and_date_window_keep_only_those_rows(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv")
    path = journey(
        tmp_path,
        "              - {name: M, kind: nps, data: {file: a.csv, column: Score, where: {Canal: App}, date_column: Fecha}}",
    )
    [m] = measured(path, "--since", "2026-10-10", "--until", "2026-11-25")
    rows = [r for r in ROWS if r[0] == "App" and "2026-10-10" <= r[4] <= "2026-11-25"]
    assert (m["value"], m["n"]) == expected("nps", rows)


@pytest.mark.parametrize("variant", ["utf-8-sig", "cp1252", "tsv", "semicolon"])
def test_plain_csv_delimiter_and_encoding_are_sniffed(tmp_path: Path, variant: str) -> None:
    rows = [(r[0] + "€" if variant == "cp1252" else r[0], *r[1:]) for r in ROWS]
    name = "a.tsv" if variant == "tsv" else "a.csv"
    write_csv(tmp_path / name, rows, "cp1252" if variant == "cp1252" else "utf-8-sig" if variant == "utf-8-sig" else "utf-8",
              "\t" if variant == "tsv" else ";" if variant == "semicolon" else ",")  # fmt: skip
    where = "App€" if variant == "cp1252" else "App"
    path = journey(
        tmp_path,
        f"              - {{name: M, kind: nps, data: {{file: {name}, column: Score, where: {{Canal: {where}}}}}}}",
    )
    [m] = measured(path)
    assert (m["value"], m["n"]) == expected("nps", [r for r in ROWS if r[0] == "App"])


def test_qualtrics_column_by_id_or_by_question_text(tmp_path: Path) -> None:
    with (tmp_path / "q.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["RecordedDate", "Q1", "Q3"])
        writer.writerow(["Recorded Date", "Canal", "¿Con qué probabilidad\nnos recomendarías?"])
        writer.writerow(['{"ImportId":"recordedDate"}', '{"ImportId":"QID1"}', '{"ImportId":"QID3"}'])
        writer.writerows([(r[4], r[0], r[1]) for r in ROWS])
    path = journey(
        tmp_path,
        "              - {name: A, kind: nps, data: {file: q.csv, column: Q3}}",
        "              - {name: B, kind: nps, data: {file: q.csv, column: QID3, where: {Q1: App}}}",
    )
    a, b = measured(path)
    assert (a["value"], a["n"]) == expected("nps", ROWS)
    assert (b["value"], b["n"]) == expected("nps", [r for r in ROWS if r[0] == "App"])


def test_surveymonkey_two_header_rows(tmp_path: Path) -> None:
    with (tmp_path / "s.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Respondent ID", "¿Recomendarías?", "¿Qué te gustó?", ""])
        writer.writerow(["", "Response", "Rapidez", "Precio"])
        writer.writerows([(str(i), r[1], "Rapidez" if i % 2 else "", "") for i, r in enumerate(ROWS)])
    path = journey(
        tmp_path,
        "              - {name: A, kind: nps, data: {file: s.csv, column: '¿Recomendarías?'}}",
        "              - {name: B, kind: share, data: {file: s.csv, column: Rapidez, match: Rapidez}}",
    )
    a, b = measured(path)
    assert (a["value"], a["n"]) == expected("nps", ROWS)
    assert (b["value"], b["n"]) == (100, 3)


def test_spreadsheet_parquet_and_json_lines(tmp_path: Path) -> None:
    import duckdb

    write_csv(tmp_path / "a.csv")
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT * FROM read_csv('{tmp_path / 'a.csv'}', all_varchar=true)) TO '{tmp_path / 'a.parquet'}'"
    )
    con.execute(
        f"COPY (SELECT * FROM read_csv('{tmp_path / 'a.csv'}', all_varchar=true)) TO '{tmp_path / 'a.jsonl'}' (FORMAT json)"
    )
    import openpyxl  # a test dependency: the spreadsheet to read is written here

    book = openpyxl.Workbook()
    book.active.title = "Otra"
    sheet = book.create_sheet("Respuestas")
    sheet.append(HEADER)
    for r in ROWS:
        sheet.append([r[0], int(r[1]) if r[1].isdigit() else r[1] or None, *r[2:]])
    book.save(tmp_path / "a.xlsx")
    path = journey(
        tmp_path,
        "              - {name: P, kind: nps, data: {file: a.parquet, column: Score}}",
        "              - {name: J, kind: nps, data: {file: a.jsonl, column: Score}}",
        "              - {name: X, kind: nps, data: {file: a.xlsx, sheet: Respuestas, column: Score}}",
    )
    figures = [(m["value"], m["n"]) for m in measured(path)]
    assert figures == [expected("nps", ROWS)] * 3


BLOCK_AND_FLOW = """\
            metrics:
              # a comment above
              - name: NPS   # a comment beside
                kind: nps
                target: 30
                data:
                  file: a.csv
                  column: Score
                value: 10
                measured: 2026-10-31
              # a comment below

              - {name: CSAT, kind: csat, target: 80, data: {file: a.csv, column: CSAT}}   # beside a flow metric
              - {name: 'Untouched', value: 1}
            evidence: ["quoted", 'single']
"""


def test_write_back_changes_only_the_metrics_lines(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv")
    path = tmp_path / "j.yaml"
    before = JOURNEY.replace("            metrics:\n{metrics}\n", BLOCK_AND_FLOW)
    path.write_text(before, encoding="utf-8")
    assert cjm("measure", str(path), "--date", "2026-11-30").code == 0
    after = path.read_text(encoding="utf-8")
    nps, n_nps = expected("nps", ROWS)
    csat, n_csat = expected("csat", ROWS)
    want = before.replace(
        "                value: 10\n                measured: 2026-10-31\n",
        f"                value: {nps:g}\n                n: {n_nps}\n                measured: 2026-11-30\n"
        "                history:\n                  - {date: 2026-10-31, value: 10}\n",
    ).replace(  # the changed line's own comment stays on it, as far away as it was
        "data: {file: a.csv, column: CSAT}}   #",
        f"data: {{file: a.csv, column: CSAT}}, value: {csat:g}, n: {n_csat}, measured: 2026-11-30}}   #",
    )
    assert after == want


def test_dry_run_shows_a_diff_and_writes_nothing(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv")
    path = journey(tmp_path, "              - {name: M, kind: count, data: {file: a.csv}}")
    before = path.read_bytes()
    result = cjm("measure", str(path), "--dry-run", "--date", "2026-11-30")
    assert result.code == 0
    assert "+++ " in result.out and "value: 6, n: 6, measured: 2026-11-30" in result.out
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{file: nada.csv, column: Score}", "no such file"),
        (
            "{file: a.csv, column: Scor}",
            "has no column 'Scor' (did you mean 'Score'?) (its columns: Canal, Score",
        ),
        (
            "{file: a.csv, column: Canal}",
            "6 answers are not a number from 0 to 10 (row 2: 'App', row 3: 'App', row 4: 'Web')",
        ),
        (
            "{file: a.csv, column: Score, where: {Canal: Tienda}}",
            "where: no row has 'Tienda' in column 'Canal'; it holds: 'App', 'Web'",
        ),
    ],
)
def test_errors_point_at_the_data_and_write_nothing(tmp_path: Path, data: str, message: str) -> None:
    write_csv(tmp_path / "a.csv")
    path = journey(
        tmp_path,
        "              - {name: Bien, kind: count, data: {file: a.csv}}",
        f"              - {{name: M, kind: nps, data: {data}}}",
    )
    before = path.read_bytes()
    result = cjm("measure", str(path))
    assert result.code == 2
    assert "j.yaml:15:44: metric 'M': " in result.err and message in result.err, result.err
    assert path.read_bytes() == before


def test_every_metric_that_cannot_be_measured_is_said_and_nothing_is_written(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv")
    path = journey(
        tmp_path,
        "              - {name: Missing, kind: nps, data: {file: gone.csv, column: Q3}}",
        "              - {name: Good, kind: count, data: {file: a.csv}}",
        "              - {name: Typo, kind: nps, data: {file: a.csv, column: Q33}}",
    )
    before = path.read_bytes()
    result = cjm("measure", str(path))
    lines = result.err.splitlines()
    assert result.code == 2 and path.read_bytes() == before
    assert [line.split(": metric ")[1].split("'")[1] for line in lines[:-1]] == ["Missing", "Typo"], (
        result.err
    )
    assert lines[-1] == "cjm: error: 2 metrics could not be measured: nothing was written"


def test_stale_and_missed_metrics_are_reported_by_validate(tmp_path: Path) -> None:
    path = journey(tmp_path, "              - {name: M, value: 1, target: 2, measured: 2020-01-01}")
    result = cjm("validate", str(path), "--select", "CJM311,CJM313", "--format", "json")
    codes = sorted(f["code"] for f in json.loads(result.out)["findings"])
    assert codes == ["CJM311", "CJM313"]
    default = cjm("validate", str(path), "--format", "json")
    assert [f["code"] for f in json.loads(default.out)["findings"] if f["code"] in ("CJM311", "CJM313")] == [
        "CJM313"
    ]  # CJM311 is off by default


def test_a_workbook_cell_reads_as_its_csv_export_would(tmp_path: Path) -> None:
    """True and dates typed in Excel are the texts `true` and YYYY-MM-DD, as import reads them."""
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Marca temporal", "Acepta", "Puntuación"])
    rows = [  # a Google Forms sheet: a timestamp, a checkbox, a score typed as a number
        (datetime.datetime(2026, 11, 2, 9, 30), True, 10.0),
        (datetime.datetime(2026, 11, 9, 0, 0), False, 3.0),
        (datetime.datetime(2026, 11, 15, 18, 5), True, 7.0),
        (datetime.datetime(2026, 11, 28, 12, 0), True, 9.0),
    ]
    for row in rows:
        sheet.append(list(row))
    book.save(tmp_path / "forms.xlsx")
    path = journey(
        tmp_path,
        "              - {name: M, kind: nps, data: {file: forms.xlsx, column: Puntuación, where: {Acepta: true},"
        " date_column: Marca temporal}}",
    )
    [m] = measured(path, "--since", "2026-11-09", "--until", "2026-11-28")
    kept = [
        int(score)
        for when, accepts, score in rows
        if accepts and "2026-11-09" <= when.date().isoformat() <= "2026-11-28"
    ]
    promoters, detractors = sum(s >= 9 for s in kept), sum(s <= 6 for s in kept)
    assert (m["value"], m["n"]) == (round(100 * (promoters - detractors) / len(kept), 1), len(kept))


# -- survey exports as the tools write them --------------------------------------------------------

SURVEY = [  # when, channel, likelihood to recommend (0-10), a free-text comment
    ("2026-11-02 09:30:00", "App", "10", 'Muy bien.\nRápido, "sin líos"; volvería'),
    ("2026-11-03 18:02:11", "Web", "4", "Lento"),
    ("2026-11-05 08:15:00", "App", "6", "Bien,\r\npero caro"),
    ("2026-11-09 21:40:00", "App", "9", ""),
    ("2026-11-12 12:00:00", "App", "3", "No encontré el precio\n\n(dos veces)"),
    ("2026-11-20 10:10:10", "Web", "10", "Todo, perfecto"),
]
QUESTION = "¿Con qué probabilidad\nnos recomendarías?"


def _export(folder: Path, tool: str) -> tuple[str, str, str]:
    """A survey export as `tool` writes it, and the names a metric gives its score and channel columns."""
    if tool == "google-forms":
        import datetime

        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Respuestas de formulario 1"
        sheet.append(["Marca temporal", "Canal", QUESTION, "Comentarios"])
        for when, channel, score, comment in SURVEY:
            sheet.append([datetime.datetime.fromisoformat(when), channel, int(score), comment or None])
        book.save(folder / "forms.xlsx")
        return "forms.xlsx", QUESTION, "Canal"
    name = f"{tool}.csv"
    with (folder / name).open(
        "w", encoding="utf-8" if tool == "typeform" else "utf-8-sig", newline=""
    ) as out:
        writer = csv.writer(out, lineterminator="\n" if tool == "typeform" else "\r\n")
        if tool == "qualtrics":  # ids, question texts, ImportIds, then one row per response
            writer.writerow(["StartDate", "RecordedDate", "Q1", "Q3", "Q4"])
            writer.writerow(["Start Date", "Recorded Date", "Canal", QUESTION, "Comentarios,\nsi quieres"])
            writer.writerow(['{"ImportId":"startDate","timeZone":"Europe/Madrid"}', '{"ImportId":"recordedDate"}',
                             '{"ImportId":"QID1"}', '{"ImportId":"QID3"}', '{"ImportId":"QID4_TEXT"}'])  # fmt: skip
            writer.writerows(
                [(when, when, channel, score, comment) for when, channel, score, comment in SURVEY]
            )
            return name, "Q3", "Q1"
        if tool == "surveymonkey":  # question texts, then what each column holds
            writer.writerow(["Respondent ID", "Start Date", "Canal", QUESTION, "Comentarios"])
            writer.writerow(["", "", "Response", "Response", "Open-Ended Response"])
            writer.writerows([(str(1000 + i), *row[:1], *row[1:]) for i, row in enumerate(SURVEY)])
            return name, QUESTION, "Canal"
        writer.writerow(["#", "Canal", QUESTION, "Comentarios", "Submitted At", "Token"])  # typeform
        writer.writerows([(f"r{i}", channel, score, comment, when, f"tok{i}")
                          for i, (when, channel, score, comment) in enumerate(SURVEY)])  # fmt: skip
        return name, QUESTION, "Canal"


@pytest.mark.parametrize("tool", ["qualtrics", "surveymonkey", "typeform", "google-forms"])
def test_free_text_with_line_breaks_quotes_and_delimiters_is_read_as_the_tool_wrote_it(
    tmp_path: Path, tool: str
) -> None:
    file, score, channel = _export(tmp_path, tool)
    path = journey(
        tmp_path,
        f"              - name: A\n                kind: nps\n                data: {{file: {file}, column: {json.dumps(score)},"
        f" where: {{{channel}: App}}}}",
        f"              - {{name: B, kind: count, data: {{file: {file}}}}}",
    )
    app, rows = measured(path)
    scores = [int(s) for _, c, s, _ in SURVEY if c == "App"]
    promoters, detractors = sum(s >= 9 for s in scores), sum(s <= 6 for s in scores)
    assert (app["value"], app["n"]) == (round(100 * (promoters - detractors) / len(scores), 1), len(scores))
    assert (rows["value"], rows["n"]) == (len(SURVEY), len(SURVEY))


@pytest.mark.parametrize("question", ["Canal", "Canal\npor el que llegó"])
def test_a_row_shorter_than_the_header_is_read_with_its_last_answers_blank(
    tmp_path: Path, question: str
) -> None:
    rows = [["Q1", "Q3", "Q4"], [question, "¿Recomendarías?", "Comentario"], ['{"ImportId":"QID1"}'] * 3,
            ["App", "10", 'Bien,\n"rápido"'], ["App", "2"], ["Web"], ["App", "9", ""]]  # fmt: skip
    with (tmp_path / "q.csv").open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    path = journey(
        tmp_path,
        "              - {name: A, kind: nps, data: {file: q.csv, column: Q3, where: {Q1: App}}}",
        "              - {name: B, kind: count, data: {file: q.csv, column: Q4}}",
    )
    nps, comments = measured(path)
    assert (nps["value"], nps["n"]) == (round(100 * (2 - 1) / 3, 1), 3)
    assert (comments["value"], comments["n"]) == (1, 1)


def test_a_file_broken_past_what_duckdb_samples_is_one_clear_error(tmp_path: Path) -> None:
    lines = ["Q1,Q3"] + ["App,9"] * 30_000 + ["App"]  # a short row, far past what DuckDB samples
    (tmp_path / "big.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = journey(tmp_path, "              - {name: A, kind: nps, data: {file: big.csv, column: Q3}}")
    result = cjm("measure", str(path))
    assert result.code == 2 and "metric 'A': big.csv: cannot read" in result.err, result
    assert "Traceback" not in result.err


# -- every value of `where` and `match` must be in the file --------------------------------------------

TEAM = [  # role, answered the question, score
    ("Security lead", "Sí", "9"),
    ("SOC analyst", "No", "3"),
    ("Security lead", "sí", "10"),
    ("CISO", "SI", "7"),
    ("Soc Analyst", "Sí", "8"),
]


def _team(folder: Path, *metrics: str) -> Path:
    with (folder / "team.csv").open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([("Role", "Resuelto", "Score"), *TEAM])
    return journey(folder, *metrics)


@pytest.mark.parametrize(
    ("data", "said"),
    [
        ("where: {Role: [Security Lead, SOC analyst]}",
         "where: no row has 'Security Lead' in column 'Role'; the closest it holds: 'Security lead'"),
        ("where: {Role: Ciso}", "where: no row has 'Ciso' in column 'Role'; the closest it holds: 'CISO'"),
        ("where: {Role: Auditor}", "where: no row has 'Auditor' in column 'Role'; it holds: 'Security lead',"),
    ],
)  # fmt: skip
def test_a_where_value_that_matches_no_row_stops_the_run_naming_it_and_the_closest(
    tmp_path: Path, data: str, said: str
) -> None:
    path = _team(
        tmp_path, f"              - {{name: M, kind: nps, data: {{file: team.csv, column: Score, {data}}}}}"
    )
    before = path.read_bytes()
    result = cjm("measure", str(path))
    assert result.code == 2 and path.read_bytes() == before
    assert f"metric 'M': team.csv: {said}" in result.err, result.err
    assert "SOC analyst' in column" not in result.err  # the value that is there is not said


def test_a_match_answer_no_row_holds_stops_the_run(tmp_path: Path) -> None:
    path = _team(
        tmp_path,
        "              - {name: S, kind: share, data: {file: team.csv, column: Resuelto, match: [Sí, Si]}}",
    )
    result = cjm("measure", str(path))
    assert result.code == 2
    said = "metric 'S': team.csv: match: no row has 'Si' in column 'Resuelto'; the closest it holds: 'Sí', 'SI', 'sí'"
    assert said in result.err, result.err  # every spelling of it, the most frequent first


def _fold(text: str) -> str:
    """Case and accents aside, computed here without cjm."""
    plain = {"í": "i", "Í": "I"}
    return "".join(plain.get(c, c) for c in text).lower()


def test_match_case_false_compares_without_case_and_accents(tmp_path: Path) -> None:
    path = _team(
        tmp_path,
        "              - {name: M, kind: nps, data: {file: team.csv, column: Score, where: {Role: [security LEAD, Ciso]},"
        " match_case: false}}",
        "              - {name: S, kind: share, data: {file: team.csv, column: Resuelto, match: si, match_case: false}}",
    )
    nps, share = measured(path)
    roles = {"security lead", "ciso"}
    scores = [int(score) for role, _, score in TEAM if _fold(role) in roles]
    promoters, detractors = sum(s >= 9 for s in scores), sum(s <= 6 for s in scores)
    assert (nps["value"], nps["n"]) == (round(100 * (promoters - detractors) / len(scores), 1), len(scores))
    yes = [answer for _, answer, _ in TEAM if _fold(answer) == "si"]
    assert (share["value"], share["n"]) == (round(100 * len(yes) / len(TEAM), 1), len(TEAM))


# -- a date window applies to every metric it is given for ----------------------------------------

DATED = "              - {name: Dated, kind: nps, data: {file: a.csv, column: Score, date_column: Fecha}}"
UNDATED = "              - {name: Undated, kind: count, data: {file: a.csv}}"


@pytest.mark.parametrize("window", [("--since", "2026-11-01"), ("--until", "2026-11-01"),
                                    ("--since", "2026-10-10", "--until", "2026-11-25")])  # fmt: skip
def test_a_date_window_on_a_metric_without_date_column_is_an_error(
    tmp_path: Path, window: tuple[str, ...]
) -> None:
    write_csv(tmp_path / "a.csv")
    path = journey(tmp_path, DATED, UNDATED)
    before = path.read_bytes()
    result = cjm("measure", str(path), *window)
    assert result.code == 2 and path.read_bytes() == before
    assert (
        "j.yaml:15:52: metric 'Undated' has no date_column, so --since and --until cannot apply" in result.err
    )
    assert "--skip-undated" in result.err and "'Dated'" not in result.err


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_skip_undated_leaves_such_a_metric_out_with_a_warning(tmp_path: Path, output_format: str) -> None:
    write_csv(tmp_path / "a.csv")
    path = journey(tmp_path, DATED, UNDATED)
    result = cjm("measure", str(path), "--since", "2026-11-01", "--skip-undated", "--date", "2026-11-30",
                 "--format", output_format)  # fmt: skip
    assert result.code == 0, result
    assert "warning: " in result.err and "metric 'Undated' has no date_column" in result.err
    assert "left out (--skip-undated)" in result.err
    written = path.read_text(encoding="utf-8")
    assert written.count("measured: 2026-11-30") == 1 and UNDATED in written  # the undated one untouched
    want = expected("nps", [r for r in ROWS if r[4] >= "2026-11-01"])
    if output_format == "json":
        [m] = json.loads(result.out)["metrics"]
        assert (m["name"], m["value"], m["n"]) == ("Dated", *want)
    else:
        assert "Undated" not in result.out and f"(n = {want[1]}," in result.out


# -- a change of a percentage is in points ------------------------------------------------------------

CSAT = """\
cjm: 1
id: encuesta
title: Encuesta
{lang}phases:
  - id: after
    stages:
      - id: uso
        name: Uso
        touchpoints:
          - id: t
            name: T
            channel: email
            emotion: 1
            metrics:
              - name: CSAT
                kind: csat
                target: 80
                unit: "%"
                data: {{file: csat.csv, column: CSAT}}
                value: 75
                measured: 2026-10-31
"""


@pytest.mark.parametrize(("lang", "said"), [("", "worse -16.7 pts since 2026-10-31"),
                                            ("lang: es\n", "peor -16,7 p. p. desde 2026-10-31")])  # fmt: skip
@pytest.mark.parametrize("output_format", ["text", "markdown", "html"])
def test_the_change_of_a_percentage_is_in_points(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str, output_format: str
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # the terminal table keeps each trend on one line
    answers = ["5", "4", "2", "4", "5", "1", "3", "4", "5", "2", "4", "3"]  # 7 of 12 satisfied
    (tmp_path / "csat.csv").write_text("CSAT\n" + "\n".join(answers) + "\n", encoding="utf-8")
    path = tmp_path / "j.yaml"
    path.write_text(CSAT.format(lang=lang), encoding="utf-8")
    [m] = measured(path)
    satisfied = round(100 * sum(int(a) >= 4 for a in answers) / len(answers), 1)
    assert (m["previous"], m["value"]) == (75, satisfied)
    report = cjm("report", str(path), "--format", output_format)
    assert report.code == 0, report
    change = round(satisfied - 75, 1)
    assert said in report.out and f"{abs(change)}".replace(".", "," if lang else ".") in said
    assert "-16.7%" not in report.out and "-16,7 %" not in report.out


# -- every kind, on every tool's export, against plain Python -------------------------------------------

RESPONSES = [  # when, channel, recommend 0-10, satisfied 1-5, effort 1-7, resolved, comment
    (datetime.datetime(2026, 10, 30, 23, 50), "App", "10 - Muy probable", "5", "2", "Sí", "Genial,\ngracias"),
    (datetime.datetime(2026, 11, 1, 0, 0), "App", "9", "4", "3", "Sí", ""),
    (datetime.datetime(2026, 11, 4, 13, 5), "Web", "2", "1", "7", "No", 'Nada "claro"; lento'),
    (datetime.datetime(2026, 11, 8, 9, 0), "App", "7", "3", "", "No", "Bien\r\nsin más"),
    (datetime.datetime(2026, 11, 15, 17, 45), "App", "", "2", "6", "", ""),
    (datetime.datetime(2026, 11, 22, 8, 30), "App", "4", "5", "1", "Sí", "Rápido, amable"),
    (datetime.datetime(2026, 11, 30, 23, 59), "App", "8", "4", "4", "No", ""),
    (datetime.datetime(2026, 12, 1, 0, 0), "App", "0", "1", "7", "No", "Fuera de plazo"),
]
ROLES = ("date", "channel", "score", "csat", "ces", "resolved", "comment")


def _tool_export(folder: Path, tool: str) -> tuple[str, dict[str, str]]:
    """RESPONSES as `tool` exports them, and the name a metric gives each column."""
    names = dict(
        zip(
            ROLES,
            ["Fecha", "Canal", QUESTION, "Satisfacción", "Esfuerzo", "¿Resuelto?", "Comentario"],
            strict=True,
        )
    )
    if tool == "google-forms":
        import openpyxl

        book = openpyxl.Workbook()
        book.active.append(["Marca temporal", *list(names.values())[1:]])
        for when, *answers in RESPONSES:
            book.active.append([when, *(int(a) if a.isdigit() else a or None for a in answers)])
        book.save(folder / "forms.xlsx")
        return "forms.xlsx", {**names, "date": "Marca temporal"}
    name = f"{tool}.csv"
    with (folder / name).open(
        "w", encoding="utf-8-sig" if tool != "typeform" else "utf-8", newline=""
    ) as out:
        writer = csv.writer(out, lineterminator="\r\n" if tool != "typeform" else "\n")
        if tool == "qualtrics":
            ids = ["RecordedDate", "Q1", "Q3", "Q5", "Q6", "Q7", "Q8_TEXT"]
            writer.writerows([ids, ["Recorded Date", *list(names.values())[1:]],
                              [json.dumps({"ImportId": i}) for i in ids]])  # fmt: skip
            writer.writerows([(w.isoformat(sep=" "), *rest) for w, *rest in RESPONSES])
            return name, dict(zip(ROLES, ids, strict=True))
        if tool == "surveymonkey":  # US dates, as SurveyMonkey writes them
            writer.writerows([["Respondent ID", "Start Date", *list(names.values())[1:]],
                              ["", "", "Response", "Response", "Response", "Response", "Response", "Open-Ended Response"]])  # fmt: skip
            writer.writerows(
                [
                    (str(i), w.strftime("%m/%d/%Y %I:%M:%S %p"), *rest)
                    for i, (w, *rest) in enumerate(RESPONSES)
                ]
            )
            return name, {**names, "date": "Start Date"}
        writer.writerow(["#", *list(names.values())[1:], "Submitted At", "Token"])  # typeform
        writer.writerows(
            [(f"r{i}", *rest, w.isoformat(sep=" "), f"t{i}") for i, (w, *rest) in enumerate(RESPONSES)]
        )
        return name, {**names, "date": "Submitted At"}


def _leading(answer: str) -> float | None:
    """An answer's leading number ("10 - Muy probable" is 10), computed here without cjm."""
    digits = answer.split(" ")[0]
    return float(digits) if digits.replace(".", "", 1).isdigit() else None


@pytest.mark.parametrize("tool", ["qualtrics", "surveymonkey", "typeform", "google-forms"])
def test_every_kind_on_every_tools_export_is_the_figure_computed_by_hand(tmp_path: Path, tool: str) -> None:
    file, names = _tool_export(tmp_path, tool)
    kinds = {"nps": "score", "csat": "csat", "ces": "ces", "mean": "score", "median": "score", "share": "resolved",
             "count": "comment"}  # fmt: skip
    metrics = [
        f"              - name: {kind}\n                kind: {kind}\n                data: {{file: {file},"
        f" column: {json.dumps(names[role])}, where: {{{json.dumps(names['channel'])}: App}},"
        f" date_column: {json.dumps(names['date'])}{', match: Sí' if kind == 'share' else ''}}}"
        for kind, role in kinds.items()
    ]
    figures = {m["name"]: (m["value"], m["n"]) for m in measured(journey(tmp_path, *metrics), "--since", "2026-11-01",
                                                                 "--until", "2026-11-30")}  # fmt: skip
    kept = [r for r in RESPONSES if r[1] == "App" and "2026-11-01" <= r[0].date().isoformat() <= "2026-11-30"]
    column = {role: [r[i] for r in kept] for i, role in enumerate(ROLES)}
    numbers = {
        role: [v for a in column[role] if (v := _leading(a)) is not None] for role in ("score", "csat", "ces")
    }
    scores, answered = numbers["score"], [a for a in column["resolved"] if a]
    want = {
        "nps": (
            round(100 * (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) / len(scores), 1),
            len(scores),
        ),
        "csat": (
            round(100 * sum(c >= 4 for c in numbers["csat"]) / len(numbers["csat"]), 1),
            len(numbers["csat"]),
        ),
        "ces": (round(statistics.mean(numbers["ces"]), 2), len(numbers["ces"])),
        "mean": (round(statistics.mean(scores), 2), len(scores)),
        "median": (round(statistics.median(scores), 2), len(scores)),
        "share": (round(100 * answered.count("Sí") / len(answered), 1), len(answered)),
        "count": (sum(1 for a in column["comment"] if a.strip()),) * 2,
    }
    assert figures == {kind: (int(v) if float(v).is_integer() else v, n) for kind, (v, n) in want.items()}


@pytest.mark.parametrize(
    ("data", "column", "message"),
    [
        ("{file: a.csv, column: Resuelto}", 46, "kind share needs 'match': the answers that count as success"),
        ("{file: a.csv, column: Resuelto, match: []}", 46, "kind share needs 'match'"),
        ("{file: a.pdf, column: Resuelto, match: Sí}", 53, "'a.pdf' is not an export cjm measure reads"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("command", ["validate", "measure"])
def test_what_measure_needs_of_data_is_checked_by_validate(
    tmp_path: Path, command: str, data: str, column: int, message: str
) -> None:
    write_csv(tmp_path / "a.csv")
    path = journey(tmp_path, f"              - {{name: M, kind: share, data: {data}}}")
    before = path.read_bytes()
    result = cjm(command, str(path))
    assert result.code != 0 and path.read_bytes() == before
    assert f"j.yaml:14:{column}: CJM101" in result.out + result.err and message in result.out + result.err, (
        result.out + result.err
    )


def test_the_suffixes_validate_accepts_are_the_ones_measure_reads() -> None:
    from cjm.data.tables import SUFFIXES
    from cjm.model import DATA_SUFFIXES

    assert sorted(DATA_SUFFIXES) == sorted(SUFFIXES)


def _queries(printed: str) -> list[tuple[str, str]]:
    """(the comment naming the metric, the query) of each metric `--format sql` printed."""
    blocks = [block for block in printed.split(";\n\n") if block.strip()]
    return [(block.splitlines()[0], "\n".join(block.splitlines()[1:])) for block in blocks]


@pytest.mark.parametrize("tool", ["qualtrics", "surveymonkey", "typeform", "parquet", "jsonl"])
def test_the_sql_shown_runs_in_duckdb_on_the_file_and_gives_the_figure(tmp_path: Path, tool: str) -> None:
    import duckdb

    file, names = _tool_export(tmp_path, "typeform" if tool in ("parquet", "jsonl") else tool)
    if tool in ("parquet", "jsonl"):  # the same answers, with a header holding a quote
        names = {**names, "score": 'El "NPS"'}
        renamed = f'SELECT * RENAME ("{QUESTION}" AS "El ""NPS""") FROM read_csv(\'{tmp_path / file}\', all_varchar=true)'
        rows = duckdb.sql(renamed)
        file = f"answers.{tool}"
        rows.write_parquet(str(tmp_path / file)) if tool == "parquet" else duckdb.sql(
            f"COPY (SELECT * FROM rows) TO '{tmp_path / file}' (FORMAT json)"
        )
    kinds = {
        "nps": "score",
        "csat": "csat",
        "ces": "ces",
        "median": "score",
        "share": "resolved",
        "count": "comment",
    }
    metrics = [
        f"              - name: {kind}\n                kind: {kind}\n                data: {{file: {file},"
        f" column: {json.dumps(names[role])}, where: {{{json.dumps(names['channel'])}: App}},"
        f" date_column: {json.dumps(names['date'])}{', match: Sí' if kind == 'share' else ''}}}"
        for kind, role in kinds.items()
    ]
    path = journey(tmp_path, *metrics)
    window = ("--since", "2026-11-01", "--until", "2026-11-30")
    figures = {m["name"]: (m["value"], m["n"]) for m in measured(path, *window, "--dry-run")}
    printed = cjm("measure", str(path), "--format", "sql", "--dry-run", *window, cwd=Path("/"))
    assert printed.code == 0, printed
    queries = _queries(printed.out)
    assert [comment.split(" / ")[-1].split(" — ")[0] for comment, _ in queries] == list(kinds)
    for (comment, sql), kind in zip(queries, kinds, strict=True):
        assert comment.startswith(f"-- {path}:") and " t / " in comment
        header = names[kinds[kind]]
        assert str(tmp_path / file) in sql and '"' + header.replace('"', '""') + '"' in sql, sql
        assert " t0" not in sql and "c5" not in sql
        value, n, _ = duckdb.connect().execute(sql).fetchone()  # a fresh DuckDB, nothing of cjm's
        assert (int(value) if float(value).is_integer() else value, n) == figures[kind], kind


@pytest.mark.parametrize("tool", ["qualtrics", "google-forms"])
@pytest.mark.parametrize(
    ("kind", "method", "role"),
    [("csat", None, "csat"), ("csat", "top2", "csat"), ("csat", "mean", "csat"), ("ces", None, "ces"),
     ("ces", "mean", "ces"), ("ces", "agree", "ces")],
)  # fmt: skip
def test_a_method_says_how_a_kind_with_variants_is_computed_and_is_shown_with_the_figure(
    tmp_path: Path, tool: str, kind: str, method: str | None, role: str
) -> None:
    file, names = _tool_export(tmp_path, tool)
    said = f"\n                method: {method}" if method else ""
    path = journey(
        tmp_path,
        f"              - name: M\n                kind: {kind}{said}\n                data: {{file: {file},"
        f" column: {json.dumps(names[role])}}}",
    )
    answers = [v for r in RESPONSES if (v := _leading(r[ROLES.index(role)])) is not None]
    used = method or {"csat": "top2", "ces": "mean"}[kind]
    top = {"csat": 4, "ces": 5}[kind]
    exact = (
        Fraction(sum(Fraction(a) for a in answers), len(answers))
        if used == "mean"
        else Fraction(100 * sum(a >= top for a in answers), len(answers))
    )
    places = Decimal("0.01") if used == "mean" else Decimal("0.1")  # half away from zero, as people round
    value = float((Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(places, ROUND_HALF_UP))
    value = int(value) if value.is_integer() else value
    [m] = measured(path, "--dry-run")
    definition = {("csat", "top2"): ("4–5 of 1–5", "4–5 de 1–5"), ("csat", "mean"): ("mean of 1–5", "media de 1–5"),
                  ("ces", "mean"): ("mean of 1–7", "media de 1–7"), ("ces", "agree"): ("5–7 of 1–7", "5–7 de 1–7")}[
        (kind, used)]  # fmt: skip
    assert (m["value"], m["n"], m["method"], m["definition"]) == (value, len(answers), used, definition[0])
    for lang, words in zip(("en", "es"), definition, strict=True):
        text = cjm("measure", str(path), "--dry-run", "--date", "2026-11-30", "--lang", lang)
        n = f"n = {len(answers)}"
        assert text.code == 0 and f"({words}, {n}, " in text.out, text.out
    printed = cjm("measure", str(path), "--dry-run", "--format", "sql")
    assert f"/ M — {kind} {used} ({definition[0]})" in printed.out, printed.out


@pytest.mark.parametrize(
    ("kind", "method", "message"),
    [("csat", "agree", "kind csat is computed by top2 or mean, not 'agree'"),
     ("ces", "top2", "kind ces is computed by mean or agree, not 'top2'"),
     ("nps", "mean", "only kinds csat and ces have a method, not kind nps"),
     ("csat", "best", "'method' in metric 'M' must be")],
)  # fmt: skip
def test_a_method_the_kind_does_not_have_is_a_validate_error(
    tmp_path: Path, kind: str, method: str, message: str
) -> None:
    write_csv(tmp_path / "a.csv")
    path = journey(
        tmp_path,
        f"              - {{name: M, kind: {kind}, method: {method}, data: {{file: a.csv, column: CSAT}}}}",
    )
    result = cjm("validate", str(path))
    assert (
        result.code == 1 and "j.yaml:14:" in result.out and "CJM101" in result.out and message in result.out
    ), result.out


def test_the_progress_bar_shows_on_a_terminal_and_never_in_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_csv(tmp_path / "a.csv")
    path = journey(
        tmp_path, *(f"              - {{name: M{i}, kind: count, data: {{file: a.csv}}}}" for i in range(3))
    )
    quiet = cjm("measure", str(path), "--dry-run", "--format", "json")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # rich draws as on a terminal
    monkeypatch.setenv("COLUMNS", "100")
    drawn = cjm("measure", str(path), "--dry-run", "--format", "json")
    assert quiet.code == drawn.code == 0
    assert "Measuring" not in quiet.err and "Measuring" in drawn.err and "100%" in drawn.err, drawn.err
    assert json.loads(drawn.out) == json.loads(quiet.out)


FLOW = "              - {name: A, kind: count, data: {file: a.csv}, value: 5, measured: 2026-10-01}{gap}# tras la firma"


@pytest.mark.parametrize("gap", [" ", "  ", "      "])
def test_a_flow_metrics_trailing_comment_keeps_its_spacing(tmp_path: Path, gap: str) -> None:
    write_csv(tmp_path / "a.csv")
    path = journey(
        tmp_path,
        FLOW.replace("{gap}", gap),
        "              - {name: B, kind: count, data: {file: a.csv}}   # filas",
    )
    assert cjm("measure", str(path), "--date", "2026-11-30").code == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[13] == (
        "              - {name: A, kind: count, data: {file: a.csv}, value: 6, n: 6, measured: 2026-11-30,"
        f" history: [{{date: 2026-10-01, value: 5}}]}}{gap}# tras la firma"
    )
    assert lines[14].endswith("n: 6, measured: 2026-11-30}   # filas"), lines[14]


def _git(folder: Path, *args: str) -> None:
    import subprocess

    day = "2026-09-15T10:00:00+00:00"
    env = {"GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "a",
           "GIT_COMMITTER_EMAIL": "a@example.org", "GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day,
           "PATH": os.environ["PATH"], "HOME": str(folder)}  # fmt: skip
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


@pytest.mark.parametrize("in_git", [True, False])
def test_an_old_value_without_measured_goes_into_history_with_the_day_the_file_was_written(
    tmp_path: Path, in_git: bool
) -> None:
    write_csv(tmp_path / "a.csv")
    path = journey(tmp_path, "              - {name: A, kind: count, data: {file: a.csv}, value: 5}")
    if in_git:
        _git(tmp_path, "init", "-q")
        _git(tmp_path, "add", "j.yaml")
        _git(tmp_path, "commit", "-q", "-m", "map")
    os.utime(path, (datetime.datetime(2026, 8, 1, 12).timestamp(),) * 2)
    [m] = measured(path)
    assert (m["previous"], m["value"]) == (5, 6)
    history = "[{date: 2026-09-15, value: 5}]" if in_git else "[{date: 2026-08-01, value: 5}]"
    assert f"measured: 2026-11-30, history: {history}}}" in path.read_text(encoding="utf-8")
    assert cjm("validate", str(path)).code == 0
