"""The message catalogue: every message in English, Finnish and Swedish, with the same fields."""

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matcher import i18n, vocab
from matcher.report.tables import REQUIRED


def fields_of(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(i18n.MESSAGES))
def test_every_message_has_all_three_languages_with_the_same_fields(key):
    texts = i18n.MESSAGES[key]
    assert len(texts) == len(i18n.LANGUAGES) == 3
    assert all(isinstance(text, str) and text.strip() for text in texts), key
    english = fields_of(texts[0])
    for language, text in zip(i18n.LANGUAGES, texts):
        assert fields_of(text) == english, (key, language)
        # named fields only: a positional {} or {0} could not be filled by t(key, lang, **fields)
        assert all(name.isidentifier() for name in fields_of(text)), (key, language)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_t_fills_fields_in_each_language(language):
    text = i18n.t("count.warnings", language, n=25)
    assert "25" in text
    assert i18n.t("sheet.pairs", language) == i18n.MESSAGES["sheet.pairs"][i18n.LANGUAGES.index(language)]


def test_unknown_language_and_key_are_refused():
    with pytest.raises(ValueError, match="choose one of: en, fi, sv"):
        i18n.t("sheet.pairs", "de")
    with pytest.raises(KeyError):
        i18n.t("no.such.key", "en")


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_sheet_names_are_valid_excel_names_and_distinct(language):
    names = [i18n.t(key, language) for key in i18n.MESSAGES if key.startswith("sheet.")]
    assert len(set(names)) == len(names)
    for name in names:
        assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\"), name


def test_every_result_table_column_has_a_human_header():
    for columns in REQUIRED.values():
        for column in columns:
            assert f"column.{column}" in i18n.MESSAGES, column
    assert i18n.header("Which field do you work in?", "fi") == "Which field do you work in?"


@pytest.mark.parametrize("kind", ["fields", "goals", "languages"])
def test_every_builtin_vocabulary_key_has_finnish_and_swedish_labels(kind):
    assert set(i18n.LABELS[kind]) == set(vocab.keys(kind))
    for key, labels in i18n.LABELS[kind].items():
        assert len(labels) == 2 and all(labels), key
    key = vocab.keys(kind)[0]
    assert i18n.label(kind, key, "en") == vocab.label(kind, key)
    assert i18n.label(kind, "added_by_a_round", "fi") == vocab.label(kind, "added_by_a_round")


def test_join_in_each_language():
    assert i18n.join([], "en") == "" and i18n.join(["a"], "sv") == "a"
    assert [i18n.join(["a", "b", "c"], lang) for lang in i18n.LANGUAGES] == [
        "a, b and c", "a, b ja c", "a, b och c"]


def test_a_count_of_one_takes_the_singular_in_every_language() -> None:
    """The count-with-noun messages agree with their count (``{n:one|many}``), none writes 's(s)'."""
    from matcher.i18n import t

    assert t("init.folded", "en", n=1, header="Goals", how="a list", options="'CV'").startswith(
        "1 column read")
    assert t("init.folded", "fi", n=1, header="G", how="h", options="o").startswith("1 sarake ")
    assert t("init.folded", "sv", n=2, header="G", how="h", options="o").startswith("2 kolumner ")
    assert t("issue.blank_rows", "sv", n=1) == "1 tom rad ignorerades"
    assert t("count.errors", "fi", n=1) == "1 virhe"
    assert t("validate.summary", "en", mentors=1, mentees=2, issues="") == (
        "1 mentor, 2 mentees read; ")
    assert not [key for key, texts in i18n.MESSAGES.items() if any("(s)" in text for text in texts)]


@given(st.integers(min_value=0, max_value=10**6))
def test_count_formatter_picks_the_form_by_the_count(n: int) -> None:
    from matcher.i18n import COUNTS

    assert COUNTS.format("{n:row|rows}", n=n) == f"{n} {'row' if n == 1 else 'rows'}"


@pytest.mark.parametrize(("toml", "words"), [
    ('[round]\nlanguage = "fi"\nnmae = "x"\n', ("avain 'round.nmae'", "tuntematon asetus",
                                                  "tarkoititko 'name'")),
    ('[round]\nlanguage = "sv"\n[solver]\nobjective = "best"\n', ("nyckel 'solver.objective'",
                                                                   "är inte tillåtet", "välj en av")),
    ('[round]\nlanguage = "fi"\n[solver]\ntime_limit = "x"\n', ("avain 'solver.",)),
    ('[round]\nlanguage = "sv"\nname = "unclosed\n', ("är inte giltig TOML", "line 3")),
    ('[round]\nlanguage = "en"\n[scoring]\nweights = 3\n', ("key 'scoring.weights'",)),
])
def test_config_errors_speak_the_rounds_language(tmp_path, toml: str, words: tuple[str, ...]) -> None:
    """A round.toml error is written in its [round] language, naming the file and the key."""
    from matcher.config import load_config
    from matcher.errors import ConfigError

    path = tmp_path / "round.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert str(path) in message and all(word in message for word in words), message
