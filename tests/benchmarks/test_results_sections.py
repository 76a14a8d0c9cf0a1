"""The image-to-image section of docs/results.md, from benchmarks/translation_results.json."""

import json

from benchmarks import results_sections


def pix2pix_row(**stamp):
    return {
        "data": "photos-paired", "epochs": 20, "batch_size": 8, "train_seconds": 204.0,
        "n": 104, "psnr_input": 26.33, "psnr_model": 28.45, "gain": 2.12,
        "val_psnr_per_epoch": [21.8, 28.45], "picture": "images/pix2pix_photos.png", **stamp,
    }  # fmt: skip


def lines(tmp_path, monkeypatch, results):
    (tmp_path / "benchmarks").mkdir(parents=True)
    (tmp_path / "benchmarks" / "translation_results.json").write_text(json.dumps(results))
    monkeypatch.setattr(results_sections, "ROOT", str(tmp_path))
    return "\n".join(results_sections.translation_lines())


def test_each_model_row_names_its_own_machine_and_date(tmp_path, monkeypatch):
    meta = {"date": "2026-11-23", "machine": "the old machine"}
    stamped = {"date": "2026-12-07", "machine": "a CPU (x86_64, 2 cores)"}
    text = lines(
        tmp_path, monkeypatch, {"meta": meta, "models": {"pix2pix": pix2pix_row(**stamped)}}
    )
    assert "8, 204 s; a CPU (x86_64, 2 cores), 2026-12-07), 104 held-out patches:" in text
    assert "the old machine" not in text
    assert "| pix2pix | 28.45 dB (+2.12 dB) |" in text
    # a row from before rows carried a stamp takes the file's
    text = lines(
        tmp_path / "old", monkeypatch, {"meta": meta, "models": {"pix2pix": pix2pix_row()}}
    )
    assert "8, 204 s; the old machine, 2026-11-23), 104 held-out patches:" in text
