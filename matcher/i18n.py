"""Messages to coordinators in English, Finnish and Swedish: one small catalogue, no dependencies.

``[round] language = "fi" | "sv" | "en"`` picks the language of everything a coordinator reads:
the report, the workbook's headers and sheet names, explanations, unmatched reasons, the summary
and the command line's closing lines. The CSV files keep their English column names
(``mentee_id``, ``score`` ...) whatever the language, so batch jobs never break.

Every message is one entry of :data:`MESSAGES`: a key and its text in each language of
:data:`LANGUAGES`, in that order. Texts are :meth:`str.format` templates with named fields only;
a count with its noun is one field whose format spec names the noun's two forms,
``{n:row|rows}`` (Finnish ``{n:rivi|riviä}``, Swedish ``{n:rad|rader}``): :func:`t` writes
"1 row" for one and "2 rows" otherwise (see :class:`CountFormatter`), so no message picks its
own singular;
all three translations of a message use the same fields (``tests/test_i18n.py`` checks that every
message has all three, with the same fields). Display labels of the built-in vocabularies
(fields, goals, languages) are in :data:`LABELS`: English comes from :mod:`matcher.vocab`, the
Finnish and Swedish labels from here (and for the languages outside the hand-written list, from
the CLDR names of :func:`matcher.language_table.table`).

Examples
--------
>>> t("sheet.pairs", "fi")
'Parit'
>>> t("count.warnings", "sv", n=3), t("count.warnings", "fi", n=1)
('3 varningar', '1 varoitus')
>>> header("mentee_name", "fi"), header("mentee_name", "en"), header("Job title", "fi")
('Mentoroitava', 'Mentee', 'Job title')
>>> label("fields", "health", "sv"), label("languages", "fi", "fi")
('hälso- och sjukvård', 'suomi')
>>> join(["ICT", "Engineering", "Law"], "fi")
'ICT, Engineering ja Law'
>>> number(61.44, "fi"), number(61.44, "en"), number(0.3, "sv", 2), percent(62, "fi")
('61,4', '61.4', '0,30', '62 %')

Numbers: a number a person reads in a sentence or a text cell (the report, the summary, the
explanations and reasons, the data issues, the letters, the command line's text) is written by
:func:`number` and :func:`percent`, with the round's decimal separator: a comma in Finnish and
Swedish ("61,4"), a point in English. A number a program reads stays machine-readable in every
language: the numeric columns of the CSV files (``score``, the score parts, ``capacity`` ...),
``audit.json``, and the workbook's number cells (stored as numbers, which the spreadsheet shows
with the reader's own separator).
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from matcher.language_table import table

#: The languages every message is written in, in the order of each :data:`MESSAGES` entry.
LANGUAGES = ("en", "fi", "sv")
DEFAULT_LANGUAGE = "en"

#: key -> (English, Finnish, Swedish). Keys are grouped by where the text appears.
MESSAGES: dict[str, tuple[str, str, str]] = {
    # --- language names, for messages about the language itself -------------------------------
    "language.en": ("English", "englanti", "engelska"),
    "language.fi": ("Finnish", "suomi", "finska"),
    "language.sv": ("Swedish", "ruotsi", "svenska"),
    # --- list joining ------------------------------------------------------------------------------
    "list.and": ("{head} and {last}", "{head} ja {last}", "{head} och {last}"),
    "list.or": ("{head} or {last}", "{head} tai {last}", "{head} eller {last}"),
    # --- roles ---------------------------------------------------------------------------------
    "role.mentee": ("mentee", "mentoroitava", "adept"),
    "role.mentor": ("mentor", "mentori", "mentor"),
    # --- workbook sheet names (at most 31 characters, none of []:*?/\) --------------------------
    "sheet.pairs": ("Pairs", "Parit", "Par"),
    "sheet.unmatched": ("Unmatched", "Ilman paria", "Utan par"),
    "sheet.mentors": ("Mentors", "Mentorit", "Mentorer"),
    "sheet.alternatives": ("Alternatives", "Vaihtoehdot", "Alternativ"),
    "sheet.supply_demand": ("Supply and demand", "Tarjonta ja kysyntä", "Utbud och efterfrågan"),
    "sheet.issues": ("Data issues", "Tietojen ongelmat", "Dataproblem"),
    "sheet.summary": ("Summary", "Yhteenveto", "Sammanfattning"),
    "sheet.decisions": ("Decisions", "Päätökset", "Beslut"),
    "sheet.not_included": ("Not included", "Ei mukana", "Inte med"),
    # --- human column headers of the workbook and the report (the CSVs keep the column names) --
    "column.mentee_id": ("Mentee id", "Mentoroitavan tunnus", "Adeptens id"),
    "column.mentee_name": ("Mentee", "Mentoroitava", "Adept"),
    "column.mentee_email": ("Mentee e-mail", "Mentoroitavan sähköposti", "Adeptens e-post"),
    "column.mentor_id": ("Mentor id", "Mentorin tunnus", "Mentorns id"),
    "column.mentor_name": ("Mentor", "Mentori", "Mentor"),
    "column.mentor_email": ("Mentor e-mail", "Mentorin sähköposti", "Mentorns e-post"),
    "column.score": ("Score", "Pisteet", "Poäng"),
    "column.field": ("Field", "Ala", "Bransch"),
    "column.goals": ("Goals", "Tavoitteet", "Mål"),
    "column.language": ("Language", "Kieli", "Språk"),
    "column.location": ("Location", "Sijainti", "Plats"),
    "column.experience": ("Experience", "Kokemus", "Erfarenhet"),
    "column.gender": ("Gender", "Sukupuoli", "Kön"),
    "column.explanation": ("Why this pair", "Miksi tämä pari", "Varför detta par"),
    "column.locked": ("Locked", "Lukittu", "Låst"),
    "column.decision": ("Decision", "Päätös", "Beslut"),
    "column.notes": ("Notes", "Muistiinpanot", "Anteckningar"),
    "column.move_to": ("Move to", "Siirrä mentorille", "Flytta till"),
    "column.reason": ("Reason", "Syy", "Orsak"),
    "column.email": ("E-mail", "Sähköposti", "E-post"),
    "column.name": ("Name", "Nimi", "Namn"),
    "column.id": ("Id", "Tunnus", "Id"),
    "column.role": ("Role", "Rooli", "Roll"),
    "column.best_candidates": ("Best candidates", "Parhaat ehdokkaat", "Bästa kandidater"),
    "column.capacity": ("Places", "Paikat", "Platser"),
    "column.assigned": ("Mentees assigned", "Mentoroitavia", "Tilldelade adepter"),
    "column.remaining": ("Free places", "Vapaat paikat", "Lediga platser"),
    "column.rank": ("Rank", "Sija", "Rang"),
    "column.feasible": ("Possible", "Mahdollinen", "Möjlig"),
    "column.note": ("Note", "Huomio", "Anmärkning"),
    "column.dimension": ("Kind", "Laji", "Typ"),
    "column.value": ("Value", "Arvo", "Värde"),
    "column.mentees": ("Mentees", "Mentoroitavat", "Adepter"),
    "column.mentors": ("Mentors", "Mentorit", "Mentorer"),
    "column.ratio": ("Places per mentee", "Paikkoja per mentoroitava", "Platser per adept"),
    "column.goal": ("Goal", "Tavoite", "Mål"),
    "column.covered": ("Covered", "Katettu", "Täckt"),
    "column.severity": ("Severity", "Vakavuus", "Allvarlighet"),
    "column.count": ("Count", "Lukumäärä", "Antal"),
    "column.file": ("File", "Tiedosto", "Fil"),
    "column.row": ("Row", "Rivi", "Rad"),
    "column.column": ("Column", "Sarake", "Kolumn"),
    "column.problem": ("Problem", "Ongelma", "Problem"),
    "column.suggestion": ("Suggestion", "Ehdotus", "Förslag"),
    "column.item": ("Item", "Kohta", "Post"),
    "column.mentees_assigned": ("Mentees", "Mentoroitavat", "Adepter"),
    "column.mentee_field": ("Mentee's field", "Mentoroitavan ala", "Adeptens bransch"),
    "column.mentor_field": ("Mentor's field", "Mentorin ala", "Mentorns bransch"),
    "column.mentee_goals": ("Mentee's goals", "Mentoroitavan tavoitteet", "Adeptens mål"),
    "column.mentor_topics": ("Mentor's topics", "Mentorin aiheet", "Mentorns ämnen"),
    "column.mentee_languages": ("Mentee's languages", "Mentoroitavan kielet", "Adeptens språk"),
    "column.mentor_languages": ("Mentor's languages", "Mentorin kielet", "Mentorns språk"),
    "column.mentee_city": ("Mentee's city", "Mentoroitavan paikkakunta", "Adeptens ort"),
    "column.mentor_city": ("Mentor's city", "Mentorin paikkakunta", "Mentorns ort"),
    "column.mentee_meeting_mode": ("Mentee meets", "Mentoroitava tapaa", "Adepten träffas"),
    "column.mentor_meeting_mode": ("Mentor meets", "Mentori tapaa", "Mentorn träffas"),
    "column.mentor_job_title": ("Mentor's job title", "Mentorin ammattinimike", "Mentorns yrkestitel"),
    # --- workbook and report columns of the review (the workbook engineer's) ----------------------
    "column.locked_by": ("Locked", "Lukittu", "Låst"),
    "column.current_mentor": ("Current mentor", "Nykyinen mentori", "Nuvarande mentor"),
    "column.current_score": ("Current score", "Nykyiset pisteet", "Nuvarande poäng"),
    "column.score_change": ("Score change if moved", "Pistemuutos siirrossa",
                            "Poängändring vid flytt"),
    "column.free_places": ("Mentor's free places", "Mentorin vapaat paikat", "Mentorns lediga platser"),
    "column.moved_from": ("Moved from mentor id", "Siirretty mentorilta (tunnus)",
                          "Flyttad från mentor (id)"),
    "lock.decisions": ("kept in review", "pidetty tarkistuksessa", "behållen vid granskning"),
    "lock.move": ("moved in review", "siirretty tarkistuksessa", "flyttad vid granskning"),
    "lock.config": ("round config", "kierroksen asetukset", "omgångens inställningar"),
    "alternatives.raises": ("moving raises the pair's score", "siirto nostaa parin pisteitä",
                            "flytten höjer parets poäng"),
    "alternatives.lowers": ("moving lowers the pair's score", "siirto laskee parin pisteitä",
                            "flytten sänker parets poäng"),
    "alternatives.unmatched": ("unmatched: this mentor could take them",
                               "ilman paria: tämä mentori voisi ottaa hänet",
                               "utan par: den här mentorn kunde ta emot adepten"),
    "level.1": ("basic", "perustaso", "grundläggande"),
    "level.2": ("good", "hyvä", "god"),
    "level.3": ("fluent", "sujuva", "flytande"),
    "level.4": ("native", "äidinkieli", "modersmål"),
    # --- report.html (the workbook engineer's) ---------------------------------------------------
    "report.subtitle": (
        "Mentoring pairs for review: {n:pair|pairs}. Confidential: this report names participants.",
        "Mentorointiparit tarkistettavaksi: {n:pari|paria}. Luottamuksellinen: raportissa on "
        "osallistujien nimiä.",
        "Mentorspar att granska: {n} par. Konfidentiellt: rapporten namnger deltagare."),
    "report.summary": ("Summary", "Yhteenveto", "Sammanfattning"),
    "report.charts": ("Charts", "Kaaviot", "Diagram"),
    "report.settings": ("Settings, solver and counts", "Asetukset, ratkaisu ja luvut",
                        "Inställningar, lösning och antal"),
    "report.pairs": ("Pairs", "Parit", "Par"),
    "report.mentors": ("Mentors", "Mentorit", "Mentorer"),
    "report.unmatched": ("Unmatched mentees", "Mentoroitavat ilman paria", "Adepter utan par"),
    "report.issues": ("Data issues", "Tietojen ongelmat", "Dataproblem"),
    "report.filter_pairs": ("Filter pairs by name, id or reason", "Suodata pareja nimellä, "
                            "tunnuksella tai perustelulla", "Filtrera par efter namn, id eller skäl"),
    "report.filter_mentors": ("Filter mentors by name or mentee", "Suodata mentoreita nimellä tai "
                              "mentoroitavalla", "Filtrera mentorer efter namn eller adept"),
    "report.show_details": ("Show ids and score parts", "Näytä tunnukset ja pisteiden osat",
                            "Visa id och poängdelar"),
    "report.count": ("{shown} of {total}", "{shown} / {total}", "{shown} av {total}"),
    "report.footer": (
        "Written by matcher {version}. Scores are 0-100; score parts 0-1. Click a column header "
        "to sort.",
        "Kirjoittanut matcher {version}. Pisteet 0-100; pisteiden osat 0-1. Lajittele "
        "napsauttamalla sarakkeen otsikkoa.",
        "Skriven av matcher {version}. Poäng 0-100; poängdelar 0-1. Klicka på en "
        "kolumnrubrik för att sortera."),
    "report.no_pairs": ("No pairs were made.", "Pareja ei muodostettu.", "Inga par bildades."),
    "report.everyone_matched": ("Everyone who applied has a mentor.",
                                "Jokaisella hakijalla on mentori.",
                                "Alla som anmälde sig har en mentor."),
    "report.no_issues": ("No data issues were found.", "Tiedoista ei löytynyt ongelmia.",
                         "Inga dataproblem hittades."),
    "report.no_mentors": ("No mentors signed up.", "Mentoreita ei ilmoittautunut.",
                          "Inga mentorer anmälde sig."),
    "report.nothing_to_chart": ("Nothing to chart yet: no pairs were made.",
                                "Ei vielä kaavioita: pareja ei muodostettu.",
                                "Inget att visa ännu: inga par bildades."),
    "report.tile_pairs": ("pairs", "paria", "par"),
    "report.tile_matched": ("mentees matched", "mentoroitavaa parissa", "adepter med par"),
    "report.tile_unmatched": ("mentees unmatched", "mentoroitavaa ilman paria", "adepter utan par"),
    "report.tile_not_included": ("people not included (no consent or not eligible: the workbook's "
                                 "Not included sheet)",
                                 "henkilöä ei mukana (ei suostumusta tai ei osallistumisehtoja: "
                                 "työkirjan Ei mukana -välilehti)",
                                 "personer inte med (inget samtycke eller inte behöriga: "
                                 "arbetsbokens flik Inte med)"),
    "report.tile_mean": ("mean score", "keskimääräiset pisteet", "medelpoäng"),
    "report.tile_lowest": ("lowest score", "pienimmät pisteet", "lägsta poäng"),
    "report.tile_free": ("mentors with free places", "mentoria, joilla vapaita paikkoja",
                         "mentorer med lediga platser"),
    "report.tile_issues": ("data issues ({errors:error|errors})", "tietojen ongelmaa ({errors:virhe|virhettä})",
                           "dataproblem ({errors} fel)"),
    "report.mentors_intro": (
        "{free} of {n} mentors have free places ({places} places in all). Mentors with free "
        "places are listed first.",
        "{free}/{n} mentorilla on vapaita paikkoja (yhteensä {places} paikkaa). Mentorit, "
        "joilla on vapaita paikkoja, ovat ensin.",
        "{free} av {n} mentorer har lediga platser ({places} platser sammanlagt). Mentorer med "
        "lediga platser visas först."),
    "chart.scores_title": ("How good are the pairs? Score distribution",
                           "Kuinka hyviä parit ovat? Pisteiden jakauma",
                           "Hur bra är paren? Poängfördelning"),
    "chart.scores_x": ("score (0-100)", "pisteet (0-100)", "poäng (0-100)"),
    "chart.scores_y": ("pairs", "paria", "par"),
    "chart.mean": ("mean {value}", "keskiarvo {value}", "medel {value}"),
    "chart.scores_caption": (
        "Most pairs should sit to the right; a long left tail means weak pairs worth a look.",
        "Useimpien parien pitäisi olla oikealla; pitkä vasen häntä tarkoittaa heikkoja pareja, "
        "jotka kannattaa katsoa.",
        "De flesta par bör ligga till höger; en lång vänstersvans betyder svaga par som är "
        "värda en titt."),
    "chart.components_title": ("What the pairs share: mean of each score part",
                               "Mitä parit jakavat: pisteiden osien keskiarvot",
                               "Vad paren delar: medelvärdet av varje poängdel"),
    "chart.components_x": ("mean score part (0-1)", "pisteiden osan keskiarvo (0-1)",
                           "poängdelens medelvärde (0-1)"),
    "chart.components_caption": (
        "1.0 would mean every pair matches perfectly on that part of the score.",
        "1,0 tarkoittaisi, että jokainen pari sopii täydellisesti tältä osin.",
        "1,0 skulle betyda att varje par passar perfekt i den delen av poängen."),
    "chart.goals_title": ("Goal coverage: is each goal offered?",
                          "Tavoitteiden kattavuus: tarjotaanko jokaista tavoitetta?",
                          "Måltäckning: erbjuds varje mål?"),
    "chart.goals_wanted": ("matched mentees with the goal", "parin saaneet, joilla tavoite",
                           "adepter med par som har målet"),
    "chart.goals_covered": ("... whose mentor offers it", "... joiden mentori tarjoaa sitä",
                            "... vars mentor erbjuder det"),
    "chart.goals_x": ("mentees", "mentoroitavia", "adepter"),
    "chart.goals_caption": (
        "Share of matched mentees whose mentor can help with each goal.",
        "Osuus parin saaneista, joiden mentori voi auttaa kussakin tavoitteessa.",
        "Andel adepter med par vars mentor kan hjälpa till med varje mål."),
    "chart.supply_title_language": ("Supply and demand by language", "Tarjonta ja kysyntä kielittäin",
                                    "Utbud och efterfrågan per språk"),
    "chart.supply_title_field": ("Supply and demand by field", "Tarjonta ja kysyntä aloittain",
                                 "Utbud och efterfrågan per bransch"),
    "chart.supply_wanted": ("mentees wanting it", "mentoroitavia, jotka haluavat", "adepter som vill ha det"),
    "chart.supply_offered": ("mentor places offering it", "mentoripaikkoja tarjolla",
                             "mentorsplatser som erbjuder det"),
    "chart.supply_x": ("people / places", "henkilöt / paikat", "personer / platser"),
    "chart.others": ("others ({n})", "muut ({n})", "övriga ({n})"),
    "chart.supply_caption_language": (
        "Red labels: fewer mentor places than mentees who want that language. Every such "
        "language is shown; the rest are summed up in 'others'.",
        "Punaiset nimet: mentoripaikkoja vähemmän kuin kieltä haluavia mentoroitavia. Kaikki "
        "tällaiset kielet näytetään; loput on laskettu yhteen kohtaan 'muut'.",
        "Röda etiketter: färre mentorsplatser än adepter som vill ha språket. Alla sådana språk "
        "visas; resten summeras under 'övriga'."),
    "chart.supply_caption_field": (
        "Red labels: fewer mentor places than mentees in that field; recruit mentors there. "
        "Every such field is shown; the rest are summed up in 'others'.",
        "Punaiset nimet: mentoripaikkoja vähemmän kuin alan mentoroitavia; rekrytoi sinne "
        "mentoreita. Kaikki tällaiset alat näytetään; loput on laskettu yhteen kohtaan 'muut'.",
        "Röda etiketter: färre mentorsplatser än adepter i branschen; rekrytera mentorer där. "
        "Alla sådana branscher visas; resten summeras under 'övriga'."),
    "workbook.keep": ("keep", "pidä", "behåll"),
    "workbook.reject": ("reject", "hylkää", "avvisa"),
    "workbook.decision_title": ("Your decision", "Päätöksesi", "Ditt beslut"),
    "workbook.decision_prompt": (
        "keep: fix this pair in the next run. reject: never pair them. Empty: let matcher decide.",
        "pidä: pari pysyy seuraavassa ajossa. hylkää: heitä ei koskaan paritetta. Tyhjä: matcher "
        "päättää.",
        "behåll: paret står kvar i nästa körning. avvisa: de paras aldrig ihop. Tomt: matcher "
        "bestämmer."),
    "workbook.decision_error_title": ("keep or reject?", "pidä vai hylkää?", "behåll eller avvisa?"),
    "workbook.decision_error": (
        "Type keep or reject, or leave the cell empty to decide later.",
        "Kirjoita pidä tai hylkää, tai jätä solu tyhjäksi ja päätä myöhemmin.",
        "Skriv behåll eller avvisa, eller lämna cellen tom och bestäm senare."),
    "workbook.move_title": ("Move to another mentor", "Siirrä toiselle mentorille",
                            "Flytta till en annan mentor"),
    "workbook.move_prompt": (
        "The new mentor's e-mail or name. The next run locks the mentee with that mentor.",
        "Uuden mentorin sähköposti tai nimi. Seuraava ajo lukitsee mentoroitavan hänelle.",
        "Den nya mentorns e-post eller namn. Nästa körning låser adepten hos den mentorn."),
    "workbook.move_error": (
        "Not a name on the Mentors sheet: matcher will look it up as an e-mail or name and "
        "suggest the closest if it finds none.",
        "Nimeä ei ole Mentorit-välilehdellä: matcher etsii sitä sähköpostina tai nimenä ja "
        "ehdottaa lähintä, jos ei löydä.",
        "Inget namn på fliken Mentorer: matcher söker det som e-post eller namn och föreslår "
        "det närmaste om inget hittas."),
    # --- meeting modes, as shown in tables -----------------------------------------------------
    "mode.in_person": ("in person", "kasvokkain", "på plats"),
    "mode.remote": ("remotely", "etänä", "på distans"),
    "mode.either": ("either way", "kumpi tahansa", "vilket som"),
    # --- the Summary sheet and the end-of-run table ---------------------------------------------
    "summary.round": ("Round", "Kierros", "Omgång"),
    "summary.mentees": ("Mentees", "Mentoroitavat", "Adepter"),
    "summary.mentors": ("Mentors", "Mentorit", "Mentorer"),
    "summary.mentor_places": ("Mentor places", "Mentoripaikat", "Mentorsplatser"),
    "summary.pairs": ("Pairs", "Parit", "Par"),
    "summary.matched_mentees": ("Matched mentees", "Mentoroitavat, joilla on pari", "Adepter med par"),
    "summary.unmatched_mentees": ("Unmatched mentees", "Mentoroitavat ilman paria",
                                  "Adepter utan par"),
    "summary.not_included": ("Not included", "Ei mukana", "Inte med"),
    "summary.not_included_value": ("mentees {mentees}, mentors {mentors}",
                                   "mentoroitavia {mentees}, mentoreita {mentors}",
                                   "adepter {mentees}, mentorer {mentors}"),
    "summary.locked_pairs": ("Locked pairs", "Lukitut parit", "Låsta par"),
    "summary.forbidden_pairs": ("Forbidden pairs", "Kielletyt parit", "Förbjudna par"),
    "summary.objective": ("Objective", "Optimointitavoite", "Optimeringsmål"),
    "summary.solver_status": ("Solver status", "Ratkaisun tila", "Lösarens status"),
    "summary.solver_engine": ("Solver engine", "Ratkaisumenetelmä", "Lösningsmetod"),
    "summary.optimality_gap": ("Optimality gap", "Optimaalisuusero", "Optimalitetsgap"),
    "summary.mean_score": ("Mean score", "Keskimääräiset pisteet", "Medelpoäng"),
    "summary.minimum_score": ("Minimum score", "Pienimmät pisteet", "Lägsta poäng"),
    "summary.feasible_pairs": ("Feasible pairs", "Mahdolliset parit", "Möjliga par"),
    "summary.weights": ("Weights", "Painot", "Vikter"),
    "summary.min_score_setting": ("Minimum score setting", "Pisteiden alaraja",
                                  "Inställd lägsta poäng"),
    "summary.same_organisation_allowed": ("Same organisation allowed", "Sama organisaatio sallittu",
                                          "Samma organisation tillåten"),
    "summary.data_issues": ("Data issues", "Tietojen ongelmat", "Dataproblem"),
    "summary.data_issues_value": ("{errors}, {warnings} ({cells})", "{errors}, {warnings} ({cells})",
                                  "{errors}, {warnings} ({cells})"),
    "count.errors": ("{n:error|errors}", "{n:virhe|virhettä}", "{n:fel|fel}"),
    "count.warnings": ("{n:warning|warnings}", "{n:varoitus|varoitusta}", "{n:varning|varningar}"),
    "count.data_errors": ("{n:data error|data errors}", "{n:virhe|virhettä}", "{n:datafel|datafel}"),
    "count.cells": ("{n:cell|cells}", "{n:solu|solua}", "{n:cell|celler}"),
    "summary.output": ("Output", "Tulokset", "Resultat"),
    # the objective's config word stays beside its translation: it is what --objective takes
    "objective.coverage": ("coverage", "kattavuus (coverage)", "täckning (coverage)"),
    "objective.total": ("total", "kokonaispisteet (total)", "total poäng (total)"),
    "objective.fair": ("fair", "tasapuolisuus (fair)", "rättvisa (fair)"),
    "solver_status.optimal": ("optimal", "optimaalinen", "optimal"),
    # --- what came from history (matcher.history) --------------------------------------------------
    "summary.earlier_rounds": ("Earlier rounds", "Aiemmat kierrokset", "Tidigare omgångar"),
    "summary.earlier_pairs": ("Earlier pairs in this round", "Aiemmat parit tällä kierroksella",
                              "Tidigare par i denna omgång"),
    "summary.repeat_pairs": ("Repeat pairs", "Toistuvat parit", "Upprepade par"),
    "summary.repeat_pairs_forbid": ("{n} avoided (forbidden)", "{n} vältetty (kielletty)",
                                    "{n} undvikna (förbjudna)"),
    "summary.repeat_pairs_penalise": ("{n} penalised by {points} points, {chosen} chosen",
                                      "{n} sai {points} pisteen vähennyksen, {chosen} valittu",
                                      "{n} fick {points} poängs avdrag, {chosen} valda"),
    "summary.repeat_pairs_allow": ("allowed, {chosen} chosen", "sallittu, {chosen} valittu",
                                   "tillåtna, {chosen} valda"),
    "summary.unmatched_priority": ("Priority for unmatched last time",
                                   "Etusija viimeksi ilman paria jääneille",
                                   "Företräde för dem som blev utan par förra gången"),
    "summary.unmatched_priority_value": ("{n:mentee|mentees} (+{bonus})", "{n:mentoroitava|mentoroitavaa} (+{bonus})",
                                         "{n:adept|adepter} (+{bonus})"),
    "summary.continuing_pairs": ("Continuing pairs", "Jatkavat parit", "Fortsättande par"),
    "summary.continuing_pairs_value": (
        "{n} ({locked} locked here, {counted} counted against the mentor's capacity)",
        "{n} ({locked} lukittu tähän, {counted} vähennetty mentorin paikoista)",
        "{n} ({locked} låsta här, {counted} avräknade från mentorns platser)"),
    "summary.published_pairs_kept": ("Published pairs kept", "Julkaistut parit säilytetty",
                                     "Publicerade par behållna"),
    "summary.new_pairs": ("New pairs", "Uudet parit", "Nya par"),
    "summary.released_pairs": ("Released pairs", "Päätetyt parit", "Avslutade par"),
    "history.published_gone": (
        "{n:published pair names|published pairs name} someone no longer in the round; their "
        "places are free again",
        "{n:julkaistu pari|julkaistua paria}: toinen osapuoli ei ole enää mukana kierroksella; "
        "paikat ovat taas vapaina",
        "{n:publicerat par|publicerade par}: någon av parterna är inte längre med i omgången; "
        "platserna är lediga igen"),
    "history.published_gone_fix": ("nothing to do if they withdrew",
                                   "ei toimenpiteitä, jos hän perui osallistumisensa",
                                   "inget att göra om personen har dragit sig ur"),
    "history.capacity_short": (
        "{n:mentor now offers|mentors now offer} fewer places than their published pairs; their "
        "pairs are kept and they get nobody new",
        "{n:mentori tarjoaa|mentoria tarjoaa} nyt vähemmän paikkoja kuin hänellä on julkaistuja "
        "pareja; parit säilyvät, eikä uusia mentoroitavia tule",
        "{n:mentor erbjuder|mentorer erbjuder} nu färre platser än sina publicerade par; paren "
        "behålls och inga nya adepter tillkommer"),
    "history.capacity_short_fix": ("nothing to do, or end a pair with matcher rematch",
                                   "ei toimenpiteitä, tai päätä pari komennolla matcher rematch",
                                   "inget att göra, eller avsluta ett par med matcher rematch"),
    "history.continuing_lost": (
        "{n:continuing pair names|continuing pairs name} a mentor not in this round; ignored",
        "{n:jatkava pari|jatkavaa paria}: mentori ei ole mukana tällä kierroksella; ohitettu",
        "{n:fortsättande par|fortsättande par}: mentorn är inte med i denna omgång; ignorerades"),
    "history.continuing_lost_fix": ("check the mentor's id or e-mail, or add an alias",
                                    "tarkista mentorin tunnus tai sähköposti, tai lisää alias",
                                    "kontrollera mentorns id eller e-post, eller lägg till ett alias"),
    "value.off": ("off", "pois", "av"),
    "value.yes": ("yes", "kyllä", "ja"),
    "value.no": ("no", "ei", "nej"),
    "value.not_available": ("n/a", "ei saatavilla", "saknas"),
    # --- hard-constraint reasons (why a pair cannot be matched) --------------------------------
    "reason.not_released": (
        "Not released: matcher rematch finds new mentors only for the released mentees; run "
        "matcher run --incremental to match new sign-ups.",
        "Ei mukana uudelleen parituksessa: matcher rematch etsii uuden mentorin vain päätettyjen "
        "parien mentoroitaville; uudet ilmoittautuneet paritetaan komennolla matcher run --incremental.",
        "Inte med i omparningen: matcher rematch söker nya mentorer endast för adepter vars par "
        "avslutades; nya anmälningar paras med matcher run --incremental."),
    "reason.released_ruled_out": (
        "No mentor available: {ruled} of {n} mentors are ruled out by the constraints and {barred} "
        "by ended or earlier pairs (the ended pair is never proposed again).",
        "Ei vapaata mentoria: {n} mentorista {ruled} on rajattu pois ehdoilla ja {barred} päättyneen "
        "tai aiemman parin vuoksi (päättynyttä paria ei ehdoteta uudelleen).",
        "Ingen mentor tillgänglig: {ruled} av {n} mentorer utesluts av villkoren och {barred} av "
        "avslutade eller tidigare par (det avslutade paret föreslås aldrig igen)."),
    "reason.released_full": (
        "No mentor available: all {n} compatible mentors are full: {best}. One more place for "
        "{first} would let them be paired.",
        "Ei vapaata mentoria: kaikki {n} sopivaa mentoria ovat täynnä: {best}. Yksi paikka lisää "
        "mentorille {first} mahdollistaisi parin.",
        "Ingen mentor tillgänglig: alla {n} lämpliga mentorer är fulla: {best}. En plats till hos "
        "{first} skulle göra ett par möjligt."),
    "reason.released_taken": (
        "Compatible mentors have free places, but they went to other released mentees the "
        "objective ranks first.",
        "Sopivilla mentoreilla on vapaita paikkoja, mutta ne menivät muille uudelleen paritettaville, "
        "jotka tavoite asettaa etusijalle.",
        "Lämpliga mentorer har lediga platser, men de gick till andra adepter i omparningen som "
        "målet sätter först."),
    "reason.no_shared_language": ("no shared language", "ei yhteistä kieltä", "inget gemensamt språk"),
    "reason.same_organisation": ("same organisation", "sama organisaatio", "samma organisation"),
    "reason.forbidden": ("forbidden by the coordinator", "koordinaattorin kieltämä",
                         "förbjudet av koordinatorn"),
    "reason.meeting_mode": ("meeting mode incompatible (in person only vs remote only)",
                            "tapaamistavat eivät sovi (vain kasvokkain / vain etänä)",
                            "mötesformerna passar inte (bara på plats / bara på distans)"),
    "reason.gender_preference": ("mentor's gender is not the one the mentee wished for",
                                 "mentorin sukupuoli ei ole mentoroitavan toivoma",
                                 "mentorns kön är inte det adepten önskade"),
    "reason.too_far": ("too far apart to meet in person (in person only)",
                       "liian kaukana tavata kasvokkain (vain kasvokkain)",
                       "för långt ifrån varandra för att träffas på plats (bara på plats)"),
    "reason.same_field_wish": ("mentee wished for a mentor from the same field only",
                               "mentoroitava toivoi mentoria vain samalta alalta",
                               "adepten önskade en mentor från samma bransch"),
    "reason.language_wish": ("mentor does not speak the language of mentoring the mentee wished for",
                             "mentori ei puhu mentoroitavan toivomaa mentorointikieltä",
                             "mentorn talar inte det mentorspråk adepten önskade"),
    "reason.below_min_score": ("below the minimum score", "alle pisteiden alarajan",
                               "under lägsta poäng"),
    "reason.rule": ("{rule} not met", "ehto {rule} ei täyty", "villkoret {rule} uppfylls inte"),
    # --- data issues (matcher validate, the Data issues sheet): problem, then suggestion --------
    "issue.blank_rows": ("{n:blank row|blank rows} ignored", "{n:tyhjä rivi|tyhjää riviä} ohitettu",
                         "{n:tom rad|tomma rader} ignorerades"),
    "issue.no_answer": ("no answer", "ei vastausta", "inget svar"),
    "issue.no_answer_fix": ("defaults used; ask for the answers if they matter",
                            "oletusarvot käytössä; kysy vastauksia, jos niillä on merkitystä",
                            "standardvärden används; fråga efter svaren om de spelar roll"),
    "issue.empty_column": ("no answer in any of the {n} rows: the whole column is empty",
                           "ei vastausta yhdelläkään {n} rivistä: koko sarake on tyhjä",
                           "inget svar på någon av de {n} raderna: hela kolumnen är tom"),
    "issue.empty_column_fix": (
        "defaults used; check that the round config maps '{name}' to the column holding its "
        "answers, or remove that line",
        "oletusarvot käytössä; tarkista, että kierroksen asetukset liittävät tiedon '{name}' "
        "sarakkeeseen, jossa sen vastaukset ovat, tai poista se rivi",
        "standardvärden används; kontrollera att omgångens inställningar kopplar '{name}' till "
        "kolumnen med svaren, eller ta bort den raden"),
    "issue.bad_email": ("not an e-mail address: this sign-up is matched under an id of its own "
                        "(never taken for another row with the same text) and cannot be reached "
                        "by e-mail",
                        "ei ole sähköpostiosoite: ilmoittautuminen saa oman tunnuksen (sitä ei "
                        "pidetä samana henkilönä kuin muita rivejä, joilla on sama teksti), eikä "
                        "henkilöä tavoiteta sähköpostilla",
                        "ingen e-postadress: anmälan får ett eget id (den tas aldrig för en annan "
                        "rad med samma text), och personen kan inte nås per e-post"),
    "issue.bad_email_fix": ("correct the address in the file (name@example.org) and run again",
                            "korjaa osoite tiedostoon (nimi@esimerkki.fi) ja aja uudelleen",
                            "rätta adressen i filen (namn@exempel.se) och kör igen"),
    "issue.bad_date": ("not a date and time", "ei päivämäärä ja kellonaika",
                       "inte ett datum och en tid"),
    "issue.bad_date_fix": ("duplicates of this person are ordered by row instead",
                           "tämän henkilön päällekkäiset ilmoittautumiset järjestetään rivin mukaan",
                           "dubbla anmälningar av personen ordnas i stället efter rad"),
    "issue.a_number": ("a number", "luku", "ett tal"),
    "issue.a_whole_number": ("a whole number", "kokonaisluku", "ett heltal"),
    "issue.date_like": ("looks like a date, not a number (a spreadsheet may have turned '4-3' or "
                        "'4.3' into one)",
                        "näyttää päivämäärältä eikä luvulta (taulukko on voinut muuttaa '4-3' tai "
                        "'4.3' päivämääräksi)",
                        "ser ut som ett datum, inte ett tal (ett kalkylblad kan ha gjort '4-3' "
                        "eller '4.3' till ett)"),
    "issue.date_like_fix": ("write {what}, e.g. 2, and format the column as text",
                            "kirjoita {what}, esim. 2, ja muotoile sarake tekstiksi",
                            "skriv {what}, t.ex. 2, och formatera kolumnen som text"),
    "issue.too_high": ("more than {maximum}: not a plausible answer",
                       "yli {maximum}: ei uskottava vastaus", "mer än {maximum}: inget rimligt svar"),
    "issue.correct": ("correct the answer{meanwhile}", "korjaa vastaus{meanwhile}",
                      "rätta svaret{meanwhile}"),
    "issue.unreadable": ("cannot be read as {what}", "ei ole luettavissa (pitää olla {what})",
                         "kan inte läsas som {what}"),
    "issue.unreadable_fix": ("write {what}, e.g. 2{meanwhile}", "kirjoita {what}, esim. 2{meanwhile}",
                             "skriv {what}, t.ex. 2{meanwhile}"),
    "issue.meanwhile": (" (until then {value} is used)", " (siihen asti käytetään arvoa {value})",
                        " (till dess används {value})"),
    "issue.meanwhile_empty": (" (until then it is left empty)", " (siihen asti se jätetään tyhjäksi)",
                              " (till dess lämnas det tomt)"),
    "issue.too_low": ("must be {minimum} or more", "pitää olla vähintään {minimum}",
                      "måste vara minst {minimum}"),
    "issue.loose": ("read loosely as {value}", "luettu väljästi: {value}", "tolkat som {value}"),
    "issue.loose_fix": ("write {what} to silence this", "kirjoita {what}, niin varoitus poistuu",
                        "skriv {what} så försvinner varningen"),
    "issue.duplicate": ("duplicate sign-up: same e-mail as row {row}, which is kept ({which})",
                        "päällekkäinen ilmoittautuminen: sama sähköposti kuin rivillä {row}, joka "
                        "säilytetään ({which})",
                        "dubbel anmälan: samma e-post som rad {row}, som behålls ({which})"),
    "issue.latest": ("latest submission", "uusin vastaus", "senaste svaret"),
    "issue.first": ("first submission", "ensimmäinen vastaus", "första svaret"),
    "issue.duplicate_fix": ("delete the extra row or set [read] duplicates",
                            "poista ylimääräinen rivi tai aseta [read] duplicates",
                            "ta bort den extra raden eller ställ in [read] duplicates"),
    "issue.pair_unknown_locked": ("locked pair names an unknown {role}",
                                  "lukitussa parissa on tuntematon {role}",
                                  "ett låst par nämner en okänd {role}"),
    "issue.pair_unknown_forbidden": ("forbidden pair names an unknown {role}",
                                     "kielletyssä parissa on tuntematon {role}",
                                     "ett förbjudet par nämner en okänd {role}"),
    "issue.pair_unknown_fix": ("use an id or e-mail from {file}",
                               "käytä tunnusta tai sähköpostiosoitetta tiedostosta {file}",
                               "använd ett id eller en e-postadress ur filen {file}"),
    "issue.pair_did_you_mean": ("did you mean '{best}'? ", "tarkoititko '{best}'? ",
                                "menade du '{best}'? "),
    "issue.locked_and_forbidden": ("the pair mentee {mentee} / mentor {mentor} is both locked and "
                                   "forbidden ({source})",
                                   "pari mentoroitava {mentee} / mentori {mentor} on sekä "
                                   "lukittu että kielletty ({source})",
                                   "paret adept {mentee} / mentor {mentor} är både låst och "
                                   "förbjudet ({source})"),
    "issue.locked_and_forbidden_fix": ("remove it from one of the two lists",
                                       "poista se toisesta listasta",
                                       "ta bort det ur en av de två listorna"),
    "issue.self_signup": ("also signed up as a mentor (row {row} of {file}); never paired with "
                          "themselves",
                          "ilmoittautui myös mentoriksi (rivi {row}, {file}); ei koskaan pariksi "
                          "itsensä kanssa",
                          "anmälde sig också som mentor (rad {row} i {file}); paras aldrig ihop med "
                          "sig själv"),
    "issue.self_signup_fix": ("nothing to do, unless one sign-up should be removed",
                              "ei tehtävää, ellei toista ilmoittautumista pidä poistaa",
                              "inget att göra, om inte en anmälan ska tas bort"),
    "issue.remote_place": ("a remote answer as the place, but meets only in person",
                           "paikkakunnaksi vastattu etä, mutta tapaa vain kasvokkain",
                           "distans angivet som ort, men träffas bara på plats"),
    "issue.remote_place_fix": ("ask which municipality they can meet in, or set their meeting mode "
                               "to remote or either",
                               "kysy, missä kunnassa hän voi tavata, tai aseta tapaamistavaksi etä "
                               "tai kumpi tahansa",
                               "fråga i vilken kommun personen kan träffas, eller ställ in "
                               "mötesformen på distans eller vilket som"),
    "issue.meeting_mode": ("meeting mode not recognised; '{default}' used",
                           "tapaamistapaa ei tunnistettu; käytetään '{default}'",
                           "mötesformen kändes inte igen; '{default}' används"),
    "issue.meeting_mode_fix": ("answer in person, remote or either (or Finnish: kasvokkain, etänä, "
                               "molemmat)",
                               "vastaa kasvokkain, etänä tai molemmat (tai englanniksi: in person, "
                               "remote, either)",
                               "svara in person, remote eller either (eller på finska: kasvokkain, "
                               "etänä, molemmat)"),
    "issue.no_language": ("no usable language: this participant cannot be matched",
                          "ei käyttökelpoista kieltä: tälle osallistujalle ei löydy paria",
                          "inget användbart språk: deltagaren kan inte få ett par"),
    "issue.no_language_fix": ("add the languages they can use in mentoring",
                              "lisää kielet, joilla hän voi osallistua mentorointiin",
                              "lägg till de språk personen kan använda i mentorskapet"),
    "issue.idle_mentor": ("capacity 0, but offers {n:topic|topics}: this mentor gets no mentee",
                          "paikkoja 0, mutta tarjoaa {n:aihe|aihetta}: tämä mentori ei saa "
                          "mentoroitavaa",
                          "0 platser, men erbjuder {n:ämne|ämnen}: mentorn får ingen adept"),
    "issue.idle_mentor_fix": ("check the number of mentees they can take",
                              "tarkista, montako mentoroitavaa hän voi ottaa",
                              "kontrollera hur många adepter personen kan ta"),
    "issue.rows": ("rows {rows}", "rivit {rows}", "rader {rows}"),
    "issue.row": ("row {rows}", "rivi {rows}", "rad {rows}"),
    "issue.unknown_place": ("not a Finnish municipality ({rows}): distance unknown, location scored "
                            "neutrally",
                            "ei Suomen kunta ({rows}): etäisyys ei tiedossa, sijainti pisteytetty "
                            "neutraalisti",
                            "inte en finländsk kommun ({rows}): avståndet okänt, platsen "
                            "poängsatt neutralt"),
    "issue.unknown_place_fix": ("write the municipality (e.g. Espoo for Leppävaara), or add it to "
                                "[vocabulary.cities] as a synonym of one",
                                "kirjoita kunta (esim. Espoo, kun vastaus on Leppävaara) tai lisää "
                                "se kohtaan [vocabulary.cities] jonkin kunnan synonyymiksi",
                                "skriv kommunen (t.ex. Esbo för Alberga), eller lägg till den i "
                                "[vocabulary.cities] som synonym till en"),
    "issue.field_unmentored": ("{n:mentee wants|mentees want} a mentor in {field}, but no mentor works in it "
                               "({rows}){same_only}",
                               "{n:mentoroitava toivoo|mentoroitavaa toivoo} mentoria alalta {field}, mutta yksikään "
                               "mentori ei työskentele sillä ({rows}){same_only}",
                               "{n} adepter vill ha en mentor inom {field}, men ingen mentor "
                               "arbetar där ({rows}){same_only}"),
    "issue.same_field_only": ("; {n} of them want a mentor from the same field only",
                              "; heistä {n} haluaa mentorin vain samalta alalta",
                              "; {n} av dem vill ha en mentor från samma bransch"),
    "issue.field_unmentored_fix": ("recruit a mentor from the field, or tell these mentees",
                                   "rekrytoi alalta mentori tai kerro asiasta näille "
                                   "mentoroitaville",
                                   "rekrytera en mentor från branschen, eller meddela dessa adepter"),
    # --- who is who, and the sheet's layout (intake) -------------------------------------------------
    "issue.no_identity": ("no e-mail and no id: this sign-up is left out",
                          "ei sähköpostia eikä tunnusta: ilmoittautuminen jätetään pois",
                          "ingen e-post och inget id: anmälan lämnas utanför"),
    "issue.no_identity_fix": ("add the person's e-mail address", "lisää henkilön sähköpostiosoite",
                              "lägg till personens e-postadress"),
    "issue.id_clash": ("id already used by another person", "tunnus on jo toisen henkilön käytössä",
                       "id:t används redan av en annan person"),
    "issue.id_clash_fix": ("give each person their own id", "anna jokaiselle oma tunnus",
                           "ge varje person ett eget id"),
    "issue.header_row": ("the headers were found on row {row}; the title rows above them are "
                         "ignored",
                         "otsikot löytyivät riviltä {row}; niiden yläpuolella olevat otsikkorivit "
                         "ohitetaan",
                         "rubrikerna hittades på rad {row}; titelraderna ovanför dem ignoreras"),
    "issue.header_row_fix": ("nothing to do if that is the header row",
                             "ei toimenpiteitä, jos se on otsikkorivi",
                             "inget att göra om det är rubrikraden"),
    "issue.same_header": ("the same header is used by {n:column|columns}; the first is '{header}', the "
                          "next '{header} (2)'",
                          "sama otsikko on {n} sarakkeella; ensimmäinen on '{header}', seuraava "
                          "'{header} (2)'",
                          "samma rubrik används av {n} kolumner; den första är '{header}', nästa "
                          "'{header} (2)'"),
    "issue.same_header_fix": ("rename one of them in the file, or map the one you mean in the round "
                              "config",
                              "nimeä yksi niistä uudelleen tiedostossa tai valitse tarkoittamasi "
                              "kierroksen asetuksissa",
                              "byt namn på en av dem i filen, eller ange den du menar i omgångens "
                              "inställningar"),
    "issue.note_rows": ("rows {rows} under the answers look like a note, not a sign-up (one or two "
                        "cells filled); ignored",
                        "vastausten alla olevat rivit {rows} näyttävät muistiinpanolta, eivät "
                        "ilmoittautumiselta (yksi tai kaksi solua täytetty); ohitettu",
                        "raderna {rows} under svaren ser ut som en anteckning, inte en anmälan (en "
                        "eller två celler ifyllda); ignoreras"),
    "issue.note_row": ("row {rows} under the answers looks like a note, not a sign-up (one or two "
                       "cells filled); ignored",
                       "vastausten alla oleva rivi {rows} näyttää muistiinpanolta, ei "
                       "ilmoittautumiselta (yksi tai kaksi solua täytetty); ohitettu",
                       "raden {rows} under svaren ser ut som en anteckning, inte en anmälan (en "
                       "eller två celler ifyllda); ignoreras"),
    "issue.note_rows_fix": ("delete the note from the file if it is not one",
                            "poista muistiinpano tiedostosta, jos se ei ole ilmoittautuminen",
                            "ta bort anteckningen ur filen om den inte är en anmälan"),
    "issue.stray_quote": ("a lone double quote (\") in {where} would have joined the rows below "
                          "it into one cell; it was read as an ordinary character",
                          "yksinäinen lainausmerkki (\", {where}) olisi yhdistänyt sen alla "
                          "olevat rivit yhdeksi soluksi; se luettiin tavallisena merkkinä",
                          "ett ensamt citattecken (\") på {where} skulle ha slagit ihop raderna "
                          "under det till en cell; det lästes som ett vanligt tecken"),
    "issue.stray_quote_fix": ("check those rows' answers", "tarkista näiden rivien vastaukset",
                              "kontrollera svaren på de raderna"),
    "issue.no_signups": ("no sign-ups below the header row (the file holds only the questions)",
                         "otsikkorivin alla ei ole ilmoittautumisia (tiedostossa on vain "
                         "kysymykset)",
                         "inga anmälningar under rubrikraden (filen innehåller bara frågorna)"),
    "issue.no_signups_fix": ("export the form answers again, with the answers",
                             "vie lomakkeen vastaukset uudelleen, vastausten kanssa",
                             "exportera formulärets svar igen, med svaren"),
    # --- how an answer of a choice question was read (validate, the Data issues sheet, init) ------
    "reading.unknown.languages": ("not a known language name", "ei tunnettu kielen nimi",
                                  "inget känt språknamn"),
    "reading.unknown.fields": ("not a known field name", "ei tunnettu alan nimi",
                               "inget känt branschnamn"),
    "reading.unknown.goals": ("not a known goal name", "ei tunnettu tavoitteen nimi",
                              "inget känt målnamn"),
    "reading.abbreviation": ("{unknown}; read as '{label}' (an abbreviation, confidence {confidence})",
                             "{unknown}; luettu: '{label}' (lyhenne, varmuus {confidence})",
                             "{unknown}; tolkat som '{label}' (förkortning, säkerhet {confidence})"),
    "reading.corrected": ("{unknown}; read as '{label}' (a typo, confidence {confidence})",
                          "{unknown}; luettu: '{label}' (kirjoitusvirhe, varmuus {confidence})",
                          "{unknown}; tolkat som '{label}' (stavfel, säkerhet {confidence})"),
    "reading.meaning": ("{unknown}; read as '{label}' by meaning (confidence {confidence}, next "
                        "best '{runner_up}')",
                        "{unknown}; luettu merkityksen perusteella: '{label}' (varmuus "
                        "{confidence}, seuraavaksi paras '{runner_up}')",
                        "{unknown}; tolkat efter betydelsen som '{label}' (säkerhet {confidence}, "
                        "näst bäst '{runner_up}')"),
    "reading.aligned": ("{unknown}; read as one category with the other form's answer "
                        "'{runner_up}' (similarity {confidence})",
                        "{unknown}; luettu samaksi luokaksi kuin toisen lomakkeen vastaus "
                        "'{runner_up}' (samankaltaisuus {confidence})",
                        "{unknown}; tolkat som samma kategori som den andra blankettens svar "
                        "'{runner_up}' (likhet {confidence})"),
    "reading.elimination_answer": ("{unknown}; read as one category with the other form's answer "
                                   "'{runner_up}', the answers left on both forms (similarity "
                                   "{confidence})",
                                   "{unknown}; luettu samaksi luokaksi kuin toisen lomakkeen "
                                   "vastaus '{runner_up}': ne jäivät kummallakin lomakkeella "
                                   "ainoiksi vastaamattomiksi (samankaltaisuus {confidence})",
                                   "{unknown}; tolkat som samma kategori som den andra "
                                   "blankettens svar '{runner_up}': de enda svar som var kvar på "
                                   "båda blanketterna (likhet {confidence})"),
    "reading.elimination_concept": ("{unknown}; read as '{label}', the one concept the other form "
                                    "offers and this one otherwise lacks (closeness {confidence})",
                                    "{unknown}; luettu: '{label}', ainoa käsite, jonka toinen "
                                    "lomake tarjoaa ja joka tältä muuten puuttuu (läheisyys "
                                    "{confidence})",
                                    "{unknown}; tolkat som '{label}', det enda begrepp som den "
                                    "andra blanketten erbjuder och som annars saknas här (närhet "
                                    "{confidence})"),
    "reading.own": ("{unknown}; kept as a category of its own", "{unknown}; pidetty omana luokkanaan",
                    "{unknown}; behållet som en egen kategori"),
    "reading.rows": ("{problem}; {n:row|rows}", "{problem}; {n:rivi|riviä}", "{problem}; {n:rad|rader}"),
    "reading.row": ("{problem}; 1 row", "{problem}; 1 rivi", "{problem}; 1 rad"),
    "reading.fix": ("check it under [vocabulary.{kind}] in the round config (matcher init writes "
                    "it there)",
                    "tarkista se kierroksen asetusten kohdasta [vocabulary.{kind}] (matcher init "
                    "kirjoittaa sen sinne)",
                    "kontrollera det under [vocabulary.{kind}] i omgångens inställningar (matcher "
                    "init skriver det där)"),
    "reading.level": ("language level '{level}' not read; the default level ({default}) is used",
                      "kielitasoa '{level}' ei tunnistettu; käytetään oletustasoa ({default})",
                      "språknivån '{level}' kunde inte tolkas; standardnivån ({default}) används"),
    "reading.level_fix": ("write the level as basic, good, fluent or native, a CEFR level (A1-C2) "
                          "or a number on a scale (4/5), or set [defaults] language_level",
                          "kirjoita taso sanoin (perustaso, hyvä, sujuva, äidinkieli), "
                          "eurooppalaisen viitekehyksen tasona (A1-C2) tai lukuna asteikolla (4/5), "
                          "tai aseta [defaults] language_level",
                          "skriv nivån med ord (grundläggande, god, flytande, modersmål), som en "
                          "GERS-nivå (A1-C2) eller som ett tal på en skala (4/5), eller ange "
                          "[defaults] language_level"),
    "reading.city": ("not a known city name; read as '{city}' (fuzzy score {score})",
                     "ei tunnettu paikkakunnan nimi; luettu: '{city}' (sumea osuma {score})",
                     "inget känt ortnamn; tolkat som '{city}' (ungefärlig träff {score})"),
    "reading.city_fix": ("add it to [vocabulary.cities] to silence this",
                         "lisää se kohtaan [vocabulary.cities], niin varoitus poistuu",
                         "lägg till det under [vocabulary.cities] så försvinner varningen"),
    # how each answer was read, as matcher init's table names it (Round.answers' method column)
    "method.exact": ("exact", "tarkka", "exakt"),
    "method.abbreviation": ("abbreviation", "lyhenne", "förkortning"),
    "method.corrected": ("corrected", "korjattu", "rättat"),
    "method.meaning": ("meaning", "merkitys", "betydelse"),
    "method.aligned": ("aligned", "rinnastettu", "matchat"),
    "method.elimination": ("elimination", "poissulku", "uteslutning"),
    "method.own": ("own", "oma", "egen"),
    "init.heading.confidence": ("confidence", "varmuus", "säkerhet"),
    "init.heading.method": ("method", "tapa", "metod"),
    "init.heading.form": ("form", "lomake", "blankett"),
    "init.heading.column": ("column", "sarake", "kolumn"),
    "init.heading.rows": ("rows", "rivit", "rader"),
    "init.heading.answer": ("answer", "vastaus", "svar"),
    "init.heading.read_as": ("read as", "luettu", "tolkat som"),
    "init.heading.levels": ("levels", "tasot", "nivåer"),
    "init.no_level": ("none given", "ei annettu", "ej angiven"),
    "init.columns": ("{role}: {n:column|columns} recognised ({names}); {carried} carried through",
                     "{role}: {n:sarake|saraketta} tunnistettu ({names}); {carried} viedään mukana "
                     "sellaisenaan",
                     "{role}: {n:kolumn|kolumner} identifierade ({names}); {carried} förs vidare som de är"),
    "init.answers": ("Answers read (low confidence first; {n} not built-in names are written to "
                     "[vocabulary.*] in {path}, edit them there):",
                     "Luetut vastaukset (epävarmimmat ensin; {n} vastausta, jotka eivät ole "
                     "sisäänrakennettuja nimiä, on kirjoitettu kohtaan [vocabulary.*] tiedostoon "
                     "{path}, muokkaa niitä siellä):",
                     "Tolkade svar (minst säkra först; {n} svar som inte är inbyggda namn har "
                     "skrivits under [vocabulary.*] i {path}, redigera dem där):"),
    # --- matcher init: what the answers of a column changed (matcher.detect.Note) ----------
    "family.goals": ("goals", "tavoitteet", "mål"),
    "family.fields": ("fields", "alat", "branscher"),
    "family.languages": ("languages", "kielet", "språk"),
    "family.cities": ("cities", "paikkakunnat", "orter"),
    "family.meeting_modes": ("meeting modes", "tapaamistavat", "mötessätt"),
    "note.sentences": ("column '{header}' could be {claimed} by its header, but its answers are "
                       "sentences: read as {name} (free text)",
                       "sarake '{header}' voisi otsikkonsa perusteella olla {claimed}, mutta sen "
                       "vastaukset ovat lauseita: luetaan vapaana tekstinä ({name})",
                       "kolumnen '{header}' kunde enligt rubriken vara {claimed}, men svaren är "
                       "meningar: läses som fritext ({name})"),
    "note.family": ("column '{header}' could be {claimed} by its header, but its answers read as "
                    "{family} ({share} of the options chosen): taken as {name}",
                    "sarake '{header}' voisi otsikkonsa perusteella olla {claimed}, mutta sen "
                    "vastaukset luetaan aiheella {family} ({share} valituista vaihtoehdoista): "
                    "otetaan kentäksi {name}",
                    "kolumnen '{header}' kunde enligt rubriken vara {claimed}, men svaren läses "
                    "som {family} ({share} av de valda alternativen): tas som {name}"),
    "evidence.family": ("{family}, {share} of the options chosen",
                        "{family}, {share} valituista vaihtoehdoista",
                        "{family}, {share} av de valda alternativen"),
    "evidence.time_only": ("date-times, the only time column", "ajankohtia, ainoa aikasarake",
                           "tidpunkter, den enda tidskolumnen"),
    "evidence.time_latest": ("date-times, the latest of {n} time columns",
                             "ajankohtia, myöhäisin {n} aikasarakkeesta",
                             "tidpunkter, den senaste av {n} tidskolumner"),
    "config.detected_by_answers": ("detected by its answers ({evidence})",
                                   "tunnistettu vastauksista ({evidence})",
                                   "känd igen på svaren ({evidence})"),
    "config.detected_score": ("detected (score {score})", "tunnistettu otsikosta (pisteet {score})",
                              "känd igen på rubriken (poäng {score})"),
    "config.sheet_chosen": ("Chosen by its content (most sign-up rows under a header row); the "
                            "other sheets: {sheets}.",
                            "Valittu sisällön perusteella (eniten ilmoittautumisrivejä "
                            "otsikkorivin alla); muut välilehdet: {sheets}.",
                            "Valt efter innehållet (flest anmälningsrader under en rubrikrad); "
                            "de andra bladen: {sheets}."),
    "config.reading": ("How the columns of this file were read (matcher init):",
                       "Miten tämän tiedoston sarakkeet luettiin (matcher init):",
                       "Hur kolumnerna i den här filen lästes (matcher init):"),
    "note.yes_no": ("column '{header}' could be {claimed} by its header, but its answers are only "
                    "yes or no: not read as {claimed}",
                    "sarake '{header}' voisi otsikkonsa perusteella olla {claimed}, mutta sen "
                    "vastaukset ovat vain kyllä tai ei: sitä ei lueta kentäksi {claimed}",
                    "kolumnen '{header}' kunde enligt rubriken vara {claimed}, men svaren är bara "
                    "ja eller nej: den läses inte som {claimed}"),
    "note.field_from_job_title": ("no field question: the field is read from the answers of "
                                  "'{header}' (the job title)",
                                  "ei alakysymystä: ala luetaan sarakkeen '{header}' vastauksista "
                                  "(ammattinimike)",
                                  "ingen fråga om bransch: branschen läses ur svaren i '{header}' "
                                  "(yrkestiteln)"),
    "note.time_only": ("column '{header}': its answers are date-times (the only time column): "
                       "taken as submitted_at",
                       "sarake '{header}': sen vastaukset ovat ajankohtia (ainoa aikasarake): "
                       "otetaan kentäksi submitted_at",
                       "kolumnen '{header}': svaren är tidpunkter (den enda tidskolumnen): tas "
                       "som submitted_at"),
    "note.time_latest": ("column '{header}': its answers are date-times (the latest of {n} time "
                         "columns): taken as submitted_at",
                         "sarake '{header}': sen vastaukset ovat ajankohtia (myöhäisin {n} "
                         "aikasarakkeesta): otetaan kentäksi submitted_at",
                         "kolumnen '{header}': svaren är tidpunkter (den senaste av {n} "
                         "tidskolumner): tas som submitted_at"),
    "note.family_no_header": ("column '{header}': no header word known, but its answers read as "
                              "{family} ({share} of the options chosen): taken as {name}",
                              "sarake '{header}': otsikossa ei ole tuttua sanaa, mutta sen "
                              "vastaukset luetaan aiheella {family} ({share} valituista "
                              "vaihtoehdoista): otetaan kentäksi {name}",
                              "kolumnen '{header}': inget känt ord i rubriken, men svaren läses "
                              "som {family} ({share} av de valda alternativen): tas som {name}"),
    "note.family_likely": ("column '{header}' could be {claimed} by its header, but its answers "
                           "read most like {family} ({share} of the options chosen) and fit no "
                           "other question better: taken as {name}",
                           "sarake '{header}' voisi otsikkonsa perusteella olla {claimed}, mutta "
                           "sen vastaukset muistuttavat eniten aihetta {family} ({share} "
                           "valituista vaihtoehdoista) eivätkä sovi paremmin muuhun kysymykseen: "
                           "otetaan kentäksi {name}",
                           "kolumnen '{header}' kunde enligt rubriken vara {claimed}, men svaren "
                           "liknar mest {family} ({share} av de valda alternativen) och passar "
                           "ingen annan fråga bättre: tas som {name}"),
    "note.family_likely_no_header": ("column '{header}' has no header word known; its answers "
                                     "read most like {family} ({share} of the options chosen) "
                                     "and fit no other question better: taken as {name}",
                                     "sarakkeen '{header}' otsikossa ei ole tuttua sanaa; sen "
                                     "vastaukset muistuttavat eniten aihetta {family} ({share} "
                                     "valituista vaihtoehdoista) eivätkä sovi paremmin muuhun "
                                     "kysymykseen: otetaan kentäksi {name}",
                                     "kolumnen '{header}' har inget känt ord i rubriken; svaren "
                                     "liknar mest {family} ({share} av de valda alternativen) och "
                                     "passar ingen annan fråga bättre: tas som {name}"),
    "init.header_rows": ("the headers are on two rows ({first} and {second}): each column is named by "
                         "its question and the option under it ('Question - Option'); a question of "
                         "one column by the question alone",
                         "otsikot ovat kahdella rivillä ({first} ja {second}): kukin sarake nimetään "
                         "kysymyksensä ja sen alla olevan vaihtoehdon mukaan ('Kysymys - Vaihtoehto'); "
                         "yhden sarakkeen kysymys pelkän kysymyksen mukaan",
                         "rubrikerna står på två rader ({first} och {second}): varje kolumn namnges "
                         "efter sin fråga och alternativet under den ('Fråga - Alternativ'); en fråga "
                         "med en kolumn efter frågan ensam"),
    "init.folded": ("{n:column|columns} read as one question '{header}' ({how}): {options}",
                    "{n:sarake|saraketta} luettu yhdeksi kysymykseksi '{header}' ({how}): {options}",
                    "{n:kolumn|kolumner} lästa som en fråga '{header}' ({how}): {options}"),
    "init.folded_options": ("a multi-select, one column per option, chosen where the cell is {marks}",
                            "monivalinta, yksi sarake kutakin vaihtoehtoa kohden, valittu kun "
                            "solussa on {marks}",
                            "flerval, en kolumn per alternativ, valt där cellen har {marks}"),
    "init.folded_own_text": ("the option's own text", "vaihtoehdon oma teksti",
                             "alternativets egen text"),
    "init.folded_grid.languages": ("a languages grid, one column per row",
                                   "kieliruudukko, yksi sarake kutakin riviä kohden",
                                   "ett språkrutnät, en kolumn per rad"),
    "init.folded_grid.levels": ("a language level per column",
                                "kielen taso omassa sarakkeessaan",
                                "en språknivå per kolumn"),
    "init.folded_grid.choice": ("a choice grid, one column per row",
                                "valintaruudukko, yksi sarake kutakin riviä kohden",
                                "ett valrutnät, en kolumn per rad"),
    "init.folded_grid.places": ("a ranked choice, one column per place, in the person's order",
                                "järjestetty valinta, yksi sarake kutakin sijaa kohden, vastaajan järjestyksessä",
                                "ett rangordnat val, en kolumn per plats, i personens ordning"),
    "init.folded_grid.ranks": ("a ranking, one column per option holding its rank, in the person's order",
                               "järjestys, yksi sarake kutakin vaihtoehtoa kohden sen sija solussa, "
                               "vastaajan järjestyksessä",
                               "en rangordning, en kolumn per alternativ med dess plats, i personens ordning"),
    "init.folded_more": (" and {n} more", " ja {n} muuta", " och {n} till"),
    "init.folded_other": ("column '{other}' (answers of a person's own, 'Other') read into '{header}' as "
                          "options of their own",
                          "sarake '{other}' (omin sanoin annetut vastaukset, 'Muu') luettu kysymykseen "
                          "'{header}' omina vaihtoehtoinaan",
                          "kolumnen '{other}' (egna svar, 'Annat') läst in i '{header}' som egna "
                          "alternativ"),
    "init.code_rows": ("row {codes} holds the question codes and row {texts} the question texts, which name "
                       "the columns; {imports}",
                       "rivillä {codes} ovat kysymysten koodit ja rivillä {texts} kysymysten tekstit, joiden "
                       "mukaan sarakkeet nimetään; {imports}",
                       "rad {codes} har frågornas koder och rad {texts} frågornas texter, som namnger "
                       "kolumnerna; {imports}"),
    "init.import_rows": ("row {rows} (the survey tool's import ids) is no sign-up",
                         "rivi {rows} (kyselytyökalun tuontitunnisteet) ei ole ilmoittautuminen",
                         "rad {rows} (enkätverktygets import-id:n) är ingen anmälan"),
    "init.no_import_rows": ("the sign-ups follow", "niiden alla ovat ilmoittautumiset",
                            "under dem står anmälningarna"),
    "init.folded_languages": ("column '{mother}' (more languages, with levels) read into '{header}'",
                              "sarake '{mother}' (muut kielet tasoineen) luettu kysymykseen '{header}'",
                              "kolumnen '{mother}' (fler språk, med nivåer) läst in i '{header}'"),
    "init.folded_mother_tongue": ("column '{mother}' (the mother tongue) read into '{header}', each of its "
                                  "languages at native level",
                                  "sarake '{mother}' (äidinkieli) luettu kysymykseen '{header}', kukin sen "
                                  "kielistä äidinkielen tasolla",
                                  "kolumnen '{mother}' (modersmålet) läst in i '{header}', vart och ett av "
                                  "dess språk på modersmålsnivå"),
    "init.typed_columns": (" (and {columns}, a person's own text each, options of their own)",
                           " (ja {columns}, kukin omin sanoin annettu vastaus, omina vaihtoehtoinaan)",
                           " (och {columns}, egna svar, som egna alternativ)"),
    "init.missing": ("no column looked like {what}; fill in [{role}.columns] {name} = \"<header>\" "
                     "in {config} (headers found: {headers})",
                     "mikään sarake ei näyttänyt tiedolta {what}; täydennä [{role}.columns] "
                     "{name} = \"<otsikko>\" tiedostoon {config} (löydetyt otsikot: {headers})",
                     "ingen kolumn såg ut som {what}; fyll i [{role}.columns] {name} = "
                     "\"<rubrik>\" i {config} (hittade rubriker: {headers})"),
    "read.folder": ("{path}: is a folder, not a file; give the path of the exported spreadsheet "
                    "itself (one of {types})",
                    "{path}: on kansio eikä tiedosto; anna viedyn taulukon oma polku (jokin "
                    "näistä: {types})",
                    "{path}: är en mapp, inte en fil; ange sökvägen till själva den exporterade "
                    "tabellen (en av {types})"),
    "read.unsupported": ("{file}: unsupported file type '{suffix}'; save the export as one of {types}",
                         "{file}: tiedostotyyppiä '{suffix}' ei tueta; tallenna vienti jossakin "
                         "näistä muodoista: {types}",
                         "{file}: filtypen '{suffix}' stöds inte; spara exporten som en av {types}"),
    "read.not_found": ("{path}: file not found; check the path (one in a round config is relative "
                       "to the config file's folder)",
                       "{path}: tiedostoa ei löydy; tarkista polku (kierroksen asetuksissa polku "
                       "on suhteessa asetustiedoston kansioon)",
                       "{path}: filen finns inte; kontrollera sökvägen (en sökväg i omgångens "
                       "inställningar utgår från inställningsfilens mapp)"),
    "read.empty": ("{file}: the file is empty (0 bytes); export the form answers again",
                   "{file}: tiedosto on tyhjä (0 tavua); vie lomakkeen vastaukset uudelleen",
                   "{file}: filen är tom (0 byte); exportera formulärets svar igen"),
    "read.workbook_as_text": ("{file}: is an Excel workbook saved with a {suffix} name, not a text "
                              "file; rename it to .xlsx (or .xls), or export the answers as CSV "
                              "again",
                              "{file}: on Excel-työkirja, joka on tallennettu {suffix}-nimellä, "
                              "eikä tekstitiedosto; nimeä se .xlsx- (tai .xls-) tiedostoksi tai "
                              "vie vastaukset uudelleen CSV-muodossa",
                              "{file}: är en Excel-arbetsbok sparad med namnet {suffix}, inte en "
                              "textfil; byt namn till .xlsx (eller .xls), eller exportera svaren "
                              "som CSV igen"),
    "read.encrypted": ("{file}: the workbook is password-protected (encrypted), so it cannot be "
                       "read; open it in Excel, remove the password (File > Info > Protect "
                       "Workbook > Encrypt with Password, clear it) and save it again",
                       "{file}: työkirja on suojattu salasanalla (salattu), joten sitä ei voi "
                       "lukea; avaa se Excelissä, poista salasana (Tiedosto > Tiedot > Suojaa "
                       "työkirja > Salaa salasanalla, tyhjennä se) ja tallenna uudelleen",
                       "{file}: arbetsboken är lösenordsskyddad (krypterad) och kan inte läsas; "
                       "öppna den i Excel, ta bort lösenordet (Arkiv > Info > Skydda arbetsbok > "
                       "Kryptera med lösenord, töm det) och spara igen"),
    "read.not_workbook": ("{file}: cannot be read as a workbook: the file is not an Excel workbook "
                          "inside (perhaps a CSV file or a web page given a workbook name); rename "
                          "it to .csv, or open it in Excel and save it again as .xlsx",
                          "{file}: ei ole luettavissa työkirjana: tiedosto ei sisällä "
                          "Excel-työkirjaa (ehkä CSV-tiedosto tai verkkosivu työkirjan nimellä); "
                          "nimeä se .csv-tiedostoksi tai avaa se Excelissä ja tallenna "
                          "uudelleen .xlsx-muodossa",
                          "{file}: kan inte läsas som arbetsbok: filen innehåller ingen "
                          "Excel-arbetsbok (kanske en CSV-fil eller en webbsida med ett "
                          "arbetsboksnamn); byt namn till .csv, eller öppna den i Excel och "
                          "spara den igen som .xlsx"),
    "read.xls_named": ("{file}: is an old-format Excel workbook (.xls) with a {suffix} name; "
                       "rename it to .xls, or open it in Excel and save it again as .xlsx",
                       "{file}: on vanhan muodon Excel-työkirja (.xls) {suffix}-nimellä; nimeä se "
                       ".xls-tiedostoksi tai avaa se Excelissä ja tallenna uudelleen .xlsx-muodossa",
                       "{file}: är en Excel-arbetsbok i gammalt format (.xls) med namnet "
                       "{suffix}; byt namn till .xls, eller öppna den i Excel och spara den igen "
                       "som .xlsx"),
    "read.no_sheet": ("{file}: no sheet named '{sheet}'; the sheets are {sheets}. Fix 'sheet' in "
                      "the round config or leave it out to let matcher choose the sheet of sign-ups",
                      "{file}: välilehteä '{sheet}' ei ole; välilehdet ovat {sheets}. Korjaa "
                      "'sheet' kierroksen asetuksissa tai jätä se pois, niin matcher valitsee "
                      "ilmoittautumisten välilehden",
                      "{file}: inget blad heter '{sheet}'; bladen är {sheets}. Rätta 'sheet' i "
                      "omgångens inställningar eller ta bort det, så väljer matcher bladet med "
                      "anmälningarna"),
    "init.missing_email": ("the e-mail (or a participant id)",
                           "sähköposti (tai osallistujan tunnus)",
                           "e-post (eller ett deltagar-id)"),
    "init.sheet_chosen": ("the sign-ups were read from sheet {sheet!r}, chosen by its content "
                          "(the other sheets: {others}); {config} names it as `sheet`, change "
                          "it there if another sheet holds them",
                          "ilmoittautumiset luettiin välilehdeltä {sheet!r}, joka valittiin "
                          "sisällön perusteella (muut välilehdet: {others}); {config} nimeää sen "
                          "kohdassa `sheet`, vaihda se siellä, jos ne ovat toisella välilehdellä",
                          "anmälningarna lästes från bladet {sheet!r}, valt efter innehållet "
                          "(de andra bladen: {others}); {config} anger det som `sheet`, ändra "
                          "det där om ett annat blad innehåller dem"),
    "init.no_header_row": ("its first row holds a sign-up's answers (an e-mail address), not the "
                           "questions, so the file has no header row; export the form again with "
                           "its questions as the first row",
                           "sen ensimmäisellä rivillä on ilmoittautujan vastauksia "
                           "(sähköpostiosoite) eikä kysymyksiä, joten tiedostosta puuttuu "
                           "otsikkorivi; vie lomake uudelleen niin, että kysymykset ovat "
                           "ensimmäisellä rivillä",
                           "dess första rad innehåller en anmälds svar (en e-postadress) och inte "
                           "frågorna, så filen saknar rubrikrad; exportera formuläret igen med "
                           "frågorna på första raden"),
    "init.warning": ("Warning: {warning}", "Varoitus: {warning}", "Varning: {warning}"),
    "init.wrote": ("Wrote {path}. Next: matcher validate {path}",
                   "Kirjoitettu {path}. Seuraavaksi: matcher validate {path}",
                   "Skrev {path}. Nästa steg: matcher validate {path}"),
    # --- matcher validate's text around the issues -------------------------------------------------
    "validate.not_included": (
        "{n:person is|people are} not included (each with the reason in the output's 'Not included' sheet "
        "and not_included.csv):",
        "{n:henkilö ei ole|henkilöä ei ole} mukana (kunkin syy tulosten Ei mukana -välilehdellä ja tiedostossa "
        "not_included.csv):",
        "{n:person är|personer är} inte med (var och en med orsaken på fliken Inte med och i "
        "not_included.csv):"),
    "validate.not_included_one": (
        "1 person is not included (with the reason in the output's 'Not included' sheet and "
        "not_included.csv):",
        "1 henkilö ei ole mukana (syy tulosten Ei mukana -välilehdellä ja tiedostossa "
        "not_included.csv):",
        "1 person är inte med (med orsaken på fliken Inte med och i not_included.csv):"),
    "validate.group": ("  {role}: {n} ({rows} of {file}): {reason}",
                       "  {role}: {n} ({rows}, {file}): {reason}",
                       "  {role}: {n} ({rows} i {file}): {reason}"),
    "validate.no_shared_language": (
        "{n:mentee shares|mentees share} no language with any mentor and cannot be matched ({rows} of {file}).",
        "{n} mentoroitavalla ei ole yhteistä kieltä yhdenkään mentorin kanssa, joten heille ei "
        "löydy paria ({rows}, {file}).",
        "{n:adept har|adepter har} inget gemensamt språk med någon mentor och kan inte få ett par ({rows} i "
        "{file})."),
    "validate.summary": ("{mentors:mentor|mentors}, {mentees:mentee|mentees} read; {issues}",
                         "{mentors:mentori|mentoria}, {mentees:mentoroitava|mentoroitavaa} luettu; {issues}",
                         "{mentors:mentor|mentorer}, {mentees:adept|adepter} lästa; {issues}"),
    "validate.summary_left_out": (
        "{mentors:mentor|mentors}, {mentees:mentee|mentees} read and included, {left_out} not included; {issues}",
        "{mentors:mentori|mentoria}, {mentees:mentoroitava|mentoroitavaa} luettu ja mukana, {left_out} ei mukana; "
        "{issues}",
        "{mentors:mentor|mentorer}, {mentees:adept|adepter} lästa och med, {left_out} inte med; {issues}"),
    "validate.shortages": (
        "Fields and goals with fewer mentor places than mentees wanting them (all values: the "
        "report's 'Supply and demand' sheet):",
        "Alat ja tavoitteet, joilla on vähemmän mentoripaikkoja kuin niitä toivovia "
        "mentoroitavia (kaikki arvot: raportin Tarjonta ja kysyntä -välilehti):",
        "Branscher och mål med färre mentorsplatser än adepter som vill ha dem (alla värden: "
        "rapportens flik Utbud och efterfrågan):"),
    # --- round config errors (matcher.config), in the [round] language the file asks for ---------
    "setting.error": ("{where}, key '{key}': {problem}", "{where}, avain '{key}': {problem}",
                      "{where}, nyckel '{key}': {problem}"),
    "setting.did_you_mean": (" (did you mean '{name}'?)", " (tarkoititko '{name}'?)",
                             " (menade du '{name}'?)"),
    "setting.unknown": ("unknown setting{hint}; allowed: {allowed}",
                        "tuntematon asetus{hint}; korjaa nimi tai poista rivi; sallitut: {allowed}",
                        "okänd inställning{hint}; rätta namnet eller ta bort raden; tillåtna: "
                        "{allowed}"),
    "setting.not_allowed": ("{value} is not allowed{hint}; choose one of: {allowed}",
                            "{value} ei ole sallittu{hint}; valitse jokin näistä: {allowed}",
                            "{value} är inte tillåtet{hint}; välj en av: {allowed}"),
    "setting.expected_table": ("expected a table ([{key}]), got {kind}",
                               "odotettiin taulukkoa ([{key}]), saatiin {kind}",
                               "väntade en tabell ([{key}]), fick {kind}"),
    "setting.expected": ("expected {kinds}, got {value}",
                         "odotettiin tyyppiä {kinds}, saatiin {value}: kirjoita arvo tässä muodossa",
                         "väntade {kinds}, fick {value}: skriv värdet i den formen"),
    "setting.not_finite": ("expected a finite number, got {value} (TOML reads nan and inf as "
                           "numbers; write an ordinary number)",
                           "odotettiin äärellistä lukua, saatiin {value} (TOML lukee nan ja inf "
                           "luvuiksi; kirjoita tavallinen luku)",
                           "väntade ett ändligt tal, fick {value} (TOML läser nan och inf som "
                           "tal; skriv ett vanligt tal)"),
    "setting.expected_number": ("expected a number, got {value}", "odotettiin lukua, saatiin {value}",
                                "väntade ett tal, fick {value}"),
    "setting.above": ("must be above {low}, got {value}",
                      "pitää olla suurempi kuin {low}, nyt {value}",
                      "måste vara större än {low}, nu {value}"),
    "setting.at_least": ("must be {low} or more, got {value}", "pitää olla vähintään {low}, nyt {value}",
                         "måste vara minst {low}, nu {value}"),
    "setting.between": ("must be between {low} and {high}, got {value}",
                        "pitää olla välillä {low}–{high}, nyt {value}",
                        "måste vara mellan {low} och {high}, nu {value}"),
    "setting.not_a_key": ("'{name}' is not a key of the {kind} vocabulary{hint}; the keys are: "
                          "{keys} (add a new one under [vocabulary.{kind}] first)",
                          "'{name}' ei ole sanaston {kind} avain{hint}; avaimet: {keys} (lisää "
                          "uusi ensin kohtaan [vocabulary.{kind}])",
                          "'{name}' är ingen nyckel i vokabulären {kind}{hint}; nycklarna är: "
                          "{keys} (lägg först till en ny under [vocabulary.{kind}])"),
    "config.not_found": ("round config {path} not found: check the path, or create one with "
                         "'matcher init MENTORS MENTEES -o round.toml'",
                         "kierroksen asetustiedostoa {path} ei löydy: tarkista polku tai luo "
                         "tiedosto komennolla 'matcher init MENTORS MENTEES -o round.toml'",
                         "omgångens inställningsfil {path} hittas inte: kontrollera sökvägen eller "
                         "skapa en med 'matcher init MENTORS MENTEES -o round.toml'"),
    "config.not_toml": ("{where} is not valid TOML: {detail}",
                        "{where} ei ole kelvollista TOML:ää: {detail}; korjaa kyseinen rivi",
                        "{where} är inte giltig TOML: {detail}; rätta den raden"),
    # --- values of the severity and kind columns, as shown (the tables keep the English words) ----
    "severity.error": ("error", "virhe", "fel"),
    "severity.warning": ("warning", "varoitus", "varning"),
    "dimension.language": ("language", "kieli", "språk"),
    "dimension.field": ("field", "ala", "bransch"),
    "dimension.goal": ("goal", "tavoite", "mål"),
    # --- why a person is not included (the Not included sheet, validate) ------------------------
    "not_included.no_consent": (
        "Did not consent to their answers being used for matching (answered no)",
        "Ei antanut suostumusta vastaustensa käyttöön parien muodostamisessa (vastasi ei)",
        "Samtyckte inte till att svaren används för matchningen (svarade nej)"),
    "not_included.consent_blank": (
        "Did not answer the consent question (consent is needed to be matched)",
        "Ei vastannut suostumuskysymykseen (parin saaminen edellyttää suostumusta)",
        "Svarade inte på frågan om samtycke (samtycke krävs för att få ett par)"),
    "not_included.rule": ("Does not meet the eligibility rule {rule}",
                          "Ei täytä osallistumisehtoa {rule}",
                          "Uppfyller inte villkoret för deltagande {rule}"),
    "not_included.pair_dropped": (
        "{kind} pair {mentee} – {mentor} dropped: one of them is not included (see Not included)",
        "{kind} pari {mentee} – {mentor} poistettu: toinen heistä ei ole mukana (ks. Ei mukana)",
        "{kind} par {mentee} – {mentor} togs bort: en av dem är inte med (se Inte med)"),
    "not_included.pair_dropped_fix": ("ask for consent, or remove the pair",
                                      "pyydä suostumus tai poista pari",
                                      "be om samtycke, eller ta bort paret"),
    "pair.locked": ("locked", "lukittu", "låst"),
    "pair.forbidden": ("forbidden", "kielletty", "förbjudet"),
    "not_included.unmatched": ("Not included: {reason}", "Ei mukana: {reason}",
                               "Inte med: {reason}"),
    # --- why a mentee has no mentor (the Unmatched sheet) ---------------------------------------
    "unmatched.none_compatible_all": (
        "No compatible mentor: {reason} with any of the {n} mentors{note}.",
        "Ei sopivaa mentoria: {reason} yhdenkään {n} mentorin kanssa{note}.",
        "Ingen lämplig mentor: {reason} med någon av de {n} mentorerna{note}."),
    "unmatched.none_compatible": ("No compatible mentor among the {n}: {parts} (a mentor can be "
                                  "ruled out for more than one reason).",
                                  "Ei sopivaa mentoria {n} mentorista: {parts} (sama mentori voi "
                                  "olla poissuljettu useasta syystä).",
                                  "Ingen lämplig mentor bland de {n}: {parts} (en mentor kan "
                                  "uteslutas av flera skäl)."),
    "unmatched.part": ("{reason} ({count} of them)", "{reason} ({count} mentoria)",
                       "{reason} ({count} av dem)"),
    "unmatched.all_full": (
        "All {n} compatible mentors are full: {named}{more}. One more place for {best} would let "
        "them be paired.",
        "Kaikki {n} sopivaa mentoria ovat täynnä: {named}{more}. Yksi paikka lisää mentorille "
        "{best} mahdollistaisi parin.",
        "Alla {n} lämpliga mentorer är fulla: {named}{more}. En plats till hos {best} skulle "
        "göra ett par möjligt."),
    "unmatched.no_mentors": ("No mentors in this round: recruit mentors, or check that the mentor "
                             "file holds the sign-ups.",
                             "Kierroksella ei ole mentoreita: rekrytoi mentoreita tai tarkista, että "
                             "mentoritiedostossa on ilmoittautumiset.",
                             "Omgången har inga mentorer: rekrytera mentorer eller kontrollera att "
                             "mentorsfilen innehåller anmälningarna."),
    "candidates.full": ("full", "täynnä", "full"),
    "candidates.free": ("{n} free", "{n} vapaana", "{n} lediga"),
    "unmatched.objective": (
        "Compatible mentors have free places, but pairing would lower the chosen objective.",
        "Sopivilla mentoreilla on vapaita paikkoja, mutta pari heikentäisi valittua tavoitetta.",
        "Lämpliga mentorer har lediga platser, men ett par skulle sänka det valda målet."),
    "unmatched.mentee_uses": (" (mentee uses {languages})", " (mentoroitavan kielet: {languages})",
                              " (adeptens språk: {languages})"),
    "unmatched.mentee_no_language": (" (mentee gave no language)",
                                     " (mentoroitava ei ilmoittanut kieltä)",
                                     " (adepten angav inget språk)"),
    # --- explanations of a pair (the Pairs sheet), never quoting free text ---------------------
    "explain.no_shared_language": ("No shared language: mentee uses {mentee}; mentor uses {mentor}.",
                                   "Ei yhteistä kieltä: mentoroitavan kielet {mentee}; mentorin "
                                   "kielet {mentor}.",
                                   "Inget gemensamt språk: adepten använder {mentee}; mentorn "
                                   "{mentor}."),
    "explain.no_language_given": ("no language given", "ei kieltä ilmoitettu", "inget språk angivet"),
    "explain.meeting_modes": ("Meeting modes do not fit: mentee meets {mentee}, mentor {mentor}.",
                              "Tapaamistavat eivät sovi: mentoroitava tapaa {mentee}, mentori "
                              "{mentor}.",
                              "Mötesformerna passar inte: adepten träffas {mentee}, mentorn "
                              "{mentor}."),
    "explain.only_in_person": ("only in person", "vain kasvokkain", "bara på plats"),
    "explain.only_remotely": ("only remotely", "vain etänä", "bara på distans"),
    "explain.either_way": ("either way", "kummin tahansa", "på vilket sätt som helst"),
    "explain.below_min_score": ("Score {score} is below the minimum {minimum}.",
                                "Pisteet {score} ovat alle alarajan {minimum}.",
                                "Poängen {score} är under lägsta gränsen {minimum}."),
    "explain.rule": ("Eligibility rule {rule} is not met.", "Osallistumisehto {rule} ei täyty.",
                     "Villkoret {rule} uppfylls inte."),
    "explain.same_organisation": ("Same organisation (conflict of interest).",
                                  "Sama organisaatio (eturistiriita).",
                                  "Samma organisation (intressekonflikt)."),
    "explain.forbidden": ("Forbidden by the coordinator.", "Koordinaattorin kieltämä.",
                          "Förbjudet av koordinatorn."),
    "explain.gender_preference": ("The mentee's gender preference is not met.",
                                  "Mentoroitavan sukupuolitoive ei täyty.",
                                  "Adeptens önskemål om kön uppfylls inte."),
    "explain.languages": ("Both use {languages}{basic}.", "Yhteiset kielet: {languages}{basic}.",
                          "Båda använder {languages}{basic}."),
    "explain.basic_level": (" (at a basic level)", " (perustasolla)", " (på grundnivå)"),
    "explain.same_field": ("Same field: {fields}.", "Sama ala: {fields}.", "Samma bransch: {fields}."),
    "explain.related_fields": ("Related fields: {mentee} and {mentor}.",
                               "Lähialat: {mentee} ja {mentor}.",
                               "Närliggande branscher: {mentee} och {mentor}."),
    "explain.different_fields": ("Different fields: {mentee} (mentee), {mentor} (mentor).",
                                 "Eri alat: {mentee} (mentoroitava), {mentor} (mentori).",
                                 "Olika branscher: {mentee} (adept), {mentor} (mentor)."),
    "explain.mentee_field_unlisted": ("The mentee's field is not in the field list.",
                                      "Mentoroitavan ala ei ole alaluettelossa.",
                                      "Adeptens bransch finns inte i branschlistan."),
    "explain.mentor_field_unlisted": ("The mentor's field is not in the field list.",
                                      "Mentorin ala ei ole alaluettelossa.",
                                      "Mentorns bransch finns inte i branschlistan."),
    "explain.field_text": ("Field answers' text similarity {similarity}.",
                           "Ala-vastausten tekstien samankaltaisuus {similarity}.",
                           "Branschsvarens textlikhet {similarity}."),
    "explain.no_goals": ("Mentee chose no goal topics.", "Mentoroitava ei valinnut tavoitteita.",
                         "Adepten valde inga mål."),
    "explain.offers_goal": ("Offers the mentee's goal: {goal}.",
                            "Tarjoaa mentoroitavan tavoitteen: {goal}.",
                            "Erbjuder adeptens mål: {goal}."),
    "explain.not_offers_goal": ("Does not offer the mentee's goal: {goal}.",
                                "Ei tarjoa mentoroitavan tavoitetta: {goal}.",
                                "Erbjuder inte adeptens mål: {goal}."),
    "explain.offers_none": ("Offers none of the mentee's {n} goals.",
                            "Ei tarjoa yhtäkään mentoroitavan {n} tavoitteesta.",
                            "Erbjuder inget av adeptens {n} mål."),
    "explain.offers_all": ("Offers all {n} of the mentee's goals: {goals}.",
                           "Tarjoaa kaikki mentoroitavan {n} tavoitetta: {goals}.",
                           "Erbjuder alla adeptens {n} mål: {goals}."),
    "explain.offers_some": ("Offers {k} of the mentee's {n} goals: {goals}.",
                            "Tarjoaa {k}/{n} mentoroitavan tavoitteesta: {goals}.",
                            "Erbjuder {k} av adeptens {n} mål: {goals}."),
    "explain.both_in": ("Both in {city}.", "Molemmat paikkakunnalla {city}.", "Båda i {city}."),
    "explain.both_in_remote": ("Both in {city}; can also meet remotely.",
                               "Molemmat paikkakunnalla {city}; voivat tavata myös etänä.",
                               "Båda i {city}; kan också träffas på distans."),
    "explain.remote": ("Can meet remotely{where}.", "Voivat tavata etänä{where}.",
                       "Kan träffas på distans{where}."),
    "explain.km_about": ("about {km} km", "noin {km} km", "cirka {km} km"),
    "explain.km_under": ("under 1 km", "alle 1 km", "under 1 km"),
    "explain.place_both_in": ("both in {city}", "molemmat paikkakunnalla {city}", "båda i {city}"),
    "explain.place_apart": ("{km} apart ({mentee}–{mentor})", "{km} toisistaan ({mentee}–{mentor})",
                            "{km} från varandra ({mentee}–{mentor})"),
    "explain.place_apart_area": ("{km} apart ({mentee}–{mentor}, one commuting area)",
                                 "{km} toisistaan ({mentee}–{mentor}, sama työssäkäyntialue)",
                                 "{km} från varandra ({mentee}–{mentor}, samma pendlingsområde)"),
    "explain.place_unknown": ("distance unknown ({places})", "etäisyys ei tiedossa ({places})",
                              "avståndet okänt ({places})"),
    "explain.mentee_place_missing": ("mentee's place not given", "mentoroitavan paikkakunta puuttuu",
                                     "adeptens ort saknas"),
    "explain.mentor_place_missing": ("mentor's place not given", "mentorin paikkakunta puuttuu",
                                     "mentorns ort saknas"),
    "explain.place_remote": ("{where}; can meet remotely.", "{where}; voivat tavata etänä.",
                             "{where}; kan träffas på distans."),
    "explain.too_far": ("Too far apart to meet in person: {where}; the limit is {limit} km and one "
                        "of them meets only in person.",
                        "Liian kaukana toisistaan tavatakseen kasvokkain: {where}; raja on {limit} km, "
                        "ja toinen tapaa vain kasvokkain.",
                        "För långt ifrån varandra för att träffas på plats: {where}; gränsen är "
                        "{limit} km och en av dem träffas bara på plats."),
    "explain.hard_wish": ("{wish} (a hard wish).", "{wish} (ehdoton toive).", "{wish} (ett absolut önskemål)."),
    "explain.soft_wish": ("{wish} (a soft wish: {points} points off).",
                          "{wish} (joustava toive: {points} pistettä vähemmän).",
                          "{wish} (ett mjukt önskemål: {points} poäng avdrag)."),
    "explain.wish_gender": ("The mentee wished for a mentor who is a {wish}; this mentor's gender: "
                            "{gender}",
                            "Mentoroitava toivoi mentoria, jonka sukupuoli on {wish}; tämän mentorin "
                            "sukupuoli: {gender}",
                            "Adepten önskade en mentor som är {wish}; den här mentorns kön: {gender}"),
    "explain.wish_same_field": ("The mentee wished for a mentor from the same field only ({fields})",
                                "Mentoroitava toivoi mentoria vain samalta alalta ({fields})",
                                "Adepten önskade en mentor från samma bransch ({fields})"),
    "explain.wish_language": ("The mentee wished to be mentored in {languages}, which this mentor "
                              "does not speak",
                              "Mentoroitava toivoi mentorointia kielellä {languages}, jota tämä mentori "
                              "ei puhu",
                              "Adepten önskade mentorskap på {languages}, som den här mentorn inte talar"),
    "explain.not_given": ("not given", "ei kerrottu", "inte angivet"),
    "explain.field_dependent": ("{goals} not counted: it depends on the field, and the fields differ.",
                                "{goals} ei laskettu: se riippuu alasta, ja alat eroavat.",
                                "{goals} räknas inte: det beror på branschen, och branscherna skiljer sig."),
    "explain.modes_do_not_fit": ("Meeting modes do not fit.", "Tapaamistavat eivät sovi.",
                                 "Mötesformerna passar inte."),
    "explain.cannot_meet": ("Cannot meet in person{where} and not both open to remote meetings.",
                            "Eivät voi tavata kasvokkain{where}, eivätkä molemmat ole valmiita "
                            "etätapaamisiin.",
                            "Kan inte träffas på plats{where} och är inte båda öppna för "
                            "distansmöten."),
    "explain.where": (" ({places})", " ({places})", " ({places})"),
    "explain.mentee_in": ("mentee in {city}", "mentoroitava: {city}", "adept i {city}"),
    "explain.mentor_in": ("mentor in {city}", "mentori: {city}", "mentor i {city}"),
    "explain.experience": ("Mentor has {years} years of experience.",
                           "Mentorilla on {years} vuotta kokemusta.",
                           "Mentorn har {years} års erfarenhet."),
    "explain.no_experience": ("Mentor's experience not given.", "Mentorin kokemusta ei ilmoitettu.",
                              "Mentorns erfarenhet inte angiven."),
    "explain.gender_match": ("Matches the mentee's gender preference.",
                             "Vastaa mentoroitavan sukupuolitoivetta.",
                             "Motsvarar adeptens önskemål om kön."),
    "explain.gender_no_match": ("Does not match the mentee's gender preference.",
                                "Ei vastaa mentoroitavan sukupuolitoivetta.",
                                "Motsvarar inte adeptens önskemål om kön."),
    # --- reasons in the introduction letters: only positive, true statements --------------------
    # the language_rule column of introductions.csv: which rule chose a letter's language
    "letter.rule.round": ("round language", "kierroksen kieli", "omgångens språk"),
    "letter.rule.combined": ("highest combined level", "paras yhteinen kielitaso",
                             "högsta sammanlagda nivå"),
    "letter.rule.recipient": ("recipient's language", "vastaanottajan kieli", "mottagarens språk"),
    "letter.rule.not_shared": ("round language, not shared", "kierroksen kieli, ei yhteinen",
                               "omgångens språk, inte gemensamt"),
    "letter.languages": ("You both speak {languages}.", "Kielet, joita puhutte molemmat: {languages}.",
                         "Ni talar båda {languages}."),
    "letter.to_mentee.same_field": ("{name} works in {fields}, the field you are in or aiming for.",
                                    "{name} työskentelee alalla {fields}, joka on myös sinun alasi "
                                    "tai tavoitealasi.",
                                    "{name} arbetar inom {fields}, samma bransch som du är i eller "
                                    "siktar mot."),
    "letter.to_mentee.related_field": ("{name} works in {theirs}, a field close to yours ({yours}).",
                                       "{name} työskentelee alalla {theirs}, joka on lähellä "
                                       "alaasi ({yours}).",
                                       "{name} arbetar inom {theirs}, nära din bransch ({yours})."),
    "letter.to_mentee.field": ("{name} works in {fields}.", "{name} työskentelee alalla: {fields}.",
                               "{name} arbetar inom {fields}."),
    "letter.to_mentee.goals": ("{name} can help with what you asked for: {goals}.",
                               "{name} voi auttaa asioissa, joihin toivoit tukea: {goals}.",
                               "{name} kan hjälpa till med det du bad om: {goals}."),
    "letter.to_mentee.more_goals": ("{name} can also help with: {goals}.",
                                    "{name} voi auttaa myös näissä: {goals}.",
                                    "{name} kan också hjälpa till med: {goals}."),
    "letter.to_mentee.offers": ("{name} can help with: {goals}.",
                                "{name} voi auttaa näissä asioissa: {goals}.",
                                "{name} kan hjälpa till med: {goals}."),
    "letter.to_mentee.experience": ("{name} has {years} years of work experience.",
                                    "{name}: työkokemusta {years} vuotta.",
                                    "{name} har {years} års arbetserfarenhet."),
    "letter.to_mentor.same_field": ("{name} is in or aiming for {fields}, your own field.",
                                    "{name} on alalla {fields} tai tähtää sille, samalle alalle "
                                    "kuin sinä.",
                                    "{name} arbetar inom eller siktar mot {fields}, din egen bransch."),
    "letter.to_mentor.related_field": ("{name} is in or aiming for {theirs}, close to your field "
                                       "({yours}).",
                                       "{name} on alalla {theirs} tai tähtää sille; se on lähellä "
                                       "alaasi ({yours}).",
                                       "{name} arbetar inom eller siktar mot {theirs}, nära din bransch "
                                       "({yours})."),
    "letter.to_mentor.field": ("{name} is in or aiming for {fields}.",
                               "{name} on alalla {fields} tai tähtää sille.",
                               "{name} arbetar inom eller siktar mot {fields}."),
    "letter.to_mentor.goals": ("{name} would like support with {goals}: topics you offered to help "
                               "with.",
                               "{name} toivoo tukea näissä: {goals}. Tarjouduit auttamaan juuri "
                               "niissä.",
                               "{name} vill ha stöd med {goals}: ämnen du erbjöd dig att hjälpa "
                               "till med."),
    "letter.to_mentor.more_goals": ("{name} is also interested in: {goals}.",
                                    "{name} on kiinnostunut myös näistä: {goals}.",
                                    "{name} är också intresserad av: {goals}."),
    "letter.to_mentor.offers": ("{name} would like support with: {goals}.",
                               "{name} toivoo tukea näissä: {goals}.",
                               "{name} vill ha stöd med: {goals}."),
    "letter.same_city": ("You both live in {city}, so you can meet in person.",
                         "Asutte molemmat paikkakunnalla {city}, joten voitte tavata kasvokkain.",
                         "Ni bor båda i {city}, så ni kan träffas på plats."),
    "letter.same_city_remote": ("You both live in {city}; you can meet in person or remotely.",
                                "Asutte molemmat paikkakunnalla {city}; voitte tavata kasvokkain "
                                "tai etänä.",
                                "Ni bor båda i {city}; ni kan träffas på plats eller på distans."),
    "letter.remote": ("You can both meet remotely.", "Voitte molemmat tavata etänä.",
                      "Ni kan båda träffas på distans."),
    "letter.no_reason": ("Your answers fit well together.", "Vastauksenne sopivat hyvin yhteen.",
                         "Era svar passar bra ihop."),
    "letter.draft_subject": ("[DRAFT, not reviewed] {subject}", "[LUONNOS, ei tarkistettu] {subject}",
                             "[UTKAST, ej granskat] {subject}"),
    # --- the command line ------------------------------------------------------------------------
    "cli.data_errors": ("The round has {n:data error|data errors}; nothing was matched:",
                        "Kierroksen tiedoissa on {n:virhe|virhettä}; pareja ei muodostettu:",
                        "Omgången har {n} datafel; inga par bildades:"),
    "cli.round_refused": (
        "the round has {n:data error|data errors}; nothing was matched. Run 'matcher validate "
        "{config}' to see them and fix the spreadsheets or the config.",
        "kierroksen tiedoissa on {n:virhe|virhettä}; pareja ei muodostettu. Aja 'matcher validate "
        "{config}' nähdäksesi ne, ja korjaa taulukot tai asetukset.",
        "omgången har {n} datafel; inga par bildades. Kör 'matcher validate {config}' för att se "
        "dem och rätta kalkylbladen eller inställningarna."),
    "cli.more_errors": ("and {n:more kind|more kinds} of error: run matcher validate {config}",
                        "ja {n:muu virhetyyppi|muuta virhetyyppiä}: aja matcher validate {config}",
                        "och {n:typ|typer} av fel till: kör matcher validate {config}"),
    "validate.more_issues": ("and {n:more kind|more kinds} of issue: all of them, one row each, in "
                             "matcher validate --format csv {config}",
                             "ja {n:muu ongelmatyyppi|muuta ongelmatyyppiä}: kaikki, yksi riviä "
                             "kohden, komennolla matcher validate --format csv {config}",
                             "och {n:typ|typer} av problem till: alla, en rad var, med "
                             "matcher validate --format csv {config}"),
    "cli.next_step": ("Next: review {workbook} (keep / reject in the decision column), then: {command}",
                      "Seuraavaksi: tarkista {workbook} (pidä / hylkää Päätös-sarakkeeseen), sitten: "
                      "{command}",
                      "Nästa steg: granska {workbook} (behåll / avvisa i kolumnen Beslut), sedan: "
                      "{command}"),
    "cli.introductions": ("{n:introduction letter|introduction letters} in {folder} ({status}).",
                          "{n:esittelykirje|esittelykirjettä} kansiossa {folder} ({status}).",
                          "{n} presentationsbrev i {folder} ({status})."),
    "cli.released": ("Released {mentee} (ended pair with {mentors}):",
                     "Päätetty {mentee} (päättynyt pari: {mentors}):",
                     "Avslutad {mentee} (avslutat par med {mentors}):"),
    "cli.new_mentor": ("  new mentor: {mentor} (score {score})", "  uusi mentori: {mentor} (pisteet {score})",
                       "  ny mentor: {mentor} (poäng {score})"),
    "cli.no_new_mentor": ("  no new mentor. {reason}", "  ei uutta mentoria. {reason}",
                          "  ingen ny mentor. {reason}"),
    "cli.alternatives": ("  alternatives: {listed}", "  vaihtoehdot: {listed}", "  alternativ: {listed}"),
    "cli.no_alternatives": ("  alternatives: none (no other compatible mentor)",
                            "  vaihtoehdot: ei yhtään (ei muita sopivia mentoreita)",
                            "  alternativ: inga (ingen annan lämplig mentor)"),
    "cli.no_introductions": ("No introductions yet: they are written for kept pairs "
                             "(or use --draft-introductions).",
                             "Ei vielä esittelykirjeitä: ne kirjoitetaan pidetyille pareille "
                             "(tai käytä --draft-introductions).",
                             "Inga presentationsbrev ännu: de skrivs för behållna par "
                             "(eller använd --draft-introductions)."),
    "status.kept": ("kept pairs", "pidetyt parit", "behållna par"),
    "status.draft": ("drafts for every proposed pair, not reviewed",
                     "luonnokset kaikille ehdotetuille pareille, ei tarkistettu",
                     "utkast för alla föreslagna par, ej granskade"),
}

#: Finnish and Swedish display labels of the built-in vocabulary keys: kind -> key -> (fi, sv).
#: English labels are :func:`matcher.vocab.label`.
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "fields": {
        "ict": ("ICT", "IKT"),
        "engineering": ("tekniikka", "teknik"),
        "health": ("terveydenhuolto", "hälso- och sjukvård"),
        "social_care": ("sosiaaliala", "socialt arbete"),
        "education": ("opetus ja kasvatus", "utbildning"),
        "business": ("liiketoiminta", "affärsverksamhet"),
        "finance": ("talous ja kirjanpito", "ekonomi och redovisning"),
        "sales_marketing": ("myynti ja markkinointi", "försäljning och marknadsföring"),
        "hr": ("henkilöstöhallinto", "personaladministration"),
        "law": ("oikeusala", "juridik"),
        "hospitality": ("matkailu- ja ravintola-ala", "turism och restaurang"),
        "construction": ("rakentaminen", "byggbranschen"),
        "logistics": ("logistiikka", "logistik"),
        "manufacturing": ("teollisuus", "tillverkning"),
        "science": ("tiede ja tutkimus", "vetenskap och forskning"),
        "arts_media": ("taide, kulttuuri ja media", "konst, kultur och media"),
        "public_sector": ("julkinen sektori", "offentlig sektor"),
        "property_services": ("kiinteistöpalvelut", "fastighetstjänster"),
        "agriculture": ("maa- ja metsätalous", "jord- och skogsbruk"),
    },
    "goals": {
        "networking": ("verkostoituminen", "nätverkande"),
        "strengths": ("vahvuuksien ja osaamisen tunnistaminen", "att hitta styrkor och kompetenser"),
        "job_search_skills": ("työnhakutaidot", "färdigheter i jobbsökande"),
        "working_life_culture": ("suomalainen työelämäkulttuuri", "finländsk arbetslivskultur"),
        "field_requirements": ("alan vaatimukset ja pätevyydet", "branschens krav och behörigheter"),
        "job_search_support": ("tuki työnhakuun", "stöd i jobbsökandet"),
        "entrepreneurship": ("yrittäjyys", "företagande"),
        "career_change": ("alanvaihto", "karriärbyte"),
        "language_at_work": ("kieli työelämässä", "språket i arbetet"),
        "studies": ("opinnot ja koulutus", "studier och utbildning"),
        "leadership": ("johtaminen", "ledarskap"),
        "wellbeing": ("työhyvinvointi ja jaksaminen", "välmående i arbetet"),
    },
    "languages": {
        "fi": ("suomi", "finska"), "sv": ("ruotsi", "svenska"), "en": ("englanti", "engelska"),
        "ru": ("venäjä", "ryska"), "et": ("viro", "estniska"), "ar": ("arabia", "arabiska"),
        "so": ("somali", "somaliska"), "fa": ("persia", "persiska"), "uk": ("ukraina", "ukrainska"),
        "es": ("espanja", "spanska"), "fr": ("ranska", "franska"), "de": ("saksa", "tyska"),
        "zh": ("kiina", "kinesiska"), "ku": ("kurdi", "kurdiska"), "tr": ("turkki", "turkiska"),
        "vi": ("vietnam", "vietnamesiska"), "th": ("thai", "thailändska"),
        "pt": ("portugali", "portugisiska"), "it": ("italia", "italienska"), "pl": ("puola", "polska"),
        "hi": ("hindi", "hindi"), "bn": ("bengali", "bengali"), "ur": ("urdu", "urdu"),
        "ne": ("nepali", "nepalesiska"), "tl": ("tagalog", "tagalog"), "ta": ("tamili", "tamil"),
        "ti": ("tigrinja", "tigrinja"), "am": ("amhara", "amhariska"), "sw": ("swahili", "swahili"),
        "ps": ("pašto", "pashto"), "sq": ("albania", "albanska"), "sr": ("serbia", "serbiska"),
        "hr": ("kroatia", "kroatiska"), "bs": ("bosnia", "bosniska"), "ro": ("romania", "rumänska"),
        "hu": ("unkari", "ungerska"), "el": ("kreikka", "grekiska"), "nl": ("hollanti", "nederländska"),
        "da": ("tanska", "danska"), "no": ("norja", "norska"), "is": ("islanti", "isländska"),
        "lv": ("latvia", "lettiska"), "lt": ("liettua", "litauiska"), "bg": ("bulgaria", "bulgariska"),
        "cs": ("tšekki", "tjeckiska"), "sk": ("slovakki", "slovakiska"), "ja": ("japani", "japanska"),
        "ko": ("korea", "koreanska"), "my": ("burma", "burmesiska"),
        "se": ("pohjoissaame", "nordsamiska"), "sign": ("suomalainen viittomakieli",
                                                        "finskt teckenspråk"),
    },
}
# every other language of the languages table by its CLDR names (English where CLDR has none)
LABELS["languages"].update({row.code: (row.fi or row.en, row.sv or row.en) for row in table()
                            if row.code not in LABELS["languages"]})


def check_language(language: str) -> str:
    """``language`` if it is one of :data:`LANGUAGES`, else ``ValueError`` naming the choices.

    >>> check_language("sv")
    'sv'
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of: {', '.join(LANGUAGES)}")
    return language


class CountFormatter(string.Formatter):
    """:meth:`str.format` plus one rule: a field whose format spec is ``one|many`` is the count
    followed by its noun, ``one`` when the count is 1 and ``many`` otherwise (English "2 rows",
    Finnish's partitive after a numeral "2 riviä", Swedish "2 rader"; zero takes the plural in
    all three).

    >>> CountFormatter().format("{n:row|rows} read", n=1), COUNTS.format("{n:rivi|riviä}", n=0)
    ('1 row read', '0 riviä')
    """

    def format_field(self, value: object, format_spec: str) -> str:
        one, bar, many = format_spec.partition("|")
        if not bar:
            return str(super().format_field(value, format_spec))
        return f"{value} {one if value == 1 else many}"


#: the one formatter :func:`t` fills every message with
COUNTS = CountFormatter()


def t(key: str, language: str = DEFAULT_LANGUAGE, /, **fields: object) -> str:
    """The message ``key`` in ``language``, with its ``{fields}`` filled in.

    An unknown key is a programming error (``KeyError``); a missing field too (``KeyError``).

    >>> t("explain.same_field", "fi", fields="ICT")
    'Sama ala: ICT.'
    """
    text = MESSAGES[key][LANGUAGES.index(check_language(language))]
    return COUNTS.format(text, **fields) if fields else text


@dataclass(frozen=True)
class Message:
    """A message not yet put in words: its :data:`MESSAGES` key and fields, written out by
    :meth:`text` in whichever language the reader turns out to want (an error raised before
    the round's language is known, say). A field may itself be a :class:`Message`.

    >>> Message("setting.at_least", {"low": "1", "value": "0"}).text("sv")
    'måste vara minst 1, nu 0'
    """

    key: str
    fields: Mapping[str, object]

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        return t(self.key, language, **{name: value.text(language) if isinstance(value, Message)
                                        else value for name, value in self.fields.items()})


def header(column: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The human header of a table column (``mentee_name`` → "Mentee"); a column without a
    catalogue entry (a form header carried through, say) is shown as it is."""
    key = f"column.{column}"
    return t(key, language) if key in MESSAGES else column


def sheet_name(table: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The workbook sheet name of a result table (``supply_demand`` → "Supply and demand")."""
    return t(f"sheet.{table}", language)


def label(kind: str, key: str, language: str = DEFAULT_LANGUAGE) -> str:
    """Display label of a vocabulary key in ``language``; English (and keys a round config added,
    which have no translation) from :func:`matcher.vocab.label`."""
    check_language(language)
    if language != "en" and key in LABELS.get(kind, {}):
        return LABELS[kind][key][LANGUAGES.index(language) - 1]
    from matcher import vocab  # imported here: the catalogue itself stays free of rapidfuzz

    return vocab.label(kind, key)


#: languages whose decimal separator is a comma (and whose per cent sign follows a space)
DECIMAL_COMMA = frozenset({"fi", "sv"})


def number(value: float, language: str = DEFAULT_LANGUAGE, places: int | None = 1) -> str:
    """``value`` with ``places`` decimals for a reader of ``language``: "61,4" in Finnish and
    Swedish, "61.4" in English (rounded as :func:`format` does; ``-0.0`` is "0.0").
    ``places=None`` writes it as short as it goes (``2.5``, ``40``: the ``g`` format).

    >>> number(42.5, "sv", None), number(40.0, "fi", None), number(-0.04, "en")
    ('42,5', '40', '0.0')
    """
    text = f"{float(value) + 0.0:g}" if places is None else f"{float(value) + 0.0:.{places}f}"
    if text.startswith("-") and not text.strip("-0.,"):  # -0.04 rounded to one decimal
        text = text[1:]
    return text.replace(".", ",") if check_language(language) in DECIMAL_COMMA else text


def percent(value: float, language: str = DEFAULT_LANGUAGE, places: int = 0) -> str:
    """``value`` per cent: "62%" in English, "62 %" in Finnish and Swedish."""
    sign = " %" if check_language(language) in DECIMAL_COMMA else "%"
    return number(value, language, places) + sign


def join(items: Iterable[str], language: str = DEFAULT_LANGUAGE, word: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c`` in ``language`` ("" for no items); ``word="or"`` for
    ``a, b or c``.

    >>> join(["goals", "topics"], "fi", word="or")
    'goals tai topics'
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return t(f"list.{word}", language, head=", ".join(items[:-1]), last=items[-1])
