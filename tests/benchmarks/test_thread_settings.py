"""The thread-settings benchmark: its rows and its section of docs/performance.md."""

import json

import pytest

from benchmarks import thread_settings, thread_settings_doc

INFO = {"model": "wgan-gp", "data": "mnist", "size": 28, "batch": 32,
        "cli_policy": "mixed_bfloat16"}  # fmt: skip


def _medians():
    return {
        ("default", "ours"): 300.0,
        ("default", "ours_bf16"): 400.0,
        ("default", "reference"): 200.0,
        ("1:2", "ours"): 450.0,
        ("1:2", "ours_bf16"): 600.0,
        ("1:2", "reference"): 150.0,  # slower: the ratios stay against 200
    }


def test_each_ratio_is_against_the_faster_reference_setting():
    rows = thread_settings.rows_from("wgan-gp@28", INFO, 8, _medians(), cores=2)
    got = [(r["threads"], r["precision"], r["ratio"], r["cli"]) for r in rows]
    assert got == [
        ("default", "float32", 1.5, False),
        ("default", "mixed_bfloat16", 2.0, False),
        ("1:2", "float32", 2.25, False),
        ("1:2", "mixed_bfloat16", 3.0, True),  # the CLI's precision and threads
    ]
    assert {(r["reference"], r["best_reference"], r["best_reference_threads"]) for r in rows} == {
        (200.0, 200.0, "default"),
        (150.0, 200.0, "default"),
    }


def test_the_default_settings_are_tensorflows_and_one_thread_per_op_per_core(monkeypatch):
    monkeypatch.setattr(thread_settings.os, "cpu_count", lambda: 4)
    assert thread_settings.default_settings() == ["default", "1:4"]


def test_bad_settings_fail_before_any_worker_starts():
    with pytest.raises(ValueError, match="Thread setting '0:2'"):
        thread_settings.main(["--models", "gan", "--settings", "default,0:2"])


def _section(rows, date, machine, tmp_path, monkeypatch):
    """The section's text from a results file of ``rows``; the plot goes to tmp_path."""
    saved = {"date": date, "machine": machine, "rounds": 7, "warm": 2,
             "settings": ["default", "1:2"], "rows": rows}  # fmt: skip
    results = tmp_path / "thread_settings_results.json"
    results.write_text(json.dumps(saved))
    monkeypatch.setattr(thread_settings_doc, "RESULTS", str(results))
    monkeypatch.setattr(thread_settings_doc, "PLOT", str(tmp_path / "threads.png"))
    return "\n".join(thread_settings_doc.thread_settings_lines())


def test_the_section_tables_each_row_and_judges_the_targets(tmp_path, monkeypatch):
    rows = thread_settings.rows_from("wgan-gp@28", INFO, 8, _medians(), cores=2)
    text = _section(rows, "2026-12-06", "CPU A", tmp_path, monkeypatch)
    assert (tmp_path / "threads.png").is_file()
    assert "(2026-12-06, CPU A, 7 timed rounds" in text
    assert "`1:2` (intra-op 1, inter-op 2)" in text
    assert (
        "| wgan-gp 28x28 (mnist) | 32 | default | float32 | 300 | 200 | 200 (default) "
        "| 1.50x | 2.0x: missed |" in text
    )
    assert (
        "| **wgan-gp 28x28 (mnist)** | **32** | **1:2** | **mixed_bfloat16** | **600** | "
        "**150** | **200 (default)** | **3.00x** | **2.0x: met** |" in text
    )


def test_a_family_with_only_its_discriminator_in_bfloat16_says_so(tmp_path, monkeypatch):
    info = {**INFO, "model": "dcgan", "data": "digits", "size": 16, "batch": 64,
            "precision_networks": "discriminator"}  # fmt: skip
    rows = thread_settings.rows_from("dcgan", info, 24, _medians(), cores=2)
    assert [(r["precision"], r["networks"]) for r in rows] == [
        ("float32", "all"),
        ("mixed_bfloat16", "discriminator"),
    ] * 2
    text = _section(rows, "2026-12-07", "CPU B", tmp_path, monkeypatch)
    assert (
        "| **dcgan 16x16 (digits)** | **64** | **1:2** | **mixed_bfloat16 (discriminator; "
        "generator float32)** | **600** | **150** | **200 (default)** | **3.00x** | "
        "**1.8x: met** |" in text
    )
    assert "| dcgan 16x16 (digits) | 64 | 1:2 | float32 | 450 |" in text
