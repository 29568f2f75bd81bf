"""Benchmark of the site's weight on the wire in Chromium: catalogue cold, other pages warm.

Run on demand, not in the test suite (the figures depend on the theme and the content)::

    python benchmarks/weights.py [build/html] [--page GLOB ...] [--url PAGE?QUERY ...] [--no-gzip]

Without a build folder it builds the site first (``sphinx-build -W``, into a temporary
folder). Needs Playwright (the project's ``browser`` extra) and Debian's ``chromium``.

The site is served on 127.0.0.1 the way a static host serves it: text files
(HTML, CSS, JS, SVG, JSON) gzip-compressed (level 6, as nginx and GitHub Pages
do; ``--no-gzip`` shows the raw figures), woff2 as is, with ``Cache-Control:
max-age=600`` (GitHub Pages' value) so that Chromium reuses what it has fetched.
Bytes are Chromium's own count of what came over the network for each request
(``Network.loadingFinished``'s ``encodedDataLength``: headers and compressed body,
as DevTools' "transferred" column); a response served from Chromium's cache
counts zero.

Prints:

* the catalogue page loaded with a cold cache (a fresh browser context): every
  request with its bytes, and the total against the goal of 150 KB including the
  fonts (the kit's PDF checklist weighs 144 KB);
* every other page (or those matching ``--page``), each loaded in a fresh context
  right after the catalogue: the bytes not already cached, against the goal of
  30 KB, with the files that made them;
* each ``--url``, a page with its query (``search.html?q=accueil``: the search
  loads the index parts of its words), measured the same way. The other pages
  such a page fetches itself (Sphinx's search fetches each result page for its
  summary) are counted apart, after the page's own total, not against the goal.
"""

from __future__ import annotations

import argparse
import fnmatch
import gzip
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

# Launched like the sibling benchmark (run as a script, benchmarks/ is on sys.path).
from catalogue import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = "catalogue.html"
CATALOGUE_GOAL = 150 * 1024
FURTHER_GOAL = 30 * 1024
#: Time left after the fonts are ready for requests the scripts make late.
SETTLE_MS = 500
COMPRESSED = {".html", ".css", ".js", ".mjs", ".svg", ".json", ".txt", ".xml", ".map"}


class StaticHostHandler(SimpleHTTPRequestHandler):
    """A static host's answers: gzip for text, a cache lifetime for everything."""

    compress = True

    def send_head(self) -> Any:
        """Serve compressible files gzip-compressed when the browser accepts it."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        """No access log on the benchmark's output."""


class _Body:
    """The file-like object ``SimpleHTTPRequestHandler.do_GET`` copies from."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self, size: int = -1) -> bytes:
        data, self._data = (self._data, b"") if size < 0 else (self._data[:size], self._data[size:])
        return data

    def close(self) -> None:
        """Nothing to release."""


@contextmanager
def serve(folder: Path, compress: bool) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1; yield the base URL."""
    handler_class = type("Handler", (StaticHostHandler,), {"compress": compress})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler_class, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@dataclass
class Load:
    """What one page load took from the network, request by request."""

    requests: dict[str, str] = field(default_factory=dict)  # request id → path
    bytes: dict[str, int] = field(default_factory=dict)  # request id → bytes on the wire
    cached: set[str] = field(default_factory=set)
    outside: list[str] = field(default_factory=list)  # requests to another host

    fetched_pages: set[str] = field(default_factory=set)  # request ids of pages fetched by a script

    def rows(self, fetched: bool = False) -> list[tuple[str, int]]:
        """(path, bytes) of the requests that used the network, in request order: the
        page's own, or with ``fetched`` the other pages its scripts fetched."""
        return [
            (path, self.bytes.get(rid, 0))
            for rid, path in self.requests.items()
            if rid not in self.cached
            and self.bytes.get(rid, 0) > 0
            and (rid in self.fetched_pages) == fetched
        ]

    def total(self, fetched: bool = False) -> int:
        return sum(size for _, size in self.rows(fetched))


def load(context: Any, url: str, base: str) -> Load:
    """Open ``url`` in a new page of ``context``; count the bytes of each request."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    record = Load()

    def sent(event: dict[str, Any]) -> None:
        target = event["request"]["url"]
        if target.startswith(("data:", "blob:")):
            return  # drawn from the page itself, no network
        record.requests[event["requestId"]] = unquote(urlsplit(target).path)
        if event.get("type") == "Fetch" and target.split("?")[0].endswith(".html"):
            record.fetched_pages.add(event["requestId"])
        if not target.startswith(base):
            record.outside.append(target)

    def finished(event: dict[str, Any]) -> None:
        record.bytes[event["requestId"]] = int(event["encodedDataLength"])

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.requestServedFromCache", lambda event: record.cached.add(event["requestId"]))
    cdp.on("Network.loadingFinished", finished)
    cdp.send("Network.enable")
    page.goto(url, wait_until="networkidle")
    # Fonts and icons are fetched once styles apply; the scripts then settle the page.
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_timeout(SETTLE_MS)
    page.close()
    if record.outside:
        raise SystemExit(f"{url}: requests to another host: {', '.join(record.outside)}")
    return record


def build(target: Path) -> Path:
    """Build the site into ``target`` with ``-W`` (the project's own command)."""
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
    command += ["-c", str(ROOT), "-d", str(target / "doctrees"), str(ROOT / "docs")]
    subprocess.run([*command, str(target / "html")], check=True)
    return target / "html"


def kb(size: int) -> str:
    return f"{size / 1024:7.1f} KB"


def measure(site: Path, patterns: list[str], compress: bool, urls: tuple[str, ...] = ()) -> int:
    """Print the figures; return 1 if a goal is missed, else 0."""
    from playwright.sync_api import sync_playwright

    pages = sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if not path.relative_to(site).parts[0].startswith("_")
    )
    further = [
        name
        for name in pages
        if name != CATALOGUE and (not patterns or any(fnmatch.fnmatch(name, p) for p in patterns))
    ]
    if urls and not patterns:
        further = []  # only the pages with a query
    further += urls
    missed = 0
    with serve(site, compress) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        cold = load(context, base + CATALOGUE, base)
        context.close()
        print(f"{CATALOGUE}, cold cache ({'gzip' if compress else 'no compression'}):")
        for path, size in cold.rows():
            print(f"  {kb(size)}  {path}")
        verdict = "ok" if cold.total() <= CATALOGUE_GOAL else "OVER"
        print(f"  {kb(cold.total())}  total (goal {kb(CATALOGUE_GOAL).strip()}): {verdict}")
        missed += cold.total() > CATALOGUE_GOAL
        print(f"\nFurther pages after {CATALOGUE}, bytes not already cached:")
        totals = []
        for name in further:
            context = browser.new_context()
            load(context, base + CATALOGUE, base)
            warm = load(context, base + name, base)
            context.close()
            totals.append(warm.total())
            over = warm.total() > FURTHER_GOAL
            missed += over
            detail = ", ".join(f"{Path(path).name} {size / 1024:.1f}" for path, size in warm.rows())
            print(f"  {kb(warm.total())}  {name}{'  OVER' if over else ''}  ({detail})")
            if warm.rows(fetched=True):
                print(
                    f"  {kb(warm.total(fetched=True))}  + {len(warm.rows(fetched=True))} pages"
                    " its scripts fetched (not counted above)"
                )
        browser.close()
    if totals:
        print(
            f"\n{len(totals)} further pages: max {kb(max(totals)).strip()}, "
            f"median {kb(sorted(totals)[len(totals) // 2]).strip()} "
            f"(goal {kb(FURTHER_GOAL).strip()}); {missed} over a goal"
        )
    return 1 if missed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="built HTML folder (default: build)")
    parser.add_argument("--page", action="append", default=[], help="glob of further pages")
    parser.add_argument(
        "--url", action="append", default=[], help="further page with a query (search.html?q=…)"
    )
    parser.add_argument("--no-gzip", action="store_true", help="serve text uncompressed")
    args = parser.parse_args(argv)
    urls = tuple(args.url)
    if args.site is not None:
        return measure(args.site, args.page, not args.no_gzip, urls)
    with tempfile.TemporaryDirectory(prefix="weights-") as tmp:
        return measure(build(Path(tmp)), args.page, not args.no_gzip, urls)


if __name__ == "__main__":
    sys.exit(main())
