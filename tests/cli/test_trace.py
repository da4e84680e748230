"""`cjm trace`: generated event logs whose true figures are computed here, in plain Python.

The logs have sessions that go along the map, skip forward, go back, repeat an event, stop
early, carry events no touchpoint lists, and belong to two segments. Every figure of the trace
is checked against what this file computes from the same rows, on CSV, Parquet and JSON lines.
"""

from __future__ import annotations

import csv
import datetime
import itertools
import json
import random
import statistics
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import duckdb
import jsonschema
import pytest
from conftest import ROOT, cjm

JOURNEY = """cjm: 1
id: compra-online
title: Comprar online
personas:
  - {id: ana, name: Ana, needs: [x]}
  - {id: luis, name: Luis, needs: [x]}
phases:
  - id: before
    stages:
      - id: descubrir
        name: Descubrir
        touchpoints:
          - {id: anuncio, name: Ve el anuncio, channel: social, events: [ad_click, ad_view]}
          - {id: ficha, name: Lee la ficha, channel: web, events: [product_view]}
  - id: during
    stages:
      - id: comprar
        name: Comprar
        touchpoints:
          - {id: carrito, name: Abre el carrito, channel: web, events: [cart_view, checkout_started]}
          - {id: tienda, name: Pregunta en tienda, channel: store}
          - {id: pago, name: Paga, channel: web, events: [payment_submitted]}
          - {id: resena, name: Deja una reseña, channel: web, events: [review_written]}
"""
ORDER = ["anuncio", "ficha", "carrito", "tienda", "pago", "resena"]
EVENT_TP = {"ad_click": "anuncio", "ad_view": "anuncio", "product_view": "ficha", "cart_view": "carrito",
            "checkout_started": "carrito", "payment_submitted": "pago", "review_written": "resena"}  # fmt: skip
DRAWN = {
    ("anuncio", "ficha"),
    ("ficha", "carrito"),
    ("carrito", "pago"),
    ("pago", "resena"),
}  # tienda: no events
START = datetime.datetime(2026, 11, 2, 8, 0, 0)


def generate(seed: int = 3, sessions: int = 240) -> list[tuple[str, str, datetime.datetime, str]]:
    """Rows (session, event, time, segment): paths along the map, with skips, loops, repeats,
    abandonment and noise."""
    rng = random.Random(seed)
    rows = []
    for number in range(sessions):
        session, segment = f"s{number:04d}", rng.choice(["a", "b", "b"])
        when = START + datetime.timedelta(minutes=37 * number)
        path = ["ad_view", "ad_click"] if rng.random() < 0.7 else []
        path += ["product_view"]
        if rng.random() < 0.15:
            path += ["product_view"]  # a reload: the same event again
        if rng.random() < 0.7:
            path += ["cart_view", "checkout_started"]
            if rng.random() < 0.2:
                path += ["product_view", "cart_view"]  # back to the product, then the cart again
            if rng.random() < 0.6:
                path += ["payment_submitted"]
                if rng.random() < 0.3:
                    path += ["review_written"]
        if rng.random() < 0.1:
            path = ["ad_click", "payment_submitted"]  # a skip forward
        if rng.random() < 0.4:
            path.insert(rng.randrange(len(path) + 1), rng.choice(["page_view", "cookie_ok", "scroll"]))
        if rng.random() < 0.05:
            path = ["page_view"]  # never enters the journey
        for event in path:
            when += datetime.timedelta(seconds=rng.randint(5, 900))
            rows.append((session, event, when, segment))
    rng.shuffle(rows)  # an export is not in order
    return rows


def truth(rows: list[tuple[str, str, datetime.datetime, str]]) -> dict[str, Any]:
    """The figures, computed the plain way: sessions in time order, visits, steps."""
    by_session: dict[str, list[tuple[datetime.datetime, int, str, str]]] = defaultdict(list)
    for session, event, when, segment in rows:
        if event in EVENT_TP:
            by_session[session].append((when, ORDER.index(EVENT_TP[event]), event, segment))
    result: dict[str | None, dict[str, Any]] = {}
    for group in (None, "a", "b"):
        reached: Counter[str] = Counter()
        dropoff: Counter[str] = Counter()
        waits: dict[str, list[float]] = defaultdict(list)
        steps: dict[tuple[str, str], set[str]] = defaultdict(set)
        times: Counter[tuple[str, str]] = Counter()
        entered = 0
        for session, events in by_session.items():
            events.sort()
            if group is not None and events[0][3] != group:
                continue
            entered += 1
            visits: list[tuple[str, datetime.datetime]] = []
            previous: tuple[int, str] | None = None
            for when, index, event, _ in events:
                if previous is None or index != previous[0] or event == previous[1]:
                    visits.append((ORDER[index], when))
                previous = (index, event)
            for tp in {tp for tp, _ in visits}:
                reached[tp] += 1
            dropoff[visits[-1][0]] += 1
            for (a, at), (b, bt) in itertools.pairwise(visits):
                steps[(a, b)].add(session)
                times[(a, b)] += 1
                if a != b:
                    waits[a].append((bt - at).total_seconds())
        result[group] = {
            "entered": entered,
            "reached": dict(reached),
            "dropoff": dict(dropoff),
            "median": {tp: statistics.median(w) for tp, w in waits.items()},
            "steps": {pair: (len(s), times[pair]) for pair, s in steps.items()},
        }
    unmapped = Counter(event for _, event, _, _ in rows if event not in EVENT_TP)
    return {
        "groups": result,
        "unmapped": unmapped,
        "events": len(rows),
        "sessions": len({r[0] for r in rows}),
    }


def write_events(rows: list[tuple[str, str, datetime.datetime, str]], folder: Path, suffix: str) -> Path:
    path = folder / f"eventos{suffix}"
    if suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Session ID", "Event Name", "Timestamp", "Segmento"])
            writer.writerows((s, e, w.isoformat(sep=" "), g) for s, e, w, g in rows)
    elif suffix == ".jsonl":  # times as seconds since 1970, as many tools write them
        epoch = datetime.datetime(1970, 1, 1)
        with path.open("w", encoding="utf-8") as handle:
            for s, e, w, g in rows:
                record = {
                    "Session ID": s,
                    "Event Name": e,
                    "Timestamp": (w - epoch).total_seconds(),
                    "Segmento": g,
                }
                handle.write(json.dumps(record) + "\n")
    else:
        con = duckdb.connect()
        con.execute(
            'CREATE TABLE t ("Session ID" VARCHAR, "Event Name" VARCHAR, "Timestamp" TIMESTAMP, "Segmento" VARCHAR)'
        )
        con.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", rows)
        con.execute(f"COPY t TO '{path}' (FORMAT parquet)")
        con.close()
    return path


COLUMNS = ["--session", "Session ID", "--event", "Event Name", "--time", "Timestamp"]


@pytest.fixture(scope="module")
def rows() -> list[tuple[str, str, datetime.datetime, str]]:
    return generate()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "journey.yaml").write_text(JOURNEY, encoding="utf-8")
    return tmp_path


def traced(folder: Path, events: Path, *more: str) -> dict[str, Any]:
    result = cjm(
        "trace", str(folder / "journey.yaml"), "--events", str(events), *COLUMNS, "-f", "json", *more
    )
    assert result.code == 0, result
    document: dict[str, Any] = json.loads(result.out)
    return document


def _check_reach(found: list[dict[str, Any]], expected: dict[str, Any], traced_only: set[str]) -> None:
    entered = expected["entered"]
    for figures in found:
        tp = figures["id"]
        reached = expected["reached"].get(tp, 0)
        assert figures["reached"] == reached, tp
        assert figures["share"] == round(reached / entered, 4), tp
        assert figures["dropoff"] == expected["dropoff"].get(tp, 0), tp
        assert figures["dropoff_share"] == (round(figures["dropoff"] / reached, 4) if reached else None), tp
        median = expected["median"].get(tp)
        assert figures["median_seconds_to_next"] == (
            None if median is None else pytest.approx(median, abs=1e-3)
        ), tp
    assert {f["id"] for f in found} >= traced_only


def _check_steps(found: list[dict[str, Any]], expected: dict[str, Any]) -> None:
    entered = expected["entered"]
    assert {(s["from"], s["to"]): (s["sessions"], s["times"]) for s in found} == expected["steps"]
    for step in found:
        a, b = ORDER.index(step["from"]), ORDER.index(step["to"])
        drawn = (step["from"], step["to"]) in DRAWN
        kind = "along" if drawn else "repeat" if a == b else "skip" if b > a else "back"
        assert (step["drawn"], step["kind"]) == (drawn, kind)
        assert step["share"] == round(step["sessions"] / entered, 4)
    ranked = [s["sessions"] for s in found]
    assert ranked == sorted(ranked, reverse=True)


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_every_figure_is_what_the_sessions_say(project: Path, rows: Any, suffix: str) -> None:
    expected = truth(rows)
    events = write_events(rows, project, suffix)
    found = traced(project, events, "--persona", "Segmento", "--persona-map", "a=ana,b=luis")
    whole = expected["groups"][None]
    assert (found["events"], found["sessions"], found["entered"]) == (
        expected["events"], expected["sessions"], whole["entered"],
    )  # fmt: skip
    assert found["unmapped_events"] == sum(expected["unmapped"].values())
    assert {u["event"]: u["count"] for u in found["unmapped"]} == dict(expected["unmapped"])
    assert [t["id"] for t in found["touchpoints"]] == ORDER
    _check_reach(found["touchpoints"], whole, set(ORDER) - {"tienda"})
    _check_steps(found["transitions"], whole)
    kinds = {s["kind"] for s in found["transitions"]}
    assert kinds == {"along", "skip", "back", "repeat"}  # the log has every kind of step
    assert found["unreached"] == [] and found["untraced"] == ["tienda"]
    segments = {s["segment"]: s for s in found["segments"]}
    assert set(segments) == {"a", "b"}
    assert (segments["a"]["persona"], segments["a"]["name"], segments["b"]["persona"]) == (
        "ana",
        "Ana",
        "luis",
    )
    for value in ("a", "b"):
        assert segments[value]["entered"] == expected["groups"][value]["entered"]
        _check_reach(segments[value]["touchpoints"], expected["groups"][value], set())
        _check_steps(segments[value]["transitions"], expected["groups"][value])
    schema = json.loads((ROOT / "schemas" / "trace.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(found)


def test_since_and_until_keep_the_events_of_those_days(project: Path, rows: Any) -> None:
    kept = [r for r in rows if datetime.date(2026, 11, 3) <= r[2].date() <= datetime.date(2026, 11, 4)]
    expected = truth(kept)
    events = write_events(rows, project, ".csv")
    found = traced(project, events, "--since", "2026-11-03", "--until", "2026-11-04")
    assert (found["events"], found["entered"]) == (expected["events"], expected["groups"][None]["entered"])
    assert found["since"] == "2026-11-03" and found["until"] == "2026-11-04"
    _check_reach(found["touchpoints"], expected["groups"][None], set())


def test_a_touchpoint_nobody_reaches_fails_the_unreached_gate(project: Path, rows: Any) -> None:
    events = write_events(rows, project, ".csv")
    journey = project / "journey.yaml"
    journey.write_text(JOURNEY.replace("events: [review_written]", "events: [review_written, survey_sent]"))
    assert cjm("trace", str(journey), "--events", str(events), *COLUMNS, "--fail-on", "unreached").code == 0
    journey.write_text(JOURNEY.replace("events: [review_written]", "events: [survey_sent]"))
    result = cjm("trace", str(journey), "--events", str(events), *COLUMNS, "--fail-on", "unreached")
    assert result.code == 1
    assert "touchpoint 'resena' was reached by no session" in result.err
    assert json.loads(cjm("trace", str(journey), "--events", str(events), *COLUMNS, "-f", "json").out)[
        "unreached"
    ] == ["resena"]


def test_the_undrawn_gate_fails_at_the_share_of_its_most_taken_undrawn_step(project: Path, rows: Any) -> None:
    whole = truth(rows)["groups"][None]
    top = max(n for pair, (n, _) in whole["steps"].items() if pair not in DRAWN) / whole["entered"]
    events = write_events(rows, project, ".csv")

    def gate(value: str) -> int:
        return cjm(
            "trace", str(project / "journey.yaml"), "--events", str(events), *COLUMNS, "--fail-on", value
        ).code

    below, above = f"undrawn:{(top * 100) - 0.5:.2f}%", f"undrawn:{(top * 100) + 0.5:.2f}%"
    assert (gate("undrawn"), gate(below), gate(above), gate(f"undrawn:{top + 0.005:.4f}")) == (1, 1, 0, 0)
    assert gate("unreached") == 0
    assert gate("sometimes") == 2 and gate("undrawn:150%") == 2 and gate("undrawn:x") == 2


def test_a_map_that_draws_every_step_passes_the_undrawn_gate(project: Path) -> None:
    rows = [("s1", "ad_click", START, "a"), ("s1", "product_view", START + datetime.timedelta(seconds=30), "a"),
            ("s1", "payment_submitted", START + datetime.timedelta(seconds=90), "a")]  # fmt: skip
    journey = project / "journey.yaml"
    journey.write_text(
        JOURNEY.replace("events: [cart_view, checkout_started]", "events: []")
    )  # cart untraced
    events = write_events(rows, project, ".csv")
    result = cjm(
        "trace", str(journey), "--events", str(events), *COLUMNS, "--fail-on", "undrawn", "-f", "json"
    )
    assert result.code == 0, result
    steps = json.loads(result.out)["transitions"]
    assert [(s["from"], s["to"], s["kind"]) for s in steps] == [
        ("anuncio", "ficha", "along"),
        ("ficha", "pago", "along"),
    ]


@pytest.mark.parametrize(
    ("option", "wrong"),
    [("--session", "sesion"), ("--event", "Event"), ("--time", "Fecha"), ("--persona", "segment")],
)
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_missing_column_is_one_line_naming_it_and_the_columns_the_file_has(
    project: Path, rows: Any, option: str, wrong: str, suffix: str
) -> None:
    events = write_events(rows[:20], project, suffix)
    arguments = dict(zip(COLUMNS[::2], COLUMNS[1::2], strict=True)) | {option: wrong}
    flat = [part for pair in arguments.items() for part in pair]
    result = cjm("trace", str(project / "journey.yaml"), "--events", str(events), *flat)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert f"has no column '{wrong}' ({option})" in result.err
    assert "its columns: Session ID, Event Name, Timestamp, Segmento" in result.err
    assert "Binder" not in result.err and "Catalog Error" not in result.err  # none of DuckDB's own words


def test_unreadable_exports_and_options_are_one_clear_line(project: Path, rows: Any) -> None:
    journey = str(project / "journey.yaml")
    missing = cjm("trace", journey, "--events", str(project / "nada.parquet"), *COLUMNS)
    assert missing.code == 2 and "no such file" in missing.err and missing.err.count("\n") == 1
    broken = project / "roto.parquet"
    broken.write_text("not parquet")
    result = cjm("trace", journey, "--events", str(broken), *COLUMNS)
    assert result.code == 2 and "roto.parquet" in result.err and result.err.count("\n") == 1
    times = project / "horas.csv"
    times.write_text(
        "Session ID,Event Name,Timestamp\ns1,ad_click,ayer\ns1,product_view,2026-11-02 10:00:00\n"
    )
    result = cjm("trace", journey, "--events", str(times), *COLUMNS)
    assert result.code == 2 and "'ayer'" in result.err and "(--time)" in result.err
    events = write_events(rows[:20], project, ".csv")
    for wrong in (["--persona-map", "a=lucia"], ["--persona-map", "a"], ["--since", "ayer"]):
        result = cjm("trace", journey, "--events", str(events), *COLUMNS, "--persona", "Segmento", *wrong)
        assert result.code == 2 and result.err.count("\n") == 1, result
    assert (
        "did you mean 'luis'"
        in cjm(
            "trace",
            journey,
            "--events",
            str(events),
            *COLUMNS,
            "--persona",
            "Segmento",
            "--persona-map",
            "a=luiz",
        ).err
    )


def test_a_folder_of_two_journeys_is_traced_one_at_a_time(project: Path, rows: Any) -> None:
    (project / "otro.yaml").write_text(JOURNEY.replace("id: compra-online", "id: otra"), encoding="utf-8")
    events = write_events(rows[:20], project, ".csv")
    result = cjm("trace", str(project), "--events", str(events), *COLUMNS)
    assert result.code == 2 and "trace one journey file at a time" in result.err


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.headings: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in = tag if tag in ("td", "h2") else self._in

    def handle_endtag(self, tag: str) -> None:
        self._in = None if tag == self._in else self._in

    def handle_data(self, data: str) -> None:
        if self._in == "td":
            self.cells.append(data)
        elif self._in == "h2":
            self.headings.append(data)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("output_format", ["text", "markdown", "html"])
def test_the_human_formats_show_the_same_figures_in_the_language(
    project: Path, rows: Any, lang: str, output_format: str
) -> None:
    events = write_events(rows, project, ".csv")
    out = project / f"traza.{output_format}"
    result = cjm("trace", str(project / "journey.yaml"), "--events", str(events), *COLUMNS, "--persona",
                 "Segmento", "--persona-map", "a=ana", "-f", output_format, "--lang", lang, "-o", str(out))  # fmt: skip
    assert result.code == 0, result
    text = out.read_text(encoding="utf-8")
    whole = truth(rows)["groups"][None]
    share = round(100 * whole["reached"]["carrito"] / whole["entered"], 1)
    space = " " if output_format == "markdown" else "\u00a0"  # Markdown writes every space as one
    written = f"{share:g}%" if lang == "en" else f"{share:g}".replace(".", ",") + f"{space}%"
    expected_words = {
        "en": ["Steps the map does not draw", "step back", "skip forward", "repeat", "Ana (a)", "lists no events"],
        "es": ["Pasos que el mapa no dibuja", "vuelta atrás", "salto hacia delante", "repetición", "Ana (a)",
               "no lista eventos"],
    }[lang]  # fmt: skip
    if output_format == "html":
        parsed = _Cells()
        parsed.feed(text)
        assert f"{whole['reached']['carrito']} ({written})" in parsed.cells
        assert any(expected_words[0] == h for h in parsed.headings)
        text = " ".join(parsed.cells + parsed.headings)
    else:
        assert f"{whole['reached']['carrito']} ({written})" in text
    for word in expected_words:
        assert word in text, word
    if output_format == "markdown":
        assert "| --- |" in text


def test_trace_on_the_example_follows_the_journey_written_with_it() -> None:
    result = cjm("trace", "examples/seguro-hogar.yaml", "--events", "examples/data/eventos-web.csv", "--session",
                 "sesion", "--event", "evento", "--time", "fecha", "-f", "json", cwd=ROOT)  # fmt: skip
    assert result.code == 0, result
    found = json.loads(result.out)
    assert found["entered"] == 60 and found["unreached"] == []


def _measured_journey(folder: Path, events: Path, metrics: str) -> Path:
    journey = folder / "journey.yaml"
    journey.write_text(
        JOURNEY.replace(
            "events: [cart_view, checkout_started]}",
            f"events: [cart_view, checkout_started], metrics: [{metrics}]}}",
        ),
        encoding="utf-8",
    )
    return journey


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_measure_keeps_reach_dropoff_and_conversion_current_from_the_events(
    project: Path, rows: Any, suffix: str
) -> None:
    events = write_events(rows, project, suffix)
    data = f"file: {events.name}, session: Session ID, event: Event Name, time: Timestamp"
    journey = _measured_journey(project, events, ", ".join([
        f"{{name: Llegan, kind: reach, target: 50, unit: '%', data: {{{data}}}}}",
        f"{{name: Se van, kind: dropoff, target: 20, higher_is_better: false, unit: '%', data: {{{data}}}}}",
        f"{{name: Pagan, kind: conversion, target: 90, unit: '%', data: {{{data}, to: pago}}}}",
    ]))  # fmt: skip
    result = cjm("measure", str(journey), "--date", "2026-12-01", "-f", "json")
    assert result.code == 0, result
    measured = {m["name"]: (m["value"], m["n"]) for m in json.loads(result.out)["metrics"]}
    whole = truth(rows)["groups"][None]
    reached = whole["reached"]["carrito"]
    paid_later = 0  # sessions at carrito that reach pago after their first visit to carrito
    by_session: dict[str, list[tuple[datetime.datetime, int, str]]] = defaultdict(list)
    for session, event, when, _ in rows:
        if event in EVENT_TP:
            by_session[session].append((when, ORDER.index(EVENT_TP[event]), event))
    for events_of in by_session.values():
        tps = [ORDER[i] for _, i, _ in sorted(events_of)]
        if "carrito" in tps and "pago" in tps[tps.index("carrito") :]:
            paid_later += 1
    assert measured["Llegan"] == (round(100 * reached / whole["entered"], 1), whole["entered"])
    assert measured["Se van"] == (round(100 * whole["dropoff"]["carrito"] / reached, 1), reached)
    assert measured["Pagan"] == (round(100 * paid_later / reached, 1), reached)
    assert "kind: reach" in journey.read_text(encoding="utf-8")


def test_an_event_metric_that_misses_what_it_needs_is_one_line(project: Path, rows: Any) -> None:
    events = write_events(rows[:30], project, ".csv")
    for metric, said in (
        ("{name: P, kind: conversion, data: {file: eventos.csv, session: Session ID, event: Event Name, time: Timestamp}}", "needs 'to'"),
        ("{name: P, kind: reach, data: {file: eventos.csv, session: sesion, event: Event Name, time: Timestamp}}", "has no column 'sesion'"),
        ("{name: P, kind: conversion, data: {file: eventos.csv, session: Session ID, event: Event Name, time: Timestamp, to: nada}}", "'to: nada' is not a touchpoint"),
        ("{name: P, kind: reach, data: {file: eventos.csv, session: Session ID, event: Event Name, time: Timestamp}}", None),
    ):  # fmt: skip
        journey = _measured_journey(project, events, metric)
        result = cjm("measure", str(journey), "--dry-run", "--since", "2030-01-01")
        assert result.code == 2, result
        assert (said or "no session") in result.err
        assert "journey.yaml:" in result.err and "Traceback" not in result.err
