"""Introduction letters: one to the mentee and one to the mentor of each pair, fit to send.

Each letter says what the other person offers or seeks, with only positive, true statements
built from canonical answers (shared languages, field labels, goal topics, a recognised city, the
meeting mode, years of experience): never the coordinator's caveats ("Different fields", "Cannot
meet in person") and never free text typed into a form (about, goals in own words, job title,
organisation).

**Which pairs.** Letters are written for kept pairs only (``decision`` is ``keep``: reviewed and
kept, or locked by the coordinator). With ``drafts=True`` (``matcher run --draft-introductions``)
every proposed pair gets letters; those not yet kept have status ``draft`` and a subject starting
"[DRAFT, not reviewed]", so nobody sends one by mistake.

**Which language** (:func:`letter_language`). A letter is written in Finnish, Swedish or English,
in a language both people share:

1. the candidates are the letter languages both use at level *good* or better; if there are
   none, those both use at any level;
2. the round's language (``[round] language``) when it is a candidate ("round language");
3. else the candidate with the highest combined level of the two people, ties in the fixed
   order Finnish, Swedish, English ("highest combined level");
4. when the two share none of the three, each letter is written in its recipient's best letter
   language (same tie order; "recipient's language"), or in the round's language when the
   recipient listed none of them ("round language, not shared").

**Templates.** Six plain-text files, ``to_mentee.<lang>.txt`` and ``to_mentor.<lang>.txt`` for
``lang`` in ``fi``, ``sv``, ``en``: a first line ``Subject: ...``, a blank line, then the body.
The built-in ones are in ``matcher/templates/introductions/``; a programme writes its own into
the round's template folder (``[introductions] templates``, default ``introduction-templates/``
beside the round config; ``matcher templates ROUND`` copies the built-in ones there to edit).
A file found there replaces the built-in one; the others stay built in. Placeholders
(:data:`PLACEHOLDERS`) are written ``{name}``; a literal brace is ``{{`` or ``}}``.

Example
-------
>>> letter_language({"fi": 4, "en": 3}, {"en": 4, "sv": 2}, "fi")
('en', 'highest combined level')
>>> letter_language({"fi": 4, "en": 3}, {"en": 3, "fi": 2}, "fi")
('fi', 'round language')
"""

from __future__ import annotations

import binascii
import io
import re
import string
from dataclasses import dataclass
from email import base64mime
from email.generator import BytesGenerator
from email.message import Message
from email.policy import Compat32
from email.utils import formataddr, parseaddr
from importlib import resources
from pathlib import Path

import pandas as pd

from matcher import i18n
from matcher.config import RoundConfig
from matcher.errors import ConfigError
from matcher.places import municipalities
from matcher.scoring.explain import as_dict, as_text, as_tuple

#: Languages a letter can be written in, in the order that breaks ties.
LETTER_LANGUAGES = ("fi", "sv", "en")
#: Language level from which a shared language is preferred for a letter (2 = good).
GOOD_LEVEL = 2
ROLES = ("mentee", "mentor")
#: Default template folder name, beside the round config.
TEMPLATE_FOLDER = "introduction-templates"
#: Placeholders a template may use, and what they hold.
PLACEHOLDERS = {
    "round": "the round's name ([round] name)",
    "recipient_name": "the recipient's name",
    "recipient_first_name": "the recipient's first name",
    "recipient_email": "the recipient's e-mail address",
    "other_name": "the other person's name (the mentor in a letter to the mentee, and vice versa)",
    "other_first_name": "the other person's first name",
    "other_email": "the other person's e-mail address",
    "mentee_name": "the mentee's name", "mentee_first_name": "the mentee's first name",
    "mentee_email": "the mentee's e-mail address",
    "mentor_name": "the mentor's name", "mentor_first_name": "the mentor's first name",
    "mentor_email": "the mentor's e-mail address",
    "reasons": "why they were paired: one line per reason, each starting with '- '",
}
#: Columns of ``introductions.csv``: the mail-merge columns of earlier versions first, then one
#: letter per row (recipient, its address, language, status and the .eml file).
COLUMNS = ("mentee_name", "mentee_email", "mentor_name", "mentor_email", "subject",
           "introduction", "recipient", "to_name", "to_email", "language", "language_rule",
           "status", "mentee_id", "mentor_id", "eml_file")
#: Folder of the .eml files inside the output folder.
EML_FOLDER = "introductions"


class _EncodedHeaders(Compat32):
    """An email policy for header values this module has already encoded and folded
    (:func:`_address`, :func:`_encoded_words`): they are written as they are. Compat32 would
    parse and re-fold every one, about 0.2 ms a header."""

    def fold_binary(self, name: str, value: str) -> bytes:
        # ASCII, but for an address typed with non-ASCII letters, which stays UTF-8 (RFC 6532)
        return f"{name}: {value}{self.linesep}".encode()


#: CRLF lines, pre-encoded headers
EML_POLICY = _EncodedHeaders(linesep="\r\n")
#: UTF-8 bytes per RFC 2047 encoded word: 45 bytes are 60 base64 characters, 72 with the wrapper
WORD_BYTES = 45


@dataclass(frozen=True)
class Template:
    """One letter template: its subject and body, and the file it came from."""

    subject: str
    body: str
    source: str


#: the rule :func:`letter_language` names -> its message (the language_rule column, in the
#: round's language)
RULE_MESSAGES = {"round language": "letter.rule.round", "highest combined level": "letter.rule.combined",
                 "recipient's language": "letter.rule.recipient",
                 "round language, not shared": "letter.rule.not_shared"}


def letter_language(recipient: dict, other: dict, round_language: str) -> tuple[str, str]:
    """The language of a letter to ``recipient`` about ``other`` and the rule that chose it.

    ``recipient`` and ``other`` are ``languages`` dicts (code -> level 1-4); the rule is
    described in the module docstring.

    >>> letter_language({"ar": 4, "fi": 2}, {"ar": 4, "en": 4}, "en")
    ('fi', "recipient's language")
    >>> letter_language({"ar": 4}, {"ar": 4, "en": 4}, "sv")
    ('sv', 'round language, not shared')
    >>> letter_language({"sv": 3, "en": 3}, {"sv": 3, "en": 3}, "fi")
    ('sv', 'highest combined level')
    """
    level_r = {c: _level(recipient, c) for c in LETTER_LANGUAGES}
    level_o = {c: _level(other, c) for c in LETTER_LANGUAGES}
    shared = [c for c in LETTER_LANGUAGES if level_r[c] and level_o[c]]
    good = [c for c in shared if min(level_r[c], level_o[c]) >= GOOD_LEVEL]
    candidates = good or shared
    if candidates:
        if round_language in candidates:
            return round_language, "round language"
        best = max(candidates, key=lambda c: (level_r[c] + level_o[c], -LETTER_LANGUAGES.index(c)))
        return best, "highest combined level"
    own = [c for c in LETTER_LANGUAGES if level_r[c]]
    if own:
        return max(own, key=lambda c: (level_r[c], -LETTER_LANGUAGES.index(c))), "recipient's language"
    return round_language, "round language, not shared"


def letter_reasons(role: str, recipient: dict, other: dict, other_first: str, language: str,
                   config: RoundConfig) -> list[str]:
    """Why the two were paired, told to ``recipient`` (whose role is ``role``) about ``other``.

    ``recipient`` and ``other`` are the canonical rows (dicts) of the two people. Only positive,
    true statements; an empty list when nothing can be said (the template then gets
    "Your answers fit well together.").

    >>> from matcher.config import RoundConfig
    >>> mentee = {"languages": {"fi": 4, "en": 3}, "fields": ("ict",), "goals": ("networking",),
    ...           "city": "Tampere", "meeting_mode": "either"}
    >>> mentor = {"languages": {"fi": 4}, "fields": ("law",), "topics": ("networking", "leadership"),
    ...           "city": "Turku", "meeting_mode": "in_person", "years_experience": 12.0}
    >>> letter_reasons("mentee", mentee, mentor, "Jussi", "en", RoundConfig())
    ['You both speak Finnish.', 'Jussi works in Law.', 'Jussi can help with what you asked for: networking.', 'Jussi can also help with: leadership.', 'Jussi has 12 years of work experience.']
    """
    mentee, mentor = (recipient, other) if role == "mentee" else (other, recipient)

    def say(key: str, **fields: str) -> str:
        return i18n.t(f"letter.{key}", language, name=other_first, **fields)

    def labels(kind: str, keys) -> str:
        # goal labels hold "and" themselves ("studies and training"): listed with commas only
        names = [i18n.label(kind, k, language) for k in keys]
        return ", ".join(names) if kind == "goals" else i18n.join(names, language)

    reasons = []
    languages = _shared_languages(mentee, mentor)
    if languages:
        reasons.append(i18n.t("letter.languages", language, languages=labels("languages", languages)))
    reasons += _field_reasons(role, as_tuple(mentee.get("fields")), as_tuple(mentor.get("fields")),
                              config, say, labels)
    goals, topics = as_tuple(mentee.get("goals")), as_tuple(mentor.get("topics"))
    offered = [g for g in goals if g in topics]
    # to the mentee: the mentor's other topics; to the mentor: the mentee's other goals
    others = [g for g in (topics if role == "mentee" else goals) if g not in offered]
    if offered:
        reasons.append(say(f"to_{role}.goals", goals=labels("goals", offered)))
    if others:
        more = "more_goals" if offered else "offers"
        reasons.append(say(f"to_{role}.{more}", goals=labels("goals", others)))
    years = mentor.get("years_experience")
    if role == "mentee" and isinstance(years, (int, float)) and not isinstance(years, bool) and years > 0:
        reasons.append(say("to_mentee.experience", years=i18n.number(years, language, None)))  # NaN is not > 0
    meeting = _meeting(mentee, mentor, language)
    return reasons + ([meeting] if meeting else [])


def _field_reasons(role, mentee_fields, mentor_fields, config, say, labels) -> list[str]:
    theirs, yours = (mentor_fields, mentee_fields) if role == "mentee" else (mentee_fields, mentor_fields)
    if not theirs:
        return []
    same = [f for f in theirs if f in yours]
    if same:
        return [say(f"to_{role}.same_field", fields=labels("fields", same))]
    for a in theirs:
        for b in yours:
            if any(a in group and b in group for group in config.scoring.related_fields):
                return [say(f"to_{role}.related_field", theirs=labels("fields", [a]),
                            yours=labels("fields", [b]))]
    return [say(f"to_{role}.field", fields=labels("fields", theirs))]


def _meeting(mentee: dict, mentor: dict, language: str) -> str:
    modes = {mentee.get("meeting_mode") or "either", mentor.get("meeting_mode") or "either"}
    in_person, remote = "remote" not in modes, "in_person" not in modes
    places = municipalities()
    place_e, place_r = (places.resolve(as_text(p.get("city"))) for p in (mentee, mentor))
    # a place is named only when both read as one municipality (matcher.places.read_place),
    # by its name: a typed answer is never quoted
    if place_e >= 0 and place_e == place_r and in_person:
        return i18n.t("letter.same_city_remote" if remote else "letter.same_city", language,
                      city=places.name(place_e))
    return i18n.t("letter.remote", language) if remote else ""


def _shared_languages(mentee: dict, mentor: dict) -> list[str]:
    """Codes both use, best shared level first, then by code."""
    a, b = as_dict(mentee.get("languages")), as_dict(mentor.get("languages"))
    shared = [c for c in a.keys() & b.keys() if a[c] and b[c]]
    return sorted(shared, key=lambda c: (-min(a[c], b[c]), c))


# --- templates ------------------------------------------------------------------------------

def template_folder(config: RoundConfig) -> Path:
    """The round's own template folder (it need not exist)."""
    return config.introductions.templates or config.base_dir / TEMPLATE_FOLDER


def template_name(role: str, language: str) -> str:
    return f"to_{role}.{language}.txt"


def builtin_template_text(role: str, language: str) -> str:
    """The text of a built-in template shipped in the package."""
    return (resources.files("matcher") / "templates" / "introductions"
            / template_name(role, language)).read_text(encoding="utf-8")


def load_templates(config: RoundConfig) -> dict[tuple[str, str], Template]:
    """Every template, by (role, language): the round's own where it has one, else built in.

    Raises
    ------
    ConfigError
        A template without a ``Subject:`` line, with an unknown placeholder (naming the file,
        the placeholder and the allowed ones), or unreadable.
    """
    folder = template_folder(config)
    templates = {}
    for role in ROLES:
        for language in LETTER_LANGUAGES:
            path = folder / template_name(role, language)
            if path.is_file():
                try:
                    text = path.read_text(encoding="utf-8-sig")
                except (OSError, UnicodeDecodeError) as exc:
                    raise ConfigError(f"cannot read letter template {path}: {exc}; save it as "
                                      "UTF-8 text") from None
                templates[role, language] = parse_template(text, str(path))
            else:
                templates[role, language] = parse_template(
                    builtin_template_text(role, language), f"built-in {template_name(role, language)}")
    return templates


_SUBJECT = re.compile(r"\A\s*subject\s*:[ \t]*(?P<subject>[^\r\n]*)\r?\n(?P<body>.*)\Z",
                      re.IGNORECASE | re.DOTALL)


def parse_template(text: str, source: str) -> Template:
    """A template from its text: ``Subject: ...`` on the first line, then the body.

    >>> parse_template("Subject: Hello {recipient_first_name}\\n\\nDear {recipient_name},", "t")
    Template(subject='Hello {recipient_first_name}', body='Dear {recipient_name},', source='t')
    >>> parse_template("Subject: {name}\\n\\nhi", "mine.txt")
    Traceback (most recent call last):
    ...
    matcher.errors.ConfigError: letter template mine.txt: unknown placeholder {name}; allowed: {round}, {recipient_name}, {recipient_first_name}, {recipient_email}, {other_name}, {other_first_name}, {other_email}, {mentee_name}, {mentee_first_name}, {mentee_email}, {mentor_name}, {mentor_first_name}, {mentor_email}, {reasons}
    """
    match = _SUBJECT.match(text.replace("\r\n", "\n"))
    if not match or not match["subject"].strip():
        raise ConfigError(f"letter template {source}: the first line must be 'Subject: ...' "
                          "(the e-mail's subject), then a blank line and the letter")
    subject, body = match["subject"].strip(), match["body"].strip("\n")
    for part in (subject, body):
        try:
            names = [name for _, name, spec, conv in string.Formatter().parse(part)
                     if name is not None]
        except ValueError as exc:
            raise ConfigError(f"letter template {source}: {exc}; write a literal brace as {{{{ "
                              "or }}") from None
        for name in names:
            if name not in PLACEHOLDERS:
                allowed = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
                raise ConfigError(f"letter template {source}: unknown placeholder {{{name}}}; "
                                  f"allowed: {allowed}")
    return Template(subject, body, source)


# --- the letters table ----------------------------------------------------------------------

def introduction_letters(round, pairs: pd.DataFrame, *, drafts: bool = False,
                         templates: dict[tuple[str, str], Template] | None = None) -> pd.DataFrame:
    """The introductions table: one row per letter, two letters per pair (:data:`COLUMNS`).

    Parameters
    ----------
    round : Round
        The intake tables (canonical answers) and the config.
    pairs : DataFrame
        The ``pairs`` result table (names and e-mails as they are written, so pseudonymised
        outputs give pseudonymised letters).
    drafts : bool
        Letters for every proposed pair, not only the kept ones.
    templates : dict, optional
        From :func:`load_templates`; read from the round's config when not given.

    Rows are in the pairs table's order, the mentee's letter before the mentor's.
    """
    config = round.config
    templates = templates if templates is not None else load_templates(config)
    decision = pairs["decision"].fillna("").astype(str).str.strip().str.lower()
    chosen = pairs[(decision == "keep") | (drafts & (decision != "reject"))]
    kept = decision.loc[chosen.index] == "keep"
    mentees = round.mentees.loc[chosen["mentee_id"]].to_dict("records")
    mentors = round.mentors.loc[chosen["mentor_id"]].to_dict("records")
    rows = []
    for number, (pair, mentee, mentor, is_kept) in enumerate(
            zip(chosen.to_dict("records"), mentees, mentors, kept), start=1):
        people = {role: {"name": as_text(pair[f"{role}_name"]), "email": as_text(pair[f"{role}_email"])}
                  for role in ROLES}
        for person in people.values():
            person["first_name"] = _first_name(person["name"])
        answers = {"mentee": mentee, "mentor": mentor}
        for role, other_role in (("mentee", "mentor"), ("mentor", "mentee")):
            language, rule = letter_language(as_dict(answers[role].get("languages")),
                                             as_dict(answers[other_role].get("languages")),
                                             config.language)
            me, other = people[role], people[other_role]
            other_first = other["first_name"] or i18n.t(f"role.{other_role}", language)
            reasons = letter_reasons(role, answers[role], answers[other_role], other_first,
                                     language, config) or [i18n.t("letter.no_reason", language)]
            fields = {
                "round": config.name,
                "recipient_name": me["name"], "recipient_email": me["email"],
                "recipient_first_name": me["first_name"] or i18n.t(f"role.{role}", language),
                "other_name": other["name"], "other_first_name": other_first,
                "other_email": other["email"],
                **{f"{r}_{k}": v for r in ROLES for k, v in people[r].items()},
                "reasons": "\n".join("- " + reason for reason in reasons),
            }
            template = templates[role, language]
            subject = template.subject.format(**fields)
            if not is_kept:
                subject = i18n.t("letter.draft_subject", language, subject=subject)
            rows.append({
                "mentee_name": people["mentee"]["name"], "mentee_email": people["mentee"]["email"],
                "mentor_name": people["mentor"]["name"], "mentor_email": people["mentor"]["email"],
                "subject": _one_line(subject), "introduction": template.body.format(**fields),
                "recipient": role, "to_name": me["name"], "to_email": me["email"],
                "language": language,
                "language_rule": i18n.t(RULE_MESSAGES[rule], config.language),
                "status": "kept" if is_kept else "draft",
                "mentee_id": pair["mentee_id"], "mentor_id": pair["mentor_id"],
                "eml_file": f"{EML_FOLDER}/{number:04d}-to-{role}.eml",
            })
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype(str)


def to_eml(letter: dict, sender: str = "") -> bytes:
    """One letter as an ``.eml`` message (RFC 5322, CRLF lines) that a mail client opens.

    Built with the standard library's :mod:`email` package (a compat32 :class:`~email.message.Message`
    written by :class:`~email.generator.BytesGenerator`), from header values it encodes itself
    (RFC 2047 base64 words for non-ASCII text) and a quoted-printable UTF-8 body: the modern
    ``EmailMessage`` API takes about 5 ms a letter, which is 100 s for a 10,000-pair round.
    It carries ``X-Unsent: 1`` so Outlook opens it as a draft ready to send, and no Date or
    Message-ID (the mail client adds them when it is sent), so the bytes are reproducible.

    >>> raw = to_eml({"subject": "Hei", "to_name": "Äijälä, Aino", "to_email": "aino@example.fi",
    ...               "introduction": "Hei Aino!", "status": "kept"}, "Tiimi <team@example.fi>")
    >>> import email, email.policy
    >>> message = email.message_from_bytes(raw, policy=email.policy.default)
    >>> to = message["To"].addresses[0]
    >>> to.display_name, to.addr_spec, message["X-Unsent"], message.get_content()
    ('Äijälä, Aino', 'aino@example.fi', '1', 'Hei Aino!\\r\\n')
    """
    message = Message()
    if sender:
        message["From"] = _address(*parseaddr(sender))
    if letter["to_email"]:
        message["To"] = _address(letter["to_name"], letter["to_email"])
    message["Subject"] = _encoded_words(_one_line(letter["subject"]))
    message["X-Unsent"] = "1"
    message["X-Matcher-Status"] = letter["status"]
    message["MIME-Version"] = "1.0"
    message["Content-Type"] = 'text/plain; charset="utf-8"'
    message["Content-Transfer-Encoding"] = "quoted-printable"
    body = (letter["introduction"] + "\n").encode("utf-8")
    message.set_payload(binascii.b2a_qp(body, istext=True).decode("ascii"))
    out = io.BytesIO()
    BytesGenerator(out, policy=EML_POLICY).flatten(message)
    return out.getvalue()


def _address(name: str, address: str) -> str:
    """``Name <address>``, the name quoted or RFC 2047-encoded as needed, on one line."""
    name, address = _one_line(name), _one_line(address)
    if address.isascii():
        return formataddr((name, address), charset="utf-8")
    # formataddr refuses a non-ASCII address, which RFC 6532 allows: quote the name alone
    return formataddr((name, "_@_"), charset="utf-8").replace("<_@_>", f"<{address}>") if name else address


def _encoded_words(text: str) -> str:
    """ASCII text as it is; other text as RFC 2047 base64 words of at most 75 characters.

    >>> _encoded_words("Tervetuloa, Äijälä!")
    '=?utf-8?b?VGVydmV0dWxvYSwgw4RpasOkbMOkIQ==?='
    """
    if text.isascii():
        return text
    words, chunk = [], ""
    for char in text:
        if len((chunk + char).encode("utf-8")) > WORD_BYTES:
            words.append(base64mime.header_encode(chunk, "utf-8"))
            chunk = ""
        chunk += char
    words.append(base64mime.header_encode(chunk, "utf-8"))
    return "\r\n ".join(words)


def _level(languages: dict, code: str) -> int:
    value = languages.get(code) or 0
    return int(value) if isinstance(value, (int, float)) and value == value else 0


def _first_name(name: str) -> str:
    return name.split()[0] if name.split() else ""


def _one_line(text: str) -> str:
    """Header values on one line: a line break in a name must not start a new header."""
    return " ".join(str(text).split())
