"""GeoJSON of a map's data, the way QGIS and kepler.gl read it cleanly: a places layer or a claims layer,
each one FeatureCollection with integer feature ids, [lon, lat] points, no `crs` member (RFC 7946:
WGS 84), and flat properties of one type each: null where a value is missing, ISO 8601 dates,
lists as "; "-separated text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from .export import UNITS_SEPARATOR
from .mapdata import MapData, MapPlace
from .models import Claim, Place, Side

LAYERS = ("places", "claims")
PLACE_PROPERTIES = (
    "place_id", "geonames_id", "name", "kind", "admin1", "country", "lat", "lon", "other_names", "claims",
    "undated", "ru_claims", "ua_claims", "neutral_claims", "unknown_claims", "contradictions", "first_date",
    "last_date", "status", "ru_last_claim", "ru_last_date", "ua_last_claim", "ua_last_date", "neutral_last_claim",
    "neutral_last_date",
)
CLAIM_PROPERTIES = (
    "claim_id", "date", "claim_date", "date_text", "published", "article", "outlet", "place", "place_text",
    "place_id", "geonames_id", "place_fid", "admin1", "lat", "lon", "claimant", "side", "claim", "subject_side",
    "denies", "units", "figure", "figure_value", "figure_unit", "sentence", "start", "end", "url", "reviewed",
    "original_place_id", "original_side", "original_claim", "original_subject_side", "review_note",
)


def geonames_id(place: Place) -> int | None:
    """The GeoNames id of a gazetteer settlement (its id is the GeoNames number); None for the others."""
    return int(place.id) if place.id.isdigit() else None


def _text(value: str | None) -> str | None:
    return value or None


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _point(place: Place) -> dict | None:
    if place.lat is None or place.lon is None:
        return None
    return {"type": "Point", "coordinates": [place.lon, place.lat]}


def place_properties(mp: MapPlace) -> dict:
    p = mp.place
    latest = {side: mp.latest.get(side) for side in (Side.RU, Side.UA, Side.NEUTRAL)}

    def said(side: Side) -> str | None:
        found = latest[side]
        return "; ".join(dict.fromkeys(code.claim.value for code in found[1])) if found else None

    return {
        "place_id": p.id, "geonames_id": geonames_id(p), "name": p.name, "kind": p.kind.value,
        "admin1": _text(p.admin1), "country": _text(p.country), "lat": p.lat, "lon": p.lon,
        "other_names": _text(UNITS_SEPARATOR.join(mp.names)), "claims": mp.claims, "undated": mp.undated,
        "ru_claims": mp.by_side.get("RU", 0), "ua_claims": mp.by_side.get("UA", 0),
        "neutral_claims": mp.by_side.get("neutral", 0), "unknown_claims": mp.by_side.get("unknown", 0),
        "contradictions": mp.contradictions, "first_date": _iso(mp.first), "last_date": _iso(mp.last),
        "status": mp.status,
        "ru_last_claim": said(Side.RU), "ru_last_date": _iso(latest[Side.RU][0]) if latest[Side.RU] else None,
        "ua_last_claim": said(Side.UA), "ua_last_date": _iso(latest[Side.UA][0]) if latest[Side.UA] else None,
        "neutral_last_claim": said(Side.NEUTRAL),
        "neutral_last_date": _iso(latest[Side.NEUTRAL][0]) if latest[Side.NEUTRAL] else None,
    }


def claim_properties(claim: Claim, place_fid: int | None) -> dict:
    figure, p, review = claim.figure, claim.place, claim.review
    return {
        "claim_id": claim.claim_id, "date": _iso(claim.date), "claim_date": _iso(claim.claim_date),
        "date_text": _text(claim.date_text), "published": _iso(claim.published), "article": claim.article,
        "outlet": _text(claim.outlet), "place": p.name, "place_text": claim.place_text, "place_id": p.id,
        "geonames_id": geonames_id(p), "place_fid": place_fid, "admin1": _text(p.admin1), "lat": p.lat,
        "lon": p.lon, "claimant": claim.claimant, "side": claim.side.value, "claim": claim.claim.value,
        "subject_side": claim.subject_side.value, "denies": claim.denies.value if claim.denies else None,
        "units": _text(UNITS_SEPARATOR.join(claim.units)), "figure": figure.text if figure else None,
        "figure_value": float(figure.value) if figure else None, "figure_unit": figure.unit if figure else None,
        "sentence": claim.sentence, "start": claim.start, "end": claim.end, "url": _text(claim.url),
        "reviewed": review is not None, "original_place_id": review.original_place_id if review else None,
        "original_side": review.original_side.value if review else None,
        "original_claim": review.original_claim.value if review else None,
        "original_subject_side": review.original_subject_side.value if review else None,
        "review_note": _text(review.note) if review else None,
    }


def _write(out: TextIO, name: str, features: Iterable[tuple[dict | None, dict]]) -> int:
    """A FeatureCollection written one feature a line, so that no layer is held whole in memory."""
    out.write('{"type": "FeatureCollection", "name": ' + json.dumps(name) + ', "features": [\n')
    count = 0
    for count, (geometry, properties) in enumerate(features, 1):
        feature = {"type": "Feature", "id": count, "geometry": geometry, "properties": properties}
        out.write(("" if count == 1 else ",\n") + json.dumps(feature, ensure_ascii=False))
    out.write("\n]}\n")
    return count


def write_places(data: MapData, out: TextIO) -> int:
    """The places layer: one point per place with claims; returns how many were written."""
    return _write(out, "frontclaims_places", ((_point(mp.place), place_properties(mp)) for mp in data.places))


def write_claims(data: MapData, claims: Iterable[Claim], out: TextIO) -> int:
    """The claims layer: one point per claim, at its place; `place_fid` is its place's id in the places layer."""
    fids = {mp.place.id: number for number, mp in enumerate(data.places, 1)}
    return _write(out, "frontclaims_claims",
                  ((_point(c.place), claim_properties(c, fids.get(c.place.id))) for c in claims))
