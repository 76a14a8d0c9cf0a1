"""Every tutorial in docs/tutorials runs as written (small sizes via KERAS_GANS_DOCS_FAST)."""

import glob
import os
import re
import subprocess

import pytest

from tests.helpers import ENV, PYTHON, ROOT

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
    result = subprocess.run(
        [PYTHON, str(script)], capture_output=True, text=True, env=env, cwd=str(tmp_path),
        timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
