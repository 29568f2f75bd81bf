"""Benchmark of the lever catalogue page in Chromium: weight on the wire, filter speed.

Run on demand, not in the test suite (timings depend on the machine)::

    python benchmarks/catalogue.py [build/html]

with Playwright installed (the project's ``browser`` extra) and Debian's
``chromium``. Prints:

* every resource Chromium loads for ``catalogue.html`` (HTML, CSS, JS, fonts,
  images), raw and gzip-compressed at level 6 as a static server would send it,
  and the total against the 100 KB goal (the 2013 kit PDF weighs 144 KB);
* the time to apply a filter, over 50 keystrokes typed into the search field,
  measured in the page with ``performance.now()``: the ``input`` handler alone,
  and the handler plus the style and layout it causes; at full speed and with
  the CPU slowed down 4 times (a modest phone). Goal: 16 ms (one frame).
"""

from __future__ import annotations

import gzip
import statistics
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BUDGET_BYTES = 100_000
FRAME_MS = 16.0
#: 50 keystrokes: five searches a reader might type, each from an empty field.
SEARCHES = ("telephone", "reclamation", "rendez-vous", "signaletique", "accueil")
KINDS = {".html": "HTML", ".css": "CSS", ".js": "JS", ".woff2": "font", ".woff": "font"}

#: Types ``searches`` one key at a time, one keystroke per frame; returns per-key timings.
TYPE_AND_MEASURE = """async (searches) => {
  const input = document.getElementById("mk-catalogue-q");
  const table = document.querySelector("#mk-catalogue table");
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const handler = [], rendered = [], shown = [];
  for (const word of searches) {
    input.value = "";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await frame();
    for (const letter of word) {
      input.value += letter;
      const start = performance.now();
      input.dispatchEvent(new Event("input", { bubbles: true }));
      const filtered = performance.now();
      table.getBoundingClientRect();  // force the style and layout the filter caused
      void document.body.offsetHeight;
      const laidOut = performance.now();
      handler.push(filtered - start);
      rendered.push(laidOut - start);
      shown.push(document.getElementById("mk-catalogue-count").textContent);
      await frame();
    }
  }
  return { handler, rendered, shown };
}"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        """No access log in the benchmark's output."""


def _serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def _kind(path: Path) -> str:
    return KINDS.get(path.suffix, "other")


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def transferred(page: Any, base: str, root: Path) -> list[tuple[str, str, int, int]]:
    """(kind, path, raw bytes, gzip bytes) of every resource the catalogue page loads."""
    urls: list[str] = []
    page.on("requestfinished", lambda request: urls.append(request.url))
    page.goto(base + "catalogue.html", wait_until="networkidle")
    rows = []
    for url in dict.fromkeys(urls):
        relative = unquote(urlsplit(url).path).lstrip("/")
        path = root / relative
        if not url.startswith(base) or not path.is_file():
            continue
        data = path.read_bytes()
        rows.append((_kind(path), relative, len(data), len(gzip.compress(data, 6, mtime=0))))
    return rows


def filter_times(page: Any) -> dict[str, list[float]]:
    page.wait_for_selector("#mk-catalogue-filters:not([hidden])")
    result = page.evaluate(TYPE_AND_MEASURE, list(SEARCHES))
    assert len(result["handler"]) == sum(map(len, SEARCHES)) == 50
    return result


def _report_times(label: str, times: dict[str, list[float]]) -> None:
    for name, key in (("input handler", "handler"), ("handler + style/layout", "rendered")):
        values = times[key]
        median, p95 = statistics.median(values), _percentile(values, 0.95)
        verdict = "ok" if median <= FRAME_MS else "OVER"
        print(
            f"  {label:<14} {name:<24} median {median:6.2f} ms  p95 {p95:6.2f} ms"
            f"  max {max(values):6.2f} ms  [{verdict}: goal {FRAME_MS:.0f} ms]"
        )


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    root = Path(argv[1] if len(argv) > 1 else "build/html").resolve()
    if not (root / "catalogue.html").is_file():
        print(f"{root}/catalogue.html is missing: build the site first (nox -s build)")
        return 2
    httpd, base = _serve(root)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            rows = transferred(page, base, root)
            print(f"catalogue.html as loaded by Chromium {browser.version}, gzip level 6:")
            print(f"  {'kind':<6} {'raw B':>8} {'gzip B':>8}  resource")
            for kind, path, raw, packed in sorted(rows, key=lambda r: (r[0], r[1])):
                print(f"  {kind:<6} {raw:>8} {packed:>8}  {path}")
            total_raw = sum(r[2] for r in rows)
            total = sum(r[3] for r in rows)
            for kind in sorted({r[0] for r in rows}):
                subtotal = sum(r[3] for r in rows if r[0] == kind)
                print(f"  {kind:<6} {'':>8} {subtotal:>8}  subtotal")
            if not any(r[0] == "font" for r in rows):
                print("  font   no font file requested (the theme uses the system fonts)")
            verdict = "ok" if total <= BUDGET_BYTES else "OVER"
            print(
                f"  total  {total_raw:>8} {total:>8}  ({total / 1000:.1f} KB gzip; goal"
                f" {BUDGET_BYTES / 1000:.0f} KB, kit PDF 144 KB) [{verdict}]"
            )

            print("Filter time over 50 keystrokes (search field, one keystroke per frame):")
            _report_times("full speed", filter_times(page))
            page.reload()
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            _report_times("CPU slowed 4x", filter_times(page))
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
