"""The lexicons the rule stages share, loaded once from ``kg/resources``."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.resources import read_lexicon, read_lines, read_pairs

__all__ = ["Lexicons", "lexicons", "PUNCT", "CLAUSE_END", "SENT_END", "DEFINED_ALIAS", "is_cjk"]

#: Characters that end a sentence (quotes are handled separately).
SENT_END = "。！？!?"
#: Characters that end a clause.
CLAUSE_END = SENT_END + "；;，,：:\n"
#: Punctuation and spaces: never inside a name.
PUNCT = set("。！？!?；;，,：:、\n\r\t 　“”‘’\"'（）()《》〈〉【】[]{}—…·-/|<>「」『』")

# Words at which an organization or title never starts: it starts after them.
BOUNDARY_WORDS = frozenset(
    """的 了 着 过 在 为 对 据 由 从 向 与 和 及 以及 或 并 而 也 都 是 有 被 把 将 让 使 请 邀请 来自 包括 如 例如
    其中 图 图为 据悉 表示 认为 指出 称 说 会上 期间 当天 同时 此外 另外 目前 近日 日前 今天 昨天 此次 本次 上述 该
    这 那 其 他 她 我 我们 他们 对此 随后 最后 首先 其次 据了解 同样 出席 参加 主办 举办 联合 携手 合作 宣布 发布
    推出 成立 对话 嘉宾 分别 等 以 于 任 担任 出任 曾任 现任 兼任 作为 身为 就 受访 接受 采访 专访 讯 报道 获悉
    了解到 文 记者 编辑 通讯员 左 右 位 名 来 去 到 给 跟 同 向 针对 关于 至 及其 还 又 再 已 曾 均 皆 亦 聘任 任命 聘请 提名
    选举 推选 委任 同意 辞去 卸任 接任 兼任 出任 升任 调任 获任 不再 新任 拟 宣布 称 指 同事 搭档 对话 专访 访谈""".split()
)
STOP_TAGS = frozenset("p c u uj ul uz ug uv ud r d ad y e o w t zg".split())
# jieba's generic nouns that cannot be the whole stem of a firm's name (该公司, 商业银行, 券商云)
GENERIC_STEMS = frozenset(
    """该 这 这家 那家 本 各 各家 多家 一家 两家 部分 中小 头部 上市 大型 商业 国有 股份制 城商 农商 外资 内资 全球 国内
    海外 境外 其他 相关 一些 不少 多数 子 母 分 总 证券 基金 银行 保险 信托 券商 公募 私募 投资 资管 金融 科技 互联网
    地方 民营 国企 央企 新兴 传统 主要 重点 龙头 行业 产业 数字 数据 智能 网络 公有 私有 混合 行业云 独立 第三方
    合资 控股 集团 监管 管理 研究 政府 当地 省级 市级 中央 大 小 新 老 某 某些 任何 所有 每家 多 少 此 其 上述
    我国 我们 中国 美国 欧洲 日本 全国 世界 国际 公司 该公司 本公司 集团 企业 机构 平台""".split()
)
TRANSLIT = frozenset(
    "阿埃艾安奥巴鲍贝本比彼波伯布查达戴丹德迪蒂杜多厄恩法菲费芬弗福盖冈戈格古哈海汉豪赫亨胡霍基吉加贾杰金卡凯坎康"
    "柯科克肯库拉莱兰劳勒雷里利列林卢鲁伦罗洛马迈麦曼梅蒙米莫默姆穆纳奈南内尼宁纽诺欧帕派潘佩皮普奇乔切琼萨塞桑瑟森"
    "沙尚舍史斯松苏索塔泰坦汤特廷图托瓦威韦维温沃乌伍西希谢辛休雅亚扬耶伊因尤约泽扎詹兹佐尔耳惠茨莱娜娃琳莎丝黛蕾·"
)
# Single characters that follow a name and so cannot be its last character
NAME_STOP_CHARS = frozenset("的了是在和与及等说称也则还就都而并将已曾对从向于为被把让、表认指谈提介坦透分预建直回解称道")
NAME_BAD_FIRST = frozenset("的了是在和与及等说称也则还就都而并将已曾对从向于为被把让、")

#: 深圳市汇川技术股份有限公司（以下简称“汇川技术”）: group 1 is the short name the article defines
DEFINED_ALIAS = re.compile(r"[（(](?:以下)?(?:简称|下称)[：:]?[“\"「]?([^”\"」）)，,]{2,12})[”\"」]?[）)]")

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def is_cjk(ch: str) -> bool:
    """Gives True for a CJK ideograph."""
    return bool(_CJK.match(ch))


@dataclass(frozen=True)
class Lexicons:
    """Every rule lexicon, with the compiled patterns built from them."""

    surnames: frozenset[str]
    surnames_ambiguous: frozenset[str]
    titles: tuple[str, ...]
    title_re: re.Pattern
    suffixes: dict[str, tuple[str, str]]  # suffix -> (label, strength)
    suffix_re: re.Pattern
    known_orgs: dict[str, tuple[str, str]]  # surface -> (canonical, label)
    known_re: re.Pattern
    cues: tuple[str, ...]
    cue_re: re.Pattern
    pronouns: tuple[str, ...]
    spokesperson: tuple[str, ...]
    synonyms: dict[str, str]
    topic_stopwords: frozenset[str]


def _alternation(words: list[str]) -> str:
    # Latin words (CEO, Google) must not sit inside a longer Latin word; CJK words need no guard
    def one(w: str) -> str:
        w_re = re.escape(w)
        if w[:1].isascii() and w[:1].isalpha():
            w_re = r"(?<![A-Za-z])" + w_re
        if w[-1:].isascii() and w[-1:].isalpha():
            w_re += r"(?![A-Za-z])"
        return w_re

    return "|".join(one(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    """Gives the shared lexicons, loading them on first use."""
    titles = read_lines("titles.txt")
    suffixes = {row[0]: (row[1], row[2] if len(row) > 2 else "strong") for row in read_pairs("org_suffixes.txt")}
    known: dict[str, tuple[str, str]] = {}
    for row in read_pairs("known_orgs.txt"):
        name, label = row[0], row[1]
        known[name] = (name, label)
        if len(row) > 2 and row[2]:
            for alias in row[2].split(","):
                known.setdefault(alias.strip(), (name, label))
    synonyms: dict[str, str] = {}
    for row in read_pairs("topic_synonyms.txt"):
        synonyms[row[0].lower()] = row[0]
        if len(row) > 1:
            for s in row[1].split(","):
                synonyms[s.strip().lower()] = row[0]
    cues = read_lines("cues.txt")
    return Lexicons(
        surnames=read_lexicon("surnames.txt"),
        surnames_ambiguous=read_lexicon("surnames_ambiguous.txt"),
        titles=titles,
        title_re=re.compile(_alternation(list(titles))),
        suffixes=suffixes,
        suffix_re=re.compile(_alternation(list(suffixes))),
        known_orgs=known,
        known_re=re.compile(_alternation(list(known))),
        cues=cues,
        cue_re=re.compile(_alternation(list(cues))),
        pronouns=read_lines("pronouns.txt"),
        spokesperson=read_lines("spokesperson.txt"),
        synonyms=synonyms,
        topic_stopwords=read_lexicon("topic_stopwords.txt"),
    )
