"""Opens graph.html in headless Chromium, with the network blocked, and uses it like a reader would.

Needs the Python package ``playwright`` and a system Chromium (Debian: ``apt-get install chromium
fonts-noto-cjk``); ``playwright install`` is not used. Skipped when either is missing. Set
``KG_CHROMIUM`` to use another browser binary and ``KG_SCREENSHOT`` to keep the screenshot.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
from tests.io.sample_graph import XSS, make_graph

from kg.io import write_html

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
if not os.access(CHROMIUM, os.X_OK):
    pytest.skip(f"{CHROMIUM}: no Chromium binary (apt-get install chromium, or set KG_CHROMIUM)",
                allow_module_level=True)

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND"]
ZHANG = "person:张朝晖@平安证券"


@dataclass
class Visit:
    page: sync_api.Page
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self, allowed: set[str]) -> None:
        assert self.blocked == [], f"page tried to reach the network: {self.blocked}"
        assert set(self.requests) <= allowed, f"unexpected requests: {self.requests}"
        assert self.errors == [], f"JavaScript errors: {self.errors}"
        assert self.dialogs == [], f"a dialog opened (script injection?): {self.dialogs}"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


def _open(browser, path: Path, *, timeout_ms: int = 30_000) -> Visit:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="block")
    page = context.new_page()
    visit = Visit(page)

    def route(route):
        url = route.request.url
        visit.requests.append(url)
        if url.startswith("file://"):
            route.continue_()
        else:
            visit.blocked.append(url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda msg: visit.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: visit.errors.append(str(exc)))
    page.on("dialog", lambda dialog: (visit.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_selector("#kg-network[data-ready=true]", state="attached", timeout=timeout_ms)
    return visit


def _node_point(page, node_id: str) -> tuple[float, float]:
    """Gives the page coordinates where ``node_id`` is drawn."""
    box = page.locator("#kg-network").bounding_box()
    point = page.evaluate("id => kgNetwork.canvasToDOM(kgNetwork.getPosition(id))", node_id)
    return box["x"] + point["x"], box["y"] + point["y"]


def _count(page) -> int:
    return page.evaluate("kgNodeCount()")


@pytest.fixture
def html_path(tmp_path) -> Path:
    return write_html(make_graph(), tmp_path / "graph.html", title="测试图谱")


def test_page_loads_offline_and_renders_every_node(browser, html_path, tmp_path):
    graph = make_graph()
    visit = _open(browser, html_path)
    page = visit.page
    try:
        assert _count(page) == graph.number_of_nodes()
        assert int(page.get_attribute("#kg-network", "data-node-count")) == graph.number_of_nodes()
        assert page.evaluate("kgEdgeCount()") == graph.number_of_edges()
        assert page.evaluate("kgNetwork.physics.options.enabled") is False  # frozen after stabilisation
        assert page.is_hidden("#kg-progress") and page.is_hidden("#kg-notice")
        legend = page.inner_text("#kg-types")
        for name in ("人物 (2)", "机构 (5)", "话题 (2)", "言论 (4)", "文章 (2)"):
            assert name in legend
        shot = Path(os.environ.get("KG_SCREENSHOT") or tmp_path / "graph.png")
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 0
        visit.assert_clean({html_path.as_uri()})
    finally:
        page.context.close()


def test_search_focuses_and_click_lists_claims(browser, html_path):
    visit = _open(browser, html_path)
    page = visit.page
    try:
        page.fill("#kg-search", "张朝")
        page.wait_for_selector("#kg-results button")
        assert page.inner_text("#kg-results").startswith("张朝晖")
        page.press("#kg-search", "Enter")
        page.wait_for_function("id => document.getElementById('kg-network').dataset.focused === id", arg=ZHANG)
        assert page.evaluate("kgNetwork.getSelectedNodes()") == [ZHANG]
        page.wait_for_timeout(800)  # let the zoom animation end
        assert page.evaluate("kgNetwork.getScale()") > 1.1
        box = page.locator("#kg-network").bounding_box()
        x, y = _node_point(page, ZHANG)  # focused: drawn in the middle of the canvas
        assert abs(x - (box["x"] + box["width"] / 2)) < 30 and abs(y - (box["y"] + box["height"] / 2)) < 30

        # A real click on his node, after closing the panel that the search opened.
        page.click("#kg-panel-close")
        assert page.is_hidden("#kg-panel")
        page.evaluate("kgNetwork.selectNodes([])")
        x, y = _node_point(page, ZHANG)
        page.mouse.click(x, y)
        page.wait_for_selector("#kg-panel:not([hidden])")
        assert page.get_attribute("#kg-panel", "data-node") == ZHANG
        assert page.evaluate("kgNetwork.getSelectedNodes()") == [ZHANG]
        assert page.inner_text("#kg-panel-title") == "张朝晖"
        assert "平安证券 首席经济学家" in page.inner_text("#kg-panel-meta")
        texts = page.locator("#kg-claims .kg-claim-text").all_inner_texts()
        assert texts == ["“人工智能板块仍有上行空间”", f"“{XSS}”"]  # the payload, shown literally
        sources = page.locator("#kg-claims .kg-claim-src").all_inner_texts()
        assert all("A股午评：沪指震荡" in s and "2024-05-06" in s for s in sources)
        assert page.locator("#kg-panel img").count() == 0
        assert page.evaluate("document.querySelectorAll('img').length") == 0

        # window.kgSelect is the handler a click calls: an organization's claims.
        page.evaluate("kgSelect('org:中国人民银行')")
        assert page.locator("#kg-claims .kg-claim-text").all_inner_texts() == ["“将保持流动性合理充裕”"]
        visit.assert_clean({html_path.as_uri()})
    finally:
        page.context.close()


def test_tooltip_shows_claim_text_literally(browser, html_path):
    visit = _open(browser, html_path)
    page = visit.page
    try:
        page.evaluate("kgFocus('claim:d1#1')")
        page.wait_for_timeout(600)
        x, y = _node_point(page, "claim:d1#1")
        page.mouse.move(x - 20, y - 20)
        page.mouse.move(x, y, steps=5)
        page.wait_for_function(
            "() => { const t = document.querySelector('div.vis-tooltip');"
            " return t && t.style.visibility !== 'hidden' && t.innerText.length > 0; }", timeout=5_000)
        tip = page.inner_text("div.vis-tooltip")
        assert XSS in tip and "A股午评：沪指震荡" in tip and "张朝晖" in tip
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        visit.assert_clean({html_path.as_uri()})
    finally:
        page.context.close()


def test_filters(browser, html_path):
    graph = make_graph()
    visit = _open(browser, html_path)
    page = visit.page
    try:
        page.uncheck("#kg-types input[data-type=document]")
        assert _count(page) == graph.number_of_nodes() - 2
        page.check("#kg-types input[data-type=document]")
        assert _count(page) == graph.number_of_nodes()
        # the topic, the claim about it and the bank that said it (which also discusses it)
        page.select_option("#kg-topic", "topic:流动性")
        assert sorted(page.evaluate("kgNetwork.body.nodeIndices")) == sorted(
            ["topic:流动性", "claim:d2#0", "org:中国人民银行"])
        page.select_option("#kg-topic", "topic:人工智能")
        shown = set(page.evaluate("kgNetwork.body.nodeIndices"))
        assert shown == {"topic:人工智能", "claim:d1#0", "claim:d1#1", ZHANG, "org:平安证券"}
        # searching for a node the filter hides brings it back
        page.fill("#kg-search", "李明")
        page.press("#kg-search", "Enter")
        page.wait_for_function("() => kgNetwork.getSelectedNodes()[0] === 'person:李明@中信证券'")
        assert _count(page) == graph.number_of_nodes()
        page.select_option("#kg-topic", "")
        assert _count(page) == graph.number_of_nodes()
        visit.assert_clean({html_path.as_uri()})
    finally:
        page.context.close()


def _big_graph(n_people: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for f in range(40):
        G.add_node(f"org:公司{f}", type="organization", label=f"公司{f}", mentions=5)
    for t in range(20):
        G.add_node(f"topic:话题{t}", type="topic", label=f"话题{t}", mentions=3)
    for p in range(n_people):
        person = f"person:人{p}"
        G.add_node(person, type="person", label=f"人{p}", mentions=1 + p % 7)
        G.add_edge(person, f"org:公司{p % 40}", type="affiliated_with", title="分析师", former=False)
        claim = f"claim:d{p}#0"
        G.add_node(claim, type="claim", label="观点", text=f"观点{p}", doc=f"d{p}", date="", kind="direct",
                   cue="表示", start=0, end=3, confidence=0.9, speaker=f"人{p}", topics="")
        G.add_edge(person, claim, type="said")
        G.add_edge(claim, f"topic:话题{p % 20}", type="about")
    return G


def test_large_graph_with_max_nodes(browser, tmp_path):
    G = _big_graph(1500)  # 3,060 nodes
    path = write_html(G, tmp_path / "big.html", max_nodes=2000)
    visit = _open(browser, path, timeout_ms=120_000)
    page = visit.page
    try:
        assert _count(page) == 2000
        notice = page.inner_text("#kg-notice")
        assert "3060" in notice and "2000" in notice and "1060" in notice
        assert page.evaluate("kgNetwork.physics.options.enabled") is False
        visit.assert_clean({path.as_uri()})
    finally:
        page.context.close()


def test_markup_in_any_field_stays_text(browser, tmp_path):
    bad = "<svg onload=alert(2)>"
    G = nx.MultiDiGraph()
    G.add_node("person:x", type="person", label=f"王{bad}", title=f"总监{bad}", orgs=bad, mentions=2)
    G.add_node("org:x", type="organization", label=f"公司{bad}", aliases=f"别名{bad}", org_type="COMPANY")
    G.add_node("topic:x", type="topic", label=f"话题{bad}", mentions=1)
    G.add_node("doc:x", type="document", label=bad, title=f"标题{bad}", date=bad, source=bad, path=bad)
    G.add_node("claim:x#0", type="claim", label=bad, text=f"</script><script>alert(3)</script>{bad}", kind="direct",
               cue=bad, doc="x", start=0, end=1, confidence=1.0, speaker=bad, date=bad, topics=bad)
    G.add_edge("person:x", "org:x", type="affiliated_with", title=f"总监{bad}", former=False)
    G.add_edge("person:x", "claim:x#0", type="said")
    G.add_edge("claim:x#0", "topic:x", type="about")
    G.add_edge("person:x", "doc:x", type="mentioned_in", count=1)
    path = write_html(G, tmp_path / "bad.html", title=f"图{bad}")
    visit = _open(browser, path)
    page = visit.page
    try:
        assert page.title() == f"图{bad}"
        assert _count(page) == G.number_of_nodes()
        page.fill("#kg-search", "<svg")
        page.wait_for_selector("#kg-results button")
        assert len(page.locator("#kg-results button").all()) == 3  # person, firm and topic labels match
        for node in ("person:x", "org:x", "topic:x", "doc:x", "claim:x#0"):
            page.evaluate("id => kgFocus(id)", node)
            page.wait_for_timeout(300)
            assert bad in page.inner_text("#kg-panel")
        page.evaluate("kgSelect('person:x')")
        assert page.locator("#kg-claims .kg-claim-text").all_inner_texts() == [
            f"“</script><script>alert(3)</script>{bad}”"]
        page.select_option("#kg-topic", "topic:x")
        assert page.evaluate("document.querySelectorAll('svg, img').length") == 0
        assert page.evaluate("document.scripts.length") == 3
        visit.assert_clean({path.as_uri()})
    finally:
        page.context.close()
