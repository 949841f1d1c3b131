from spacy.tokens import Doc

from ..schema import Highlight


def extract_highlights(doc: Doc, n: int = 3) -> list[Highlight]:
    raise NotImplementedError  # being written
