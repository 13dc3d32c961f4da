"""How people want to meet: ``in_person``, ``remote`` or ``either``, read from what they wrote.

An answer is read word by word (folded, :func:`matcher.vocab.normalise`): a phrase of
:data:`PHRASES` or a word beginning with a stem of :data:`STEMS` names a mode ("kasvokkain",
"kasvotusten", "lähitapaamiset"; "etänä", "etäyhteydellä", "Teamsin kautta", "videomöten",
"på distans"; "käy molemmat", "spelar ingen roll", "hybrid"). A negation
(:data:`NEGATIONS`) up to :data:`NEGATION_REACH` words before a mode, or right after it when no
mode follows it, turns it into the other one: "en pysty tapaamaan kasvokkain", "I can't meet in
person", "inte fysiskt", "kasvokkain ei onnistu" are remote; "ei etänä" in person. An answer
naming both in person and remote ("Sekä kasvokkain että etänä", "In person or online"), or one
naming ``either``, is ``either``.

>>> read_mode("En pysty tapaamaan kasvokkain"), read_mode("Både fysiskt och på distans")
('remote', 'either')
>>> read_mode("Teamsin kautta"), read_mode("Helst fysiska träffar"), read_mode("?")
('remote', 'in_person', None)
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from matcher import vocab

#: phrases naming a mode, in English, Finnish and Swedish (folded when read)
PHRASES = {
    "in_person": ("in person", "face to face", "in real life", "real life", "irl", "paikan päällä",
                  "paikan paalla", "på plats", "på riktigt", "ansikte mot ansikte", "live",
                  "in-person", "tavataan kasvokkain"),
    "remote": ("remote", "remotely", "online", "verkossa", "google meet", "på nätet", "internet",
               "by phone", "per telefon", "digital", "digitalt", "digitaalisesti", "virtual"),
    "either": ("either", "both", "any", "whichever", "whatever", "hybrid", "no preference",
               "no strong preference", "doesn't matter", "does not matter", "not important",
               "ei väliä", "ei ole väliä", "ihan sama", "joko tai", "kumpi tahansa", "kumpi vain",
               "spelar ingen roll", "ingen skillnad", "vilket som", "antingen eller",
               "det spelar ingen roll", "oavsett"),
}
#: word beginnings naming a mode ("kasvok-": kasvokkain; "etä-": etänä, etätapaamiset)
STEMS = {
    "in_person": ("kasvok", "kasvot", "lahitap", "lahikontakt", "livena", "fyysi", "fysisk",
                  "personlig"),
    "remote": ("eta", "verkko", "video", "teams", "zoom", "skype", "distans", "puhelim",
               "puhelu", "phone", "telefon", "virtua", "webex", "whereby"),
    "either": ("molemm", "kumpikin", "hybrid", "flexib", "jousta", "yhdentekev", "samantekev",
               "bada", "bagge"),
}
#: words that say "not": a mode after (or right before) one is the other mode
NEGATIONS = frozenset({"not", "no", "cannot", "t", "unable", "never", "without", "en", "ei",
                       "emme", "eivat", "ilman", "inte", "ej", "utan", "aldrig", "icke"})
#: how many words after a negation the mode it negates may come
NEGATION_REACH = 4
_OTHER = {"in_person": "remote", "remote": "in_person", "either": "either"}


@functools.cache
def _phrases() -> tuple[tuple[tuple[str, ...], str], ...]:
    """Every phrase as its words, longest first, with its mode."""
    found = {tuple(vocab.normalise(p).split()): mode for mode, ps in PHRASES.items() for p in ps}
    return tuple(sorted(found.items(), key=lambda item: -len(item[0])))


@functools.lru_cache(maxsize=1 << 12)
def read_mode(answer: str) -> str | None:
    """The mode one answer names (the module's docstring says how), or None.

    >>> read_mode("Kasvokkain tai etänä"), read_mode("Not in person"), read_mode("Ei väliä")
    ('either', 'remote', 'either')
    """
    words = vocab.normalise(answer).split()
    named: list[tuple[int, str]] = []  # (word position, mode or "not")
    at = 0
    while at < len(words):
        phrase = next(((len(p), mode) for p, mode in _phrases() if tuple(words[at:at + len(p)]) == p), None)
        stem = next((mode for mode, stems in STEMS.items() if any(words[at].startswith(s) for s in stems)), None)
        if phrase is not None:
            named.append((at, phrase[1]))
            at += phrase[0]
            continue
        if stem is not None:
            named.append((at, stem))
        elif words[at] in NEGATIONS:
            named.append((at, "not"))
        at += 1
    modes = {_negated(named, k) for k, (_, mode) in enumerate(named) if mode != "not"}
    if not modes:
        return None
    return modes.pop() if len(modes) == 1 else "either"


def _negated(named: list[tuple[int, str]], k: int) -> str:
    """Mode ``k`` of ``named``, turned into the other one by a negation up to
    :data:`NEGATION_REACH` words before it, or right after it with no mode after the negation."""
    at, mode = named[k]
    before = k > 0 and named[k - 1][1] == "not" and at - named[k - 1][0] <= NEGATION_REACH
    after = (k + 1 < len(named) and named[k + 1][1] == "not" and named[k + 1][0] - at <= 2
             and not any(m != "not" for _, m in named[k + 2:k + 3]))
    return _OTHER[mode] if before or after else mode


def meeting_mode(answers: Iterable[object]) -> str | None:
    """Meeting mode from the answers of one (possibly multi-select) question: the modes its
    answers name (:func:`read_mode`), ``either`` when they name both or either, None when none.

    >>> meeting_mode(["Etänä"]), meeting_mode(["kasvokkain", "online"]), meeting_mode(["?"])
    ('remote', 'either', None)
    """
    modes = {mode for mode in (read_mode(str(a)) for a in answers) if mode is not None}
    if not modes:
        return None
    return modes.pop() if len(modes) == 1 else "either"


def meeting_words() -> dict[str, tuple[str, ...]]:
    """The phrases of each meeting mode (``in_person``, ``remote``, ``either``) in fi/sv/en.

    >>> "verkossa" in meeting_words()["remote"]
    True
    """
    return dict(PHRASES)
