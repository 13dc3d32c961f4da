"""The dictionary index kept on disk between runs is simplemma's own index, to the byte."""

from __future__ import annotations

import os

import pytest
from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamMap

from matcher.vocab.dictionaries import CachedDictionaryFactory, CachedStreamMap, index_file


def _same_map(ours: StreamMap, theirs: StreamMap) -> bool:
    return (ours._data == theirs._data and (ours._rev, ours._count, ours._pos)
            == (theirs._rev, theirs._count, theirs._pos)
            and ours._firsts == theirs._firsts and ours._blocks == theirs._blocks)


def _no_home():
    raise RuntimeError("Could not determine home directory.")  # as pathlib says it


def test_a_saved_index_is_simplemmas_and_finds_the_same_words(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHER_CACHE_DIR", str(tmp_path))
    built = CachedStreamMap("en")  # nothing saved yet: built and saved
    assert index_file("en").is_file()
    loaded = CachedStreamMap("en")  # from the file
    theirs = StreamMap("en")
    assert _same_map(built, theirs) and _same_map(loaded, theirs)
    for word in ("avoiding", "networks", "xyzzy", "a", "zygotes"):
        assert loaded.get(word) == theirs.get(word)


def test_a_broken_or_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHER_CACHE_DIR", str(tmp_path))
    index_file("en").write_bytes(b"not an index")
    assert _same_map(CachedStreamMap("en"), StreamMap("en"))  # rebuilt and saved again
    assert CachedStreamMap("en").get("avoiding") == "avoid"
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("MATCHER_CACHE_DIR", str(blocked / "below"))  # cannot be created
    assert CachedDictionaryFactory().get_dictionary("en").get("avoiding") == "avoid"
    assert not os.path.exists(blocked / "below")
    monkeypatch.delenv("MATCHER_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr("pathlib.Path.home", _no_home)
    assert CachedStreamMap("en").get("avoiding") == "avoid"  # no folder at all: built in memory


def test_unknown_languages_are_refused_as_simplemma_refuses_them():
    with pytest.raises(ValueError, match="Unsupported language"):
        CachedDictionaryFactory().get_dictionary("../fi")
