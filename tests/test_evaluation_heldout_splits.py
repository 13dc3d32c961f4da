"""The structure every newer held-out split (``heldout5``, ``heldout7``, ``heldout8``) shares:
complete, apart from every other split's wording and from the vocabulary, wired as its own split
with four exports of its own that the reader opens with every sign-up. No reading figure is
asserted: the splits are the lead's to run."""

from __future__ import annotations

import collections

import pytest

from matcher import evaluation, evaluation_heldout5, evaluation_heldout7, evaluation_heldout8, vocab
from tests.test_evaluation_heldout import KINDS, PLACES, WORDED, _phrases, _vocabulary_words

EVERY_KIND = (*WORDED, *PLACES)
#: each split, its own module's export styles and the least number of wordings it holds
SPLITS = {"heldout5": (evaluation_heldout5.EXPORT_STYLES, 360),
          "heldout7": (evaluation_heldout7.HELDOUT7_STYLES, 500),
          "heldout8": (evaluation_heldout8.HELDOUT8_EXPORTS, 500)}
#: the splits written to word every concept any other split words
COMPLETE = ("heldout7", "heldout8")


def _wordings(split: str) -> list[tuple[str, str, str, str]]:
    """Every wording of ``split``, repeats kept: ``(kind, key, language, phrase)``."""
    words = evaluation.phrases()[split]
    return [(kind, key, lang, phrase) for kind in EVERY_KIND for key, texts in words[kind].items()
            for lang, pair in texts.items() for phrase in pair]


@pytest.mark.parametrize("split", SPLITS)
def test_split_words_every_concept_in_three_languages_differently_per_side(split):
    words = evaluation.phrases()[split]
    for kind in KINDS:
        built_in = set(vocab.keys(kind))
        assert built_in <= set(words[kind]), built_in - set(words[kind])
        assert set(words[kind]) - built_in, f"{kind}: no answer off the vocabulary"
    assert set(words["languages"]) == set(evaluation._LANGUAGES)
    assert sorted(words["levels"]) == ["1", "2", "3", "4"]
    assert set(words["cities"]) <= set(vocab.vocabulary("cities").keys)
    assert sorted(words["modes"]) == sorted(vocab.MEETING_MODES)
    for kind in EVERY_KIND:
        for key, texts in words[kind].items():
            assert sorted(texts) == ["en", "fi", "sv"], (kind, key)
            for lang, (mentee, mentor) in texts.items():
                assert vocab.normalise(mentee) != vocab.normalise(mentor), (kind, key, lang)
    mentee, mentor = words["formats"]["languages"]
    assert all("{language}" in t and "{level}" in t for t in (mentee, mentor)) and mentee != mentor


@pytest.mark.parametrize("split", COMPLETE)
def test_split_words_every_concept_of_the_other_splits(split):
    words = evaluation.phrases()[split]
    for kind in (*WORDED, "modes"):
        covered = {key for other, texts in evaluation.phrases().items() if other != split
                   for key in texts.get(kind, {})}
        assert covered <= set(words[kind]), (kind, covered - set(words[kind]))
    assert len(words["cities"]) >= 12


@pytest.mark.parametrize("split", SPLITS)
def test_split_holds_its_wordings_about_a_third_per_language(split):
    per_language = collections.Counter(lang for _, _, lang, _ in _wordings(split))
    least = SPLITS[split][1]
    assert sum(per_language.values()) >= least
    assert all(n >= least // 3 - 10 for n in per_language.values()), per_language


@pytest.mark.parametrize("split", SPLITS)
def test_split_repeats_no_phrase_of_its_own_or_of_any_other_split(split):
    normalised = collections.Counter(vocab.normalise(phrase) for *_, phrase in _wordings(split))
    assert [p for p, n in normalised.items() if n > 1] == []
    mine = _phrases(split, EVERY_KIND)
    for other in sorted(evaluation.phrases()):
        if other != split:
            shared = mine.keys() & _phrases(other, EVERY_KIND).keys()
            # only the split's own kind and key are named: another split's phrases stay unread
            assert not shared, (other, sorted(mine[p] for p in shared))


@pytest.mark.parametrize("split", SPLITS)
def test_split_never_enters_the_vocabulary(split):
    known = _vocabulary_words()
    assert [phrase for phrase in _phrases(split, EVERY_KIND) if phrase in known] == []


@pytest.mark.parametrize("split", SPLITS)
def test_split_is_wired_as_its_own_split(split):
    own = evaluation.forms(split)
    assert own == SPLITS[split][0] and len(own) == 4
    others = {*evaluation.FORMS, *evaluation.REWORDED, *evaluation.GRIDS, *evaluation.MORE_FORMS,
              *evaluation.SENTENCE_FORMS, *evaluation.TOOL_FORMS, *evaluation.MIXED_FORMS,
              *(form for other in ("heldout2", "heldout3", "heldout4", *SPLITS) if other != split
                for form in evaluation.forms(other))}
    assert not set(own) & others
    assert set(own) <= evaluation._PLACE_QUESTIONS


@pytest.mark.parametrize(("split", "form"), [(split, form) for split, (forms, _) in SPLITS.items() for form in forms])
def test_split_exports_are_read_with_every_sign_up(tmp_path, split, form):
    """The project's own reader opens each export and finds every person's e-mail in it (which
    column holds it is the reading's business, not asserted here)."""
    from matcher import readers

    mentors, mentees, truth = evaluation.write_exports(tmp_path, split, form, n_mentees=12, n_mentors=8, seed=1)
    for role, path in (("mentors", mentors), ("mentees", mentees)):
        cells = set(readers.read_table(path).to_numpy().ravel())
        assert set(truth.loc[truth["role"] == role, "email"]) <= cells
