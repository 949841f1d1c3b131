import datetime as dt

from spacy.tokens import Doc

from ..schema import TimeExpression


def extract_times(doc: Doc, anchor: dt.date | None) -> list[TimeExpression]:
    raise NotImplementedError  # being written
