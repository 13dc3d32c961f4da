"""How well intake reads forms it has never seen: ``init`` then ``run``, no config edits.

Run from the repository root: ``python -m benchmarks.eval_reading``. For each split (``dev``, whose
phrasings the vocabulary was tuned on, and ``test``, which never enters it) and each export style
of :mod:`matcher.evaluation` (Google Forms CSV in English, Microsoft Forms .xlsx in Finnish,
Finnish Excel CSV in Swedish; with ``--form``, also the reworded styles whose questions are
worded unlike the header vocabulary) it writes a round, runs ``matcher init`` and ``matcher run`` on
it and prints, over every mentee × mentor pair, the share agreeing with the truth on "same field?",
"how many of the mentee's goals does the mentor offer?" and "a shared language?", and the
pairing's true total score as a share of the best pairing's. ``blind`` and ``heldout`` were
written by people who never tuned the reader; ``heldout`` also writes the three exports of
:data:`matcher.evaluation.MORE_FORMS`, whose questions are worded differently too, and
``heldout2`` (run it by name: ``--split heldout2``) the four of
:data:`matcher.evaluation.HELDOUT2_FORMS` (Webropol, Swedish Microsoft Forms, a Google Forms
languages grid, a Windows-1252 Excel CSV with a Finnish mentor and an English mentee form), and
``heldout3`` (``--split heldout3``) the four of :data:`matcher.evaluation.HELDOUT3_FORMS`
(SurveyMonkey's two header rows, a Jotform CSV with options one a line, a Swedish Google Forms
CSV with typed "Annat" answers, an organiser's copy of a Finnish Microsoft Forms .xlsx under a
title row with a Swedish mentor form), and ``heldout4`` (``--split heldout4``) the four of
:data:`matcher.evaluation.HELDOUT4_FORMS` (LimeSurvey's coded headings, a Typeform CSV whose
option columns are headed by the options, a Google Sheets .xlsx under merged title rows with a
Swedish mentor and an English mentee form, a coordinator's workbook with the data on its second
sheet above a totals row). ``--form google_sv_en`` (``google_fi_en``, ``google_sv_fi``,
:data:`matcher.evaluation.MIXED_FORMS`) writes a mentor form in one language and a mentee form
in another. The ``heldout5`` split (``--split heldout5``) has the four of
:data:`matcher.evaluation.HELDOUT5_FORMS` (a Qualtrics CSV under three header rows with an English
mentee and a Finnish mentor survey, a KoboToolbox ";" CSV with group paths in its headings, a
bilingual Finnish/English Microsoft Forms .xlsx, a Swedish CSV re-saved by Excel that asks the
mother tongue apart). The ``heldout7`` split (``--split heldout7``) has the four of
:data:`matcher.evaluation.HELDOUT7_FORMS` (a municipality's LibreOffice Calc .ods asking the mother
tongue apart, a Tally CSV with its checkboxes joined and as one true/false column per option, a
Google Forms CSV asking the goals in two sections with a Swedish mentee and a Finnish mentor form,
an organiser's reworked Microsoft Forms .xlsx with "Other" answers and languages without levels).
The ``heldout8`` split (``--split heldout8``) has the four of
:data:`matcher.evaluation.HELDOUT8_FORMS` (a Zoho Forms CSV asking the field as a free-text job
title, a Swedish e-form CSV under two header rows with 1/0 option columns, an HR system's .xlsx of
mentors beside a Google Forms CSV of mentees, a Forms.app CSV joining its choices by " | ").
``--form langcols_fi`` (and the other :data:`matcher.evaluation.LANGUAGE_FORMS`, each with a
never-tuned ``_check`` variant) asks the languages or the goals in one of their shapes: a column
per language, a mother tongue apart, ranked choices. Exports that also ask where people live and
how they meet get a second table: the share of pairs agreeing on "the same city?" and "a
meeting-mode clash?"; the ``dev_places`` split (``--split dev_places``, and ``dev_placescheck``,
never tuned on) words the places and meeting modes of the three
:data:`matcher.evaluation.PLACE_FORMS` from :file:`matcher/evaluation_phrases_places.toml`.
"""

from __future__ import annotations

import argparse
import tempfile
import traceback
from pathlib import Path

from matcher import evaluation


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentees", type=int, default=150)
    parser.add_argument("--mentors", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--split", choices=sorted(evaluation.phrases()), action="append",
                        help="a split of matcher/evaluation_phrases*.toml (default: "
                             f"{', '.join(evaluation.SPLITS)})")
    parser.add_argument("--form", action="append",
                        choices=(*evaluation.FORMS, *evaluation.REWORDED, *evaluation.GRIDS,
                                 *evaluation.MORE_FORMS, *evaluation.HELDOUT2_FORMS,
                                 *evaluation.HELDOUT3_FORMS, *evaluation.HELDOUT4_FORMS,
                                 *evaluation.SENTENCE_FORMS, *evaluation.TOOL_FORMS,
                                 *evaluation.MIXED_FORMS, *evaluation.HELDOUT5_FORMS,
                                 *evaluation.HELDOUT7_FORMS, *evaluation.HELDOUT8_FORMS, *evaluation.PLACE_FORMS,
                                 *evaluation.LANGUAGE_FORMS),
                        help="export styles (default: the split's own, evaluation.forms; the "
                             "reworded ones test column detection by contents)")
    args = parser.parse_args(argv)
    print(f"reading {args.mentees} mentees x {args.mentors} mentors per export (seed {args.seed})\n")
    print("| split | export | same field | goals offered | shared language | worth vs best |")
    print("|---|---|---:|---:|---:|---:|")
    places = []
    with tempfile.TemporaryDirectory() as folder:
        for split in args.split or evaluation.SPLITS:
            for form in args.form or evaluation.forms(split):
                try:
                    figures = evaluation.evaluate(Path(folder) / split / form, split, form,
                                                  args.mentees, args.mentors, args.seed)
                except Exception as error:  # a traceback in init or run is a finding: say where, go on
                    print(f"| {split} | {form} | {_crash(error)} | | | |", flush=True)
                    continue
                print(f"| {split} | {form} | {figures['field']:.1%} | {figures['goals']:.1%} | "
                      f"{figures['language']:.1%} | {figures['worth']:.1%} |", flush=True)
                if "city" in figures:
                    places.append(f"| {split} | {form} | {figures['city']:.1%} | {figures['meeting_mode']:.1%} |")
    if places:
        print("\n| split | export | same city | meeting-mode clash |\n|---|---|---:|---:|", *places, sep="\n")


def _crash(error: Exception) -> str:
    """Where ``error`` was raised, in matcher's own code where it passed through: its type, file
    and function (never its message, which may quote the answers).

    >>> try:
    ...     evaluation.write_exports(tempfile.mkdtemp(), "no such split", "google")
    ... except KeyError as error:
    ...     _crash(error)
    'crashed: KeyError in evaluation.py:write_exports'
    """
    frames = traceback.extract_tb(error.__traceback__)
    own = [f for f in frames if "/matcher/" in f.filename.replace("\\", "/")] or frames
    return f"crashed: {type(error).__name__} in {Path(own[-1].filename).name}:{own[-1].name}"


if __name__ == "__main__":
    main()
