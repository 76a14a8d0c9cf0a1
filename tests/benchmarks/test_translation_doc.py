"""The translation-in-bfloat16 section of docs/performance.md, from seed rows."""

import json

from benchmarks import translation_doc


def row(precision, seed, cycle, seconds):
    return {
        "model": "cyclegan", "precision": precision, "seed": seed, "cycle_l1": cycle,
        "cycle_first_epoch": 0.8, "a2b_as_b": 1.0, "b2a_as_a": 0.9, "train_seconds": seconds,
        "date": "2026-12-06", "machine": "a CPU (x86_64, 2 cores; bfloat16 units: amx_bf16)",
    }  # fmt: skip


def write(tmp_path, monkeypatch, rows):
    path = tmp_path / "translation_results.json"
    path.write_text(json.dumps({"models": {}, "seed_rows": {str(i): r for i, r in enumerate(rows)}}))  # fmt: skip
    monkeypatch.setattr(translation_doc, "RESULTS", str(path))
    return translation_doc.translation_precision_lines()


def test_rows_medians_and_the_verdict_against_float32s_seed_range(tmp_path, monkeypatch):
    rows = [row("float32", 1, 0.40, 600), row("float32", 0, 0.38, 590), row("float32", 2, 0.42, 610),
            row("mixed_bfloat16", 0, 0.39, 450), row("mixed_bfloat16", 1, 0.45, 440)]  # fmt: skip
    text = "\n".join(write(tmp_path, monkeypatch, rows))
    assert "| cyclegan | float32 | 0 | 0.800 | 0.380 | 1.000 | 0.900 | 590 |" in text
    assert "| cyclegan | float32 | median (range) | 0.800 (0.800-0.800) | 0.400 (0.380-0.420) |" in text  # fmt: skip
    assert "| cyclegan | mixed_bfloat16 | median (range) | 0.800 (0.800-0.800) | 0.420 (0.390-0.450) |" in text  # fmt: skip
    assert text.index("float32 | 0 |") < text.index("float32 | 1 |")  # rows in seed order
    assert (
        "cyclegan in mixed_bfloat16: median cycle_l1 0.420, within float32's seed range "
        "0.380-0.420 (2 and 3 seeds)." in text
    )
    assert "2026-12-06; a CPU (x86_64, 2 cores; bfloat16 units: amx_bf16)" in text


def test_a_median_outside_the_range_says_which_side_and_no_rows_write_nothing(tmp_path, monkeypatch):  # fmt: skip
    rows = [row("float32", 0, 0.38, 1), row("float32", 1, 0.40, 1), row("mixed_bfloat16", 0, 0.5, 1)]  # fmt: skip
    assert "median cycle_l1 0.500, above float32's seed range 0.380-0.400" in "\n".join(
        write(tmp_path, monkeypatch, rows)
    )
    assert translation_doc.verdict("cyclegan", {"mixed_bfloat16": rows[2:]}) == (
        "cyclegan: no float32 rows to compare with."
    )
    assert write(tmp_path, monkeypatch, []) == []


def test_pix2pix_rows_have_their_own_table_judged_by_held_out_psnr(tmp_path, monkeypatch):
    def p2p(precision, seed, psnr):
        return {
            "model": "pix2pix", "precision": precision, "seed": seed, "psnr_model": psnr,
            "gain": psnr - 26.0, "train_seconds": 100.0, "date": "2026-12-07",
            "machine": "another CPU",
        }  # fmt: skip

    rows = [p2p("float32", 0, 28.2), p2p("float32", 1, 28.75), p2p("mixed_bfloat16", 0, 28.63),
            p2p("mixed_bfloat16", 1, 28.43), p2p("mixed_bfloat16", 2, 28.7), row("float32", 0, 0.4, 1)]  # fmt: skip
    lines = write(tmp_path, monkeypatch, rows)
    text = "\n".join(lines)
    assert lines.count("| model | precision | seed | held-out PSNR (dB) | gain over the input (dB) | train s |") == 1  # fmt: skip
    assert "| pix2pix | float32 | 1 | 28.75 | 2.75 | 100 |" in text
    assert "| pix2pix | mixed_bfloat16 | median (range) | 28.63 (28.43-28.70) | 2.63 (2.43-2.70) | |" in text  # fmt: skip
    assert (
        "pix2pix in mixed_bfloat16: median psnr_model 28.63, within float32's seed range "
        "28.20-28.75 (3 and 2 seeds)." in text
    )
    assert "cyclegan: no float32 rows" not in text and "| cyclegan | float32 | 0 | 0.800 |" in text
    assert text.index("### cyclegan") < text.index("### pix2pix")
    assert "--models pix2pix --seeds 0,1,2 --precision P` (2026-12-07; another CPU;" in text
