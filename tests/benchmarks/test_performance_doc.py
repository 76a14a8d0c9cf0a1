"""benchmarks/performance_doc.py: the sections written from results JSON."""

from benchmarks import performance_doc


def _row(config, data, seed, fid, dtype):
    return {"config": config, "data": data, "seed": seed, "fid": fid,
            "train_seconds": 100.0 + seed, "compute_dtype": dtype}  # fmt: skip


def test_precision_pairs_take_bf16_rows_beside_float32_defaults_and_f32_beside_bfloat16():
    rows = [
        _row("wgan-gp", "digits", 0, 7.0, "float32"),
        _row("wgan-gp+bf16", "digits", 0, 7.4, "bfloat16"),
        _row("dcgan", "mnist", 0, 4.9, "bfloat16"),
        _row("dcgan+f32", "mnist", 0, 5.2, "float32"),
        _row("dcgan", "digits", 0, 2.0, "float32"),  # no other precision: no pair
        _row("x-dcgan", "digits", 0, 3.0, "float32"),
        _row("x-dcgan+dbf16", "digits", 0, 3.1, "bfloat16"),  # the discriminator only
    ]
    assert performance_doc.precision_pairs(rows) == [
        ("dcgan", "mnist", "dcgan+f32", "dcgan"),
        ("wgan-gp", "digits", "wgan-gp", "wgan-gp+bf16"),
        ("x-dcgan, discriminator only", "digits", "x-dcgan", "x-dcgan+dbf16"),
    ]
    lines = performance_doc._precision_quality_lines({"seed_runs": rows})
    assert "| x-dcgan, discriminator only | digits | 0 | 3.00 | 3.10 | 100 | 100 |" in lines


def test_the_bfloat16_section_puts_each_precision_in_its_column_with_a_verdict():
    fp32 = [5.0, 6.0, 7.0]
    rows = [_row("dcgan+f32", "mnist", s, f, "float32") for s, f in enumerate(fp32)]
    rows += [_row("dcgan", "mnist", s, f, "bfloat16") for s, f in enumerate([4.0, 6.5, 9.0])]
    lines = performance_doc._precision_quality_lines({"seed_runs": rows})
    assert lines[0] == "## Sample quality in bfloat16"
    assert "| dcgan | mnist | 1 | 6.00 | 6.50 | 101 | 101 |" in lines
    assert "| dcgan | mnist | median (range) | 6.00 (5.00-7.00) | 6.50 (4.00-9.00) | | |" in lines
    assert lines[-2] == (
        "- dcgan on mnist: bfloat16's median FID 6.50 is within float32's seed range "
        "5.00-7.00 (3 and 3 seeds; lower is better)."
    )
    rows[3]["fid"] = 7.5  # bfloat16 seeds 7.5, 6.5, 9.0: median 7.5
    verdict = performance_doc._precision_quality_lines({"seed_runs": rows})[-2]
    assert "median FID 7.50 is above float32's seed range 5.00-7.00" in verdict
    only_f32 = performance_doc._precision_quality_lines({"seed_runs": rows[:3]})
    assert "| dcgan | mnist | 0 | 5.00 | - | 100 | - |" in only_f32
    rows_or_verdicts = [line for line in only_f32 if line.startswith(("| ", "- "))]
    assert not [line for line in rows_or_verdicts if "median" in line or line.startswith("- ")]
