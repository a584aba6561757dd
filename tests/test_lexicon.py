"""The lexicon: the claim table and the vocabularies load into frozen records, a malformed table is
refused with the entry named, and every derived word set comes from the table."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from frontclaims import lexicon as lx
from frontclaims.errors import LexiconError
from frontclaims.lexicon import ClaimEntry, load_claims, load_forms, load_vocabulary
from frontclaims.models import ClaimType

ROOT = Path(__file__).parent.parent


def _table(**changes: str) -> str:
    """A minimal claim table with one entry per claim type; `changes` replaces an entry's body."""
    body = {kind.value: f'meaning = "{kind.value}"\nsubject = "agent"\n' for kind in ClaimType}
    body.update(changes)
    return "\n".join(f"[{name}]\n{text}" for name, text in body.items() if text is not None)


def test_the_packaged_table_has_one_frozen_entry_per_claim_type():
    assert set(lx.CLAIMS) == set(ClaimType)
    entry = lx.CLAIMS[ClaimType.CONTROL]
    assert isinstance(entry, ClaimEntry) and entry.name == "[control]"
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.subject = "patient"  # type: ignore[misc]


def test_a_minimal_table_loads_with_the_defaults():
    table = load_claims(_table())
    assert table[ClaimType.ATTACK].negated == "denial" and table[ClaimType.ATTACK].prospective is None


@pytest.mark.parametrize("change, message", [
    ({"advance": None}, "missing: advance"),
    ({"surrender": 'meaning = "x"\nsubject = "agent"\n'}, "not claim types: surrender"),
    ({"control": 'meaning = "x"\nsubject = "winner"\n'}, "[control] subject = 'winner'"),
    ({"control": 'meaning = "x"\nsubject = "agent"\nverb = ["take"]\n'}, "[control]: unknown key(s) verb"),
    ({"control": 'meaning = "x"\nsubject = "agent"\nprospective = "victory"\n'}, "'victory' is not a claim type"),
    ({"control": 'meaning = "x"\nsubject = "agent"\nphrasal = ["pull"]\n'}, "a verb and a particle"),
    ({"control": 'meaning = "x"\nsubject = "agent"\nverbs = ["seize"]\ncaptures = ["storm"]\n'},
     "storm not among the entry's verbs"),
    ({"control": 'meaning = "x"\nsubject = "agent"\nverbs = ["seize"]\n',
      "attack": 'meaning = "x"\nsubject = "agent"\nverbs_with_support = ["seize"]\n'}, "'seize' is in both"),
    ({"control": 'meaning = "x"\nsubject = "agent"\npartial_objects = ["bridgehead"]\n'},
     "partial_objects and partial go together"),
    ({"control": 'meaning = "x"\nsubject = "agent"\nlocated = true\n',
      "attack": 'meaning = "x"\nsubject = "agent"\nlocated = true\n'}, "located is true on more than one entry"),
    ({"control": 'meaning = "x"\nsubject = "agent"\nlocated = "yes"\n'}, "located must be true or false"),
])
def test_a_malformed_table_is_refused_naming_the_entry(change, message):
    with pytest.raises(LexiconError) as raised:
        load_claims(_table(**change))
    assert message in str(raised.value)


def test_a_vocabulary_list_must_be_words():
    with pytest.raises(LexiconError, match=r"\[scope\] hedges must be a list of words"):
        load_vocabulary('[scope]\nhedges = "proof"\n')
    assert load_vocabulary('[scope]\nhedges = ["proof"]\n').words("scope", "hedges") == {"proof"}


def test_derived_sets_come_from_the_entries():
    assert lx.LOCATED == ClaimType.ADVANCE  # the one entry a place located by a distance makes
    assert lx.VERB_TRIGGERS["capture"] == ClaimType.CONTROL and "take" in lx.NEEDS_SUPPORT
    assert lx.PHRASAL[("fight", "off")] == ClaimType.REPELLED
    assert lx.DENIAL_VERBS == lx.CLAIMS[ClaimType.DENIAL].verbs | lx.CLAIMS[ClaimType.DENIAL].verbs_with_support
    assert lx.DENIAL_WORDS == lx.CLAIMS[ClaimType.DENIAL].nouns | lx.CLAIMS[ClaimType.DENIAL].adjectives


def test_stopping_verbs_are_the_repelled_entrys_verbs_phrasal_verbs_and_stops():
    repelled = lx.CLAIMS[ClaimType.REPELLED]
    assert lx.CLAIMS[ClaimType.ATTACK].stopped == ClaimType.REPELLED
    assert lx.STOPPING == repelled.verbs | repelled.verbs_with_support | repelled.stops
    assert ("fight", "off") in lx.STOPPING_PHRASAL


def test_statement_nouns_are_speech_nouns():
    assert lx.STATEMENT_NOUNS < lx.SPEECH_NOUNS


def test_the_place_finder_and_the_table_name_the_same_capture_verbs():
    # components.CAPTURE_VERBS is its own copy until it imports lexicon.CAPTURE_VERBS
    from frontclaims.components import CAPTURE_VERBS

    assert set(CAPTURE_VERBS) == lx.CAPTURE_VERBS


# -- verb forms -------------------------------------------------------------------------------------
def test_every_verb_of_the_lexicon_has_its_forms():
    missing = sorted(lx.lexicon_verbs() - set(lx.FORMS))
    assert not missing, f"run python scripts/build_word_forms.py: no forms for {missing}"


def test_forms_include_irregular_ones_and_the_verb_itself():
    assert {"take", "took", "taken", "takes", "taking"} <= lx.forms_of("take")
    assert lx.forms_of("say", ("VBD",)) == {"say", "said"}
    assert {"dismisses", "rejected", "deny"} <= lx.DENIAL_FORMS
    assert "counters" not in lx.DENIAL_FORMS  # "counter" denies only with an object that says so


def test_the_lemmatizers_slips_are_read_through_the_forms():
    assert lx.TRIGGER_LEMMAS_OF["raging"] == ("rage",)  # spaCy's lemma for "raging" is "rag"


def test_a_forms_file_without_its_header_is_refused():
    with pytest.raises(LexiconError, match="must start with the columns"):
        load_forms("take\ttook\ttaken\ttaking\ttakes\n")


def test_the_forms_file_is_what_lemminflect_makes():
    pytest.importorskip("lemminflect")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_word_forms.py"), "--check"],
                          check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_fight_the_lemmatizer_misreads_is_still_fighting(analyse):
    (claim,) = analyse("Street battles kept raging in Toretsk, a Ukrainian army spokesman said.")
    assert (claim.place.name, claim.claim) == ("Toretsk", ClaimType.FIGHTING)


def test_what_each_claim_contradicts_is_declared_in_its_entry():
    control, denial = lx.CLAIMS[ClaimType.CONTROL], lx.CLAIMS[ClaimType.DENIAL]
    assert control.contradicts == {ClaimType.CONTROL: "other side", ClaimType.REPELLED: "other side",
                                   ClaimType.WITHDRAWAL: "same side"}
    # "assertive" stands for every entry marked assertive: a denial contradicts each of them
    assert set(denial.contradicts) == {k for k, e in lx.CLAIMS.items() if e.assertive}
    assert ClaimType.FIGHTING not in denial.contradicts
