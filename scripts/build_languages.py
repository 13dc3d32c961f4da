"""Build matcher/data/languages.csv: every language with an ISO 639-1 code, its ISO 639-2 codes
and its names in English, Finnish and Swedish and in the language itself.

Run it by hand when the language data should be refreshed; matcher reads the CSV it writes and
needs nothing of this script at run time::

    pip install babel==2.19.0 pycountry==26.2.16   # not matcher dependencies
    python scripts/build_languages.py

What comes from where
---------------------
* The languages and their codes: ISO 639 as shipped in ``pycountry`` (Debian's iso-codes):
  every language with a two-letter ISO 639-1 code, with its three-letter ISO 639-2/T code
  (``fin``, ``swe``) and, where it differs, its ISO 639-2/B one (``ger`` for German).
* The names: the Unicode CLDR as shipped in ``babel``: the English, Finnish and Swedish names
  of each language, and its own name in its own locale where CLDR has one ("suomi", "eesti",
  "русский"). A language CLDR names in none of the three is left out.

Licences: CLDR data is under the Unicode licence (https://www.unicode.org/license.txt); the
ISO 639 tables of iso-codes are LGPL-2.1 data of public facts (the codes). Only the codes and
names are kept.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import babel
import pycountry
from babel import Locale, UnknownLocaleError

OUT = Path(__file__).resolve().parent.parent / "matcher" / "data" / "languages.csv"
COLUMNS = ("code", "iso639_2", "iso639_2b", "en", "fi", "sv", "native")


def rows() -> list[dict[str, str]]:
    names = {lang: Locale(lang).languages for lang in ("en", "fi", "sv")}
    found = []
    for language in sorted(pycountry.languages, key=lambda row: getattr(row, "alpha_2", "")):
        code = getattr(language, "alpha_2", None)
        if code is None or code not in names["en"]:
            continue
        try:
            own = Locale(code).languages.get(code, "")
        except (UnknownLocaleError, ValueError):
            own = ""
        alpha3 = language.alpha_3
        found.append({"code": code, "iso639_2": alpha3,
                      "iso639_2b": getattr(language, "bibliographic", "") if getattr(
                          language, "bibliographic", alpha3) != alpha3 else "",
                      "en": names["en"][code], "fi": names["fi"].get(code, ""),
                      "sv": names["sv"].get(code, ""), "native": own})
    return found


def main() -> int:
    table = rows()
    with OUT.open("w", encoding="utf-8", newline="") as out:
        out.write(f"# ISO 639-1 languages: codes from ISO 639 (pycountry {pycountry.__version__}), "
                  f"names from the Unicode CLDR (babel {babel.__version__}); written by scripts/build_languages.py\n")
        writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    print(f"{len(table)} languages -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
