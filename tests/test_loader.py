"""Reading YAML: values, positions, and the inputs that must be refused fast and cleanly."""

from __future__ import annotations

import tracemalloc

import pytest

from cjm.loader import MAX_DEPTH, YamlError, decode, locate, parse
from cjm.project.document import read_document

ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{n}: &{n} [{', '.join(['*' + p] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi")]
)  # nine levels of nine aliases: 9**9 (387 million) strings once expanded


def codes(data: bytes) -> list[tuple[str, tuple[int, int]]]:
    return [(code, problem.position) for code, problem in read_document(data).problems]


def test_yaml_1_2_values_spanish_no_stays_text() -> None:
    tree = parse(
        "a: no\nb: yes\nc: on\nd: 2026-10-01\ne: 0o17\nf: 0x1F\ng: ~\nh: -2\ni: '1'\nj: !!str 5\nk: 1.5\n"
    )
    assert tree == {"a": "no", "b": "yes", "c": "on", "d": "2026-10-01", "e": 15, "f": 31,
                    "g": None, "h": -2, "i": "1", "j": "5", "k": 1.5}  # fmt: skip


def test_positions_of_keys_values_and_items_are_one_based() -> None:
    tree = parse("cjm: 1\nphases:\n  - id: before\n    stages: [a, b]\n")
    assert locate(tree, ["cjm"]) == (1, 6)
    assert locate(tree, ["phases"], key=True) == (2, 1)
    assert locate(tree, ["phases", 0]) == (3, 5)
    assert locate(tree, ["phases", 0, "stages", 1]) == (4, 17)
    assert locate(tree, ["phases", 0, "missing", "deeper"]) == (3, 5)  # nearest known node


@pytest.mark.parametrize(
    ("text", "position", "words"),
    [
        ("a: 1\nb:\n\tc: 2\n", (3, 1), "tab"),
        ("a: 1\nb: 2\na: 3\n", (3, 1), "duplicate key 'a' (first at line 1)"),
        ("a: 1\n---\nb: 2\n", (2, 1), "second YAML document"),
        ("a: *nowhere\n", (1, 4), "names no anchor"),
        ("a: !python/object:os.system x\n", (1, 4), "unsupported tag"),
        ("a: &x [1]\n*x : 2\n", (2, 1), "a key must be"),
        ('title: "never closed\nb: 1\n', (1, 8), "never closed"),
    ],
)
def test_unreadable_yaml_says_what_and_where(text: str, position: tuple[int, int], words: str) -> None:
    with pytest.raises(YamlError) as raised:
        parse(text)
    assert raised.value.position == position
    assert words in raised.value.message


def test_bytes_that_are_not_utf8_are_located() -> None:
    assert codes(b"cjm: 1\ntitle: caf\xe9\n") == [("CJM100", (2, 11))]


def test_a_byte_order_mark_is_accepted() -> None:
    assert decode("\ufeffcjm: 1".encode()) == "cjm: 1"
    document = read_document("\ufeffcjm: 1\nid: bom\ntitle: T\nphases: []\n".encode())
    assert document.problems == [] and document.journey is not None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"# only a comment\n", "the file is empty"),
        (b"- a\n- b\n", "the top level is a list"),
        (b"just text\n", "a single value"),
    ],
)
def test_files_that_are_not_mappings_are_cjm101_at_line_1(data: bytes, message: str) -> None:
    [(code, problem)] = read_document(data).problems
    assert (code, problem.position) == ("CJM101", (1, 1))
    assert message in problem.message


def test_nesting_5000_levels_deep_is_refused_before_it_is_walked() -> None:
    flow = "a: " + "[" * 5000 + "]" * 5000
    block = "".join("  " * i + f"k{i}:\n" for i in range(5000))
    for text in (flow, block):
        [(code, problem)] = read_document(text.encode()).problems
        assert code == "CJM100" and f"deeper than {MAX_DEPTH}" in problem.message


def test_an_alias_bomb_is_refused_in_little_memory() -> None:
    tracemalloc.start()
    try:
        [(code, problem)] = read_document(ALIAS_BOMB.encode()).problems
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == "CJM100" and "alias bomb" in problem.message
    assert peak < 100 * 1024 * 1024


def test_aliases_within_limits_are_read() -> None:
    tree = parse("base: &b {name: Ana}\ncopy: *b\n")
    assert tree["copy"] == {"name": "Ana"}


def test_a_newer_format_version_stops_the_checks() -> None:
    assert codes(b"cjm: 2\nwhatever: true\n") == [("CJM103", (1, 6))]
    assert codes(b"cjm: 0\nid: x\ntitle: T\nphases: []\n") == [("CJM103", (1, 6))]


def test_without_the_c_parser_the_same_tree_is_read(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import cjm.loader

    text = "cjm: 1\npersonas: [ana, {id: luis}]\n"
    fast = parse(text)
    monkeypatch.setattr(cjm.loader, "_CParser", None)
    monkeypatch.setattr(cjm.loader, "_slow_parser_said", False)
    slow = parse(text)
    assert slow == fast and locate(slow, ["personas", 1, "id"]) == locate(fast, ["personas", 1, "id"]) == (
        2,
        22,
    )
    assert capsys.readouterr().err.count("ruamel.yaml.clib is not installed") == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cjm: '1'\nid: x\n", ("CJM101", (1, 6), "write 'cjm: 1', not '1'")),
        ("cjm: true\n", ("CJM101", (1, 6), "not true")),
        ("cjm: 1\nkind: catalogue\n", ("CJM101", (2, 7), "(did you mean 'catalog'?)")),
    ],
)
def test_a_version_or_kind_that_is_not_one_is_reported_alone(
    text: str, expected: tuple[str, tuple[int, int], str]
) -> None:
    [(code, problem)] = read_document(text.encode()).problems
    assert (code, problem.position) == expected[:2] and expected[2] in problem.message
