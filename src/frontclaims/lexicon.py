"""The words that carry claims and attributions, by lemma. Data only: how they are used is `extract.py`'s."""

from __future__ import annotations

from .models import ClaimType

C = ClaimType

# Verbs that assert something about a place, by lemma.
VERB_TRIGGERS: dict[str, ClaimType] = {
    **dict.fromkeys(["capture", "seize", "liberate", "occupy", "control", "secure", "regain", "recapture",
                     "retake", "reclaim", "conquer", "free", "hold", "take", "clear", "mop", "overrun",
                     "remain", "stay", "defend"], C.CONTROL),
    **dict.fromkeys(["encircle", "surround", "trap", "block", "blockade", "besiege", "envelop"], C.ENCIRCLED),
    **dict.fromkeys(["advance", "approach", "push", "progress", "enter", "expand", "deepen", "creep", "breach",
                     "reach", "penetrate", "infiltrate", "proceed", "gain", "move", "close", "press", "develop",
                     "grind", "inch", "storm"], C.ADVANCE),
    **dict.fromkeys(["repel", "repulse", "thwart", "foil", "fend", "halt", "stop", "stall", "check", "beat",
                     "neutralize", "neutralise", "destroy", "eliminate", "repell"], C.REPELLED),
    **dict.fromkeys(["attack", "assault", "shell", "strike", "bomb", "hit", "pound", "target", "bombard",
                     "raid", "batter", "defeat", "launch", "shield"], C.ATTACK),
    **dict.fromkeys(["withdraw", "retreat", "regroup", "abandon", "flee", "leave", "pull", "redeploy",
                     "evacuate"], C.WITHDRAWAL),
    **dict.fromkeys(["deny", "dismiss", "refute", "reject", "debunk", "counter", "disprove"], C.DENIAL),
    **dict.fromkeys(["fight", "battle", "clash", "rage", "contest"], C.FIGHTING),
    **dict.fromkeys(["concentrate", "mass", "deploy"], C.OTHER),
}

# Nouns and adjectives that assert something about a place.
NOUN_TRIGGERS: dict[str, ClaimType] = {
    **dict.fromkeys(["capture", "seizure", "liberation", "occupation", "control", "recapture", "fall", "loss",
                     "hands", "conquest", "takeover", "mop", "clearing", "controlled", "occupied",
                     "captured", "liberated", "garrison", "victory"], C.CONTROL),
    **dict.fromkeys(["encirclement", "siege", "cauldron", "pocket", "blockade", "encircled", "surrounded",
                     "trapped", "blocked"], C.ENCIRCLED),
    **dict.fromkeys(["advance", "advances", "push", "progress", "gains", "breakthrough", "offensive",
                     "foothold"], C.ADVANCE),
    **dict.fromkeys(["repulsion", "repulse", "failure"], C.REPELLED),
    **dict.fromkeys(["attack", "assault", "counteroffensive", "counter-offensive", "shelling", "strike",
                     "bombardment", "raid", "counterattack", "counter-attack", "pressure", "storming",
                     "onslaught"], C.ATTACK),
    **dict.fromkeys(["withdrawal", "retreat", "pullback", "pullout", "drawdown", "regrouping"], C.WITHDRAWAL),
    **dict.fromkeys(["denial", "lie", "disinformation", "propaganda", "fake", "fabrication", "untrue",
                     "false", "staged"], C.DENIAL),
    **dict.fromkeys(["fighting", "battle", "clash", "combat", "fight", "hostility", "firefight", "contested",
                     "skirmish"], C.FIGHTING),
    **dict.fromkeys(["concentration", "buildup", "build-up", "flag", "destruction", "destroyed"], C.OTHER),
}

# Triggers that count only when no stronger word governs the place.
WEAK_TRIGGERS: dict[str, ClaimType] = {
    "outskirts": C.ADVANCE, "approaches": C.ADVANCE, "zone": C.ADVANCE, "momentum": C.ADVANCE,
    "stronghold": C.CONTROL, "positions": C.CONTROL, "position": C.CONTROL, "defenses": C.CONTROL,
    "defences": C.CONTROL, "defense": C.FIGHTING, "defence": C.FIGHTING,
}

# Particles that turn a verb into a claim, and the claim they make: "pull back", "cut off", "close in".
PHRASAL: dict[tuple[str, str], ClaimType] = {
    ("pull", "back"): C.WITHDRAWAL, ("pull", "out"): C.WITHDRAWAL, ("cut", "off"): C.ENCIRCLED,
    ("close", "in"): C.ADVANCE, ("beat", "back"): C.REPELLED, ("fight", "off"): C.REPELLED,
    ("hold", "off"): C.REPELLED, ("fend", "off"): C.REPELLED, ("push", "back"): C.ADVANCE,
    ("move", "away"): C.WITHDRAWAL, ("fall", "back"): C.WITHDRAWAL, ("break", "through"): C.ATTACK,
    ("mop", "up"): C.CONTROL, ("clear", "out"): C.CONTROL, ("press", "forward"): C.ADVANCE,
}
# Verbs that are claims only with a particle or the right object ("take control", "hold positions").
NEEDS_SUPPORT = {"take", "hold", "clear", "leave", "move", "close", "press", "pull", "beat", "fend", "check",
                 "stop", "halt", "launch", "develop", "remain", "stay", "gain", "reach", "block", "push",
                 "shield", "destroy", "eliminate", "neutralize", "neutralise", "hit", "target", "free", "counter",
                 "stall", "grind", "inch", "evacuate", "approach", "progress", "contest", "defend", "concentrate",
                 "mass", "deploy", "redeploy"}
SUPPORTING_OBJECTS = {"control", "city", "town", "village", "settlement", "positions", "position", "ground",
                      "line", "lines", "territory", "area", "areas", "part", "outskirts", "center", "centre",
                      "district", "neighborhood", "neighbourhoods", "neighborhoods", "offensive", "attack",
                      "attacks", "assault", "assaults", "strikes", "counteroffensive", "counter-offensive",
                      "operation", "operations", "momentum", "advance", "advances", "forces", "troops", "units",
                      "gains", "heights", "settlements", "villages", "towns", "zone", "foothold", "bridgehead",
                      "outpost", "stronghold", "hub", "crossroads", "sector", "them", "it", "blow", "strike",
                      "approaches"}
FORCE_NOUNS = {"troops", "forces", "units", "soldiers", "servicemen", "army", "military", "fighters", "guys",
               "russians", "ukrainians", "battalions", "brigades", "brigade", "battalion", "regiment", "corps",
               "paratroopers", "marines", "garrison", "defenders", "group", "groups", "personnel", "men"}

# Verbs and nouns that report speech or a source.
SPEECH_VERBS = {
    "say", "tell", "claim", "announce", "report", "state", "add", "confirm", "note", "insist", "assert",
    "declare", "estimate", "highlight", "describe", "emphasize", "emphasise", "stress", "acknowledge", "admit",
    "write", "post", "publish", "show", "quote", "warn", "explain", "inform", "mention", "indicate",
    "reiterate", "reaffirm", "assure", "clarify", "specify", "brief", "predict", "boast", "allege", "argue",
    "point", "suggest", "deny", "dismiss", "refute", "reject", "counter", "believe", "think", "accuse",
    "tout", "praise", "hail", "celebrate", "proclaim", "comment", "recount",
    "update", "respond", "reply", "answer", "echo", "signal", "vow", "pledge", "promise", "expect",
    "liken",
}
SPEECH_NOUNS = {"statement", "statements", "claim", "claims", "announcement", "report", "reports", "words",
                "remarks", "assertion", "bulletin", "address", "briefing", "message", "post", "update",
                "maps", "map", "video", "footage", "data", "telegram", "channel", "account", "assessment",
                "comments", "comment"}
DENIAL_VERBS = {"deny", "dismiss", "refute", "reject", "debunk", "disprove", "counter"}
DENIAL_WORDS = {"untrue", "false", "lie", "lies", "disinformation", "propaganda", "fake", "fabrication",
                "staged", "nonsense", "baseless", "groundless"}
# Heads under which a claim is not asserted by anyone: "there was no official confirmation that ...".
HEDGES = {"confirmation", "evidence", "verification", "proof", "sign", "indication"}
# Heads under which a capture is expected, not achieved: "will take", "poised to complete", "trying to take".
PROSPECTIVE = {"try", "attempt", "prepare", "aim", "seek", "plan", "hope", "expect", "poise", "intend",
               "want", "verge", "closer", "way", "threaten", "bring", "open", "begin", "start", "continue",
               "work", "task", "push", "strive", "set", "ready", "complete", "finish"}
MODALS_FUTURE = {"will", "'ll", "shall", "going"}
MODALS_HYPOTHETICAL = {"would", "could", "might", "may", "should", "can"}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
DEFINITE_SPEAKERS = {"general", "president", "minister", "ministry", "commander", "spokesperson", "spokesman",
                     "spokeswoman", "official", "officials", "governor", "head", "chief", "military", "army",
                     "staff", "leader", "mayor", "analyst", "source", "sources", "agency", "department",
                     "service", "command", "group", "project", "statement", "report", "channel", "telegram",
                     "bulletin", "update", "briefing", "defence", "defense"}
# Nouns that make a capture an aim: "the capture of X is one of Russia's main goals".
GOALS = {"goal", "aim", "objective", "target", "task", "priority", "plan", "intention", "ambition", "mission",
         "strategy"}
# Forms of denial verbs, whatever the tagger makes of them in a headline.
DENIAL_FORMS = {"denies", "denied", "deny", "dismisses", "dismissed", "refutes", "refuted", "rejects", "rejected",
                "debunks", "debunked"}
# Words that name a danger avoided rather than a fact: "to avoid encirclement", "the threat of encirclement".
AVOIDING = {"avoid", "prevent", "escape", "threat", "risk", "danger", "fear", "avert"}
# Verbs that stop an attack or an advance: "repelled the attacks", "reduce the tempo of the offensive".
STOPPING = {"repel", "repulse", "thwart", "foil", "stop", "halt", "stall", "check", "reduce", "slow", "blunt",
            "contain", "beat", "fend", "hold", "disrupt", "frustrate", "defeat"}
