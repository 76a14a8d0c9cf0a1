"""Every tutorial in docs/tutorials runs as written (small sizes via KERAS_GANS_DOCS_FAST)."""

import glob
import os
import re

import pytest

from tests.helpers import ENV, ROOT
from tests.zygote import run_python

TUTORIALS = sorted(glob.glob(os.path.join(ROOT, "docs", "tutorials", "*.md")))
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def code_of(path):
    with open(path) as f:
        return "\n".join(BLOCK.findall(f.read()))


def test_every_tutorial_has_code_and_is_in_the_site_navigation():
    assert len(TUTORIALS) >= 7
    nav = open(os.path.join(ROOT, "mkdocs.yml")).read()
    for path in TUTORIALS:
        assert code_of(path).strip(), f"{path} has no python block"
        assert f"tutorials/{os.path.basename(path)}" in nav, f"{path} is not in mkdocs.yml"


@pytest.mark.slow
@pytest.mark.parametrize("path", TUTORIALS, ids=[os.path.basename(p) for p in TUTORIALS])
def test_tutorial_runs(path, tmp_path):
    script = tmp_path / "tutorial.py"
    script.write_text(code_of(path))
    env = {**ENV, "KERAS_GANS_DOCS_FAST": "1", "KERAS_GANS_DOCS_OUT": str(tmp_path / "out")}
    result = run_python([script], tmp_path, env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]


def test_results_md_quotes_what_the_augment_tutorial_printed():
    """docs/results.md's section of tutorials/augment.md is the one benchmarks.augment
    wrote from the tutorial's own output, and its summary lines are that output."""
    import json

    from benchmarks.results_sections import augment_lines

    path = os.path.join(ROOT, "benchmarks", "augment_results.json")
    figures = json.load(open(path))
    doc = open(os.path.join(ROOT, "docs", "results.md")).read()
    assert "\n".join(augment_lines()) in doc
    printed = "\n".join(figures["printed"])
    for key in ("real", "real+shifted", "real+synthetic", "real+synthetic_1to1", "synthetic"):
        s = figures["summary"][key]
        assert f"{key:19s} {s['mean']:.3f} +/- {s['std']:.3f}" in printed
        assert f"{s['mean']:.3f} +/- {s['std']:.3f}" in doc
    assert len(figures["rows"]) == len(figures["summary"]["seeds"]) >= 3
