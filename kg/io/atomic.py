"""Atomic writing for every writer: a temp file in the target's directory, then :func:`os.replace`, so a
crash never leaves a half-written file behind. Problems the user can fix raise :class:`kg.errors.KGError`
naming the path and the fix."""
from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.errors import KGError

__all__ = ["atomic_open", "ensure_dir", "write_networkx"]


def ensure_dir(directory: Path) -> None:
    """Creates ``directory`` and its parents, or raises KGError saying why it cannot."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise KGError(f"{directory}: exists and is not a directory; choose another output directory") from None
    except OSError as exc:
        raise KGError(f"{directory}: cannot create the output directory ({exc.strerror or exc}); "
                      "pass a directory you can write to") from None


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


@contextmanager
def atomic_open(path: str | os.PathLike[str], *, binary: bool = False, encoding: str = "utf-8",
                newline: str | None = None) -> Iterator[IO[Any]]:
    """Gives a file handle whose content replaces ``path`` only if the ``with`` block succeeds."""
    path = Path(path)
    if path.is_dir():
        raise KGError(f"{path}: is a directory; pass a file name inside it instead")
    directory = path.parent
    ensure_dir(directory)
    # os.open with mode 0o666 lets the umask decide the final permissions (mkstemp would force 0600).
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = directory / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, flags, 0o666)
            break
        except FileExistsError:
            continue
        except OSError as exc:
            raise KGError(f"{path}: cannot write ({exc.strerror or exc}); make {directory} writable "
                          "or choose another output directory") from None
    try:
        handle = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline=newline)
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise KGError(f"{path}: write failed ({exc.strerror or exc}); check the free space and "
                      f"permissions of {directory}") from None
    except BaseException:
        _unlink_quietly(tmp)
        raise


def write_networkx(G: nx.MultiDiGraph, path: str | os.PathLike[str], writer: Callable[[Any, IO[bytes]], None],
                   fmt: str) -> Path:
    """Gives ``path`` after writing ``G`` there with a networkx writer (``nx.write_graphml`` ...), atomically.

    A ``NetworkXError`` becomes a KGError naming ``fmt``; callers run
    :func:`kg.graph.schema.check_scalars` on the graph they were given first.
    """
    path = Path(path)
    with atomic_open(path, binary=True) as fh:
        try:
            writer(G, fh)
        except nx.NetworkXError as exc:
            raise KGError(f"{path}: cannot write {fmt} ({exc}); keep node and edge attributes scalar") from None
    return path
