from spacy.tokens import Doc

from ..schema import Entity, Place


def extract_places(doc: Doc, entities: list[Entity]) -> list[Place]:
    raise NotImplementedError  # being written
