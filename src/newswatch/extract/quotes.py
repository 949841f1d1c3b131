from spacy.tokens import Doc

from ..schema import Entity, Quote


def extract_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    raise NotImplementedError  # being written
