"""The HTML report: one self-contained page with a map, an as-of date slider, a time line per place
and a table of claims, built from `mapdata.map_data` and working from disk with no network.

Leaflet (vendored), the base map and the data are all inside the page; the data sits in a JSON
block with every `<` escaped, and the page's script puts every text into the page as text.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from importlib import resources

from markupsafe import Markup

from .mapdata import STATUSES, Code, MapData, conflicts, stance
from .models import ClaimType, Side

DEFAULT_TITLE = "frontclaims: who claims what, where"
_EPOCH = dt.date(1970, 1, 1)
PLACE_FIELDS = ("id", "name", "kind", "admin1", "country", "lat", "lon", "names", "keys", "claims", "undated",
                "resolved", "first", "last")
EVIDENCE_FIELDS = ("place", "day", "kind", "claim_id", "sentence", "article", "published", "date_text",
                   "place_text", "figure", "units", "review")


def _day(day: dt.date | None) -> int | None:
    """Days since 1970-01-01, as the page counts them."""
    return (day - _EPOCH).days if day else None


def _review(claim) -> str | None:
    """How the report marks a corrected claim: what extraction said, and the analyst's note; None if not reviewed."""
    review = claim.review
    if review is None:
        return None
    was = (f"was {review.original_claim.value} by {review.original_side.value} "
           f"(forces: {review.original_subject_side.value}) about {review.original_place}")
    return was + (f"; note: {review.note}" if review.note else "")


def page_data(data: MapData, *, title: str, built: dt.datetime) -> dict:
    """Everything the page shows, compact: marks as numbers in flat lists, texts once each."""
    codes = data.codes
    code_index = {code: i for i, code in enumerate(codes)}
    sources: dict[tuple[str, str], int] = {}
    kinds: dict[tuple[int, int], int] = {}

    def kind(code, claimant: str, outlet: str) -> int:
        source = sources.setdefault((claimant, outlet), len(sources))
        return kinds.setdefault((code_index[code], source), len(kinds))

    places, marks, undated, evidence = [], [], [], []
    for number, mp in enumerate(data.places):
        p = mp.place
        places.append([p.id, p.name, p.kind.value, p.admin1, p.country, p.lat, p.lon, list(mp.names), list(mp.keys),
                       mp.claims, mp.undated, p.resolved, _day(mp.first), _day(mp.last)])
        dated, loose, previous = [], [], 0
        for mark in mp.marks:
            k = kind(mark.code, mark.claimant, mark.outlet)
            if mark.day is None:
                loose += [k, mark.count]
            else:
                day = _day(mark.day)
                dated += [day - previous, k, mark.count]
                previous = day
        marks.append(dated)
        undated.append(loose)
        for claim in mp.evidence:
            code = Code(claim.side, claim.claim, claim.subject_side, claim.denies)
            evidence.append([
                number, _day(claim.date), kind(code, claim.claimant, claim.outlet), claim.claim_id, claim.sentence,
                claim.article, claim.published.isoformat() if claim.published else None, claim.date_text,
                claim.place_text, claim.figure.text if claim.figure else None, "; ".join(claim.units),
                _review(claim),
            ])
    period = data.selection.period
    return {
        "title": title,
        "built": built.isoformat(timespec="seconds"),
        "first": _day(data.first),
        "last": _day(data.last),
        "since": period.since.isoformat() if period.since else None,
        "until": period.until.isoformat() if period.until else None,
        "side": data.selection.side.value if data.selection.side else None,
        "window": data.window_days,
        "grouping": data.grouping,
        "claims": data.claims,
        "undated": data.undated,
        "sides": [s.value for s in Side],
        "types": [t.value for t in ClaimType],
        "statuses": list(STATUSES),
        "codes": [[c.side.value, c.claim.value, c.subject.value, c.denies.value if c.denies else None, stance(c)]
                  for c in codes],
        "conflicts": [[a, b, why] for (a, b), why in sorted(conflicts(codes).items())],
        "sources": [list(s) for s in sources],
        "kinds": [list(k) for k in kinds],
        "placeFields": list(PLACE_FIELDS),
        "places": places,
        "marks": marks,
        "undatedMarks": undated,
        "evidenceFields": list(EVIDENCE_FIELDS),
        "evidence": evidence,
    }


def script_json(value) -> str:
    """JSON that is safe inside a <script> element: no `<`, so no `</script>` or `<!--` in it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _asset(*parts: str) -> str:
    return resources.files("frontclaims").joinpath(*parts).read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def render(data: MapData, *, title: str = DEFAULT_TITLE, built: dt.datetime | None = None) -> str:
    """The report as one HTML page."""
    import jinja2

    built = built or dt.datetime.now(dt.UTC).replace(microsecond=0)
    scripts = {"leaflet": _asset("vendor", "leaflet", "leaflet.js"), "report": _asset("templates", "report.js")}
    styles = {"leaflet": _asset("vendor", "leaflet", "leaflet.css"), "report": _asset("templates", "report.css")}
    for name, text in (*scripts.items(), *styles.items()):
        if "</script" in text.lower() or "</style" in text.lower():
            raise ValueError(f"the {name} asset would end its element early")
    env = jinja2.Environment(loader=jinja2.PackageLoader("frontclaims", "templates"), autoescape=True,
                             keep_trailing_newline=True)
    return env.get_template("report.html").render(
        title=title,
        data=Markup(script_json(page_data(data, title=title, built=built))),
        basemap=Markup(script_json(json.loads(_asset("data", "basemap.geojson")))),
        leaflet_js=Markup(scripts["leaflet"]), leaflet_css=Markup(styles["leaflet"]),
        report_js=Markup(scripts["report"]), report_css=Markup(styles["report"]),
        leaflet_license=_asset("vendor", "leaflet", "LICENSE"),
        script_hashes=Markup(" ".join(_csp_hash(s) for s in scripts.values())),
    )
