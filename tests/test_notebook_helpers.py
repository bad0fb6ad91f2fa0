"""Tests for kg.notebook, the helpers the notebooks share, over kg.query's demo graph."""

from __future__ import annotations

import doctest
import re
import warnings

import networkx as nx
import pytest

import kg.notebook as nb
from kg.errors import KGError
from kg.query import example_graph, neighbourhood

from tests.conftest import ROOT


def _snapshot(G: nx.MultiDiGraph) -> tuple:
    return ([(n, dict(d)) for n, d in G.nodes(data=True)],
            [(u, v, k, dict(d)) for u, v, k, d in G.edges(keys=True, data=True)])


def test_doctests_pass():
    result = doctest.testmod(nb)
    assert result.attempted > 0 and result.failed == 0


# ---------------------------------------------------------------------------------------- repo_root


@pytest.mark.parametrize("start", ["", "notebooks", "kg/resources", "tests/fixtures/gold"])
def test_repo_root_walks_up_to_the_checkout(start):
    assert nb.repo_root(ROOT / start) == ROOT


def test_repo_root_defaults_to_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "kg").mkdir()
    (tmp_path / "kg" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert nb.repo_root() == tmp_path


def test_repo_root_outside_a_checkout_falls_back_to_the_installed_one(tmp_path):
    # the editable install the tests run from points into this checkout
    assert nb.repo_root(tmp_path) == ROOT


def test_repo_root_without_any_checkout_names_the_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(nb, "__file__", str(tmp_path / "site-packages" / "kg" / "notebook.py"))
    with pytest.raises(KGError, match="no kg checkout") as err:
        nb.repo_root(tmp_path)
    assert str(tmp_path) in str(err.value)


# -------------------------------------------------------------------------------------------- fonts


def test_cjk_font_is_a_known_family_or_none():
    pytest.importorskip("matplotlib")
    assert nb.cjk_font() in (*nb.CJK_FONTS, None)


def test_use_cjk_font_puts_the_font_first():
    mpl = pytest.importorskip("matplotlib")
    if nb.cjk_font() is None:
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    with mpl.rc_context():
        before = list(mpl.rcParams["font.family"])
        assert nb.use_cjk_font() == nb.cjk_font()
        assert mpl.rcParams["font.family"] == [nb.cjk_font(), *[f for f in before if f != nb.cjk_font()]]


def test_use_cjk_font_without_one_warns_once_and_draws(monkeypatch):
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    monkeypatch.setattr(nb, "cjk_font", lambda: None)
    with mpl.rc_context(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        before = list(mpl.rcParams["font.family"])
        assert nb.use_cjk_font() is None
        assert mpl.rcParams["font.family"] == before
        ax = nb.draw(neighbourhood(example_graph(), "张朝晖"), title="张朝晖")
        ax.figure.canvas.draw()  # rendering Chinese without the font: boxes, not errors
        plt.close(ax.figure)
    messages = [str(w.message) for w in caught]
    assert sum("no CJK font" in m for m in messages) == 1
    assert not any("missing from font" in m for m in messages)


# ------------------------------------------------------------------------------------------- drawing


def test_draw_shows_every_node_with_a_legend_and_leaves_the_graph_alone():
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    G = example_graph()
    H = neighbourhood(G, "华为云")
    before = _snapshot(H)
    ax = nb.draw(H, title="华为云", claim_chars=6)
    try:
        texts = {t.get_text() for t in ax.texts}
        assert {"华为云", "华为", "张平", "算力", "总裁"} <= texts  # labels, and the title on person → firm
        assert "算力基础设…" in texts  # the claim, cut to claim_chars
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert legend == ["人物", "机构", "话题", "言论", "文章"]
        assert ax.get_title() == "华为云"
        assert _snapshot(H) == before
    finally:
        plt.close(ax.figure)


def test_draw_places_nodes_the_same_way_each_time():
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    H = neighbourhood(example_graph(), "张朝晖")
    positions = []
    for _ in range(2):
        ax = nb.draw(H)
        positions.append(sorted((t.get_text(), t.get_position()) for t in ax.texts))
        plt.close(ax.figure)
    assert positions[0] == positions[1]


def test_draw_on_given_axes_with_unknown_types():
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    H = nx.MultiDiGraph()
    H.add_node("x", type="other", label="某物")
    H.add_node("y", label="无类型")
    H.add_edge("x", "y", type="strange")
    H.add_edge("x", "x", type="loop")
    fig, ax = plt.subplots()
    try:
        assert nb.draw(H, ax=ax) is ax
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["其他"]
    finally:
        plt.close(fig)


# ------------------------------------------------------------------------------------------ show


def _page(net) -> str:
    return net.generate_html()


def test_show_gives_a_network_with_every_node_and_edge_in_the_palette():
    from pyvis.network import Network

    from kg.io.html.style import EDGE_STYLES, NODE_STYLES

    G = example_graph()
    before = _snapshot(G)
    net = nb.show(G)
    assert isinstance(net, Network)
    assert _snapshot(G) == before
    assert sorted(n["id"] for n in net.nodes) == sorted(G)
    assert sorted((e["from"], e["to"]) for e in net.edges) == sorted((u, v) for u, v in G.edges())
    nodes = {n["id"]: n for n in net.nodes}
    person = nodes["person:张朝晖@平安证券"]
    assert (person["label"], person["color"], person["shape"]) == ("张朝晖", *NODE_STYLES["person"][1:3])
    assert person["value"] == 3.0 and "平安证券 首席经济学家" in person["title"]
    assert nodes["org:平安证券"]["shape"] == NODE_STYLES["organization"][2]
    affiliation = next(e for e in net.edges if e["from"] == "person:张朝晖@平安证券" and e["to"] == "org:平安证券")
    assert affiliation["label"] == "首席经济学家" and affiliation["color"] == EDGE_STYLES["affiliated_with"][1]


def test_show_renders_inline_and_offline():
    net = nb.show(neighbourhood(example_graph(), "张朝晖"), heading="<b>张朝晖</b>")
    page = _page(net)
    assert not re.search(r"""<(?:script|link|img|iframe)\b[^>]*(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""",
                         page, re.IGNORECASE)
    assert "vis.Network" in page and "<b>张朝晖</b>" not in page
    inline = net._repr_html_()
    assert inline.startswith("<iframe srcdoc=") and "vis.Network" in inline


def test_show_escapes_article_text():
    G = example_graph()
    bad = "<script>alert(1)</script><img src=x onerror=alert(2)> href"
    G.nodes["claim:d1#1"]["text"] = bad
    G.nodes["org:华为云"]["label"] = bad
    page = _page(nb.show(G))
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    net = nb.show(G)
    claim = next(n for n in net.nodes if n["id"] == "claim:d1#1")
    assert "&lt;script&gt;" in claim["title"] and "<script>" not in claim["title"]


def test_show_decides_offline_settings_itself():
    with pytest.raises(KGError, match="cdn_resources"):
        nb.show(example_graph(), cdn_resources="remote")
