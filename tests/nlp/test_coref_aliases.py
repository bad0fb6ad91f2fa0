"""A short name the article defines (以下简称) is the full name, even where an entity tags it alone."""
from __future__ import annotations

from kg.nlp.coref import _org_table, defined_aliases, resolve_mentions
from kg.records import Entity

TEXT = "深圳市锐川智控股份有限公司（以下简称“锐川智控”）发布公告。锐川智控相关负责人表示，工厂将投产。"


def _entities(label_of_short: str = "COMPANY") -> list[Entity]:
    full = "深圳市锐川智控股份有限公司"
    k = TEXT.index("锐川智控相关")
    return [Entity(0, len(full), "COMPANY", full, "suffix"), Entity(k, k + 4, label_of_short, "锐川智控", "model", 0.9)]


def test_defined_aliases():
    assert defined_aliases(TEXT, _entities()) == {"锐川智控": "深圳市锐川智控股份有限公司"}


def test_a_tagged_short_name_is_a_mention_of_the_full_name():
    mentions, aliases = resolve_mentions(TEXT, _entities(), [])
    orgs = {m.target for m in mentions if m.kind == "organization"}
    assert orgs == {"深圳市锐川智控股份有限公司"}
    assert aliases["锐川智控"] == "深圳市锐川智控股份有限公司"
    # the defined short name is not a firm of its own
    assert set(_org_table(_entities(), defined_aliases(TEXT, _entities()))) == {"深圳市锐川智控股份有限公司"}


def test_the_graph_has_one_node_for_the_firm(tmp_path):
    from kg.run import extract

    (tmp_path / "a.txt").write_text(TEXT * 2, encoding="utf-8")
    g = extract([tmp_path / "a.txt"])
    firms = [d for _n, d in g.nodes(data=True) if d.get("type") == "organization" and "锐川" in d["label"]]
    assert len(firms) == 1
