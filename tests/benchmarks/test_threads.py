"""The benchmarks' thread limit and the run setting that keeps it."""

from benchmarks import threads


def test_a_limited_benchmark_keeps_its_runs_at_its_limit_else_the_clis_auto(monkeypatch):
    monkeypatch.setenv(threads.THREADS_ENV, "1")
    assert threads.run_threads() == "1:1"  # not widened to one op per core by runs.train
    monkeypatch.delenv(threads.THREADS_ENV)
    assert threads.run_threads() == "auto"
