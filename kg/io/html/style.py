"""The viewer's palette: Chinese name, colour and shape per node and edge type, shared by graph.html, the
GEXF file and the notebook views (:mod:`kg.notebook`)."""
from __future__ import annotations

__all__ = ["NODE_STYLES", "OTHER_STYLE", "EDGE_STYLES", "OTHER_EDGE_STYLE", "FONT_STACK"]

#: Node type -> (Chinese name, colour, vis-network shape, legend symbol, GEXF shape).
NODE_STYLES: dict[str, tuple[str, str, str, str, str]] = {
    "person": ("人物", "#4e79a7", "dot", "●", "disc"),
    "organization": ("机构", "#f28e2b", "square", "■", "square"),
    "topic": ("话题", "#59a14f", "triangle", "▲", "triangle"),
    "claim": ("言论", "#9d8f86", "diamond", "◆", "diamond"),
    "document": ("文章", "#b07aa1", "hexagon", "⬢", "square"),
}
OTHER_STYLE = ("其他", "#8c8c8c", "dot", "●", "disc")

#: Edge type -> (Chinese name, colour).
EDGE_STYLES: dict[str, tuple[str, str]] = {
    "affiliated_with": ("任职", "#4e79a7"),
    "said": ("发表", "#e15759"),
    "about": ("涉及", "#59a14f"),
    "discusses": ("谈论", "#76b7b2"),
    "part_of": ("隶属", "#f28e2b"),
    "mentioned_in": ("提及于", "#c7c7c7"),
    "covers": ("主题", "#8cd17d"),
    "broader": ("上位主题", "#b6992d"),
}
OTHER_EDGE_STYLE = ("关系", "#aaaaaa")

FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", '
               '"PingFang SC", "Hiragino Sans GB", sans-serif')
