"""Tests for kg.notebook, the helpers the notebooks share, over kg.query's demo graph."""

from __future__ import annotations

import doctest
import warnings

import networkx as nx
import pytest

import kg.notebook as nb
from kg.errors import KGError
from kg.query import example_graph, neighbourhood, to_frame

try:  # tests/ may or may not become a package
    from .conftest import ROOT
except ImportError:
    from conftest import ROOT  # type: ignore[no-redef]


def _without(G: nx.MultiDiGraph, edge_type: str) -> nx.MultiDiGraph:
    G.remove_edges_from([(u, v, k) for u, v, k, t in G.edges(keys=True, data="type") if t == edge_type])
    return G


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


# ------------------------------------------------------------------------------------ corpus tables


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, [("华为云", 2), ("张朝晖", 2)]),
        ({"type": "person"}, [("张朝晖", 2)]),
        ({"type": "org"}, [("华为云", 2)]),
        ({"type": "topic"}, []),
        ({"min_docs": 1}, [("华为云", 2), ("张朝晖", 2), ("平安证券", 1), ("张平", 1), ("钟正生", 1)]),
        ({"min_docs": 3}, []),
    ],
)
def test_across_documents(kwargs, expected):
    assert [(s.label, s.documents) for s in nb.across_documents(example_graph(), **kwargs)] == expected


def test_across_documents_gives_titles_and_counts_claims_without_mention_edges():
    G = _without(example_graph(), "mentioned_in")
    spread = nb.across_documents(G)
    assert [(s.label, s.documents, s.node) for s in spread] == [("张朝晖", 2, "person:张朝晖@平安证券")]
    assert spread[0].titles == ("华为云发布行业大模型", "平安证券：AI算力需求仍在上升")
    assert list(to_frame(spread).columns) == ["label", "type", "documents", "titles", "node"]


@pytest.mark.parametrize(
    ("by", "min_count", "expected"),
    [
        ("claim", 1, [("人工智能", "算力", 1)]),
        ("speaker", 1, [("人工智能", "宏观经济", 1), ("人工智能", "算力", 1), ("宏观经济", "算力", 1)]),
        ("speaker", 2, []),
    ],
)
def test_topic_pairs(by, min_count, expected):
    assert [tuple(p) for p in nb.topic_pairs(example_graph(), by=by, min_count=min_count)] == expected


def test_topic_pairs_by_speaker_counts_each_speaker_once_and_reads_claims_without_discusses():
    G = example_graph()
    # 张平 now also talks about 算力: 人工智能 + 算力 is shared by two speakers
    G.add_node("claim:d2#9", type="claim", label="算力紧张", text="算力紧张", doc="d2")
    G.add_edge("person:张平@华为云", "claim:d2#9", type="said")
    G.add_edge("claim:d2#9", "topic:算力", type="about")
    assert nb.topic_pairs(G, by="speaker")[0] == nb.TopicPair("人工智能", "算力", 2)
    _without(G, "discusses")
    assert nb.topic_pairs(G, by="speaker")[0] == nb.TopicPair("人工智能", "算力", 2)


def test_topic_pairs_rejects_an_unknown_grouping():
    with pytest.raises(KGError, match="'document'.*'claim' or 'speaker'"):
        nb.topic_pairs(example_graph(), by="document")
