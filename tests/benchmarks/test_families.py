"""Every family's benchmark set-up: the CLI's model, its plain reference, the FLOPs."""

import json

import keras
import numpy as np
import pytest

from benchmarks import families, throughput


def test_specs_read_family_and_side_and_pick_the_data():
    assert throughput.parse_model("cyclegan", default_size=None) == ("cyclegan", None)
    assert throughput.parse_model(" dcgan@64", default_size=None) == ("dcgan", 64)
    mnist = families.spec_settings("dcgan@28")
    assert (mnist["data"], mnist["image_size"], mnist["epochs"]) == ("mnist", 28, 100)
    assert mnist["batch_size"] == 32  # dcgan's MNIST defaults (on_data)
    big = families.spec_settings("dcgan@64")
    assert (big["data"], big["image_size"]) == ("digits", 64)
    assert families.spec_settings("pix2pix")["image_size"] == 32
    assert set(families.STEPS) == set(families.DEFAULT_MODELS.split(","))


def test_forward_flops_counts_convolutions_transposed_convolutions_and_nested_dense():
    inputs = keras.Input((4, 4, 2))
    x = keras.layers.Conv2D(3, 3, padding="same")(inputs)  # 2 * 16 * (3*3*2*3) = 1728
    x = keras.layers.Conv2DTranspose(2, 2, strides=2)(x)  # 2 * 16 * (2*2*2*3) = 768
    head = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(5)])  # 2 * 128 * 5
    model = keras.Model(inputs, head(x))
    assert families.forward_flops(model) == 1728 + 768 + 1280


def _one_step_each(spec):
    models, dataset, settings, flops = families.build(spec, sides=("ours", "reference"))
    ours, ref = models["ours"], models["reference"]
    weights = {side: [w.copy() for w in m.get_weights()] for side, m in models.items()}
    for a, b in zip(ours.generator_variables(), _generator_variables(ref), strict=True):
        a, b = a.numpy(), b.numpy()
        if a.shape != b.shape:  # ours stores the 2x2 live taps; the reference's Conv2D all
            b = b[1:3, 1:3]
        np.testing.assert_array_equal(a, b)  # the same starting weights
    assert type(ref.d_optimizer) is type(ours.d_optimizer)
    assert float(ref.g_optimizer.learning_rate) == float(ours.g_optimizer.learning_rate)
    batch = next(iter(dataset))
    for model in (ours, ref):
        model.train_step(batch)  # eagerly: tracing the steps would cost most of the test
    for side, model in models.items():
        changed = [
            not np.array_equal(a, b)
            for a, b in zip(weights[side], model.get_weights(), strict=True)
        ]
        assert sum(changed) > len(changed) // 2, side
    assert flops > 0
    # (discriminator, generator) optimizer updates each made in one step
    return {side: (int(m.d_optimizer.iterations), int(m.g_optimizer.iterations))
            for side, m in models.items()}  # fmt: skip


def _generator_variables(ref):
    if hasattr(ref, "generator_g"):
        return ref.generator_g.trainable_variables + ref.generator_f.trainable_variables
    return ref.generator.trainable_variables


def test_the_mlp_gans_reference_matches_its_update_count():
    updates = _one_step_each("gan")
    assert updates["reference"] == updates["ours"] == (1, 1)


@pytest.mark.slow
@pytest.mark.parametrize("spec", ["dcgan", "wgan", "wgan-gp", "cgan", "pix2pix", "cyclegan"])
def test_each_familys_reference_matches_its_update_count(spec):
    updates = _one_step_each(spec)
    assert updates["reference"] == updates["ours"]
    assert updates["ours"][0] > 0 and updates["ours"][1] == 1


def test_the_bfloat16_model_starts_from_the_float32_weights():
    models, _, _, _ = families.build("wgan-gp", sides=("ours", "ours_bf16"))
    fp32, bf16 = models["ours"], models["ours_bf16"]
    assert bf16.generator.layers[1].compute_dtype == "bfloat16"
    for a, b in zip(fp32.get_weights(), bf16.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert keras.mixed_precision.global_policy().name == "float32"


def test_peak_memory_is_this_processs_high_water_mark():
    with open("/proc/self/status") as f:
        rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024
    assert families.peak_rss_mib() >= rss > 0


def _row(spec, precision, ours, **extra):
    return {"spec": spec, "model": spec.split("@")[0], "data": "mnist", "size": 28,
            "batch": 32, "steps": 8, "precision": precision, "ours": ours, "reference": 100.0,
            "ours_best": ours, "reference_best": 100.0, "ratio": ours / 100.0,
            "flops_per_image": 1e9, **extra}  # fmt: skip


def test_an_update_replaces_only_the_measured_rows_in_place():
    saved = [_row("gan", "float32", 1), _row("dcgan@28", "float32", 2), _row("x", "float32", 3)]
    new = [_row("dcgan@28", "float32", 20), _row("dcgan@28", "mixed_bfloat16", 30)]
    merged = families.merge_rows(saved, new)
    assert [(r["spec"], r["ours"]) for r in merged] == [
        ("gan", 1),
        ("dcgan@28", 20),
        ("x", 3),
        ("dcgan@28", 30),
    ]


def test_updated_rows_are_marked_and_their_fractions_use_their_own_peaks(tmp_path, monkeypatch):
    from benchmarks import families_doc

    rows = [
        _row("gan", "float32", 50),  # 50 GFLOP/s against the run's float32 peak of 100
        _row(
            "dcgan@28",
            "float32",
            50,
            date="2026-12-09",
            rounds=7,
            threads="1",
            peak=200.0,
            peak_bf16=400.0,
            machine="CPU B",
        ),
    ]
    saved = {"date": "2026-12-04", "rounds": 7, "threads": "1", "peak": 100.0,
             "peak_bf16": 250.0, "machine": "CPU A", "rows": rows}  # fmt: skip
    results = tmp_path / "families_results.json"
    results.write_text(json.dumps(saved))
    monkeypatch.setattr(families_doc, "RESULTS", str(results))
    monkeypatch.setattr(families_doc, "PLOT", str(tmp_path / "families.png"))
    text = "\n".join(families_doc.families_lines())
    assert (tmp_path / "families.png").is_file()  # the plot too, not docs/images
    assert (
        "| gan 28x28 (mnist) | 32 | float32 | 50 | 100 | 0.50x | 0.50x | 1.0000 | 50.0% | 20.0% |"
        in text
    )
    assert (
        "| dcgan 28x28 (mnist)* | 32 | float32 | 50 | 100 | 0.50x | 0.50x | 1.0000 | 25.0% | 12.5% |"
        in text
    )
    assert (
        "\\* Measured again on 2026-12-09 on CPU B (`--update`; 7 rounds, TensorFlow "
        "limited to 1 thread(s); "
        "matmul peaks" in text
    )
    assert "(2026-12-04, CPU A, 7 timed rounds" in text  # the recorded machine, not this one
    assert "float32 200 GFLOP/s, bfloat16 400 GFLOP/s" in text and text.count("Measured again") == 1
