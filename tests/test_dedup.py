from newswatch.monitor.dedup import NearDuplicateIndex, signature

SENTENCES = [
    "Russian jets struck rebel positions near the city of Homs on Tuesday, officials in Damascus said.",
    "The strikes were the first acknowledged Russian combat mission in Syria since the war began.",
    "Moscow said the targets were depots and command posts belonging to militant groups.",
    "Opposition activists said at least two dozen civilians were killed in the raids.",
    "Washington was given about an hour of notice through a diplomat in Baghdad.",
    "The Pentagon said it was reviewing the information and had not changed its own flights.",
    "Analysts said the move would complicate efforts to negotiate a political settlement.",
    "Russian lawmakers had approved the use of force abroad earlier in the day.",
    "The Kremlin described the operation as limited in time and confined to the air.",
    "Turkey and Saudi Arabia called for an immediate halt to strikes on moderate rebels.",
    "Satellite images released last week showed new aircraft parked at an airbase near Latakia.",
    "Diplomats at the United Nations General Assembly discussed the strikes behind closed doors.",
    "A senior French official said Paris would continue its own reconnaissance flights.",
    "Oil prices rose slightly in Asian trading as investors weighed the risk of escalation.",
    "The Syrian government welcomed the support and promised to coordinate ground operations.",
    "Human rights groups demanded an independent investigation into the civilian deaths.",
    "Iranian state media praised the operation as a blow against foreign-backed terrorism.",
    "Israeli officials said they had set up a hotline with Moscow to avoid accidental clashes.",
    "Residents of Homs described hearing explosions for more than an hour after noon.",
    "Further strikes were expected in the coming days, according to a Russian military source.",
]
STORY = " ".join(f"{sentence}\n" for sentence in SENTENCES)
OTHER_STORY = " ".join([
    "Syrian refugees crossed into Turkey after fighting near Aleppo, aid groups reported on Tuesday.",
    "Camps along the border were already full, according to the United Nations refugee agency.",
    "Russian jets were seen over the province, residents said, but no strikes were confirmed.",
    "Officials in Ankara asked European governments to share the cost of housing new arrivals.",
    "Aid workers said winter supplies of blankets and fuel would run out within weeks.",
    "The European Union is due to discuss the crisis at a summit in Brussels next month.",
])


def wire_copy(text: str) -> str:
    paragraphs = text.split("\n")
    paragraphs[6] = "A Defense Department spokesman declined to comment on the reports late on Tuesday."
    return "BREAKING: Jets hit Homs\nBy Staff Reporter\n" + "\n".join(paragraphs)


def test_wire_copy_with_new_headline_byline_and_paragraph_is_linked_to_the_original():
    index = NearDuplicateIndex()
    assert index.add("a", STORY) is None
    assert index.add("b", wire_copy(STORY)) == "a"


def test_different_story_on_the_same_topic_is_not_linked():
    index = NearDuplicateIndex()
    index.add("a", STORY)
    assert index.add("c", OTHER_STORY) is None


def test_index_rebuilt_from_signatures_finds_the_same_duplicates():
    index = NearDuplicateIndex()
    index.add_signature("a", signature(STORY))
    assert "a" in index
    assert index.add_signature("b", signature(wire_copy(STORY))) == "a"
    assert "missing" not in index
