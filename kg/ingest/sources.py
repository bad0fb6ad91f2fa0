"""Inputs to files: a file, a folder (recursively), a glob pattern, or several, each file once with its id."""
from __future__ import annotations

import errno
import glob
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.records import Skipped

__all__ = ["iter_sources"]

_GLOB_MAGIC = re.compile(r"[*?[]")


def _walk(root: Path) -> list[Path]:
    """Return the files under ``root``, hidden files and folders left out, in sorted tree order."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder, name) for name in files if not name.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _expand(item: str | Path) -> Iterator[tuple[Path, str] | Skipped]:
    """Yield (file, document id) for one input, or a Skipped when it names nothing."""
    path = Path(item).expanduser()
    if path.is_dir():
        for file in _walk(path):
            yield file, file.relative_to(path).as_posix()
    elif path.exists() or path.is_symlink():  # a broken link or a loop: iter_sources says which
        yield path, path.name
    elif _GLOB_MAGIC.search(str(item)):
        pattern = str(path)
        fixed = []
        for part in Path(pattern).parts:
            if _GLOB_MAGIC.search(part):
                break
            fixed.append(part)
        base = Path(*fixed) if fixed else Path(".")
        matches = sorted(Path(m) for m in glob.glob(pattern, recursive=True) if os.path.isfile(m))
        if not matches:
            yield Skipped(str(item), "no files match this pattern; check the path and quoting")
        for match in matches:
            try:
                doc_id = match.relative_to(base).as_posix()
            except ValueError:
                doc_id = match.name
            yield match, doc_id
    else:
        yield Skipped(str(item), "no such file or directory; check the path")


def _not_readable(path: Path) -> str | None:
    """Gives why ``path`` is no file kg can read (a symlink loop, a FIFO, a socket, a device), or None.

    Checked with ``os.stat`` before anything opens the file: opening a FIFO for reading blocks until a
    writer comes, and a device may never end.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop (the link leads back to itself); remove or fix the link"
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return "a broken symbolic link (its target does not exist); remove or fix the link"
        return f"cannot be read ({exc.strerror}); check the path and its permissions"
    if stat.S_ISREG(mode):
        return None
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return f"{kind}, not a regular file; kg reads regular files only"


def iter_sources(inputs: str | Path | Iterable[str | Path]) -> Iterator[tuple[Path, str] | Skipped]:
    """Yield (file, document id) for every file that ``inputs`` reach, once each (a `Skipped` for an input
    that names nothing, and for a symbolic link loop, a broken link, a FIFO, a socket or a device, which are
    never opened)."""
    items = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    seen: set[Path] = set()
    for item in items:
        for entry in _expand(item):
            if isinstance(entry, Skipped):
                yield entry
                continue
            path, doc_id = entry
            reason = _not_readable(path)
            if reason is not None:
                yield Skipped(str(path), reason)
                continue
            key = path.resolve()  # no loop: os.stat above followed every link to a regular file
            if key in seen:
                continue
            seen.add(key)
            yield entry
