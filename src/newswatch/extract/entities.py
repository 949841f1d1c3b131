from spacy.tokens import Doc

from ..schema import Entity


def extract_entities(doc: Doc) -> list[Entity]:
    raise NotImplementedError  # being written
