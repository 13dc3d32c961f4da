"""Plain answers: text, e-mail addresses, submission times and numbers written loosely."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from matcher import vocab
from matcher.i18n import number
from matcher.intake.issues import Reporter
from matcher.readers import EMAIL_LIKE

#: date formats tried (vectorised, in order) after ISO 8601: Finnish Excel, Google Forms' CSV
#: ("2026/01/10 9:15:02 AM", time zone removed), then Microsoft Forms' US style
DATE_FORMATS = ("%Y/%m/%d %I:%M:%S %p", "%Y/%m/%d %H:%M:%S", "%d.%m.%Y %H.%M.%S", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H.%M", "%d.%m.%Y %H:%M",
                "%d.%m.%Y", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%y %H:%M:%S", "%m/%d/%Y %H:%M",
                "%m/%d/%y %H:%M", "%m/%d/%Y")

_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10,
    "nolla": 0, "yksi": 1, "kaksi": 2, "kolme": 3, "nelja": 4, "viisi": 5, "kuusi": 6,
    "kymmenen": 10, "ett": 1, "en": 1, "tva": 2, "tre": 3, "fyra": 4, "fem": 5,
}



def text(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str)


def emails(series: pd.Series, report: Reporter) -> pd.Series:
    """Addresses lower-cased and stripped; one that is none (:func:`is_email`) is kept as typed,
    with a warning on its row (such a sign-up is told apart by its row: see ``assign_ids``)."""
    emails = series.fillna("").astype(str).str.strip().str.lower()
    emails = emails.mask(emails == "anonymous", "")  # Microsoft Forms' placeholder
    bad = (emails != "") & ~is_email(emails)
    for row, value in emails[bad].items():
        report.add("warning", row, "email", value, report.t("issue.bad_email"),
                   report.t("issue.bad_email_fix"))
    return emails


def is_email(emails: pd.Series) -> pd.Series:
    """True where a (normalised) address looks like one, ``name@domain.tld``: only such an
    address identifies a person (duplicates, ids, someone signed up on both forms).

    >>> is_email(pd.Series(["aino@example.org", "none", "", "aino@example"])).tolist()
    [True, False, False, False]
    """
    return emails.str.fullmatch(EMAIL_LIKE.pattern).fillna(False).astype(bool)


def dates(series: pd.Series, report: Reporter) -> pd.Series:
    """Submission times (:func:`parse_times`), a warning for each one that does not read."""
    written = series.dropna().astype(str)
    parsed = parse_times(written)
    for row, value in written[parsed.isna()].items():
        report.add("warning", row, "submitted_at", value, report.t("issue.bad_date"),
                   report.t("issue.bad_date_fix"))
    return parsed.reindex(series.index)


def parse_times(written: pd.Series) -> pd.Series:
    """Date-times as forms write them: ISO 8601 first, then each of :data:`DATE_FORMATS`, a
    column at a time, a time-zone name after the time ignored and an ISO offset ("+02:00",
    "+0200", "+02", "Z") read as UTC (a column mixing offsets, ``Z`` and none reads too); NaT
    where none reads, and for a year no submission has (:data:`YEARS`: "3026" is a typo).
    Always ``datetime64[ns]``, whatever precision the answers are written in.

    >>> parse_times(pd.Series(["2.1.2026 10:05", "2.1.2026 10.05", "2026/01/02 10:05:00 AM GMT+2",
    ...                        "2026-01-02 10:05:00", "Helsinki"])).dt.strftime("%H:%M").tolist()
    ['10:05', '10:05', '10:05', '10:05', nan]
    >>> parse_times(pd.Series(["2026-01-05T10:15:03.512+02:00", "2026-01-05T10:15:03Z",
    ...                        "2026-01-05 10:15:03"])).astype(str).tolist()
    ['2026-01-05 08:15:03.512', '2026-01-05 10:15:03.000', '2026-01-05 10:15:03.000']
    """
    bare = written.astype(object).where(written.notna(), "").astype(str)
    bare = bare.str.replace(r"\s+(?!(?:AM|PM)$)(?:[A-Z]{2,5}|GMT[+-]\d+|UTC[+-]\d+)$", "", regex=True)
    # times with an offset and times without are parsed apart: pandas 2.2.1 read a naive time in
    # a column that also has offsets with the first offset (10:05 became 08:05). An offset
    # follows a time (":03+02"), so a date's own "-05" is not one
    offset = bare.str.contains(r":\d{2}(?:[.,]\d+)?\s?(?:Z|[+-]\d{2}(?::?\d{2})?)$", regex=True)
    parsed = pd.Series(pd.NaT, index=written.index, dtype="datetime64[ns]")
    parsed[~offset] = _times(bare[~offset], "ISO8601")
    if offset.any():
        parsed[offset] = _times(bare[offset], "ISO8601", utc=True)
    for fmt in DATE_FORMATS:
        todo = parsed.isna()
        if not todo.any():
            break
        parsed[todo] = _times(bare[todo], fmt)
    return parsed


#: the years a submission time may have; others are typos (and a year beyond 2262 does not fit
#: the nanosecond times every later step compares)
YEARS = (1900, 2200)


def _times(written: pd.Series, fmt: str, utc: bool = False) -> pd.Series:
    """``written`` read in format ``fmt`` as naive ``datetime64[ns]`` (an offset converted to
    UTC first), NaT where it does not read or its year is not in :data:`YEARS`.

    pandas gives each call the precision of its answers (seconds, or microseconds for
    "10:15:03.512"), and refuses a column of offsets it cannot bring to one zone: when the column
    as a whole does not parse, each distinct answer is read on its own.
    """
    try:
        times = pd.to_datetime(written, format=fmt, errors="coerce", utc=utc)
    except (ValueError, TypeError, OverflowError):
        times = written.map({value: _one_time(value, fmt) for value in written.unique()})
        times = pd.to_datetime(times, utc=True)
    if isinstance(times.dtype, pd.DatetimeTZDtype):
        times = times.dt.tz_convert(None)
    times = times.where(times.dt.year.between(*YEARS))
    return times.astype("datetime64[ns]")


def _one_time(value: str, fmt: str) -> pd.Timestamp:
    """One answer of :func:`_times`, as a UTC time (NaT when it does not read)."""
    try:
        return pd.to_datetime(value, format=fmt, errors="coerce", utc=True)
    except (ValueError, TypeError, OverflowError):
        return pd.NaT


def map_unique(series: pd.Series, convert: Callable[[str], object]) -> pd.Series:
    """Apply ``convert`` once per distinct non-empty value, then map the column (vectorised)."""
    values = series.dropna()
    mapping = {value: convert(value) for value in values.unique()}
    return values.map(mapping).astype(object)  # object even when empty (no float NaN column)


def parse_number(text: object) -> tuple[float | None, str]:
    """Read a number written loosely; returns (value, status) with status "ok", "loose" or "bad".

    A range ("1-2") reads as its lower end, so a mentor is never given more than they offered.

    Examples
    --------
    >>> parse_number("3"), parse_number("10+"), parse_number("about 6"), parse_number("2 mentees")
    ((3.0, 'ok'), (10.0, 'loose'), (6.0, 'loose'), (2.0, 'loose'))
    >>> parse_number("1-2"), parse_number("kaksi"), parse_number("2,5"), parse_number("many")
    ((1.0, 'loose'), (2.0, 'loose'), (2.5, 'ok'), (None, 'bad'))
    """
    value = str(text).strip()
    if re.fullmatch(r"[+-]?\d+(?:[.,]\d+)?", value):
        return float(value.replace(",", ".")), "ok"
    found = re.search(r"\d+(?:[.,]\d+)?", value)
    if found:
        return float(found.group().replace(",", ".")), "loose"
    words = [_NUMBER_WORDS[w] for w in vocab.normalise(value).split() if w in _NUMBER_WORDS]
    if words:
        return float(words[0]), "loose"
    return None, "bad"


#: the most mentees one mentor may take (and mentors one mentee may have): more is a typo or a date
MAX_CAPACITY = 100
#: the most years of work experience or of living in Finland anyone can have: more is a typo
MAX_YEARS = 80
#: the highest priority a mentee may be given (priorities rank mentees: a few levels are plenty)
MAX_PRIORITY = 1000
_DATE_LIKE = r"\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*"


def numbers(series: pd.Series, report: Reporter, name: str, minimum: float, maximum: float,
            default=None, integer: bool = True, severity: str = "error") -> pd.Series:
    """Numbers per column: strict, loose (warning) or unreadable/out of range (``severity``).

    A date ("2026-03-04", "4.3.2026": Excel turns "4-3" or "4.3" into one) is unreadable, not the
    number in it, and so is a number above ``maximum`` (a typo; "1" and 400 zeros would be
    infinite). Integer fields fall back to ``default`` when missing or unusable; float fields
    to NaN.
    """
    parsed = map_unique(series, parse_number)
    value = parsed.map(lambda p: p[0]).astype(float)
    status = parsed.map(lambda p: p[1])
    dated = series.reindex(status.index).astype(str).str.fullmatch(_DATE_LIKE)
    status = status.mask(dated, "date")
    high = (status == "ok") | (status == "loose")
    high &= value > maximum
    what = report.t("issue.a_whole_number" if integer else "issue.a_number")
    fallback = np.nan if default is None else default
    # an error stops the run, so nothing is used "until then"
    meanwhile = ("" if severity != "warning" else report.t("issue.meanwhile_empty") if default is None
                 else report.t("issue.meanwhile", value=number(fallback, report.issues.language, None)))
    for row in dated.index[dated]:
        report.add(severity, row, name, series[row], report.t("issue.date_like"),
                   report.t("issue.date_like_fix", what=what))
    for row in high.index[high]:
        report.add(severity, row, name, series[row], report.t("issue.too_high", maximum=number(maximum, report.issues.language, None)),
                   report.t("issue.correct", meanwhile=meanwhile))
    status = status.mask(dated | high, "bad_reported")
    if integer:  # "2.5 mentees" is read as 2, and said so
        status = status.mask((status == "ok") & (value % 1 != 0), "loose")
        value = np.floor(value)
    bad, low = status == "bad", ~status.isin(("bad", "bad_reported")) & (value < minimum)
    for row in bad.index[bad]:
        report.add(severity, row, name, series[row], report.t("issue.unreadable", what=what),
                   report.t("issue.unreadable_fix", what=what, meanwhile=meanwhile))
    for row in low.index[low]:
        report.add(severity, row, name, series[row], report.t("issue.too_low", minimum=number(minimum, report.issues.language, None)),
                   report.t("issue.correct", meanwhile=meanwhile))
    loose = (status == "loose") & ~low
    for row in loose.index[loose]:
        report.add("warning", row, name, series[row], report.t("issue.loose", value=number(value[row], report.issues.language, None)),
                   report.t("issue.loose_fix", what=what))
    values = value.where(~bad & ~low & (status != "bad_reported")).reindex(series.index).fillna(fallback)
    return values.astype(int) if integer else values
