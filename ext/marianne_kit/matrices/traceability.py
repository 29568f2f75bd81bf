"""``{traceability-matrix}``: a matrix of levers with coverage statistics and CSV.

Thin Sphinx glue around :mod:`.matrix`: the directive checks its options and
loads the site profiles at read time; a post-transform builds the matrix from
the resolved needs in the write phase (the levers live on other pages) and
warns when coverage falls below the threshold, so ``-W`` fails the build; the
CSV beside the page is written once the build is done.

Syntax::

    :::{traceability-matrix} Caption of the table
    :rows: commitment | action | practice | site
    :columns: channel | category | commitment | spplus
    :cell: count | mark | ids
    :sort: kit | reach | alpha
    :threshold: 80
    :threshold-column: telephonique
    :orphans: rows | cells
    :highlight: 2
    :csv: engagements-canaux.csv
    :::
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..atomic import remove_partials, write_if_changed
from ..catalogue.catalogue_url import CATALOGUE_DOCNAME, catalogue_url
from ..checklists.profiles import SiteProfile
from ..download_links import download_link_html
from ..french_csv import french_csv
from ..kit.links import need_dicts, page_suffix
from ..kit.placeholders import FillPlaceholders, add_placeholder
from ..state import CsvRecord, build_profiles, kit_state
from .matrix import Matrix, MatrixSpec, SpecError, build_matrix, check_spec
from .matrix_axes import AXES
from .matrix_html import render_table
from .matrix_stats import (
    NBSP,
    column_coverage,
    coverage_sentence,
    csv_table,
    highlight_sentence,
    orphan_sentences,
    percent,
    row_coverage,
    threshold_failures,
)

logger = logging.getLogger(__name__)

_CSV_NAME: Final = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.csv$")
NO_PROFILE: Final = "Aucun profil de site n’est défini."


class traceability_matrix(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Placeholder for one matrix, filled in the write phase."""


class TraceabilityMatrixDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec = {
        "rows": directives.unchanged_required,
        "columns": directives.unchanged_required,
        "cell": directives.unchanged_required,
        "sort": directives.unchanged_required,
        "threshold": directives.nonnegative_int,
        "threshold-column": directives.unchanged_required,
        "orphans": directives.unchanged_required,
        "highlight": directives.nonnegative_int,
        "csv": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        spec = self._spec()
        needs_profiles = AXES.row(spec.rows).needs_profiles
        profiles = self._profiles() if needs_profiles else ()
        node = traceability_matrix(caption=self.arguments[0].strip(), spec=spec, profiles=profiles)
        self.set_source_info(node)
        if spec.csv is not None and not (needs_profiles and not profiles):
            record = (self.env.docname, self.lineno, spec, profiles)
            kit_state(self.env).matrix_csv.setdefault(self.env.docname, []).append(record)
        return [node]

    def _spec(self) -> MatrixSpec:
        options = self.options
        for required in ("rows", "columns"):
            if required not in options:
                raise self.error(f"traceability-matrix: option '{required}' is required")
        spec = MatrixSpec(
            rows=options["rows"].strip(),
            columns=options["columns"].strip(),
            cell=options.get("cell", "count").strip(),
            sort=options.get("sort", "kit").strip(),
            threshold=options.get("threshold"),
            threshold_column=options.get("threshold-column"),
            orphans=options.get("orphans", "rows").strip(),
            highlight=options.get("highlight"),
            csv=options.get("csv"),
        )
        try:
            check_spec(spec)
        except SpecError as error:
            raise self.error(f"traceability-matrix: {error}") from error
        if spec.csv is not None and not _CSV_NAME.match(spec.csv):
            raise self.error(
                f"traceability-matrix: option 'csv': '{spec.csv}' is not a file name "
                "such as 'engagements-canaux.csv' (lower-case letters, digits, hyphens)"
            )
        return spec

    def _profiles(self) -> tuple[SiteProfile, ...]:
        """The site profiles; the page is read again whenever a profile is added, edited or
        removed, like the pages listing the sites (``checklists.py`` compares the profiles'
        digest at every build). A dependency on the folder itself would do it too, but
        Sphinx takes a folder for a missing file and read the page again at every build."""
        kit_state(self.env).listings[self.env.docname] = True
        # Read and checked once, when the configuration was read (a problem stopped the build).
        return tuple(build_profiles(self.config).profiles)


def _records(env: BuildEnvironment) -> list[CsvRecord]:
    """Every matrix with a CSV file, of every page (kept page by page in the state domain)."""
    return [record for records in kit_state(env).matrix_csv.values() for record in records]


class FillTraceabilityMatrix(FillPlaceholders):
    placeholder = traceability_matrix

    def need(self, need_id: str) -> str | None:
        need = self.needs.get(need_id)
        if need is None or not need["docname"]:
            return None
        page = "" if need["docname"] == self.env.docname else self.page_uri(need["docname"])
        return f"{page}#{need_id}"

    def site(self, slug: str) -> str | None:
        """A site's row links to its checklist page (written by :mod:`.checklists`)."""
        return self.page_uri(f"checklists/{slug}")

    def cell(self, filters: Mapping[str, str]) -> str | None:
        """A count links to the catalogue filtered on its engagement and channel or category.

        A project without the catalogue page (the small fixture projects) links to
        the engagement page instead: the channel tab (``#canal-…``) or the first
        list of the category (``#categorie-…``), anchors set by :mod:`.overview`.
        """
        commitment = self.needs.get(filters.get("engagement", ""))
        if commitment is None or not commitment["docname"]:
            return None
        if CATALOGUE_DOCNAME not in self.env.all_docs:
            page = self.page_uri(commitment["docname"])
            for kind in ("canal", "categorie"):
                if kind in filters:
                    return f"{page}#{kind}-{filters[kind]}"
            return page
        return catalogue_url(
            self.env.docname,
            canal=filters.get("canal"),
            categorie=filters.get("categorie"),
            engagement=filters.get("engagement"),
            spplus=filters.get("spplus"),
            suffix=page_suffix(self.config),
        )

    def fill(self, node: nodes.Element) -> list[nodes.Node]:
        spec: MatrixSpec = node["spec"]
        if AXES.row(spec.rows).needs_profiles and not node["profiles"]:
            return [nodes.paragraph("", NO_PROFILE, classes=["mk-matrix-none"])]
        matrix = build_matrix(spec, self.need_dicts(), node["profiles"])
        self._check_threshold(matrix, node)
        result: list[nodes.Node] = [
            nodes.raw("", render_table(matrix, node["caption"], self), format="html")
        ]
        result += _statistics(matrix)
        if spec.csv is not None:
            # The bytes _write_csv writes at the end of the build: the link gives their size.
            data = french_csv(*csv_table(matrix))
            path = posixpath.join(posixpath.dirname(self.env.docname), spec.csv)
            kit_state(self.env).matrix_csv_data[path] = data
            size = len(data)
            text = f"Télécharger cette matrice ({spec.csv})"
            link = nodes.raw("", download_link_html(text, spec.csv, "csv", size), format="html")
            result.append(nodes.paragraph("", "", link, classes=["mk-matrix-csv"]))
        return result

    def _check_threshold(self, matrix: Matrix, node: traceability_matrix) -> None:
        threshold = matrix.spec.threshold
        for coverage in threshold_failures(matrix):
            assert coverage.column is not None
            logger.warning(
                "traceability matrix '%s': %d of %d rows have a lever in column '%s' "
                "(%s), below the threshold of %d %%",
                node["caption"],
                coverage.covered,
                coverage.total,
                coverage.column.key,
                percent(coverage.covered, coverage.total).replace(NBSP, " "),
                threshold,
                type="marianne",
                subtype="coverage",
                location=node,
            )


def _bullets(sentences: Iterable[str]) -> nodes.bullet_list:
    return nodes.bullet_list(
        "",
        *(nodes.list_item("", nodes.paragraph(text, text)) for text in sentences),
        classes=["mk-matrix-stats"],
    )


def _statistics(matrix: Matrix) -> list[nodes.Node]:
    """Coverage, then orphans, under the table, as sentences a reader can quote."""
    coverage = [coverage_sentence(matrix, row_coverage(matrix))]
    coverage += [coverage_sentence(matrix, c) for c in column_coverage(matrix)]
    legend = highlight_sentence(matrix)
    result: list[nodes.Node] = []
    if legend is not None:
        result.append(nodes.paragraph(legend, legend, classes=["mk-matrix-legend"]))
    result += [_heading(f"Couverture{NBSP}:"), _bullets(coverage)]
    orphans = orphan_sentences(matrix)
    if orphans:
        result += [_heading(f"Sans levier{NBSP}:"), _bullets(orphans)]
    return result


def _heading(text: str) -> nodes.paragraph:
    return nodes.paragraph("", "", nodes.strong(text, text), classes=["mk-matrix-stats-title"])


def _csv_path(record: CsvRecord) -> str:
    docname, _, spec, _ = record
    return posixpath.join(posixpath.dirname(docname), spec.csv or "")


def _check_csv_names(app: Sphinx, env: BuildEnvironment) -> None:
    """Two matrices writing one file would leave only the last one to download."""
    seen: dict[str, str] = {}
    for record in sorted(_records(env), key=lambda r: (r[0], r[1])):
        path = _csv_path(record)
        if path in seen:
            logger.warning(
                "traceability matrix: CSV file '%s' is already written by %s",
                path,
                seen[path],
                type="marianne",
                subtype="matrix",
                location=(record[0], record[1]),
            )
        seen.setdefault(path, f"{record[0]}:{record[1]}")


def _write_csv(app: Sphinx, exception: Exception | None) -> None:
    """The CSV of each matrix written now, as its page made it; another page was not
    written because nothing it shows changed, so its file stays (made again if missing)."""
    if exception is not None or app.builder.format != "html":
        return
    made = kit_state(app.env).matrix_csv_data
    needs: list[dict[str, Any]] | None = None
    for record in sorted(_records(app.env), key=lambda r: (r[0], r[1])):
        _, _, spec, profiles = record
        target = Path(app.outdir, _csv_path(record))
        data = made.get(_csv_path(record))
        if data is None:
            if target.is_file():
                continue
            needs = needs if needs is not None else need_dicts(app.env)
            data = french_csv(*csv_table(build_matrix(spec, needs, profiles)))
        write_if_changed(target, data)


def _remove_stray_partials(app: Sphinx) -> None:
    """A build killed mid-write leaves hidden ``.*.partial`` files: never publish them."""
    if app.builder.format == "html":
        remove_partials(Path(app.outdir), recursive=True)


def setup_traceability(app: Sphinx) -> None:
    add_placeholder(app, "traceability-matrix", TraceabilityMatrixDirective, FillTraceabilityMatrix)
    app.connect("builder-inited", _remove_stray_partials)
    app.connect("env-check-consistency", _check_csv_names)
    app.connect("build-finished", _write_csv)
