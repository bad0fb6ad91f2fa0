"""kg.io.html: graph.html is offline, escaped, CSP-hashed; its app.js passes node --check."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from importlib import resources

import pytest
from tests.io.sample_graph import XSS

from kg import io
from kg.errors import KGError
from kg.io.html import VIS_NETWORK, vis_js
from kg.io.html.style import FONT_STACK
from kg.resources import read_text

VIS_SHA256 = "1f20f0736f32cb9bedf8f6383b25cfea2f839e1abe80d6e8040b4d5bea378c69"



def _data_block(page: str) -> str:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL)
    assert m
    return m.group(1)



def test_html_is_offline_and_escaped(graph, tmp_path):
    page = io.write_html(graph, tmp_path / "graph.html", title="<b>图</b>").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"""@import|url\(\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert "<title>&lt;b&gt;图&lt;/b&gt;</title>" in page
    assert "<img src=x" not in page
    assert "\\u003cimg src=x onerror=alert(1)\\u003e“引号”\\u0026amp;" in page
    assert page.count("</script>") == 3  # the data block cannot close its element early
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    for font in ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC"):
        assert font in page
    data = json.loads(_data_block(page))
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()
    assert data["pruned"] is None
    assert [data["claimInfo"][c]["text"] for c in data["claims"]["person:张朝晖@平安证券"]] == [
        "人工智能板块仍有上行空间", XSS]
    affiliation = next(e for e in data["edges"] if e["kgType"] == "affiliated_with" and e["to"] == "org:平安证券")
    assert affiliation["label"] == "首席经济学家"
    nodes = {n["id"]: n for n in data["nodes"]}
    assert "平证" in nodes["org:平安证券"]["title"]
    assert "首席经济学家" in nodes["person:张朝晖@平安证券"]["title"]
    assert XSS in nodes["claim:d1#1"]["title"] and "A股午评" in nodes["claim:d1#1"]["title"]



def test_html_csp_hashes_match_scripts(graph, tmp_path):
    import base64
    import hashlib

    page = io.write_html(graph, tmp_path / "graph.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 2
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp



def test_html_max_nodes_notice(graph, tmp_path):
    page = io.write_html(graph, tmp_path / "graph.html", max_nodes=6).read_text(encoding="utf-8")
    data = json.loads(_data_block(page))
    assert len(data["nodes"]) == 6
    assert data["pruned"] == {
        "totalNodes": graph.number_of_nodes(), "totalEdges": graph.number_of_edges(),
        "shownNodes": 6, "shownEdges": len(data["edges"]),
        "droppedNodes": graph.number_of_nodes() - 6, "droppedEdges": graph.number_of_edges() - len(data["edges"]),
    }


def test_app_js_passes_node_check(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed; the viewer's JavaScript is not syntax-checked")
    app = resources.files("kg.io.html").joinpath("assets/app.js")
    with resources.as_file(app) as path:
        done = subprocess.run([node, "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_page_inlines_the_asset_files_as_they_are(graph, tmp_path):
    page = io.write_html(graph, tmp_path / "graph.html").read_text(encoding="utf-8")
    app = read_text("assets/app.js", package="kg.io.html")
    css = read_text("assets/app.css", package="kg.io.html")
    template = read_text("assets/page.html", package="kg.io.html")
    assert f"<script>{app}</script>" in page
    assert css.replace("@@FONT@@", FONT_STACK) in page
    assert {m for m in re.findall(r"@@(\w+)@@", template)} == {"CSP", "TITLE", "CSS", "DATA", "VIS", "APP"}
    assert "@@" not in page.replace(app, "").replace(vis_js(), "")


def test_vis_network_comes_from_the_installed_pyvis():
    # The bundle kg used to vendor: if pyvis ships another one, graph.html changes, so say so here.
    raw = resources.files("pyvis").joinpath(VIS_NETWORK).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == VIS_SHA256
    assert b"@version 9.1.2" in raw[:400]
    assert "</script" not in vis_js().lower() and "<!--" not in vis_js()
    assert not resources.files("kg.resources").joinpath("vis-network.min.js").is_file()


def test_missing_pyvis_bundle_is_a_kg_error(monkeypatch):
    import kg.io.html as page

    monkeypatch.setattr(page, "VIS_NETWORK", "lib/vis-0.0.0/vis-network.min.js")
    with pytest.raises(KGError, match=r"pyvis/lib/vis-0.0.0/vis-network.min.js: not installed.*pip install"):
        page.vis_js()
