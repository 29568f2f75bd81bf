"""A checklist format registered by this project's configuration only (see conf.py)."""

from marianne_kit.checklists.checklist_formats import ChecklistFormat
from marianne_kit.checklists.checklist_pdf_layout import TextMeasure
from marianne_kit.checklists.checklist_text import ChecklistMeta
from marianne_kit.checklists.scope import Checklist

VERSION = "toy v1"


def write_toy(checklist: Checklist, meta: ChecklistMeta, measure: TextMeasure) -> bytes:
    lines = [f"{VERSION} — {checklist.profile.name}"]
    lines += [f"{lever.id} {lever.line}" for lever in checklist.levers]
    return ("\n".join(lines) + "\n").encode("utf-8")


TOY = ChecklistFormat("toy", "Format jouet (texte)", write_toy)
