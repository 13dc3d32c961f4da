"""Shared fixtures: the bundled sample round and small hand-built form exports."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.helpers import write_csv

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def sample_round_path() -> Path:
    """The bundled bilingual sample round (data/samples/round.toml)."""
    return ROOT / "data" / "samples" / "round.toml"


@pytest.fixture
def google_forms_round(tmp_path) -> Path:
    """A Google Forms style pair of CSV exports (Timestamp, Email Address, ', ' multi-selects)."""
    mentors = pd.DataFrame({
        "Timestamp": ["2026/01/10 9:15:02 AM EET", "2026/01/11 10:00:00 AM EET"],
        "Email Address": ["aino@example.org", "ahmed@example.org"],
        "Full name": ["Aino Virtanen", "Ahmed Hassan"],
        "Which field do you work in?": ["ICT", "Health care"],
        "Which languages can you mentor in?": ["Finnish, English", "Arabic, Finnish, English"],
        "Which topics can you help with?": ["Networking, Job-seeking skills", "Field requirements"],
        "How many mentees can you take?": ["2", "1"],
        "City": ["Helsinki", "Espoo"],
    })
    mentees = pd.DataFrame({
        "Timestamp": ["2026/01/12 1:00:00 PM EET", "2026/01/12 2:00:00 PM EET",
                      "2026/01/13 2:00:00 PM EET"],
        "Email Address": ["olena@example.com", "farah@example.com", "OLENA@example.com"],
        "Full name": ["Olena K", "Farah A", "Olena K"],
        "Which field are you in?": ["Tietotekniikka", "Nursing", "ICT"],
        "What are your goals for mentoring?": ["Networking, CV", "Field requirements", "Networking"],
        "Which languages can you use?": ["Ukrainian, English", "Arabic, Finnish", "Ukrainian, English"],
        "City": ["Helsinki", "Vantaa", "Helsinki"],
    })
    write_csv(tmp_path / "mentors.csv", mentors)
    write_csv(tmp_path / "mentees.csv", mentees, blank_rows=2)
    return tmp_path


@pytest.fixture
def finnish_round(tmp_path) -> Path:
    """A Finnish-only export pair as Finnish Excel saves CSV: ';', UTF-8 with BOM, or cp1252."""
    mentors = pd.DataFrame({
        "Sähköpostiosoite": ["pekka@example.org", "liisa@example.org", ""],
        "Nimi": ["Pekka Mäkinen", "Liisa Öhman", "Nimetön"],
        "Millä alalla työskentelet?": ["Tietotekniikka", "Hoitoala", "Opetus"],
        "Millä kielillä voit mentoroida?": ["suomi (äidinkieli); englanti (sujuva)", "suomi, ruotsi",
                                            "suomi"],
        "Missä asioissa voit auttaa?": ["Verkostoituminen;Työnhakutaidot;", "Oman alan vaatimukset;",
                                        "Opinnot ja koulutus"],
        "Montako aktoria voit ottaa?": ["kaksi", "1", "-1"],
        "Paikkakunta": ["Tampere", "Åbo", "Helsinki"],
        "Miten haluaisit tavata?": ["Etänä", "Kasvokkain", "Molemmat"],
    })
    mentees = pd.DataFrame({
        "Sähköpostiosoite": ["mari@example.com", "jussi@example.com"],
        "Nimi": ["Mari", "Jussi"],
        "Mikä on alasi?": ["Tietotekniikka", "Sosiaaliala"],
        "Mitkä ovat tavoitteesi mentoroinnille?": ["Työnhakutaidot;Verkostoituminen;", "Uranvaihto;"],
        "Millä kielillä voit osallistua?": ["suomi - hyvä, englanti - äidinkieli", "Finish"],
        "Paikkakunta": ["Tampereella", "Helsinki"],
    })
    write_csv(tmp_path / "mentorit.csv", mentors, sep=";", encoding="utf-8-sig")
    write_csv(tmp_path / "aktorit.csv", mentees, sep=";", encoding="cp1252")
    return tmp_path
