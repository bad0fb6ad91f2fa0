"""A person named in Latin letters is later called by the family name alone (Ed Yardeni ... Yardeni指出): the
bare family name is a mention of that person, unless two people of the document share it or a firm is called
by it. The sentences are written for this table in the style of foreign-news articles."""
from __future__ import annotations

import re

import pytest

from kg.nlp.coref import resolve_mentions
from kg.records import Entity

CASES = [
    # (text, the names the entity stage found, the bare word, who it names or None)
    ("资深策略师Ed Yardeni上调了目标价。Yardeni指出，盈利预期上升速度前所未见。",
     ("Ed Yardeni",), "Yardeni指出", "Ed Yardeni"),
    ("希捷CEO Dave Mosley周二在会议上发言。Mosley坦承，公司面临很长的交货周期。",
     ("Dave Mosley",), "Mosley坦承", "Dave Mosley"),
    ("Yardeni Research总裁Ed Yardeni表示看好美股。Yardeni还称，牛市将延续。",
     ("Ed Yardeni",), "Yardeni还称", "Ed Yardeni"),
    ("策略师Nicole Inui和Alastair Pinder上调了预测。不过，Inui和Pinder也提醒，市场广度较窄。",
     ("Nicole Inui", "Alastair Pinder"), "Inui和Pinder也", "Nicole Inui"),
    # two people of one family name: the bare name is neither
    ("John Smith和Mary Smith共同创立了该公司。Smith表示，公司将继续扩张。",
     ("John Smith", "Mary Smith"), "Smith表示", None),
    # the full name again is the name itself, not its family name
    ("Ed Yardeni认为牛市将持续。Ed Yardeni还表示，目标可能提前实现。", ("Ed Yardeni",), "Yardeni还", None),
]


def _entities(text: str, names: tuple[str, ...]) -> list[Entity]:
    out = []
    for name in names:
        for m in re.finditer(re.escape(name), text):
            out.append(Entity(m.start(), m.end(), "PERSON", name))
    return out


@pytest.mark.parametrize("text,names,at,who", CASES, ids=[c[2] for c in CASES])
def test_a_bare_latin_family_name_names_its_person(text, names, at, who):
    mentions, _ = resolve_mentions(text, _entities(text, names))
    i = text.index(at)
    found = [m for m in mentions if m.start == i and m.via == "short"]
    assert [m.target for m in found] == ([who] if who else []), [(m.text, m.target, m.via) for m in mentions]
