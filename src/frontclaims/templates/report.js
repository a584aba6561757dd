/* frontclaims report: the map, the date slider, the filters, a time line per place and the claims table.
   Every text from the data goes into the page through textContent, never as HTML. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("fc-data").textContent);
  var BASEMAP = JSON.parse(document.getElementById("fc-basemap").textContent);
  var DAY_MS = 86400000;
  var LANES = ["RU", "UA", "neutral", "unknown"];
  var COLOURS = { RU: "#c62828", UA: "#1565c0", both: "#8e24aa", fighting: "#ef8f00", mentioned: "#9e9e9e" };
  var STANCE_COLOURS = { RU: "#c62828", UA: "#1565c0", fighting: "#ef8f00", "": "#9e9e9e" };
  var STATUS_WORDS = {
    RU: "Russian control claimed",
    UA: "Ukrainian control claimed",
    both: "each side's control claimed",
    fighting: "fighting claimed, no claim of who holds it",
    mentioned: "other claims only"
  };
  var STANCE_WORDS = { RU: "Russian control claimed", UA: "Ukrainian control claimed", fighting: "fighting claimed" };
  var SIDE_WORDS = { RU: "Russian side", UA: "Ukrainian side", neutral: "neutral", unknown: "unknown side" };
  var PAGE = 200;

  // ---- helpers -------------------------------------------------------------------------------------
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) { for (var k in attrs) { node.setAttribute(k, attrs[k]); } }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (var k in attrs) { node.setAttribute(k, attrs[k]); }
    return node;
  }
  function iso(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }
  function dayOf(text) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text || "")) { return null; }
    var t = Date.parse(text + "T00:00:00Z");
    return isNaN(t) ? null : Math.round(t / DAY_MS);
  }
  // The page's version of frontclaims' name_key: letters and digits only, lower case, without accents.
  function nameKey(text) {
    return String(text).normalize("NFKD").toLowerCase().replace(/\p{Lm}|[^\p{L}\p{N}]/gu, "");
  }
  function bucket(day) {
    if (day === null) { return null; }
    var d = new Date(day * DAY_MS);
    if (DATA.grouping === "week") { return day - ((d.getUTCDay() + 6) % 7); }
    if (DATA.grouping === "month") { return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS); }
    return day;
  }
  function number(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function plural(n, word) { return number(n) + " " + word + (n === 1 ? "" : "s"); }

  // ---- the data --------------------------------------------------------------------------------------
  var codes = DATA.codes.map(function (c) { return { side: c[0], claim: c[1], subject: c[2], denies: c[3], stance: c[4] }; });
  var clash = codes.map(function () { return new Array(codes.length).fill(null); });
  DATA.conflicts.forEach(function (c) { clash[c[0]][c[1]] = c[2]; clash[c[1]][c[0]] = c[2]; });
  var sources = DATA.sources.map(function (s) { return { claimant: s[0], outlet: s[1] }; });
  var kinds = DATA.kinds.map(function (k) { return { code: codes[k[0]], codeIndex: k[0], source: sources[k[1]] }; });
  var F = {};
  DATA.placeFields.forEach(function (name, i) { F[name] = i; });
  var places = DATA.places.map(function (row, index) {
    var flat = DATA.marks[index], n = flat.length / 3;
    var days = new Int32Array(n), kind = new Int32Array(n), count = new Int32Array(n), day = 0;
    for (var i = 0; i < n; i++) {
      day += flat[3 * i]; days[i] = day; kind[i] = flat[3 * i + 1]; count[i] = flat[3 * i + 2];
    }
    var loose = DATA.undatedMarks[index], undated = [];
    for (var j = 0; j < loose.length; j += 2) { undated.push({ kind: loose[j], count: loose[j + 1] }); }
    var names = [row[F.name]].concat(row[F.names]);
    return {
      index: index, id: row[F.id], name: row[F.name], kind: row[F.kind], admin1: row[F.admin1],
      country: row[F.country], lat: row[F.lat], lon: row[F.lon], names: row[F.names],
      keys: row[F.keys].concat(names.map(nameKey)), claims: row[F.claims], undatedCount: row[F.undated],
      resolved: row[F.resolved], days: days, kinds: kind, counts: count, undated: undated, evidence: [], marker: null
    };
  });
  var byId = {};
  places.forEach(function (p) { byId[p.id] = p; });
  var E = {};
  DATA.evidenceFields.forEach(function (name, i) { E[name] = i; });
  var evidence = DATA.evidence.map(function (row) {
    var item = {
      place: places[row[E.place]], day: row[E.day], kind: row[E.kind], claimId: row[E.claim_id],
      sentence: row[E.sentence], article: row[E.article], published: row[E.published], dateText: row[E.date_text],
      placeText: row[E.place_text], figure: row[E.figure], units: row[E.units], review: row[E.review]
    };
    item.place.evidence.push(item);
    return item;
  });

  // ---- state, kept in the URL's hash ---------------------------------------------------------------------
  var first = DATA.first, last = DATA.last;
  var state = {
    asOf: last, from: first, range: false, sides: DATA.sides.slice(), source: "", types: DATA.types.slice(),
    contra: false, undated: false, q: "", place: null, view: null
  };
  var kindOk = new Uint8Array(kinds.length);

  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    var asOf = dayOf(params.get("date")), from = dayOf(params.get("from"));
    state.range = from !== null;
    state.asOf = clampDay(asOf === null ? last : asOf);
    state.from = clampDay(from === null ? first : Math.min(from, state.asOf));
    state.sides = params.has("sides") ? params.get("sides").split(",").filter(function (s) { return DATA.sides.indexOf(s) >= 0; }) : DATA.sides.slice();
    state.types = params.has("types") ? params.get("types").split(",").filter(function (t) { return DATA.types.indexOf(t) >= 0; }) : DATA.types.slice();
    state.source = params.get("src") || "";
    state.contra = params.get("contra") === "1";
    state.undated = params.get("undated") === "1";
    state.q = params.get("q") || "";
    state.place = params.has("place") && byId[params.get("place")] ? params.get("place") : null;
    var view = (params.get("map") || "").split(",").map(Number);
    state.view = view.length === 3 && view.every(isFinite) ? view : null;
  }
  function clampDay(day) {
    if (first === null) { return null; }
    return Math.max(first, Math.min(last, day));
  }
  function writeHash() {
    var params = new URLSearchParams();
    if (state.asOf !== null) { params.set("date", iso(state.asOf)); }
    if (state.range && state.from !== null) { params.set("from", iso(state.from)); }
    if (state.sides.length !== DATA.sides.length) { params.set("sides", state.sides.join(",")); }
    if (state.types.length !== DATA.types.length) { params.set("types", state.types.join(",")); }
    if (state.source) { params.set("src", state.source); }
    if (state.contra) { params.set("contra", "1"); }
    if (state.undated) { params.set("undated", "1"); }
    if (state.q) { params.set("q", state.q); }
    if (state.place) { params.set("place", state.place); }
    if (map) {
      var c = map.getCenter();
      params.set("map", [c.lat.toFixed(3), c.lng.toFixed(3), map.getZoom()].join(","));
    }
    var hash = "#" + params.toString();
    if (hash === location.hash) { return; }
    writingHash = true;
    try { history.replaceState(null, "", hash); } catch (e) { location.hash = hash; }
    writingHash = false;
  }
  var writingHash = false;

  function refreshKinds() {
    var sides = {}, types = {};
    state.sides.forEach(function (s) { sides[s] = true; });
    state.types.forEach(function (t) { types[t] = true; });
    var who = state.source.slice(0, 2), name = state.source.slice(2);
    kinds.forEach(function (k, i) {
      var source = !state.source || (who === "c:" && k.source.claimant === name) || (who === "o:" && k.source.outlet === name);
      kindOk[i] = sides[k.code.side] && types[k.code.claim] && source ? 1 : 0;
    });
  }

  // What a place's claims say between `lo` and `hi` (days, both included), under the filters.
  function tally(p, lo, hi, clashFrom) {
    var days = p.days, n = days.length, i = lowerBound(days, lo);
    var count = 0, lastDay = {}, stances = {}, contested = null, active = { RU: {}, UA: {} };
    if (state.undated) {  // undated claims, when asked for, count as older than any dated claim
      p.undated.forEach(function (m) {
        if (!kindOk[m.kind]) { return; }
        var code = kinds[m.kind].code;
        count += m.count;
        if (lastDay[code.side] === undefined) { lastDay[code.side] = -Infinity; stances[code.side] = {}; }
        stances[code.side][code.stance] = true;
      });
    }
    for (; i < n && days[i] <= hi; i++) {
      var k = p.kinds[i];
      if (!kindOk[k]) { continue; }
      var day = days[i], code = kinds[k].code, side = code.side;
      count += p.counts[i];
      if (lastDay[side] === undefined || day > lastDay[side]) { lastDay[side] = day; stances[side] = {}; }
      stances[side][code.stance] = true;
      if (contested === null && day >= clashFrom && (side === "RU" || side === "UA")) {
        var other = active[side === "RU" ? "UA" : "RU"], ci = kinds[k].codeIndex;
        for (var c in other) {
          if (other[c] >= day - DATA.window && clash[ci][c]) { contested = clash[ci][c]; break; }
        }
        active[side][ci] = day;
      }
    }
    var held = {}, fighting = false;
    for (var s in stances) {
      if (stances[s].RU) { held.RU = true; }
      if (stances[s].UA) { held.UA = true; }
      if (stances[s].fighting) { fighting = true; }
    }
    var status = held.RU && held.UA ? "both" : held.RU ? "RU" : held.UA ? "UA" : fighting ? "fighting" : "mentioned";
    return { count: count, status: status, contested: contested, lastDay: lastDay };
  }
  function lowerBound(days, value) {
    var lo = 0, hi = days.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (days[mid] < value) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }
  // The first position in `list` (indexes into `days`, in date order) whose day is `value` or later.
  function lowerIndex(list, days, value) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (days[list[mid]] < value) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }
  function bounds() {
    if (state.asOf === null) { return { lo: 0, hi: -1, clashFrom: 0 }; }
    if (state.range) { return { lo: state.from, hi: state.asOf, clashFrom: state.from }; }
    return { lo: -Infinity, hi: state.asOf, clashFrom: state.asOf - DATA.window };
  }

  // ---- the map ---------------------------------------------------------------------------------------------
  var map = L.map("map", { zoomSnap: 0.25, minZoom: 4, maxZoom: 13, attributionControl: true });
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Natural Earth; Ukraine's recognised border");
  var lineStyles = {
    country: { color: "#37474f", weight: 1.6, opacity: 0.9 },
    oblast: { color: "#90a4ae", weight: 0.7, opacity: 0.8, dashArray: "3 2" },
    coast: { color: "#4f83a8", weight: 0.9, opacity: 0.8 }
  };
  L.geoJSON(BASEMAP, { interactive: false, style: function (f) { return lineStyles[f.properties.layer]; } }).addTo(map);
  map.fitBounds([[44.3, 22.1], [52.4, 40.3]]);
  var markerLayer = L.layerGroup().addTo(map);
  places.forEach(function (p) {
    if (p.lat === null || p.lon === null) { return; }
    var marker = L.circleMarker([p.lat, p.lon], {
      radius: 5, weight: 1, color: "#fff", fillOpacity: 0.85, className: "fc-marker",
      dashArray: p.kind === "settlement" || p.kind === "raion" ? null : "3 2"
    });
    var tip = el("span");
    tip.appendChild(el("strong", null, p.name));
    tip.appendChild(el("span", { "class": "fc-tip" }));
    marker.bindTooltip(tip, { direction: "top", offset: [0, -4] });
    marker.on("click", function () { openPlace(p, false); });
    marker.on("tooltipopen", function () {
      var t = p.current;
      p.tip.textContent = " — " + STATUS_WORDS[t.status] + "; " + plural(t.count, "claim") +
        (t.contested ? "; contradiction: " + t.contested : "");
    });
    p.marker = marker;
    p.tip = tip.lastChild;
  });
  map.on("moveend", function () { writeHash(); });

  function drawMarkers() {
    var b = bounds(), shown = 0, ringed = 0, claims = 0;
    places.forEach(function (p) {
      var t = p.current = tally(p, b.lo, b.hi, b.clashFrom);
      if (!p.marker) { return; }
      var visible = t.count > 0 && (!state.contra || t.contested);
      if (!visible) { markerLayer.removeLayer(p.marker); return; }
      shown += 1; claims += t.count;
      if (t.contested) { ringed += 1; }
      p.marker.setStyle({
        fillColor: COLOURS[t.status], color: t.contested ? "#111" : "#fff", weight: t.contested ? 3 : 1,
        radius: 4 + Math.min(8, Math.log2(t.count + 1) * 1.4)
      });
      if (!markerLayer.hasLayer(p.marker)) {
        markerLayer.addLayer(p.marker);
        p.marker.getElement().setAttribute("data-place", p.id);
      }
    });
    var count = document.getElementById("shown-count");
    count.textContent = plural(shown, "place") + " on the map, " + ringed + " ringed; " + plural(claims, "claim");
    count.setAttribute("data-markers", String(shown));
    count.setAttribute("data-ringed", String(ringed));
  }

  // ---- controls ----------------------------------------------------------------------------------------------
  var asOfInput = document.getElementById("as-of"), fromInput = document.getElementById("from");
  var rangeInput = document.getElementById("range-mode"), contraInput = document.getElementById("contra-only");
  var undatedInput = document.getElementById("undated-too");
  var sourceInput = document.getElementById("source"), searchInput = document.getElementById("search");

  function buildControls() {
    [asOfInput, fromInput].forEach(function (input) {
      input.min = first === null ? 0 : first; input.max = last === null ? 0 : last;
      input.disabled = first === null;
    });
    var sideBox = document.getElementById("side-filter");
    DATA.sides.forEach(function (side) {
      var label = el("label"), box = el("input", { type: "checkbox", value: side, "data-filter": "side" });
      label.appendChild(box); label.appendChild(document.createTextNode(" " + side));
      sideBox.appendChild(label);
    });
    var typeBox = document.getElementById("type-filter");
    DATA.types.forEach(function (type) {
      var label = el("label"), box = el("input", { type: "checkbox", value: type, "data-filter": "type" });
      label.appendChild(box); label.appendChild(document.createTextNode(" " + type));
      typeBox.appendChild(label);
    });
    var claimants = {}, outlets = {};
    sources.forEach(function (s) { if (s.claimant) { claimants[s.claimant] = 1; } if (s.outlet) { outlets[s.outlet] = 1; } });
    [["claimant", "c:", claimants], ["outlet", "o:", outlets]].forEach(function (group) {
      var names = Object.keys(group[2]).sort();
      if (!names.length) { return; }
      var optgroup = el("optgroup", { label: group[0] });
      names.forEach(function (name) { optgroup.appendChild(el("option", { value: group[1] + name }, name)); });
      sourceInput.appendChild(optgroup);
    });
    document.getElementById("panel").addEventListener("change", onControl);
    asOfInput.addEventListener("input", onControl);
    fromInput.addEventListener("input", onControl);
    searchInput.addEventListener("input", function () { state.q = searchInput.value; showResults(); writeHash(); });
    document.getElementById("more-rows").addEventListener("click", function () { tableRows += PAGE; drawTable(); });
  }
  function syncControls() {
    asOfInput.value = state.asOf === null ? 0 : state.asOf;
    fromInput.value = state.from === null ? 0 : state.from;
    rangeInput.checked = state.range;
    document.getElementById("from-row").hidden = !state.range;
    document.getElementById("as-of-word").textContent = state.range ? "to" : "as of";
    document.getElementById("as-of-label").textContent = state.asOf === null ? "no dated claims" : iso(state.asOf);
    document.getElementById("from-label").textContent = state.from === null ? "" : iso(state.from);
    contraInput.checked = state.contra;
    undatedInput.checked = state.undated;
    undatedInput.disabled = !DATA.undated;
    sourceInput.value = state.source;
    if (sourceInput.value !== state.source) { state.source = ""; sourceInput.value = ""; }
    searchInput.value = state.q;
    document.querySelectorAll("input[data-filter=side]").forEach(function (box) { box.checked = state.sides.indexOf(box.value) >= 0; });
    document.querySelectorAll("input[data-filter=type]").forEach(function (box) { box.checked = state.types.indexOf(box.value) >= 0; });
  }
  function onControl(event) {
    var target = event.target;
    if (target === searchInput) { return; }
    if (target === asOfInput) {
      state.asOf = Number(asOfInput.value);
      if (state.from > state.asOf) { state.from = state.asOf; }
    } else if (target === fromInput) {
      state.from = Number(fromInput.value);
      if (state.from > state.asOf) { state.asOf = state.from; }
    } else if (target === rangeInput) {
      state.range = rangeInput.checked;
    } else if (target === contraInput) {
      state.contra = contraInput.checked;
    } else if (target === undatedInput) {
      state.undated = undatedInput.checked;
    } else if (target === sourceInput) {
      state.source = sourceInput.value;
    } else if (target.getAttribute("data-filter") === "side") {
      state.sides = Array.prototype.filter.call(document.querySelectorAll("input[data-filter=side]"), function (b) { return b.checked; }).map(function (b) { return b.value; });
    } else if (target.getAttribute("data-filter") === "type") {
      state.types = Array.prototype.filter.call(document.querySelectorAll("input[data-filter=type]"), function (b) { return b.checked; }).map(function (b) { return b.value; });
    } else {
      return;
    }
    update();
  }

  function update() {
    refreshKinds();
    syncControls();
    drawMarkers();
    tableRows = PAGE;
    drawTable();
    if (state.place) { drawPlace(byId[state.place]); }
    writeHash();
  }

  // ---- search ----------------------------------------------------------------------------------------------
  function showResults() {
    var list = document.getElementById("results");
    list.textContent = "";
    var key = nameKey(state.q);
    if (!key) { return; }
    var found = places.filter(function (p) { return p.keys.some(function (k) { return k.indexOf(key) >= 0; }); });
    found.sort(function (a, b) {
      var ea = a.keys.indexOf(key) >= 0 ? 0 : 1, eb = b.keys.indexOf(key) >= 0 ? 0 : 1;
      return ea - eb || b.claims - a.claims;
    });
    found.slice(0, 20).forEach(function (p) {
      var item = el("li"), button = el("button", { type: "button", "data-place": p.id });
      button.textContent = p.name + (p.admin1 && p.admin1 !== p.name ? " (" + p.admin1 + ")" : "") + " · " + plural(p.claims, "claim");
      button.addEventListener("click", function () { openPlace(p, true); });
      item.appendChild(button);
      list.appendChild(item);
    });
    if (!found.length) { list.appendChild(el("li", null, "no place with claims has that name")); }
  }

  // ---- a place's time line ---------------------------------------------------------------------------------
  function openPlace(p, pan) {
    state.place = p.id;
    if (pan && p.lat !== null) { map.setView([p.lat, p.lon], Math.max(map.getZoom(), 8)); }
    drawPlace(p);
    writeHash();
    document.getElementById("place-panel").scrollIntoView({ block: "nearest" });
  }

  function describeKind(k) {
    var code = kinds[k].code, source = kinds[k].source;
    var forces = code.subject === "RU" || code.subject === "UA" ? ", forces " + code.subject : "";
    var denies = code.denies ? " (of " + code.denies + ")" : "";
    return (source.claimant || "unnamed") + (source.outlet ? " via " + source.outlet : "") + " [" + code.side + "]: " +
      code.claim + denies + forces;
  }

  function drawPlace(p) {
    var panel = document.getElementById("place-panel");
    panel.hidden = false;
    panel.setAttribute("data-place", p.id);
    document.getElementById("place-name").textContent = p.name;
    var about = [p.kind, p.admin1, p.country].filter(Boolean).join(", ");
    var names = p.names.length ? " Other names: " + p.names.join(", ") + "." : "";
    document.getElementById("place-about").textContent = about + ". " + plural(p.claims, "claim") + " in the report (" +
      p.undatedCount + " undated)." + names + (p.lat === null ? " No coordinates: not on the map." : "");
    document.getElementById("mark-detail").textContent = "Click a mark for its claims.";
    drawTimeline(p);
    drawPlaceEvidence(p);
  }

  function drawTimeline(p) {
    var box = document.getElementById("timeline");
    box.textContent = "";
    var shown = [];
    for (var i = 0; i < p.days.length; i++) { if (kindOk[p.kinds[i]]) { shown.push(i); } }
    var loose = p.undated.filter(function (m) { return kindOk[m.kind]; });
    var lanes = LANES.filter(function (side) {
      return side !== "unknown" || shown.some(function (i) { return kinds[p.kinds[i]].code.side === "unknown"; }) ||
        loose.some(function (m) { return kinds[m.kind].code.side === "unknown"; });
    });
    var width = Math.max(640, box.clientWidth || 900), left = 86, undatedWidth = loose.length ? 90 : 0;
    var right = width - 16 - undatedWidth, laneHeight = 44, top = 18;
    var height = top + lanes.length * laneHeight + 30;
    var lo = shown.length ? p.days[shown[0]] : (first || 0), hi = shown.length ? p.days[shown[shown.length - 1]] : (last || 0);
    if (state.asOf !== null) { hi = Math.max(hi, state.asOf); lo = Math.min(lo, state.range ? state.from : state.asOf); }
    lo -= 2; hi += 2;
    function x(day) { return left + (right - left) * (day - lo) / Math.max(1, hi - lo); }
    function y(side) { return top + lanes.indexOf(side) * laneHeight + laneHeight / 2; }
    var root = svg("svg", { viewBox: "0 0 " + width + " " + height, height: height, role: "img", "aria-label": "Time line of claims" });
    lanes.forEach(function (side, n) {
      var g = svg("g", { "class": "fc-lane", "data-side": side });
      g.appendChild(svg("rect", { x: 0, y: top + n * laneHeight, width: width, height: laneHeight, fill: n % 2 ? "#fff" : "#f6f8fa" }));
      var label = svg("text", { x: 6, y: y(side) + 4, "class": "fc-lane-label" });
      label.textContent = side === "neutral" ? "neutral" : side;
      g.appendChild(label);
      root.appendChild(g);
    });
    if (state.range) {
      root.appendChild(svg("rect", { x: x(state.from), y: top, width: Math.max(1, x(state.asOf) - x(state.from)),
        height: lanes.length * laneHeight, fill: "#fff59d", opacity: 0.35 }));
    }
    if (state.asOf !== null && !state.range) {
      root.appendChild(svg("line", { x1: x(state.asOf), x2: x(state.asOf), y1: top, y2: top + lanes.length * laneHeight, stroke: "#333", "stroke-width": 1 }));
    }
    var ticks = first === null ? -1 : 6;
    for (var t = 0; t <= ticks; t++) {
      var day = Math.round(lo + (hi - lo) * t / ticks), label = svg("text", { x: x(day), y: height - 8, "text-anchor": "middle", "class": "fc-axis" });
      label.textContent = iso(day);
      root.appendChild(label);
    }
    // undated claims cannot be placed on the axis: they stand apart, on the right
    if (undatedWidth) {
      var ux = width - undatedWidth + 4;
      root.appendChild(svg("line", { x1: ux - 6, x2: ux - 6, y1: top, y2: top + lanes.length * laneHeight, stroke: "#999", "stroke-dasharray": "2 2" }));
      var ul = svg("text", { x: ux + undatedWidth / 2 - 6, y: 12, "text-anchor": "middle", "class": "fc-axis" });
      ul.textContent = "undated";
      root.appendChild(ul);
    }
    // a dot per mark; a place with very many marks gets a dot per lane, stance and stretch of days instead
    var dots = [], step = 0;
    if (shown.length > MAX_DOTS) {
      step = Math.max(1, Math.ceil((hi - lo) / 240));
      var bins = {};
      shown.forEach(function (i) {
        var code = kinds[p.kinds[i]].code, start = lo + Math.floor((p.days[i] - lo) / step) * step;
        var key = code.side + "|" + code.stance + "|" + start, dot = bins[key];
        if (!dot) {
          dot = bins[key] = { side: code.side, stance: code.stance, day: start, span: step, count: 0, kind: null };
          dots.push(dot);
        }
        dot.count += p.counts[i];
      });
    } else {
      shown.forEach(function (i) {
        var code = kinds[p.kinds[i]].code;
        dots.push({ side: code.side, stance: code.stance, day: p.days[i], span: 1, count: p.counts[i], kind: p.kinds[i] });
      });
    }
    loose.forEach(function (m) {
      var code = kinds[m.kind].code;
      dots.push({ side: code.side, stance: code.stance, day: null, span: 0, count: m.count, kind: m.kind });
    });
    // contradictions: opposite sides' marks within the window whose claims cannot both hold: a line
    // between each pair, or, on a busy place, a red band under the RU lane that is darker where they cluster
    var pairs = 0, segments = [], bands = {}, maxLines = 600, uaDays = {};
    shown.forEach(function (i) {
      var k = kinds[p.kinds[i]];
      if (k.code.side === "UA") { (uaDays[k.codeIndex] = uaDays[k.codeIndex] || []).push(i); }
    });
    shown.forEach(function (ri) {
      var k = kinds[p.kinds[ri]];
      if (k.code.side !== "RU") { return; }
      var rday = p.days[ri];
      for (var c in uaDays) {
        var why = clash[k.codeIndex][c];
        if (!why) { continue; }
        var list = uaDays[c], from = lowerIndex(list, p.days, rday - DATA.window), to = lowerIndex(list, p.days, rday + DATA.window + 1);
        if (to <= from) { continue; }
        pairs += to - from;
        if (step) {
          var start = lo + Math.floor((rday - lo) / step) * step, band = bands[start] || (bands[start] = { day: start, count: 0, why: {} });
          band.count += to - from;
          band.why[why] = true;
        } else {
          for (var j = from; j < to && segments.length < maxLines; j++) {
            segments.push({ ru: rday, ua: p.days[list[j]], why: why });
          }
        }
      }
    });
    segments.forEach(function (seg) {
      var line = svg("line", { x1: x(seg.ru), y1: y("RU"), x2: x(seg.ua), y2: y("UA"), "class": "fc-contradiction" });
      var title = svg("title", {});
      title.textContent = "contradiction: " + seg.why + " (RU " + iso(seg.ru) + ", UA " + iso(seg.ua) + ")";
      line.appendChild(title);
      root.appendChild(line);
    });
    var most = 0;
    for (var d in bands) { most = Math.max(most, bands[d].count); }
    Object.keys(bands).forEach(function (d) {
      var band = bands[d], rect = svg("rect", {
        x: x(band.day), y: top + laneHeight - 4, width: Math.max(2, x(band.day + step) - x(band.day)), height: 8,
        fill: "#d50000", opacity: 0.15 + 0.85 * band.count / most, "class": "fc-contradiction-band"
      });
      var title = svg("title", {});
      title.textContent = plural(band.count, "contradiction") + " with RU claims of " + iso(band.day) + " to " +
        iso(band.day + step - 1) + ": " + Object.keys(band.why).join(", ");
      rect.appendChild(title);
      root.appendChild(rect);
    });
    var stacked = {};
    dots.forEach(function (dot) {
      var lane = lanes.indexOf(dot.side) >= 0 ? dot.side : "neutral";
      var cx = dot.day === null ? width - undatedWidth + 14 : x(dot.day + (dot.span - 1) / 2);
      var slot = (stacked[lane + cx] = (stacked[lane + cx] || 0) + 1) - 1;
      var circle = svg("circle", {
        cx: cx + (dot.day === null ? Math.floor(slot / 5) * 8 : 0), cy: y(lane) + ((slot % 5) - 2) * 6,
        r: step ? 2.5 + Math.min(3, Math.log2(dot.count) * 0.5) : 3.5 + Math.min(6, Math.log2(dot.count) * 1.5), fill: STANCE_COLOURS[dot.stance], "class": "fc-mark",
        "data-side": dot.side, "data-day": dot.day === null ? "undated" : iso(dot.day), tabindex: 0
      });
      var title = svg("title", {});
      title.textContent = dotTitle(dot);
      circle.appendChild(title);
      circle.addEventListener("click", function () { showDot(p, dot, circle); });
      circle.addEventListener("keydown", function (event) { if (event.key === "Enter") { showDot(p, dot, circle); } });
      root.appendChild(circle);
    });
    root.setAttribute("data-contradictions", String(pairs));
    box.appendChild(root);
    var note = el("p", { "class": "meta" });
    note.textContent = plural(dots.length, "mark") + (step ? " (claims grouped by " + step + " days, side and what they assert" :
      " (claims grouped by " + DATA.grouping + ", claimant and outlet") +
      "; colour: whose control the claims assert, orange for fighting); " +
      plural(pairs, "contradiction") + " (in red" + (segments.length >= maxLines ? ", the first " + maxLines : "") +
      ") between RU and UA claims within " + DATA.window + " days of each other that cannot both hold" +
      (loose.length ? "; undated claims stand apart on the right" : "") + ".";
    box.appendChild(note);
  }
  var MAX_DOTS = 1500;

  function dotWhen(dot) {
    if (dot.day === null) { return "undated"; }
    return dot.span > 1 ? iso(dot.day) + " to " + iso(dot.day + dot.span - 1) : iso(dot.day);
  }
  function dotTitle(dot) {
    var what = dot.kind !== null ? describeKind(dot.kind) : SIDE_WORDS[dot.side] + ": " + (STANCE_WORDS[dot.stance] || "other claims");
    return dotWhen(dot) + " · " + what + " · " + plural(dot.count, "claim");
  }

  function showDot(p, dot, circle) {
    document.querySelectorAll(".fc-mark.selected").forEach(function (c) { c.classList.remove("selected"); });
    circle.classList.add("selected");
    var box = document.getElementById("mark-detail");
    box.textContent = "";
    box.appendChild(el("strong", null, dotTitle(dot)));
    var found = p.evidence.filter(function (e) {
      if (dot.kind !== null) { return e.kind === dot.kind && bucket(e.day) === dot.day; }
      var code = kinds[e.kind].code;
      return kindOk[e.kind] && code.side === dot.side && code.stance === dot.stance && e.day !== null &&
        e.day >= dot.day && e.day < dot.day + dot.span;
    });
    if (!found.length) {
      box.appendChild(el("p", { "class": "meta" }, "The evidence of these claims is not in this report, which carries the latest claims of each side about each place. frontclaims compare \"" + p.name + "\" shows them all."));
      return;
    }
    var list = el("ol", { "class": "evidence" });
    found.forEach(function (e) { list.appendChild(evidenceItem(e, false)); });
    box.appendChild(list);
  }

  function evidenceItem(e, withPlace) {
    var k = kinds[e.kind], item = el("li");
    var meta = el("span", { "class": "meta" });
    meta.appendChild(el("span", { "class": "side-" + k.code.side }, k.code.side));
    meta.appendChild(document.createTextNode(" " + (e.day === null ? "undated" : iso(e.day)) +
      (e.dateText ? " (“" + e.dateText + "”)" : "") + " · " + describeKind(e.kind) +
      (e.figure ? " · " + e.figure : "") + (withPlace ? " · " + e.place.name : "") +
      " · " + e.article + (e.published ? " (published " + e.published + ")" : "")));
    item.appendChild(meta);
    item.appendChild(el("q", { "class": "sentence" }, e.sentence));
    return item;
  }

  function drawPlaceEvidence(p) {
    var list = document.getElementById("place-evidence");
    list.textContent = "";
    var items = p.evidence.filter(function (e) { return kindOk[e.kind]; });
    items = items.filter(function (e) { return e.day !== null; }).reverse().concat(items.filter(function (e) { return e.day === null; }));
    items.forEach(function (e) { list.appendChild(evidenceItem(e, false)); });
    if (!items.length) { list.appendChild(el("li", null, "No claim of this place under these filters carries its evidence here.")); }
  }

  // ---- the claims table ---------------------------------------------------------------------------------------
  var tableRows = PAGE;
  function drawTable() {
    var b = bounds(), body = document.querySelector("#claims-table tbody");
    body.textContent = "";
    var dated = [], undated = [];
    evidence.forEach(function (e) {
      if (!kindOk[e.kind]) { return; }
      if (e.day === null) { undated.push(e); } else if (e.day >= b.lo && e.day <= b.hi) { dated.push(e); }
    });
    if (state.contra) {
      var keep = function (e) { return e.place.current && e.place.current.contested; };
      dated = dated.filter(keep); undated = undated.filter(keep);
    }
    dated.sort(function (a, c) { return c.day - a.day || (a.place.name < c.place.name ? -1 : 1); });
    var rows = dated.concat(undated), showing = rows.slice(0, tableRows);
    showing.forEach(function (e, n) {
      if (e.day === null && (n === 0 || showing[n - 1].day !== null)) {
        var head = el("tr", { "class": "undated-head" }), cell = el("td", { colspan: 9 });
        cell.appendChild(el("strong", null, "Undated claims (" + undated.length + "): their text gives no date and neither does their article, so the slider cannot place them"));
        head.appendChild(cell);
        body.appendChild(head);
      }
      var k = kinds[e.kind], tr = el("tr");
      tr.appendChild(el("td", null, e.day === null ? "undated" : iso(e.day)));
      var placeCell = el("td"), link = el("button", { type: "button", "class": "linkish" }, e.place.name);
      link.addEventListener("click", function () { openPlace(e.place, true); });
      placeCell.appendChild(link);
      tr.appendChild(placeCell);
      tr.appendChild(el("td", { "class": "side-" + k.code.side }, k.code.side));
      tr.appendChild(el("td", null, k.source.claimant));
      var claimCell = el("td", null, k.code.claim + (k.code.denies ? " (of " + k.code.denies + ")" : "") +
        (e.review ? " (reviewed)" : ""));
      if (e.review) { claimCell.title = "Reviewed by an analyst: " + e.review; }
      tr.appendChild(claimCell);
      tr.appendChild(el("td", null, k.code.subject));
      tr.appendChild(el("td", null, k.source.outlet));
      tr.appendChild(el("td", { "class": "ev" }, e.sentence));
      tr.appendChild(el("td", { "class": "file" }, e.article));
      body.appendChild(tr);
    });
    document.getElementById("more-rows").hidden = rows.length <= tableRows;
    var period = state.range ? "from " + iso(state.from) + " to " + iso(state.asOf) : state.asOf === null ? "" : "up to " + iso(state.asOf);
    document.getElementById("table-note").textContent = plural(dated.length, "dated claim") + " " + period + " and " +
      plural(undated.length, "undated claim") + " under these filters" + (rows.length > tableRows ? ", the first " + tableRows + " shown" : "") +
      ". The report carries the evidence of " + plural(evidence.length, "claim") + " of " + number(DATA.claims) +
      (evidence.length < DATA.claims ? " (the latest of each side about each place); frontclaims export writes them all." : ".");
  }

  // ---- legend and stamp ---------------------------------------------------------------------------------------------
  function buildLegend() {
    var legend = document.getElementById("legend");
    legend.appendChild(el("strong", null, "What the latest claims say"));
    legend.appendChild(el("p", null, "Each place is coloured by what each side (RU, UA, neutral) last claimed about it " +
      "as of the chosen date: claims, not assessed control."));
    var list = el("ul");
    DATA.statuses.forEach(function (s) {
      var item = el("li"), swatch = el("span", { "class": "swatch", style: "background:" + COLOURS[s] });
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(STATUS_WORDS[s]));
      list.appendChild(item);
    });
    var ring = el("li");
    ring.appendChild(el("span", { "class": "swatch ring" }));
    ring.appendChild(document.createTextNode("ringed: RU and UA claims that cannot both hold, dated in the " + DATA.window +
      " days up to the date (in range mode: in the range, within " + DATA.window + " days of each other)"));
    list.appendChild(ring);
    var dashed = el("li");
    dashed.appendChild(el("span", { "class": "swatch dashed" }));
    dashed.appendChild(document.createTextNode("dashed: an oblast, region, river or reservoir, drawn at one point"));
    list.appendChild(dashed);
    legend.appendChild(list);
    legend.appendChild(el("p", null, "Size: how many claims. Borders: Ukraine's internationally recognised border " +
      "(Crimea is shown as part of Ukraine), oblast lines dashed; from Natural Earth."));
  }
  function buildStamp() {
    var parts = [];
    parts.push(last === null ? "No dated claims" : "Data as of " + iso(last) + " (the latest claim date)");
    if (DATA.since || DATA.until) { parts.push("period " + (DATA.since || "…") + " to " + (DATA.until || "…")); }
    if (DATA.side) { parts.push("claims by the " + DATA.side + " side only"); }
    parts.push(plural(DATA.claims, "claim") + " about " + plural(places.length, "place"));
    if (DATA.undated) { parts.push(plural(DATA.undated, "undated claim") + " (in the time lines and the table; on the map when asked)"); }
    parts.push("built " + DATA.built.replace("T", " ").replace("+00:00", " UTC"));
    document.getElementById("stamp").textContent = parts.join(" · ");
    document.getElementById("built").textContent = DATA.built.slice(0, 10);
  }

  // ---- start ---------------------------------------------------------------------------------------------------------------
  buildControls();
  buildLegend();
  buildStamp();
  readHash();
  if (state.view) { map.setView([state.view[0], state.view[1]], state.view[2]); }
  update();
  showResults();
  window.addEventListener("hashchange", function () {
    if (writingHash) { return; }
    readHash();
    if (state.view) { map.setView([state.view[0], state.view[1]], state.view[2]); }
    update();
    showResults();
  });
  document.body.setAttribute("data-ready", "1");
}());
