"""Every quoted DOT attribute is escaped as `dot_string` escapes it, whichever way it is written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjm.present.escape import DOT_STRING_CHARACTERS, dot_string
from cjm.render.output.dot import _quoted


@given(st.text() | st.text(alphabet=' "\\\t\n\u2028\xa0ab<>{}'))
def test_any_text_is_quoted_as_dot_string_escapes_it(text: str) -> None:
    assert _quoted(text) == f'"{dot_string(text)}"'


@pytest.mark.parametrize(
    "text",
    [
        "12.5,-40.0!",
        "a  b",
        " a",
        "a ",
        'say "hi"',
        "C:\\temp",
        "a\u2028b",
        "x" * (DOT_STRING_CHARACTERS + 1),
        "",
    ],
)
def test_cjm_s_own_values_and_user_text_alike(text: str) -> None:
    assert _quoted(text) == f'"{dot_string(text)}"'
