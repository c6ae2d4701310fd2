"""Article ids -> file names for `extract --out`: distinct, reversible, safe."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsevents.export.filenames import MAX_NAME, file_name, id_of_file_name

TRICKY = ["a/b", "a_b", "a%2Fb", "../../x", "..", ".", ".hidden", "", "CON", "con.json",
          "nul", "COM1", "a b", "ä", "a\\b", "a:b", "~x", "%empty"]  # fmt: skip


@pytest.mark.parametrize("ident", TRICKY)
def test_a_tricky_id_is_a_plain_visible_file_name_that_reads_back(ident: str) -> None:
    name = file_name(ident)
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert name not in (".json", "..json") and len(name.encode()) <= 255
    assert id_of_file_name(name) == ident


def test_tricky_ids_get_distinct_files() -> None:
    assert len({file_name(i) for i in TRICKY}) == len(TRICKY)


def test_long_ids_sharing_a_prefix_get_distinct_short_names() -> None:
    a, b = "x" * 300 + "a", "x" * 300 + "b"
    assert file_name(a) != file_name(b)
    assert len(file_name(a)) <= MAX_NAME + len(".json")
    assert id_of_file_name(file_name(a)) is None  # a cut name is not reversible


@given(st.text(max_size=300), st.text(max_size=300))
def test_distinct_ids_never_share_a_file(a: str, b: str) -> None:
    if a != b:
        assert file_name(a) != file_name(b)
    name = file_name(a)
    assert "/" not in name and not name.startswith(".") and "\x00" not in name
    if len(name) <= MAX_NAME:
        assert id_of_file_name(name) == a
