"""extraction.context: what is known about the article being read, and the speakers met so far."""

from __future__ import annotations

from frontclaims.extraction.context import ORGANISATION, PERSON, ArticleContext, Speaker, SpeakerMemory
from frontclaims.models import Side


def test_the_outlet_gives_the_articles_own_voice_its_side(make_article, gazetteer, sides):
    context = ArticleContext.of(make_article("MOSCOW, March 3. /TASS/. Troops advanced."), gazetteer, sides)
    assert (context.outlet_name, context.voice.text, context.voice.side) == ("TASS", "reporter (TASS)", Side.RU)
    assert context.country.id == "country:UA"


def test_with_no_outlet_the_voice_is_a_neutral_reporter(make_article, gazetteer, sides):
    context = ArticleContext.of(make_article("Troops advanced near the river."), gazetteer, sides)
    assert (context.outlet, context.outlet_name, context.voice.text, context.voice.side) == (
        None, "", "reporter", Side.NEUTRAL)


def test_memory_keeps_named_speakers_and_forget_starts_afresh(make_article, gazetteer, sides):
    context = ArticleContext.of(make_article("Troops advanced."), gazetteer, sides)
    context.memory.remember(Speaker("Syrskyi", Side.UA, "r", kind=PERSON))
    context.memory.remember(Speaker("he", Side.UNKNOWN, "r", named=False))
    context.memory.remember(None)
    assert [s.text for s in context.memory.speakers] == ["Syrskyi"]
    context.forget()
    assert context.memory.last() is None


def test_the_last_speaker_with_a_side_and_of_a_kind():
    memory = SpeakerMemory([Speaker("Syrskyi", Side.UA, "r", kind=PERSON), Speaker("the ministry", Side.RU, "r",
                                                                                   kind=ORGANISATION),
                            Speaker("a source", Side.UNKNOWN, "r")])
    assert memory.last().text == "a source"
    assert memory.last(with_side=True).text == "the ministry"
    assert memory.last(with_side=True, kinds=(PERSON,)).text == "Syrskyi"


def test_a_new_paragraph_forgets_its_speakers_and_subjects_but_not_the_articles():
    memory = SpeakerMemory()
    memory.enter(0)
    memory.remember(Speaker("Syrskyi", Side.UA, "r", kind=PERSON))
    memory.mention(Speaker("the General Staff", Side.UA, "r", kind=ORGANISATION), frozenset({"staff"}), subject=True)
    assert ([s.text for s in memory.here], [s.text for s in memory.subjects]) == (["Syrskyi"], ["the General Staff"])
    memory.enter(0)  # another sentence of the same paragraph
    assert memory.here and memory.subjects
    memory.enter(1)
    assert (memory.here, memory.subjects) == ([], [])
    assert memory.last().text == "Syrskyi" and memory.named_with("staff").text == "the General Staff"


def test_a_surname_names_again_only_a_person_described_with_a_side():
    memory = SpeakerMemory()
    memory.mention(Speaker("Hanna Koval, a Ukrainian deputy minister", Side.UA, "r", kind=PERSON),
                   frozenset({"koval", "minister"}), surname="Koval")
    memory.mention(Speaker("Ivan Petrov", Side.UNKNOWN, "r", kind=PERSON), frozenset({"petrov"}), surname="Petrov")
    assert memory.person("koval").side == Side.UA
    assert memory.person("Petrov") is None


def test_the_last_poster_is_whose_the_footage_is():
    memory = SpeakerMemory()
    assert memory.last_poster() is None
    memory.posted(Speaker("the defence ministry", Side.RU, "r"))
    assert memory.last_poster().text == "the defence ministry"
