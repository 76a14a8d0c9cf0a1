"""The step-parts benchmark's sums (the timing itself runs in `make bench`)."""

import pytest

from benchmarks import step_parts


def test_bfloat16_parts_are_summed_the_way_each_scheme_runs_them(monkeypatch):
    monkeypatch.setattr(step_parts, "_ms", lambda fn, **kw: (fn(), 1.0)[1])  # one call each
    r = step_parts.measure(batch=4, size=16, policy="mixed_bfloat16")
    assert (r["size"], r["precision"], r["batch"]) == (16, "mixed_bfloat16", 4)
    assert set(r["parts_ms"]) == {
        "g_forward", "g_forward_backward", "d_forward", "d_forward_backward", "g_adam", "d_adam",
    }  # fmt: skip
    # reference: G fwd + 3 D fwd/bwd + G fwd/bwd + 2 Adams; simultaneous: G fwd/bwd + D
    # fwd/bwd + D fwd + 2 D backward (fwd/bwd - fwd = 0 here) + 2 Adams
    assert r["reference_step_ms"] == pytest.approx(7.0)
    assert r["simultaneous_step_ms"] == pytest.approx(5.0)
    assert r["ceiling"] == pytest.approx(1.4)
