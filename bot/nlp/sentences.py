"""An article's sentences as the speaker rules count them: the reporter's, not the quoted."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc

from bot.nlp.cues import Inside


class Sentences:
    """Which sentence a token is in, and how far back a look-back of n sentences reaches."""

    def __init__(self, doc: Doc, inside: Inside) -> None:
        sentences = list(doc.sents)
        self.starts = [s.start for s in sentences]  # first token of each sentence
        # Sentences wholly inside quotations: the speaker's words, not the reporter's. A
        # look-back counts only the reporter's sentences, so "He said" after a long quoted
        # paragraph still reaches the sentence that introduced its speaker.
        self._narrative = [any(t.is_alpha and not inside(t.idx) for t in s) for s in sentences]

    def of(self, token: int) -> int:
        """The index of the sentence holding a token."""
        return bisect_left(self.starts, token + 1) - 1

    def look_back_to(self, here: int, count: int) -> int:
        """The earliest sentence `count` reporter's sentences before sentence `here`."""
        counted, sentence = 0, here
        while sentence > 0 and counted < count:
            sentence -= 1
            counted += self._narrative[sentence]
        return sentence
