"""simplemma's dictionaries, their lookup index kept on disk between runs.

simplemma reads a language's dictionary as a front-coded byte stream (``StreamMap``): to look a
word up it first walks every record once, in Python, to note where each block of 32 records
starts. For the Finnish dictionary (3.5 million forms) that walk takes about two seconds, for the
Swedish one half a second, in every process: longer than reading a 10,000-row export. The walk
always gives the same index for the same dictionary file, so it is done once and saved, with
the decompressed stream, in the user's cache folder (:func:`cache_folder`); later runs load it
in a few milliseconds. The saved index is plain arrays (``numpy.savez``, no pickle) named after
the simplemma version and a hash of the dictionary file, so a new simplemma or dictionary never
reads an old index. If the folder cannot be written, the index is built in memory as before:
the cache changes how fast a word is found, never what is found.

Example
-------
>>> factory = CachedDictionaryFactory()
>>> factory.get_dictionary("fi").get("tavoista")
'tapa'
"""

from __future__ import annotations

import hashlib
import itertools
import os
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
from simplemma.strategies.dictionaries import frontcode
from simplemma.strategies.dictionaries.dictionary_factory import DATA_FOLDER, SUPPORTED_LANGUAGES
from simplemma.strategies.dictionaries.stream_dictionary_factory import (
    StreamDictionaryFactory,
    StreamMap,
)

#: bumped when the saved layout changes, so an older layout is never read
FORMAT = 1


def cache_folder() -> Path:
    """Where saved indexes live: ``$MATCHER_CACHE_DIR``, else ``$XDG_CACHE_HOME/matcher``, else
    ``~/.cache/matcher``.

    >>> cache_folder().name in ("matcher", os.environ.get("MATCHER_CACHE_DIR", "matcher"))
    True
    """
    if os.environ.get("MATCHER_CACHE_DIR"):
        return Path(os.environ["MATCHER_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "matcher"


def index_file(lang: str) -> Path:
    """The saved index of ``lang``'s dictionary, named by simplemma's version and the file's hash."""
    digest = hashlib.sha256((DATA_FOLDER / f"{lang}.plzma").read_bytes()).hexdigest()[:16]
    return cache_folder() / f"simplemma-{version('simplemma')}-{lang}-{digest}-v{FORMAT}.npz"


class CachedStreamMap(StreamMap):
    """simplemma's ``StreamMap`` whose block index is loaded from :func:`index_file` when saved
    before, else built as simplemma builds it and saved."""

    __slots__ = ()

    def __init__(self, lang: str) -> None:
        try:
            path: Path | None = index_file(lang)
        except (OSError, RuntimeError):  # no home folder to keep it in: build it each time
            path = None
        if path is not None:
            try:
                self._load(path)
                return
            except (OSError, ValueError, KeyError):  # not saved yet, or unreadable: build it
                pass
        super().__init__(lang)
        if path is not None:
            self._save(path)

    def _load(self, path: Path) -> None:
        with np.load(path, allow_pickle=False) as saved:
            data = saved["data"].tobytes()
            header = saved["header"]
            firsts = _split(saved["firsts"].tobytes(), saved["first_ends"])
            keys = _split(saved["keys"].tobytes(), saved["key_ends"])
            values = _split(saved["values"].tobytes(), saved["value_ends"])
            starts = saved["starts"].tolist()
        rev, count, pos = frontcode._read_header(data)
        if [int(rev), count, pos] != header.tolist() or not len(firsts) == len(keys) == len(starts):
            raise ValueError(f"{path.name} does not match its dictionary")
        self._data, self._rev, self._count, self._pos = data, rev, count, pos
        self._firsts = firsts
        self._blocks = list(zip(starts, keys, values))

    def _save(self, path: Path) -> None:
        starts, keys, values = zip(*self._blocks) if self._blocks else ((), (), ())
        arrays: dict[str, Any] = {"data": np.frombuffer(self._data, dtype=np.uint8),
                  "header": np.array([int(self._rev), self._count, self._pos], dtype=np.int64),
                  "starts": np.array(starts, dtype=np.int64)}
        for name, parts in (("firsts", self._firsts), ("keys", keys), ("values", values)):
            arrays[name] = np.frombuffer(b"".join(parts), dtype=np.uint8)
            arrays[name.rstrip("s") + "_ends"] = np.cumsum([len(p) for p in parts], dtype=np.int64)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, scratch = tempfile.mkstemp(dir=path.parent, suffix=".npz.part")
        except OSError:  # a read-only home: the index just is not kept
            return
        try:
            # written whole under another name, then renamed: a run reading at the same moment
            # sees either no index or a complete one
            with os.fdopen(handle, "wb") as out:
                np.savez(out, **arrays)
            os.replace(scratch, path)
        except OSError:  # a full disk
            Path(scratch).unlink(missing_ok=True)


def _split(joined: bytes, ends: np.ndarray) -> list[bytes]:
    bounds = [0, *ends.tolist()]
    return [joined[a:b] for a, b in itertools.pairwise(bounds)]


class CachedDictionaryFactory(StreamDictionaryFactory):
    """simplemma's stream dictionary factory reading :class:`CachedStreamMap` dictionaries."""

    __slots__ = ()

    def _get_dictionary_uncached(self, lang: str) -> CachedStreamMap:
        if lang not in SUPPORTED_LANGUAGES:  # as simplemma's own check: no other file is read
            raise ValueError(f"Unsupported language: {lang}")
        return CachedStreamMap(lang)
