"""Cross-document person identity: which (name, firm) pairs are the same person.

Names are first brought to one written form. The middle dots of a transliterated name are one dot
(唐纳德・特朗普 = 唐纳德·特朗普). The full forms of a foreign name that share a surname and whose given names
differ in at most one character are one name (埃隆·马斯克 = 伊隆·马斯克; 鲍里斯·约翰逊 and 迈克·约翰逊 stay
two), written as the form most documents use. The bare surname (马斯克) is that name when the corpus has
exactly one such person, and stays itself when it has several.

Then, across documents, the same name at the same firm is one person; the same name at different firms
stays two people unless one document ties both firms to the name, or the other firm is tied to the name
in one document only while most documents (three or more, three times as many) give it one firm (黄仁勋
at 英伟达 in many stories, at 苹果 in one: a binding slip, not a second 黄仁勋); a name with no firm joins
the one person of that name when there is exactly one. A firm and its name with a firm word after it
(天风国际, 天风国际证券) are one firm for this. A name that most documents (three or more, three
times as many as its firms') give no firm, and each of its firms only one document, is one person with
no firm (特朗普 bound to 美军 in one story, to another body in another).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection

from kg.records import NAME_DOTS, DocResult

__all__ = ["People", "unify_dots"]

_DOT = NAME_DOTS[0]
#: the words a firm's fuller written form adds after its short one (天风国际 -> 天风国际证券)
_FIRM_TAILS = frozenset(("证券", "集团", "公司", "控股", "股份", "科技", "银行", "资本", "基金", "有限公司",
                         "股份有限公司", "集团有限公司", "集团股份有限公司", "科技有限公司"))
_STRAY_MAIN = 3  # documents the main firm of a name needs before a one-document firm joins it


def unify_dots(name: str) -> str:
    """Gives ``name`` with every middle dot written as ``·`` (唐纳德・特朗普 -> 唐纳德·特朗普)."""
    for d in NAME_DOTS[1:]:
        name = name.replace(d, _DOT)
    return name


def _split(name: str) -> tuple[str, str]:
    """Gives (given names, surname) of a dotted name; ("", name) for a name without a dot."""
    given, dot, surname = name.rpartition(_DOT)
    return (given, surname) if dot and given and len(surname) >= 2 else ("", name)


def _near(a: str, b: str) -> bool:
    """Tells whether two given names are one transliteration: equal, or the same length and one character apart."""
    return a == b or (len(a) == len(b) >= 2 and sum(x != y for x, y in zip(a, b)) == 1)


def _canonical_names(results: Collection[DocResult]) -> dict[str, str]:
    """Gives each name (dots unified) -> the written form of its person, per the module docstring."""
    docs: Counter[str] = Counter()
    for r in results:
        docs.update({unify_dots(name) for name in r.people})
    by_surname: defaultdict[str, list[str]] = defaultdict(list)
    for name in sorted(docs):
        given, surname = _split(name)
        if given:
            by_surname[surname].append(name)
    canon: dict[str, str] = {name: name for name in docs}
    for surname, names in by_surname.items():
        # group the full forms whose given names are one transliteration (single link), most used first
        groups: list[list[str]] = []
        for name in sorted(names, key=lambda n: (-docs[n], -len(n), n)):
            home = next((g for g in groups if any(_near(_split(name)[0], _split(m)[0]) for m in g)), None)
            if home is None:
                groups.append([name])
            else:
                home.append(name)
        for group in groups:
            for name in group:
                canon[name] = group[0]
        if len(groups) == 1 and surname in canon:
            canon[surname] = groups[0][0]
    return canon


class People:
    """Decides which (name, firm) pairs are the same person across documents (union-find)."""

    def __init__(self, results: Collection[DocResult]) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}
        self.by_name: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.canon = _canonical_names(results)
        docs: Counter[tuple[str, str]] = Counter()
        for r in results:
            for name in r.people:
                keys = self._keys(r, name)
                docs.update(set(keys))
                for k in keys:
                    self._add(k)
                for k in keys[1:]:
                    self._union(keys[0], k)
        self._join_firm_forms()
        self._join_strays(docs)

    def _join_firm_forms(self) -> None:
        """One name at a firm and at the firm's name with a firm word after it is one person (郭明錤 at
        天风国际 and at 天风国际证券, 张三 at 星辰 and at 星辰集团): two ways of writing one firm."""
        for name, keys in self.by_name.items():
            firms = sorted(k[1] for k in keys)
            for short in firms:
                for full in firms:
                    if len(short) >= 2 and full.startswith(short) and full[len(short):] in _FIRM_TAILS:
                        self._union((name, short), (name, full))

    def _join_strays(self, docs: Counter[tuple[str, str]]) -> None:
        """A firm tied to a name in one document only joins the person that most documents give the name
        (at least three, three times the stray's): 黄仁勋 at 英伟达 in many stories, at 苹果 in one."""
        for keys in self.by_name.values():
            per_root: Counter[tuple[str, str]] = Counter()
            for k in keys:
                per_root[self._find(k)] += docs[k]
            name = next(iter(keys))[0]
            bare = docs[(name, "")]
            if bare >= _STRAY_MAIN and all(n == 1 for n in per_root.values()) and bare >= _STRAY_MAIN * len(per_root):
                # 特朗普 with no firm in most stories, at a different firm in one story each: binding slips
                for root in per_root:
                    self._union((name, ""), root)
                continue
            if len(per_root) < 2:
                continue
            (top, n_top), *rest = per_root.most_common()
            if n_top < _STRAY_MAIN or (rest and rest[0][1] == n_top):
                continue
            for root, n in rest:
                if n == 1 and n_top >= _STRAY_MAIN * n:
                    self._union(top, root)

    def name(self, name: str) -> str:
        """Gives the written form of the person a document calls ``name`` (see the module docstring)."""
        name = unify_dots(name)
        return self.canon.get(name, name)

    def _keys(self, r: DocResult, name: str) -> list[tuple[str, str]]:
        who = self.name(name)
        return [(who, f) for f in self._firms(r, name)] or [(who, "")]

    @staticmethod
    def _firms(r: DocResult, name: str) -> list[str]:
        current = [a.org for a in r.affiliations if a.person == name and a.org and not a.former]
        former = [a.org for a in r.affiliations if a.person == name and a.org and a.former]
        return list(dict.fromkeys(current + former))

    def _add(self, k: tuple[str, str]) -> None:
        if k not in self.parent:
            self.parent[k] = k
            if k[1]:
                self.by_name[k[0]].add(k)

    def _find(self, k: tuple[str, str]) -> tuple[str, str]:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def _union(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.parent[rb] = ra

    def node_id(self, r: DocResult, name: str) -> str:
        """Gives the person node id of ``name`` as document ``r`` names it."""
        keys = self._keys(r, name)
        if keys[0][1]:
            root = self._find(keys[0])
        else:
            who = keys[0][0]
            roots = {self._find(k) for k in self.by_name.get(who, ())}
            root = next(iter(roots)) if len(roots) == 1 else (who, "")
        return f"person:{root[0]}@{root[1]}" if root[1] else f"person:{root[0]}"
