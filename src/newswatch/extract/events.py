from spacy.tokens import Doc

from ..schema import Brief, Event


def extract_events(doc: Doc, brief: Brief) -> list[Event]:
    raise NotImplementedError  # being written
