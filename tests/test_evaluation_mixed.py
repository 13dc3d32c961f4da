"""The mixed exports: a mentor form in one language, a mentee form in another (dev phrases)."""

from __future__ import annotations

import pandas as pd
import pytest

from matcher import evaluation


@pytest.mark.parametrize("form", sorted(evaluation.MIXED_FORMS))
def test_a_mixed_export_words_each_form_in_its_own_language(tmp_path, form):
    mentors, mentees, truth = evaluation.write_exports(tmp_path, "dev", form, n_mentees=12, n_mentors=8)
    words = evaluation.phrases()["dev"]["goals"]
    for path, role, side in ((mentors, "mentors", 1), (mentees, "mentees", 0)):
        written = evaluation.MIXED_FORMS[form][0 if side else 1]
        language, headers = evaluation._LANGUAGE_OF[written], evaluation._HEADERS[written]
        table = pd.read_csv(path)
        assert headers["email"] in table and headers["topics" if side else "goals"] in table
        offered = {words[key][language][side]: key for key in words}
        cells = table[headers["topics" if side else "goals"]]
        people = truth[truth["role"] == role]["goals"]
        # every chosen option is that language's wording of a true goal, none is lost
        for cell, true in zip(cells, people):
            assert {offered[o] for o in offered if o in cell} >= true


@pytest.mark.parametrize("form", sorted(evaluation.MIXED_FORMS))
def test_goals_pair_across_the_two_forms_languages(tmp_path, form):
    # init then run with no edits: every mentee x mentor pair sees the goals the people meant,
    # though no option of one form shares a word with its topic's option on the other
    result = evaluation.evaluate(tmp_path, "dev", form, n_mentees=30, n_mentors=20)
    assert result["goals"] == 1.0 and result["field"] == 1.0
