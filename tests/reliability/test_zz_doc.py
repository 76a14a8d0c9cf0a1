"""docs/reliability.md is the table the tests of this folder record (runs after them)."""

import os

from tests.reliability import table


def test_reliability_doc_holds_every_recorded_row():
    assert table.ROWS, "no reliability test recorded a row (run the folder, not this file)"
    if os.environ.get("KERAS_GANS_UPDATE_DOCS"):
        with open(table.DOC, "w") as f:
            f.write(table.markdown())
    with open(table.DOC) as f:
        doc = f.read()
    missing = [
        row
        for (area, case), outcome in sorted(table.ROWS.items())
        if (row := table.row_text(area, case, outcome)) not in doc
    ]
    assert not missing, "docs/reliability.md is stale; regenerate it:\n" + "\n".join(missing)
