"""The fault table: tests record what they injected and what happened; docs/reliability.md is it."""

import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOC = os.path.join(ROOT, "docs", "reliability.md")
ROWS = {}  # (area, case) -> outcome, filled by the tests of this folder

HEADER = """# Reliability: faults injected and bad inputs tried

Produced by the tests in tests/reliability/: each row is a fault a test injected or a
bad input it gave, and the outcome the test observed and asserted. Regenerate with
`KERAS_GANS_UPDATE_DOCS=1 python -m pytest tests/reliability` (every test, slow ones
included); without it, `test_zz_doc.py` checks that every row recorded in the run is in
this file word for word.

| area | fault or bad input | observed outcome |
| --- | --- | --- |
"""

FOOTER = """
Choices recorded here:
- Corrupt or non-image files in a folder are skipped and counted in one
  `KerasGansWarning` naming the first; only a folder with no readable image is an error.
- `fit` checks numpy data fully and a `tf.data.Dataset`'s first batch (peeking further
  would cost a pass over the data); the shape check also runs on every traced batch.
- Exports go to a hidden `.tmp-V-*` folder renamed to `V` at the end; TF Serving only
  loads numeric folders, so a kill leaves nothing it would load. Stale `.tmp-*` folders
  are left for the user to delete.
- Pix2Pix refuses unpaired data (one image set, or sets of different sizes) before
  any step and names CycleGAN; `keras-gans translate` skips bad files, names each with
  its reason and exits 1, writing every good one.
"""


def record(area, case, outcome):
    """Adds one row (outcomes must not contain paths or other run-dependent text)."""
    ROWS[(area, case)] = " ".join(str(outcome).split())


def row_text(area, case, outcome):
    cells = [c.replace("|", "\\|") for c in (area, case, outcome)]
    return f"| {cells[0]} | {cells[1]} | {cells[2]} |"


def markdown():
    lines = [row_text(a, c, o) for (a, c), o in sorted(ROWS.items())]
    return HEADER + "\n".join(lines) + "\n" + FOOTER
