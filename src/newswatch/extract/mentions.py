"""Where each entity is mentioned in the body: look-ups shared by the quote and event extractors."""

from __future__ import annotations

import bisect

from ..schema import Entity


class MentionIndex:
    """The entity mentioned at a character, and the latest person mentioned before a position."""

    def __init__(self, entities: list[Entity]):
        self._at: dict[int, Entity] = {}
        people = []
        for entity in entities:
            for m in entity.mentions:
                for i in range(m.start, m.end):
                    self._at[i] = entity
                if entity.type == "PERSON":
                    people.append((m.start, entity))
        people.sort(key=lambda p: p[0])
        self._person_starts = [start for start, _ in people]
        self._people = [entity for _, entity in people]

    def entity_at(self, char: int) -> Entity | None:
        return self._at.get(char)

    def person_before(self, char: int) -> Entity | None:
        """The person whose mention starts last before `char` (for "he", "she")."""
        i = bisect.bisect_left(self._person_starts, char)
        return self._people[i - 1] if i > 0 else None
