"""The output folder changes all at once or not at all, one run at a time.

:func:`kg.io.write_all` writes every format into a staging folder inside the output folder
(``.kg-staging-<hex>/``, on the same file system), marks it complete (a ``.ready`` file), and only then
moves each output into place, a rename each: a run killed while writing (the long part) leaves the
previous set of outputs as it was, never the new ``graph.html`` beside the old ``graph.json``. The next
write into the folder cleans up first: a complete staging folder is moved into place (a run killed between
its renames), an incomplete one is removed, and so are the temporary files (``.NAME.xxxx.tmp``) a killed
writer left.

:func:`output_lock` holds an advisory lock on ``.kg.lock`` in the folder (``fcntl.flock``, released by the
system when the process dies), so that a second run into the same folder is refused with a clear message
instead of mixing its outputs with the first's. ``kg extract`` takes it before reading any document.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import KGError
from kg.io.atomic import ensure_dir

__all__ = ["output_lock", "staged", "clean_stale", "LOCK_NAME"]

#: the lock file in an output folder
LOCK_NAME = ".kg.lock"
_STAGING = ".kg-staging-"
_READY = ".ready"
#: what kg's atomic writers name their temporary files and folders (kg.io.atomic, kg.io.parquet)
_TEMP = re.compile(r"^\..+\.[0-9a-f]{8}\.(tmp|old)$")
_HELD: dict[Path, int] = {}  # output folders this process holds the lock of -> how many times


@contextmanager
def output_lock(out_dir: str | os.PathLike[str]) -> Iterator[Path]:
    """Holds the output folder's lock for the ``with`` block (created if missing); re-entrant in one
    process.

    Raises:
        KGError: another process holds it (another kg run is writing into the folder).
    """
    out = Path(out_dir)
    ensure_dir(out)
    key = out.resolve()
    if key in _HELD:
        _HELD[key] += 1
        try:
            yield out
        finally:
            _HELD[key] -= 1
        return
    try:
        import fcntl
    except ImportError:  # not a POSIX system: no lock, the staging still keeps every set whole
        fcntl = None
    fd = None
    if fcntl is not None:
        try:
            fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise KGError(f"{out}: cannot write into the output folder ({exc.strerror or exc}); pass a folder "
                          "you can write to") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise KGError(f"{out}: another kg run is writing into this folder; wait for it to finish or pass "
                          "another --out") from None
    _HELD[key] = 1
    try:
        yield out
    finally:
        del _HELD[key]
        if fd is not None:
            os.close(fd)  # closing the descriptor releases the lock


def clean_stale(out: Path) -> None:
    """Finishes or removes what a killed write left in ``out``: a complete staging folder is moved into
    place, an incomplete one removed, and kg's temporary files removed. Call with the lock held."""
    for entry in sorted(out.iterdir()):
        if entry.is_dir() and entry.name.startswith(_STAGING):
            if (entry / _READY).is_file():
                _move_into_place(entry, out)
            shutil.rmtree(entry, ignore_errors=True)
        elif _TEMP.match(entry.name):
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                try:
                    entry.unlink()
                except OSError:
                    pass


def _move_into_place(staging: Path, out: Path) -> None:
    """Moves every output in ``staging`` over its namesake in ``out`` (a folder by moving the old one aside
    into the staging folder first: a folder cannot replace a non-empty one in one rename)."""
    for item in sorted(staging.iterdir()):
        if item.name == _READY or item.name.startswith(".old-"):
            continue
        target = out / item.name
        if item.is_dir() and target.is_dir():
            aside = staging / f".old-{item.name}"
            shutil.rmtree(aside, ignore_errors=True)
            os.replace(target, aside)
        os.replace(item, target)


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """Gives a fresh staging folder inside ``out`` to write a whole set of outputs into; when the block
    succeeds they replace their namesakes in ``out``, when it fails ``out`` is left as it was. Call with the
    lock held."""
    clean_stale(out)
    staging = out / f"{_STAGING}{secrets.token_hex(4)}"
    try:
        staging.mkdir()
    except OSError as exc:
        raise KGError(f"{out}: cannot write into the output folder ({exc.strerror or exc}); pass a folder you "
                      "can write to") from None
    try:
        yield staging
        (staging / _READY).touch()
        _fsync_dir(staging)
        _move_into_place(staging, out)
        _fsync_dir(out)
    except BaseException:
        if not (staging / _READY).is_file():
            shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
