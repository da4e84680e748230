"""`cjm mcp`, driven as an assistant's client drives it: the SDK's stdio client spawning
`python -m cjm mcp`, on a copy of the examples."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
import pytest
from conftest import EXAMPLES, cjm
from mcp import Client
from mcp.client.stdio import StdioServerParameters

TIMEOUT = 120


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "maps"
    folder.mkdir()
    for file in EXAMPLES.glob("*.yaml"):
        shutil.copy(file, folder / file.name)
    shutil.copytree(EXAMPLES / "data", folder / "data")
    return folder


def _session(root: Path, *extra: str, test: Callable[[Any], Awaitable[None]]) -> None:
    async def main() -> None:
        server = StdioServerParameters(
            command=sys.executable,
            args=["-m", "cjm", "mcp", "--root", str(root), *extra],
            cwd=str(root.parent),
        )
        with anyio.fail_after(TIMEOUT):
            async with Client(server, read_timeout_seconds=TIMEOUT) as client:
                await test(client)

    anyio.run(main)


def test_every_tool_is_listed_with_its_schema_and_answers(root: Path) -> None:
    async def test(client: Any) -> None:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        assert set(tools) == {"list_journeys", "validate", "report", "render", "diff", "measure", "edit"}
        assert all(t.input_schema["type"] == "object" for t in tools.values())
        ops = tools["edit"].input_schema["properties"]["ops"]
        assert "add_touchpoint" in json.dumps(ops) and "Touchpoint" in tools["edit"].input_schema["$defs"]

        listed = (await client.call_tool("list_journeys", {})).structured_content["journeys"]
        assert {j["id"] for j in listed} >= {"seguro-hogar"}
        hogar = next(j for j in listed if j["id"] == "seguro-hogar")
        assert hogar["file"] == "seguro-hogar.yaml" and hogar["counts"]["touchpoints"] > 0

        checked = (await client.call_tool("validate", {"paths": ["seguro-hogar.yaml"]})).structured_content
        assert checked["errors"] == 0 and all(
            {"file", "line", "column", "code"} <= set(f) for f in checked["findings"]
        )
        report = (
            await client.call_tool("report", {"path": "seguro-hogar.yaml", "persona": "ana", "lang": "en"})
        ).structured_content
        assert report["journey"] == "seguro-hogar" and report["curve"]
        for chosen in ("markdown", "mermaid", "json"):
            drawn = await client.call_tool("render", {"path": "seguro-hogar.yaml", "format": chosen})
            assert not drawn.is_error and drawn.structured_content["text"]
        mermaid = (
            await client.call_tool("render", {"path": "seguro-hogar.yaml", "format": "mermaid"})
        ).structured_content
        assert mermaid["text"].startswith("journey")
        same = (
            await client.call_tool("diff", {"old": "seguro-hogar.yaml", "new": "seguro-hogar.yaml"})
        ).structured_content
        assert same["journeys"][0]["changes"] == []
        before = (root / "seguro-hogar.yaml").read_bytes()
        measured = await client.call_tool("measure", {"paths": ["seguro-hogar.yaml"]})
        assert not measured.is_error, measured.content
        assert measured.structured_content["written"] is False and measured.structured_content["measured"]
        assert (root / "seguro-hogar.yaml").read_bytes() == before  # a dry run unless asked

        resources = {str(r.uri) for r in (await client.list_resources()).resources}
        assert {
            "cjm://journey/seguro-hogar",
            "cjm://schema/journey",
            "cjm://schema/ops",
            "cjm://rules",
            "cjm://format",
        } <= resources
        text = (await client.read_resource("cjm://journey/seguro-hogar")).contents[0].text
        assert text == (root / "seguro-hogar.yaml").read_text(encoding="utf-8")
        assert "CJM303" in (await client.read_resource("cjm://rules")).contents[0].text

    _session(root, test=test)


def test_an_edit_from_interview_notes_arrives_as_a_diff_and_keeps_the_rest(root: Path) -> None:
    original = (root / "seguro-hogar.yaml").read_text(encoding="utf-8")
    ops = [
        {"op": "add_touchpoint", "stage": "atraccion", "after": "anuncio-instagram",
         "touchpoint": {"id": "comparador", "name": "Compara precios en un comparador", "channel": "web",
                        "owner": "marketing", "personas": ["ana"], "emotion": -1}},
        {"op": "add_improvement", "touchpoint": "comparador", "improvement": {"text": "Aparecer en los comparadores", "owner": "marketing"}},
    ]  # fmt: skip

    async def test(client: Any) -> None:
        result = await client.call_tool("edit", {"path": "seguro-hogar.yaml", "ops": ops})
        assert not result.is_error, result.content
        changes = result.structured_content["diff"]["journeys"][0]["changes"]
        assert any(c["kind"] == "added" and c["path"][-1] == "comparador" for c in changes)

    _session(root, test=test)
    edited = (root / "seguro-hogar.yaml").read_text(encoding="utf-8")
    matcher = difflib.SequenceMatcher(None, original.splitlines(), edited.splitlines(), autojunk=False)
    assert {op for op, *_ in matcher.get_opcodes()} == {"equal", "insert"}
    assert "# the team that keeps this map alive" in edited
    assert cjm("validate", str(root / "seguro-hogar.yaml")).code == 0


def test_paths_outside_the_root_and_writes_under_read_only_are_refused(root: Path, tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text(
        (root / "seguro-hogar.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    os.symlink(tmp_path / "outside.yaml", root / "link.yaml")

    async def test(client: Any) -> None:
        assert "edit" not in {t.name for t in (await client.list_tools()).tools}
        for path in ("../outside.yaml", str(tmp_path / "outside.yaml"), "link.yaml"):
            refused = await client.call_tool("report", {"path": path})
            assert (
                refused.is_error
                and "refused" in refused.content[0].text
                or "absolute" in refused.content[0].text
            )
        edit = await client.call_tool("edit", {"path": "seguro-hogar.yaml", "ops": []})
        assert edit.is_error and "read-only" in edit.content[0].text
        write = await client.call_tool("measure", {"paths": ["seguro-hogar.yaml"], "write": True})
        assert write.is_error and "read-only" in write.content[0].text
        bad = await client.call_tool("validate", {"paths": ["missing.yaml"]})
        assert bad.is_error and "no such file" in bad.content[0].text

    _session(root, "--read-only", test=test)


def test_a_refused_edit_is_a_tool_error_and_the_file_stays(root: Path) -> None:
    before = (root / "seguro-hogar.yaml").read_bytes()

    async def test(client: Any) -> None:
        bad = [
            {
                "op": "add_touchpoint",
                "stage": "atraccion",
                "touchpoint": {"id": "x", "name": "X", "channel": "web", "owner": "nadie"},
            }
        ]
        result = await client.call_tool("edit", {"path": "seguro-hogar.yaml", "ops": bad})
        assert result.is_error and "op 0" in result.content[0].text and "CJM204" in result.content[0].text
        assert (await client.call_tool("list_journeys", {})).structured_content["journeys"]  # still serving

    _session(root, test=test)
    assert (root / "seguro-hogar.yaml").read_bytes() == before


def test_a_malformed_request_does_not_stop_the_server(root: Path) -> None:
    initialize = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                  "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "0"}}}  # fmt: skip
    messages = [
        json.dumps(initialize),
        json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        "{this is not json",
        json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": 12}}),
        json.dumps({"jsonrpc": "2.0", "id": 3, "method": "tools/list"}),
    ]
    process = subprocess.Popen(
        [sys.executable, "-m", "cjm", "mcp", "--root", str(root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    watchdog = threading.Timer(TIMEOUT, process.kill)  # a server that stops answering fails the test
    watchdog.start()
    try:
        assert process.stdin is not None and process.stdout is not None and process.stderr is not None
        process.stdin.write("\n".join(messages).encode() + b"\n")
        process.stdin.flush()
        by_id: dict[Any, Any] = {}
        while 3 not in by_id:
            line = process.stdout.readline()
            assert line, "the server stopped"
            answer = json.loads(line)
            by_id[answer.get("id")] = answer
        process.stdin.close()
        process.wait(timeout=TIMEOUT)
        stderr = process.stderr.read()
    finally:
        watchdog.cancel()
        process.kill()
    assert "error" in by_id[2]
    assert {t["name"] for t in by_id[3]["result"]["tools"]} >= {"validate", "edit"}
    assert b"Traceback" not in stderr


def test_the_root_must_be_a_folder(tmp_path: Path) -> None:
    result = cjm("mcp", "--root", str(tmp_path / "nothing"))
    assert result.code == 2 and "not a folder" in result.err


def test_the_tools_in_process(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same server connected in the test's own process, with a revision to diff against."""
    from cjm.agents.server import protocol

    monkeypatch.chdir(root)
    subprocess.run(["git", "init", "-q"], check=True, timeout=TIMEOUT)
    subprocess.run(["git", "add", "."], check=True, timeout=TIMEOUT)
    commit = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "maps"]
    subprocess.run(commit, check=True, timeout=TIMEOUT)
    ops = [{"op": "set_emotion", "touchpoint": "anuncio-instagram", "value": -2}]

    async def main() -> None:
        with anyio.fail_after(TIMEOUT):
            async with Client(protocol(False)) as client:
                dry = await client.call_tool(
                    "edit", {"path": "seguro-hogar.yaml", "ops": ops, "dry_run": True}
                )
                assert (
                    "-2" in dry.structured_content["unified_diff"] and not dry.structured_content["written"]
                )
                done = await client.call_tool("edit", {"path": "seguro-hogar.yaml", "ops": ops})
                assert done.structured_content["written"]
                since = await client.call_tool("diff", {"rev": "HEAD", "path": "seguro-hogar.yaml"})
                assert any(
                    c["kind"] == "regressed" for c in since.structured_content["journeys"][0]["changes"]
                )
                assert (await client.call_tool("diff", {"rev": "-x", "path": "."})).is_error
                assert (
                    await client.call_tool("render", {"path": "seguro-hogar.yaml", "format": "svg"})
                ).is_error
                assert (await client.call_tool("nothing", {})).is_error
                assert (await client.call_tool("edit", {"path": "data", "ops": []})).is_error
                bad = await client.call_tool("edit", {"path": "seguro-hogar.yaml", "ops": {"op": "x"}})
                assert bad.is_error and "list of operations" in bad.content[0].text
                wrote = await client.call_tool("measure", {"paths": ["seguro-hogar.yaml"], "write": True})
                assert not wrote.is_error and wrote.structured_content["written"]
                assert (await client.call_tool("validate", {"paths": [""]})).is_error
                schema = (await client.read_resource("cjm://schema/ops")).contents[0].text
                assert "add_touchpoint" in schema
                for uri in ("cjm://schema/journey", "cjm://schema/catalog", "cjm://format"):
                    assert (await client.read_resource(uri)).contents[0].text.startswith("{")
                with pytest.raises(Exception):  # noqa: B017 - the SDK turns it into its own error
                    await client.read_resource("cjm://journey/nothing")

    anyio.run(main)
