"""extraction.context: what is known about the article being read, and the speakers met so far."""

from __future__ import annotations

from frontclaims.extraction.context import ArticleContext, Speaker, SpeakerMemory
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
    context.memory.remember(Speaker("Syrskyi", Side.UA, "r", person=True))
    context.memory.remember(Speaker("he", Side.UNKNOWN, "r", named=False))
    context.memory.remember(None)
    assert [s.text for s in context.memory.speakers] == ["Syrskyi"]
    context.forget()
    assert context.memory.last() is None


def test_the_last_speaker_with_a_side_and_the_last_person():
    memory = SpeakerMemory([Speaker("Syrskyi", Side.UA, "r", person=True), Speaker("the ministry", Side.RU, "r"),
                            Speaker("a source", Side.UNKNOWN, "r")])
    assert memory.last().text == "a source"
    assert memory.last(with_side=True).text == "the ministry"
    assert memory.last(with_side=True, person=True).text == "Syrskyi"
