"""The source files a module's behaviour depends on: itself and what it imports, transitively.

Generated files are fingerprinted with the code that writes them. Listing that
code by hand goes stale the day a writer imports a new helper (and a stale list
leaves stale files); reading the imports from the sources cannot. Only modules
of the same top-level packages are followed: the standard library and
third-party packages are pinned by the environment, not by this project.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

#: How an import statement starts, once its line is stripped of indentation.
_IMPORT_STARTS = ("import ", "from ")
#: The fields of a statement that hold statements (an import is a statement, wherever it is).
_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement, nested ones too, without the expressions (most of a tree's nodes)."""
    pending: list[ast.stmt] = list(body)
    while pending:
        node = pending.pop()
        yield node
        for name in _BLOCKS:
            pending.extend(getattr(node, name, ()))


def import_statements(source: str) -> list[ast.stmt]:
    """The import statements of a module, wherever they are nested.

    Parsing whole modules was most of a no-op build's fingerprinting: only the lines
    that start an import are parsed, with their parenthesised or backslashed
    continuation lines. A docstring line that reads like an import names one more
    module at worst (a file too many in a fingerprint, never one too few); a line
    that does not parse alone sends the whole module to the full parser. A test
    checks, for every module of the package, that no import the full parser finds
    is missed.
    """
    try:
        return list(_import_lines(source))
    except SyntaxError:
        return [node for node in _statements(ast.parse(source).body)
                if isinstance(node, ast.Import | ast.ImportFrom)]  # fmt: skip


def _import_lines(source: str) -> Iterator[ast.stmt]:
    lines = source.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        index += 1
        if not line.startswith(_IMPORT_STARTS):
            continue
        statement = [line]
        while index < len(lines) and (
            statement[-1].endswith("\\") or "(" in line and ")" not in statement[-1]
        ):
            statement.append(lines[index].strip())
            index += 1
        yield from ast.parse("\n".join(statement)).body


def _imported(module_name: str, statements: Iterable[ast.stmt], is_package: bool) -> set[str]:
    """Names of the modules one source imports (``from x import y`` may name module x.y).

    Run once the module is imported, so its submodules are in :data:`sys.modules`.
    """
    package = module_name if is_package else module_name.rpartition(".")[0]
    found: set[str] = set()
    for node in statements:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = importlib.util.resolve_name(
                "." * node.level + (node.module or ""), package
            ) if node.level else node.module or ""  # fmt: skip
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                # ``from . import x`` imports module x, not the package's __init__.
                found.add(submodule if submodule in sys.modules else base)
    return found


def source_closure(roots: Iterable[str]) -> list[tuple[str, Path]]:
    """(module name, source file) of ``roots`` and of every module they import, sorted.

    ``roots`` must be imported already; an imported name that is not a loaded
    module of a root's top-level package (a class, a function) is skipped.
    """
    roots = list(roots)
    tops = {name.partition(".")[0] for name in roots}
    pending, seen = list(roots), set(roots)
    sources: list[tuple[str, Path]] = []
    while pending:
        name = pending.pop()
        module = sys.modules.get(name)
        path = getattr(module, "__file__", None)
        if module is None or path is None or not path.endswith(".py"):
            continue
        source = Path(path)
        sources.append((name, source))
        statements = import_statements(source.read_text(encoding="utf-8"))
        for imported in _imported(name, statements, source.name == "__init__.py"):
            if imported not in seen and imported.partition(".")[0] in tops:
                seen.add(imported)
                pending.append(imported)
    return sorted(sources)


def closure_digest(roots: Iterable[str]) -> str:
    """SHA-256 of the names and sources of :func:`source_closure`: what a generated
    file's fingerprint names as the code that wrote it."""
    digest = hashlib.sha256()
    for name, path in source_closure(roots):
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
