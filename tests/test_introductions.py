"""Introduction letters: the language rule, only positive reasons, no free text, templates, .eml."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import re
import string

import pandas as pd
import pytest

from matcher import i18n, synthetic, vocab
from matcher.config import IntroductionsConfig, load_config
from matcher.errors import ConfigError
from matcher.introductions import (COLUMNS, LETTER_LANGUAGES, PLACEHOLDERS, RULE_MESSAGES,
                                   introduction_letters, letter_language, letter_reasons, load_templates)
from matcher.run import run_round
from tests.conftest import ROOT

SAMPLE = ROOT / "data/samples/round.toml"


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    """The sample round with letters for every proposed pair."""
    return run_round(SAMPLE, tmp_path_factory.mktemp("drafts") / "output", draft_introductions=True)


def levels(text: str) -> dict[str, int]:
    return {code: int(level) for code, level in (item.split(":") for item in text.split())}


@pytest.mark.parametrize("recipient, other, round_language, expected", [
    # the round's language when both use it at least at a good level
    ("fi:4 en:3", "fi:2 en:4", "fi", ("fi", "round language")),
    ("fi:4 en:3", "fi:2 en:4", "en", ("en", "round language")),
    # not shared: the highest combined level of the shared ones
    ("sv:4 en:2", "sv:3 en:4", "fi", ("sv", "highest combined level")),
    ("fi:4 en:4", "en:4 fi:3", "sv", ("en", "highest combined level")),
    # a tie goes to the fixed order Finnish, Swedish, English
    ("fi:3 sv:3 en:3", "fi:3 sv:3 en:3", "de", ("fi", "highest combined level")),
    ("sv:3 en:3", "en:3 sv:3", "fi", ("sv", "highest combined level")),
    # a language one of them knows only at a basic level is not chosen while a better one is shared
    ("fi:4 en:2", "fi:1 en:4", "fi", ("en", "highest combined level")),
    # ... but is, when it is the only one they share
    ("fi:4 ar:4", "fi:1 ar:4", "en", ("fi", "highest combined level")),
    # no shared letter language: the recipient's own best one, else the round's language
    ("ar:4 sv:2 en:1", "ar:4 fi:4", "fi", ("sv", "recipient's language")),
    ("so:4", "so:4 fi:4", "sv", ("sv", "round language, not shared")),
])
def test_letter_language_rule(recipient, other, round_language, expected):
    assert letter_language(levels(recipient), levels(other), round_language) == expected
    if expected[1] in ("round language", "highest combined level"):  # shared: both letters agree
        assert letter_language(levels(other), levels(recipient), round_language) == expected


def test_every_sample_letter_is_in_a_language_both_use(drafts):
    letters = drafts.tables["introductions"]
    mentees, mentors = drafts.round.mentees, drafts.round.mentors
    assert len(letters) == 2 * len(drafts.tables["pairs"])
    assert letters["recipient"].tolist() == ["mentee", "mentor"] * len(drafts.tables["pairs"])
    for letter in letters.to_dict("records"):
        mentee = mentees.loc[letter["mentee_id"], "languages"]
        mentor = mentors.loc[letter["mentor_id"], "languages"]
        recipient, other = (mentee, mentor) if letter["recipient"] == "mentee" else (mentor, mentee)
        assert (letter["language"], letter["language_rule"]) == letter_language(recipient, other, "en")
        if set(mentee) & set(mentor) & set(LETTER_LANGUAGES):
            assert letter["language"] in mentee and letter["language"] in mentor
    # the sample's mentees who listed no English get their letters in a language they use
    no_english = letters[[("en" not in mentees.loc[i, "languages"])
                          for i in letters["mentee_id"]]]
    assert len(no_english) and (no_english["language"] != "en").all()


def _caveats() -> list[str]:
    """The fixed words of every negative explanation sentence, in all three languages."""
    keys = ["explain.different_fields", "explain.cannot_meet", "explain.not_offers_goal",
            "explain.offers_none", "explain.no_shared_language", "explain.meeting_modes",
            "explain.modes_do_not_fit", "explain.mentee_field_unlisted",
            "explain.mentor_field_unlisted", "explain.no_goals", "explain.no_experience",
            "explain.gender_no_match", "explain.basic_level", "explain.field_text"]
    parts = []
    for key in keys:
        for text in i18n.MESSAGES[key]:
            literal = [chunk for chunk, *_ in string.Formatter().parse(text)]
            # whole phrases ("Different fields", "Eri alat"), not a lone role word
            parts += [phrase for phrase in (chunk.strip(" .:;,()") for chunk in literal)
                      if " " in phrase and len(phrase) > 6]
    return parts


def test_letters_give_only_positive_reasons(drafts):
    letters = drafts.tables["introductions"]
    text = "\n".join(letters["introduction"])
    for caveat in _caveats():
        assert caveat not in text, caveat
    assert not re.search(r"\b(not|cannot|does not|no shared|ei |eivät|inte)\b", text.replace(
        "Mentoring is built on", "")), "a negative word in a letter"
    # the explanations of the same pairs do carry caveats: the letters left them out on purpose
    explanations = " ".join(drafts.tables["pairs"]["explanation"])
    assert "Different fields" in explanations
    assert all("\n- " in body for body in letters["introduction"])


def test_letters_say_what_the_other_offers_or_seeks(drafts):
    letters = drafts.tables["introductions"].set_index(["mentee_id", "mentor_id", "recipient"])
    mentees, mentors, labels = drafts.round.mentees, drafts.round.mentors, i18n.label
    for pair in drafts.tables["pairs"].head(20).to_dict("records"):
        mentee, mentor = mentees.loc[pair["mentee_id"]], mentors.loc[pair["mentor_id"]]
        to_mentee = letters.loc[(pair["mentee_id"], pair["mentor_id"], "mentee")]
        to_mentor = letters.loc[(pair["mentee_id"], pair["mentor_id"], "mentor")]
        offered = [g for g in mentee["goals"] if g in mentor["topics"]]
        for goal in offered:  # both letters name the goals the mentor can help with
            for letter in (to_mentee, to_mentor):
                assert labels("goals", goal, letter["language"]) in letter["introduction"]
        assert to_mentee["to_email"] == pair["mentee_email"]
        assert to_mentor["to_email"] == pair["mentor_email"]
        assert pair["mentor_name"] in to_mentee["introduction"]
        assert pair["mentee_name"] in to_mentor["introduction"]
        assert to_mentee["introduction"] != to_mentor["introduction"]


def test_letters_quote_no_free_text(drafts):
    letters = drafts.tables["introductions"]
    mentees, mentors = drafts.round.mentees, drafts.round.mentors
    free = [*mentors["about"], *mentors["job_title"], *mentors["organisation"],
            *mentors["field_text"], *mentees["goals_text"], *mentees["organisation"],
            *mentees["field_text"]]
    free = {text for text in free if isinstance(text, str) and len(text) > 5}
    assert len(free) > 50
    text = "\n".join(letters["introduction"]) + "\n".join(letters["subject"])
    quoted = [t for t in free if t in text]
    # a field answer that is exactly a vocabulary label ("ICT") is the label, not a quote
    labels = {i18n.label(kind, key, lang) for kind in ("fields", "goals", "languages")
              for key in vocab.keys(kind) for lang in i18n.LANGUAGES}
    assert not [t for t in quoted if t not in labels], quoted[:3]


def test_reasons_name_only_a_recognised_city():
    mentee = {"languages": {"fi": 4}, "city": "Tampere", "meeting_mode": "either"}
    mentor = {"languages": {"fi": 4}, "city": "Tampere", "meeting_mode": "in_person"}
    config = load_config(SAMPLE)
    assert letter_reasons("mentee", mentee, mentor, "Aino", "fi", config)[-1] == (
        "Asutte molemmat paikkakunnalla Tampere, joten voitte tavata kasvokkain.")
    typed = {**mentee, "city": "My Secret Street 5"}
    reasons = letter_reasons("mentee", typed, {**mentor, "city": "My Secret Street 5"}, "Aino",
                             "en", config)
    assert not any("Secret" in r for r in reasons)
    remote_only = letter_reasons("mentor", {**mentee, "meeting_mode": "remote"},
                                 {**mentor, "city": "Oulu", "meeting_mode": "either"}, "Mari",
                                 "en", config)
    assert remote_only[-1] == "You can both meet remotely."


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_language_rule_is_written_in_the_round_language(drafts, language):
    config = dataclasses.replace(drafts.round.config, language=language)
    letters = introduction_letters(dataclasses.replace(drafts.round, config=config),
                                   drafts.tables["pairs"], drafts=True)
    shown = {i18n.t(key, language) for key in RULE_MESSAGES.values()}
    assert len(letters) and set(letters["language_rule"]) <= shown


def test_only_kept_pairs_get_letters_unless_drafts_are_asked_for(drafts):
    pairs = drafts.tables["pairs"].copy()
    pairs.loc[[0, 5], "decision"] = "keep"
    kept = set(zip(pairs.loc[[0, 5], "mentee_id"], pairs.loc[[0, 5], "mentor_id"]))
    letters = introduction_letters(drafts.round, pairs)
    assert list(letters.columns) == list(COLUMNS)
    assert set(zip(letters["mentee_id"], letters["mentor_id"])) == kept
    assert len(letters) == 4 and (letters["status"] == "kept").all()
    assert not letters["subject"].str.contains("DRAFT").any()
    assert letters["eml_file"].tolist() == ["introductions/0001-to-mentee.eml",
                                            "introductions/0001-to-mentor.eml",
                                            "introductions/0002-to-mentee.eml",
                                            "introductions/0002-to-mentor.eml"]
    both = introduction_letters(drafts.round, pairs, drafts=True)
    status = both.set_index(["mentee_id", "mentor_id"])["status"]
    assert (status.loc[list(kept)] == "kept").all()
    drafted = both[both["status"] == "draft"]
    assert len(drafted) == 2 * (len(pairs) - 2)
    assert drafted["subject"].str.startswith(("[DRAFT", "[LUONNOS", "[UTKAST")).all()


def test_a_reviewed_run_writes_letters_for_its_kept_pairs_only(drafts, tmp_path):
    config = synthetic.write_round(tmp_path, 6, 8, fmt="csv", messy=False)
    first = run_round(config, tmp_path / "first")
    assert first.tables["introductions"].empty and not (tmp_path / "first/introductions").exists()
    kept = first.tables["pairs"].head(2)[["mentee_id", "mentor_id"]].assign(decision="keep")
    kept.to_csv(tmp_path / "decisions.csv", index=False)
    runs = [run_round(config, tmp_path / name, decisions=tmp_path / "decisions.csv")
            for name in ("second", "again")]
    letters = pd.read_csv(tmp_path / "second/introductions.csv", dtype=str, keep_default_na=False)
    assert set(zip(letters["mentee_id"], letters["mentor_id"])) == set(
        zip(kept["mentee_id"], kept["mentor_id"]))
    assert sorted(p.name for p in (tmp_path / "second/introductions").iterdir()) == [
        "0001-to-mentee.eml", "0001-to-mentor.eml", "0002-to-mentee.eml", "0002-to-mentor.eml"]
    assert runs[0].audit["counts"]["introduction_letters"] == 4
    for path in ["introductions.csv", *letters["eml_file"]]:  # same inputs, same bytes
        assert (tmp_path / "again" / path).read_bytes() == (tmp_path / "second" / path).read_bytes()


def test_eml_files_open_as_the_letters_of_the_csv(drafts):
    letters = pd.read_csv(drafts.outdir / "introductions.csv", dtype=str, keep_default_na=False)
    for letter in letters.head(6).to_dict("records"):
        raw = (drafts.outdir / letter["eml_file"]).read_bytes()
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert message["To"].addresses[0].addr_spec == letter["to_email"]
        assert message["To"].addresses[0].display_name == letter["to_name"]
        assert message["Subject"] == letter["subject"]
        assert message["X-Matcher-Status"] == "draft" and message["X-Unsent"] == "1"
        assert message.get_content().replace("\r\n", "\n") == letter["introduction"] + "\n"
        assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")


def test_a_programmes_own_template_replaces_the_builtin_one(drafts, tmp_path):
    (tmp_path / "to_mentee.en.txt").write_text(
        "Subject: {round}: your mentor is {other_first_name}\n\nDear {recipient_first_name},\n"
        "{reasons}\n{{not a placeholder}}\n", encoding="utf-8")
    config = load_config(SAMPLE)
    config = config.replace(introductions=IntroductionsConfig(templates=tmp_path))
    templates = load_templates(config)
    assert templates["mentee", "en"].source == str(tmp_path / "to_mentee.en.txt")
    assert templates["mentor", "en"].source == "built-in to_mentor.en.txt"
    letters = introduction_letters(drafts.round, drafts.tables["pairs"], drafts=True,
                                   templates=templates)
    letter = letters.query("recipient == 'mentee' and language == 'en'").iloc[0]
    assert letter["introduction"].startswith("Dear ") and "{not a placeholder}" in letter["introduction"]
    assert letter["subject"].endswith(f"your mentor is {letter['mentor_name'].split()[0]}")


@pytest.mark.parametrize("text, problem", [
    ("Hello {recipient_first_name}\n", "the first line must be 'Subject: ...'"),
    ("Subject: Hi {first}\n\nHello", "unknown placeholder {first}; allowed: {round}"),
    ("Subject: Hi\n\nHello {recipient_name", "expected '}'"),
])
def test_a_broken_template_stops_the_run_naming_the_file(tmp_path, text, problem):
    (tmp_path / "to_mentor.fi.txt").write_text(text, encoding="utf-8")
    config = load_config(SAMPLE).replace(introductions=IntroductionsConfig(templates=tmp_path))
    with pytest.raises(ConfigError, match=re.escape(problem)) as caught:
        run_round(config, tmp_path / "out")
    assert str(tmp_path / "to_mentor.fi.txt") in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_builtin_templates_use_only_documented_placeholders():
    templates = load_templates(load_config(SAMPLE).replace(
        introductions=IntroductionsConfig(templates=ROOT / "no-such-folder")))
    assert len(templates) == 6
    for template in templates.values():
        used = {name for part in (template.subject, template.body)
                for _, name, _, _ in string.Formatter().parse(part) if name}
        assert used <= set(PLACEHOLDERS) and "reasons" in used
