"""Grid (matrix) questions: Google Forms' "Question [Row]" and Microsoft Forms' "Question.Row"
columns are read as one question: languages with levels, goals by importance."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher import evaluation, init_round, load_round
from matcher.grids import find_grids, fold_grids, rating

LEVELS = ["Native", "Fluent", "Good", "Basic"]


def test_languages_grid_reads_as_languages_with_levels(tmp_path):
    table = pd.DataFrame({"Email": ["a@x.fi", "b@x.fi", "c@x.fi"],
                          "Kielitaito.suomi": ["Äidinkieli", "Hyvä", ""],
                          "Kielitaito.englanti": ["C1", "", "Perustaso"],
                          "Kielitaito.arabia": ["", "", "Äidinkieli"]})
    grids = find_grids(table)
    assert [(g.header, g.kind) for g in grids] == [("Kielitaito.*", "languages")]
    folded = fold_grids(table)
    assert folded["Kielitaito.*"].tolist() == ["suomi (Äidinkieli);englanti (C1);",
                                               "suomi (Hyvä);",
                                               "englanti (Perustaso);arabia (Äidinkieli);"]


def test_importance_grid_keeps_the_important_rows_most_important_first():
    table = pd.DataFrame({"How important is this to you? [Networking]": ["Important", "Not important"],
                          "How important is this to you? [CV]": ["Very important", ""],
                          "How important is this to you? [Studies]": ["Somewhat important",
                                                                       "Important"]})
    assert fold_grids(table).iloc[:, 0].tolist() == ["CV;Networking;Studies;", "Studies;"]


def test_number_scale_grid_drops_the_bottom_of_the_scale():
    table = pd.DataFrame({f"Q.{row}": values for row, values in
                          (("A", ["1", "5"]), ("B", ["3", "1"]), ("C", ["5", "2"]))})
    assert fold_grids(table)["Q.*"].tolist() == ["C;B;", "A;C;"]


def test_sections_of_different_questions_are_no_grid():
    table = pd.DataFrame({"Profile [Line of work]": ["ICT", "Health", "Law", "ICT"],
                          "Profile [Seats]": ["1", "2", "3", "1"],
                          "Profile [Format]": ["Remote", "In person", "Either", "Remote"],
                          "Name": ["A", "B", "C", "D"], "Name.1": ["x", "y", "z", "w"]})
    assert find_grids(table) == []
    assert fold_grids(table) is table


def test_ratings_in_three_languages():
    assert [rating(v) for v in ("Mycket viktigt", "Viktigt", "Inte viktigt", "Jonkin verran",
                                "Kyllä", "Nej", "No")] == [3, 2, 0, 1, 2, 0, 0]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["Finnish", "English", "Arabic", "Somali"]),
                                st.sampled_from(LEVELS), max_size=4), min_size=1, max_size=12),
       st.sampled_from(["google", "microsoft"]))
def test_folded_languages_grid_keeps_every_level(people, form):
    languages = ["Finnish", "English", "Arabic", "Somali"]
    header = "Language skills [{}]" if form == "google" else "Language skills.{}"
    table = pd.DataFrame({header.format(name): [p.get(name, "") for p in people]
                          for name in languages}, index=range(2, 2 + len(people)))
    table.attrs["file"] = "mentors.csv"
    folded = fold_grids(table)
    assert folded.attrs["file"] == "mentors.csv" and list(folded.index) == list(table.index)
    if not any(people):
        return  # nobody answered: nothing shows it is a grid
    cells = folded.iloc[:, 0].tolist()
    expected = ["".join(f"{name} ({p[name]});" for name in languages if name in p) for p in people]
    assert cells == expected


def test_grid_round_through_init_and_run(tmp_path):
    figures = evaluation.evaluate(tmp_path, "dev", "matrix_en", n_mentees=30, n_mentors=20, seed=2)
    assert figures == {"field": 1.0, "goals": 1.0, "language": 1.0, "worth": 1.0}
    mentors, mentees, _ = evaluation.write_exports(tmp_path / "fi", "dev", "matrix_fi", 12, 8)
    result = init_round(mentors, mentees, tmp_path / "fi" / "round.toml")
    assert result.mentees.columns["languages"] == "Kielitaito.*"
    assert result.mentees.columns["goals"] == "Kuinka tärkeää tämä on sinulle?.*"
    assert result.mentors.columns["topics"] == "Voisitko auttaa tässä?.*"
    rnd = load_round(result.path)
    assert rnd.mentors["languages"].map(len).min() > 0 and rnd.mentees["goals"].map(len).min() > 0
