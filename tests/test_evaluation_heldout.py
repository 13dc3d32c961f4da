"""The ``heldout`` reading-evaluation split: complete, apart from every other wording, writable."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest

from matcher import evaluation, vocab

KINDS = ("fields", "goals")


def _phrases(split: str) -> dict[str, tuple[str, str, str]]:
    """Every option wording of a split's fields and goals, normalised: ``{phrase: (kind, key, language)}``."""
    return {vocab.normalise(phrase): (kind, key, lang)
            for kind in KINDS for key, texts in evaluation.phrases()[split][kind].items()
            for lang, pair in texts.items() for phrase in pair}


def test_heldout_words_every_concept_in_three_languages_differently_per_side():
    words = evaluation.phrases()["heldout"]
    for kind in KINDS:
        built_in = set(vocab.keys(kind))
        assert built_in <= set(words[kind]), built_in - set(words[kind])
        assert set(words[kind]) - built_in, f"{kind}: no answer off the vocabulary"
    for kind in (*KINDS, "languages", "levels"):
        for key, texts in words[kind].items():
            assert sorted(texts) == ["en", "fi", "sv"], (kind, key)
            for lang, (mentee, mentor) in texts.items():
                assert vocab.normalise(mentee) != vocab.normalise(mentor), (kind, key, lang)
    assert set(words["languages"]) >= set(evaluation._LANGUAGES)
    assert sorted(words["levels"]) == ["1", "2", "3", "4"]


def test_heldout_shares_no_phrase_with_the_other_splits():
    heldout = _phrases("heldout")
    for split in ("dev", "test", "blind"):
        shared = heldout.keys() & _phrases(split).keys()
        assert not shared, (split, sorted(shared))


def test_heldout_never_enters_the_vocabulary():
    names = {vocab.normalise(n) for kind in KINDS for key in vocab.vocabulary(kind).keys
             for n in vocab.vocabulary(kind).names(key)}
    data = tomllib.loads((Path(vocab.__file__).parent / "concepts.toml").read_text(encoding="utf-8"))
    described = {vocab.normalise(t) for entries in data.values() for entry in entries.values()
                 for texts in entry.values() for t in texts}
    leaked = [phrase for phrase in _phrases("heldout") if phrase in names or phrase in described]
    assert not leaked


@pytest.mark.parametrize("form", evaluation.MORE_FORMS)
def test_heldout_exports_write_the_split_wording(tmp_path, form):
    mentors, mentees, truth = evaluation.write_exports(tmp_path, "heldout", form, n_mentees=12,
                                                       n_mentors=8, seed=1)
    words = evaluation.phrases()["heldout"]
    lang = evaluation._LANGUAGE_OF[form]
    headers = evaluation._HEADERS[form]
    for side, path in enumerate((mentees, mentors)):
        table = pd.read_excel(path, engine="openpyxl") if path.suffix == ".xlsx" else pd.read_csv(path)
        role = "mentors" if side else "mentees"
        meant = truth[truth["role"] == role].set_index("email").loc[table[headers["email"]]]
        assert list(table[headers["field"]]) == [
            words["fields"][next(iter(f))][lang][side] for f in meant["fields"]]
        first = meant["languages"].map(lambda speaks: next(iter(speaks.items())))
        assert [cell.startswith(words["languages"][code][lang][side]) and
                words["levels"][str(level)][lang][side] in cell
                for cell, (code, level) in zip(table[headers["languages"]], first)] == [True] * len(table)
        if mentees.suffix == ".xlsx":
            assert table[headers["languages"]].str.endswith(";").all()
