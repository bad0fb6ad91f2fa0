"""Screenshots of a kg graph.html in headless Chromium: the whole graph, and optionally one speaker selected.

    python scripts/screenshot.py outputs/graph.html outputs/graph.png
    python scripts/screenshot.py outputs/graph.html outputs/graph.png --selected outputs/graph-selected.png

The second form also searches for a speaker the way a reader would (type the name, press Enter: the graph
zooms to the node and the side panel lists their claims) and saves that view. ``--select NAME`` picks the
speaker; by default it is the person with the most mentions. The committed ``outputs/graph.png`` and
``outputs/graph-selected.png`` come from ``kg extract seeds/ --out outputs/`` followed by the second form.

Needs the Python package ``playwright`` and a system Chromium (Debian: ``apt-get install chromium
fonts-noto-cjk``; ``playwright install`` is not used). The page is opened with every network request
blocked, as in ``tests/test_html_browser.py``: graph.html must work offline. Exits 1 with a message on
stderr when the browser or the page fails.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# As in tests/test_html_browser.py: no sandbox (containers), no GPU, and no way out to the network.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND"]
DEFAULT_CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")

# The person with the most mentions, among those the page draws.
_TOP_PERSON = """() => {
  const people = kgData.nodes.filter(n => n.kgType === "person");
  people.sort((a, b) => (b.value || 0) - (a.value || 0) || a.kgLabel.localeCompare(b.kgLabel, "zh"));
  return people.length ? people[0].kgLabel : null;
}"""


class ScreenshotError(Exception):
    """The browser could not be started, or the page did not load or behave."""


def _parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python scripts/screenshot.py", description=__doc__.split("\n\n")[0])
    p.add_argument("html", type=Path, help="graph.html written by kg extract")
    p.add_argument("png", type=Path, help="where to save the whole-graph screenshot")
    p.add_argument("--selected", type=Path, metavar="PNG",
                   help="also save a screenshot with one speaker searched for and selected")
    p.add_argument("--select", metavar="NAME",
                   help="the speaker for --selected (default: the person with the most mentions)")
    p.add_argument("--width", type=int, default=1400, help="viewport width in CSS pixels (default 1400)")
    p.add_argument("--height", type=int, default=900, help="viewport height in CSS pixels (default 900)")
    p.add_argument("--chromium", default=DEFAULT_CHROMIUM,
                   help=f"Chromium binary (default {DEFAULT_CHROMIUM}, or $KG_CHROMIUM)")
    p.add_argument("--timeout", type=float, default=120, help="seconds to wait for the layout (default 120)")
    args = p.parse_args(argv)
    if args.select and not args.selected:
        p.error("--select needs --selected PNG")
    return args


def screenshot(html: Path, png: Path, *, selected: Path | None = None, select: str | None = None,
               width: int = 1400, height: int = 900, chromium: str = DEFAULT_CHROMIUM,
               timeout: float = 120) -> list[Path]:
    """Gives the paths of the screenshots saved of ``html``: the whole graph, then the selected view.

    Raises:
        ScreenshotError: playwright or Chromium is missing, the page did not finish its layout in
            ``timeout`` seconds, it tried to reach the network, logged a JavaScript error, or ``select``
            names no one the search finds.
    """
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise ScreenshotError("playwright is not installed; pip install playwright") from None
    if not html.is_file():
        raise ScreenshotError(f"{html}: no such file; write it with `kg extract seeds/ --out outputs/`")
    if not os.access(chromium, os.X_OK):
        raise ScreenshotError(f"{chromium}: no Chromium binary; apt-get install chromium, or pass --chromium")

    blocked: list[str] = []
    errors: list[str] = []
    saved: list[Path] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=ARGS, headless=True)
            try:
                context = browser.new_context(viewport={"width": width, "height": height},
                                              service_workers="block")

                def route(r):  # graph.html is self-contained: anything but the file itself is a bug
                    if r.request.url.startswith("file://"):
                        r.continue_()
                    else:
                        blocked.append(r.request.url)
                        r.abort()

                context.route("**/*", route)
                page = context.new_page()
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda exc: errors.append(str(exc)))
                page.goto(html.resolve().as_uri())
                page.wait_for_selector("#kg-network[data-ready=true]", state="attached",
                                       timeout=timeout * 1000)
                page.wait_for_timeout(300)  # the last canvas frame after physics stops
                saved.append(_save(page, png))

                if selected is not None:
                    name = select or page.evaluate(_TOP_PERSON)
                    if not name:
                        raise ScreenshotError(f"{html}: the page shows no person to select; pass --select")
                    page.fill("#kg-search", name)
                    page.press("#kg-search", "Enter")
                    try:
                        page.wait_for_selector("#kg-panel:not([hidden])", timeout=5_000)
                    except PlaywrightError:
                        raise ScreenshotError(f"{html}: searching for {name!r} selected nothing") from None
                    page.wait_for_timeout(800)  # the zoom animation (400 ms) and a frame
                    saved.append(_save(page, selected))
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise ScreenshotError(f"{html}: the browser failed ({str(exc).splitlines()[0]})") from None
    if blocked:
        raise ScreenshotError(f"{html}: the page tried to reach the network: {', '.join(blocked[:5])}")
    if errors:
        raise ScreenshotError(f"{html}: JavaScript errors: {'; '.join(errors[:5])}")
    return saved


def _save(page, png: Path) -> Path:
    png.parent.mkdir(parents=True, exist_ok=True)
    tmp = png.with_name(png.name + ".part")
    page.screenshot(path=str(tmp), type="png")
    os.replace(tmp, png)  # never a half-written image in outputs/
    return png


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    try:
        saved = screenshot(args.html, args.png, selected=args.selected, select=args.select, width=args.width,
                           height=args.height, chromium=args.chromium, timeout=args.timeout)
    except ScreenshotError as exc:
        print(f"screenshot: {exc}", file=sys.stderr)
        return 1
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
