"""Line counts of kg's Python modules at one or more commits: count, total, median, largest, top-4 share.

    python scripts/module_sizes.py 22a28ec HEAD
"""
from __future__ import annotations

import statistics
import subprocess
import sys


def sizes(rev: str) -> dict[str, int]:
    """Gives path -> line count of every kg/**/*.py at ``rev``."""
    files = subprocess.run(["git", "ls-tree", "-r", "--name-only", rev, "kg"], capture_output=True, text=True,
                           check=True).stdout.split()
    return {f: subprocess.run(["git", "show", f"{rev}:{f}"], capture_output=True, text=True, check=True).stdout.count("\n")
            for f in files if f.endswith(".py")}


def main(revs: list[str]) -> int:
    for rev in revs or ["HEAD"]:
        s = sizes(rev)
        top = sorted(s.items(), key=lambda x: -x[1])
        total = sum(s.values())
        print(f"{rev}: {len(s)} modules, {total} lines, median {statistics.median(s.values()):.0f}, "
              f"top 4 share {sum(n for _, n in top[:4]) / total:.0%}")
        print("  largest: " + ", ".join(f"{k.removeprefix('kg/')} {n}" for k, n in top[:6]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
