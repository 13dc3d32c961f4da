"""Who is who: one sign-up per e-mail, stable pseudonymous ids, locked and forbidden pairs."""

from __future__ import annotations

import hashlib

import pandas as pd
from rapidfuzz import process, utils

from matcher.config import PairRef, RoundConfig
from matcher.errors import EmptyFileError, InputError
from matcher.intake.issues import Issues
from matcher.intake.values import is_email
from matcher.readers import read_table

PAIR_COLUMNS = ("mentee_id", "mentor_id", "source")


def drop_duplicates(frame: pd.DataFrame, policy: str, file: str, issues: Issues,
                    column: str = "email") -> pd.DataFrame:
    """Keep one sign-up per e-mail: the latest submission (or first, per ``policy``); each
    dropped one is a warning on its row, in ``column`` (the form's e-mail header). Only a real
    address (:func:`matcher.intake.values.is_email`) makes two rows one person: "none" typed by
    two people is two sign-ups."""
    has_email = is_email(frame["email"])
    if not has_email.any():
        return frame
    # order by submission time, then row; NaT sorts by row alone (stable mergesort)
    order = frame.assign(_t=frame["submitted_at"].fillna(pd.Timestamp.min)).sort_values(
        ["_t", "row"], kind="mergesort").index
    ordered = frame.loc[order]
    keep = "last" if policy == "keep_latest" else "first"
    real = has_email.loc[order]
    dropped = ordered["email"].duplicated(keep=keep) & real
    kept_row = ordered.loc[~dropped & real].set_index("email")["row"]
    which = issues.t("issue.latest" if policy == "keep_latest" else "issue.first")
    for _, item in ordered.loc[dropped].iterrows():
        issues.add("warning", file, int(item["row"]), column, "",
                   issues.t("issue.duplicate", row=kept_row[item["email"]], which=which),
                   issues.t("issue.duplicate_fix"))
    return frame.loc[frame.index.difference(ordered.index[dropped], sort=False)]


def assign_ids(frame: pd.DataFrame, role: str, has_id_column: bool, file: str,
                issues: Issues) -> pd.DataFrame:
    prefix = role[:-1]  # "mentor" / "mentee"
    ids = frame.pop("_id") if has_id_column else pd.Series("", index=frame.index, dtype=object)
    # a real address is the person's id; one that is none ("none", "-", a name) is no one's, so
    # that row gets an id of its own, from its row and its text: identical broken addresses in two
    # rows or on both forms stay different people
    real = is_email(frame["email"])
    keyed = frame["email"].where(real, "row " + frame["row"].astype(str) + ": " + frame["email"])
    derived = keyed.where(frame["email"] != "", "").map(
        lambda e: f"{prefix}-{hashlib.blake2b(e.encode(), digest_size=6).hexdigest()}" if e else "")
    ids = ids.where(ids != "", derived)
    nobody = ids == ""
    for row in frame.loc[nobody, "row"]:
        issues.add("error", file, int(row), "email", "", issues.t("issue.no_identity"),
                   issues.t("issue.no_identity_fix"))
    frame, ids = frame.loc[~nobody], ids[~nobody]
    clash = ids.duplicated(keep="first")
    for row, value in zip(frame.loc[clash, "row"], ids[clash]):
        issues.add("error", file, int(row), "id", value, issues.t("issue.id_clash"),
                   issues.t("issue.id_clash_fix"))
    # keep both people, told apart, so the error can be fixed without losing anyone
    ids = ids.where(~clash, ids + "#" + frame["row"].astype(str))
    frame = frame.set_axis(pd.Index(ids.to_numpy(), name=f"{prefix}_id"), axis=0)
    return frame


def resolve_pairs(config: RoundConfig, kind: str, tables: dict[str, pd.DataFrame],
                   issues: Issues) -> pd.DataFrame:
    """Locked / forbidden pairs (config entries and CSV rows) as ids; unknown people are errors."""
    refs: list[tuple[PairRef, str, int | None]] = []  # (pair, file shown, row shown)
    where = config.path.name if config.path else "round config"
    refs += [(ref, where, None) for ref in getattr(config.constraints, kind)]
    path = getattr(config.constraints, f"{kind}_file")
    if path is not None:
        try:
            table = read_table(path)
        except EmptyFileError:  # an empty pairs file is a coordinator's "none yet": no header
            table = pd.DataFrame(columns=["mentee", "mentor"])
        lower = {str(c).strip().lower(): c for c in table.columns}
        missing = [name for name in ("mentee", "mentor") if name not in lower]
        if missing:
            others = [str(c) for c in table.columns if str(c).strip().lower() not in ("mentee", "mentor")]
            renamed = [(name, process.extractOne(name, others, processor=utils.default_process,
                                                 score_cutoff=60)) for name in missing]
            fix = "; ".join(f"rename '{best[0]}' to '{name}'" if best else f"head the {name}s' column '{name}'"
                            for name, best in renamed)
            raise InputError(f"{path.name} (the {kind}_file of {where}): a {kind} pairs file needs "
                             f"the columns 'mentee' and 'mentor' (ids or e-mails); found: "
                             f"{', '.join(map(repr, table.columns)) or 'none'}: {fix}")
        for row, item in table.iterrows():
            refs.append((PairRef(mentee=str(item[lower["mentee"]]).strip(),
                                 mentor=str(item[lower["mentor"]]).strip(), source=path.name),
                         path.name, int(row)))
    lookups = {role: _person_lookup(tables[role]) for role in ("mentors", "mentees")}
    pairs = []
    for index, (ref, file, row) in enumerate(refs):
        found = {}
        for role, value in (("mentees", ref.mentee), ("mentors", ref.mentor)):
            person = lookups[role].get(value.strip().lower())
            if person is None:
                best = process.extractOne(value.strip().lower(), list(lookups[role]), score_cutoff=70)
                entry = f"{kind}[{index}]" if row is None else role[:-1]
                issues.add("error", file, row, entry, value,
                           issues.t(f"issue.pair_unknown_{kind}", role=issues.t(f"role.{role[:-1]}")),
                           (issues.t("issue.pair_did_you_mean", best=best[0]) if best else "")
                           + issues.t("issue.pair_unknown_fix", file=_file_name(config, role)))
            found[role] = person
        if found["mentees"] and found["mentors"]:
            pairs.append((found["mentees"], found["mentors"], ref.source))
    return pd.DataFrame(pairs, columns=list(PAIR_COLUMNS)).drop_duplicates(
        ["mentee_id", "mentor_id"]).reset_index(drop=True)


def forbid_self_pairs(tables: dict[str, pd.DataFrame], forbidden: pd.DataFrame,
                      issues: Issues, files: dict[str, str], column: str = "email") -> pd.DataFrame:
    """A person signed up as both mentor and mentee (same e-mail) is never paired with themselves:
    that pair is forbidden, and a warning on the mentee's row (``files["mentees"]``, in
    ``column``) names the mentor's row."""
    mentors, mentees = tables["mentors"], tables["mentees"]
    by_email = pd.Series(mentors.index, index=mentors["email"])
    by_email = by_email[is_email(mentors["email"]).to_numpy()]
    both = mentees[mentees["email"].isin(by_email.index) & is_email(mentees["email"])]
    if both.empty:
        return forbidden
    mentor_ids = by_email[~by_email.index.duplicated()].reindex(both["email"]).to_numpy()
    for row, mentor_id in zip(both["row"], mentor_ids):
        issues.add("warning", files["mentees"], int(row), column, "",
                   issues.t("issue.self_signup", row=mentors.loc[mentor_id, "row"], file=files["mentors"]),
                   issues.t("issue.self_signup_fix"))
    selves = pd.DataFrame({"mentee_id": both.index.astype(str), "mentor_id": mentor_ids.astype(str),
                           "source": "same person"})
    return pd.concat([forbidden, selves], ignore_index=True).drop_duplicates(
        ["mentee_id", "mentor_id"]).reset_index(drop=True)


def check_lock_conflicts(locked: pd.DataFrame, forbidden: pd.DataFrame, issues: Issues,
                         where: str) -> None:
    """A pair both locked and forbidden is an error: the coordinator must pick one."""
    both = locked.merge(forbidden, on=["mentee_id", "mentor_id"], suffixes=("", "_forbidden"))
    for _, pair in both.iterrows():
        issues.add("error", pair["source"] or where, None, "locked", "",
                   issues.t("issue.locked_and_forbidden", mentee=pair["mentee_id"],
                            mentor=pair["mentor_id"], source=pair["source_forbidden"]),
                   issues.t("issue.locked_and_forbidden_fix"))


def _file_name(config: RoundConfig, role: str) -> str:
    """The name of the ``role`` ("mentors") export, or the role where the config names no file."""
    file = getattr(config, role).file
    return file.name if file else role


def _person_lookup(frame: pd.DataFrame) -> dict[str, str]:
    """Lower-cased id or e-mail → id."""
    lookup = {str(i).lower(): str(i) for i in frame.index}
    lookup.update({e: str(i) for i, e in zip(frame.index, frame["email"]) if e})
    return lookup
