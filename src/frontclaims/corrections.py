"""Analysts' corrections of claims: a claim's place, claimant side, claim type or subject side set by
hand, or the claim rejected, with a note. They live in their own table keyed by claim id (see
`Store.put_corrections`), so they outlast a re-ingest and every view reads the corrected claim; and
they travel on their own as a JSON-lines file, to be shared among analysts and imported elsewhere.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .errors import FrontclaimsError
from .models import Claim, ClaimType, Place, Side
from .store import Store

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

MIN_PREFIX = 6  # characters of a claim id that may stand for the whole id


class UnknownClaimError(FrontclaimsError):
    """No claim in the database has this id."""


class CorrectionsFileError(FrontclaimsError):
    """A corrections file cannot be read as one."""


@dataclass(frozen=True)
class ReviewResult:
    """A review done: the claim before and after it (None once rejected or not in this database)."""

    claim_id: str
    before: Claim | None
    after: Claim | None
    correction: dict | None  # the stored correction, None when it was undone


class CorrectionRecord(BaseModel):
    """One line of a corrections file: which claim, what it becomes, who may read why."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    claim_id: str
    place_id: str | None = None
    side: Side | None = None
    claim: ClaimType | None = None
    subject_side: Side | None = None
    rejected: bool = False
    note: str = ""
    reviewed_at: str

    @field_validator("claim_id")
    @classmethod
    def _an_id(cls, value: str) -> str:
        if not value.strip() or any(c.isspace() for c in value):
            raise ValueError("a claim id is one word")
        return value

    @field_validator("reviewed_at")
    @classmethod
    def _a_time(cls, value: str) -> str:
        dt.datetime.fromisoformat(value)
        return value


@dataclass
class ImportReport:
    """What an import did: corrections stored (newer than the ones here, or new), kept (the one here is
    newer), applied to claims of this database, and waiting for claims it does not hold yet."""

    stored: int = 0
    kept: int = 0
    applied: int = 0
    waiting: int = 0


def claim_id_of(store: Store, text: str) -> str:
    """The full id of the claim `text` names: its id, or the first characters of one (at least
    MIN_PREFIX) that no other claim starts with; UnknownClaimError otherwise."""
    text = text.strip()
    if store.claim(text) is not None or store.correction(text) is not None:
        return text
    if len(text) >= MIN_PREFIX:
        found = store.claim_ids_starting(text)
        if len(found) == 1:
            return found[0]
        if found:
            raise UnknownClaimError(f"several claims start with {text!r} ({', '.join(found)}, ...): give more of the id")
    raise UnknownClaimError(f"no claim {text!r} in the database (claim ids are in `frontclaims compare PLACE "
                            f"--json` and the export's claim_id column)")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def review(store: Store, gazetteer: Callable[[], Gazetteer], claim: str, *, place: str | None = None,
           side: Side | None = None, claim_type: ClaimType | None = None, subject_side: Side | None = None,
           reject: bool = False, restore: bool = False, note: str | None = None, undo: bool = False,
           now: str | None = None) -> ReviewResult:
    """Correct one claim: set its place (any spelling, an id, or "Name, Oblast"), claimant side, claim
    type or subject side, reject it (or `restore` a rejected one), with a note; what is not given
    stays as an earlier review left it. `undo` drops the claim's correction altogether."""
    from .reconcile import find_place

    claim_id = claim_id_of(store, claim)
    before = store.claim(claim_id)
    if undo:
        store.drop_correction(claim_id)
        return ReviewResult(claim_id, before, store.claim(claim_id), None)
    current = store.correction(claim_id) or {"claim_id": claim_id, "place_id": None, "side": None, "claim": None,
                                             "subject_side": None, "rejected": 0, "note": ""}
    target: Place | None = None
    if place is not None:
        target, _ = find_place(store, gazetteer, place)
    fields = dict(current)
    fields.update({k: v for k, v in (("place_id", target.id if target else None),
                                     ("side", side.value if side else None),
                                     ("claim", claim_type.value if claim_type else None),
                                     ("subject_side", subject_side.value if subject_side else None))
                   if v is not None})
    if reject or restore:
        fields["rejected"] = int(reject)
    if note is not None:
        fields["note"] = note
    fields["reviewed_at"] = now or _now()
    store.put_corrections([fields], places=[target] if target else [])
    return ReviewResult(claim_id, before, store.claim(claim_id), store.correction(claim_id))


# -- sharing ---------------------------------------------------------------------------------------
def write_corrections(store: Store, out: TextIO) -> int:
    """Every correction as JSON lines (a line each, oldest first), with the claim as extraction made
    it under "original" for a reader's sake; how many were written."""
    count = 0
    for c in store.corrections():
        original = c["original"] or {}
        place = store.place(c["place_id"]) if c["place_id"] else None
        record = {
            "claim_id": c["claim_id"], "place_id": c["place_id"], "place": place.name if place else None,
            "admin1": place.admin1 if place else None, "side": c["side"], "claim": c["claim"],
            "subject_side": c["subject_side"], "rejected": bool(c["rejected"]), "note": c["note"],
            "reviewed_at": c["reviewed_at"],
            "original": {k: original.get(k) for k in ("article", "place_id", "place", "side", "claim", "subject_side",
                                                      "claimant", "sentence")} if original else None,
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def read_corrections(text: str) -> list[CorrectionRecord]:
    """The records of a corrections file; CorrectionsFileError names the first bad line."""
    records = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            records.append(CorrectionRecord.model_validate(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise CorrectionsFileError(f"line {number} is not JSON ({exc.msg}); a corrections file is what "
                                       f"`frontclaims corrections export` writes") from None
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(map(str, error["loc"])) or "the line"
            raise CorrectionsFileError(f"line {number} is not a correction: {where}: {error['msg']}") from None
    return records


def import_corrections(store: Store, gazetteer: Callable[[], Gazetteer], text: str) -> ImportReport:
    """Store the corrections of a file, all or none: each replaces the one here for the same claim when
    it was made later (the newer review wins), and is applied to the claim if this database has it,
    else waits for it (a later ingest of the article applies it). A place must be known here: a
    place with claims, or a gazetteer entry."""
    records = read_corrections(text)
    report = ImportReport()
    wanted, places = [], {}
    for number, record in enumerate(records, 1):
        here = store.correction(record.claim_id)
        if here is not None and here["reviewed_at"] >= record.reviewed_at:
            report.kept += 1
            continue
        if record.place_id and record.place_id not in places:
            place = store.place(record.place_id) or gazetteer().get(record.place_id)
            if place is None:
                raise CorrectionsFileError(f"correction {number} (claim {record.claim_id}) moves the claim to place "
                                           f"{record.place_id!r}, which this gazetteer does not know; nothing was "
                                           f"imported")
            places[place.id] = place
        wanted.append({"claim_id": record.claim_id, "place_id": record.place_id,
                       "side": record.side.value if record.side else None,
                       "claim": record.claim.value if record.claim else None,
                       "subject_side": record.subject_side.value if record.subject_side else None,
                       "rejected": int(record.rejected), "note": record.note, "reviewed_at": record.reviewed_at})
    applied = store.put_corrections(wanted, places=places.values()) if wanted else []
    report.stored = len(wanted)
    report.applied = len(applied)
    report.waiting = report.stored - report.applied
    return report
