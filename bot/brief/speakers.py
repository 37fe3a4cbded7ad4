"""When a name asked for matches several people: say so, and how to ask for one (pure)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.records import QuoteItem


def several_speakers(asked: str, items: Sequence[QuoteItem]) -> str | None:
    """A line for the reader when `asked` ("Wang") matched several people's quotes, else None.

    The quotes stay (each is labelled with its speaker); the line keeps a reader from taking
    three people's words for one person's.
    """
    spelled: dict[str, str] = {}  # "WANG YI" and "Wang Yi" are one person
    for item in items:
        if item.speaker:
            spelled.setdefault(item.speaker.casefold(), item.speaker)
    named = list(spelled.values())
    words = {name: set(name.casefold().split()) for name in named}
    # "Cleverly" where an article gave no first name is James Cleverly's quote, not a second
    # person's: a name whose words all appear in a longer name counts as that person.
    people = [n for n in named if not any(words[n] < words[other] for other in named)]
    wanted = " ".join(asked.split()).casefold()
    if len(people) < 2 or any(person.casefold() == wanted for person in people):
        return None
    listed = ", ".join(people[:-1]) + f" and {people[-1]}"
    return (
        f"'{asked.strip()}' matches {len(people)} people: {listed}. Their quotes are all here, "
        f"each with its speaker; ask for one by full name, such as '{people[0]}', for theirs alone."
    )
