import json
import multiprocessing
import os

import pytest

from benchmarks.seeds import close_segments, open_segment, save_row, segments_path
from keras_gans.runs import STATE
from keras_gans.runs.checkpoint import read_json


def _save_rows(path, worker, count):
    for seed in range(count):
        save_row({"config": f"c{worker}", "data": "digits", "seed": seed, "fid": 1.0}, path)


def test_rows_saved_by_runs_that_finish_at_once_are_all_kept(tmp_path):
    path = str(tmp_path / "results.json")
    with open(path, "w") as f:
        json.dump({"floors": {"digits": {"fid": 4.1}}}, f)
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_save_rows, args=(path, w, 10)) for w in range(6)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert [w.exitcode for w in workers] == [0] * 6
    with open(path) as f:
        results = json.load(f)
    keys = {(r["config"], r["seed"]) for r in results["seed_runs"]}
    assert keys == {(f"c{w}", s) for w in range(6) for s in range(10)}
    assert results["floors"] == {"digits": {"fid": 4.1}}


def test_a_row_replaces_the_one_of_the_same_config_data_and_seed(tmp_path):
    path = str(tmp_path / "results.json")
    save_row({"config": "dcgan", "data": "digits", "seed": 0, "fid": 5.0}, path)
    save_row({"config": "dcgan", "data": "mnist", "seed": 0, "fid": 6.0}, path)
    save_row({"config": "dcgan", "data": "digits", "seed": 0, "fid": 4.0}, path)
    with open(path) as f:
        rows = json.load(f)["seed_runs"]
    assert [(r["data"], r["fid"]) for r in rows] == [("mnist", 6.0), ("digits", 4.0)]


def test_a_resumed_runs_segments_count_to_the_last_epoch_each_finished(tmp_path):
    run_dir = str(tmp_path / "stylegan2-mnist-0")
    assert open_segment(run_dir, now=100.0) == [{"start": 100.0}]
    state = os.path.join(run_dir, STATE)
    os.makedirs(os.path.dirname(state))
    open(state, "w").close()
    os.utime(state, (130.0, 130.0))  # its last finished epoch; stopped later, at ~150
    assert open_segment(run_dir, now=200.0) == [{"start": 100.0, "end": 130.0}, {"start": 200.0}]
    # stopped again before it finished an epoch: that segment counts nothing
    assert open_segment(run_dir, now=300.0)[1] == {"start": 200.0, "end": 200.0}
    assert close_segments(run_dir, now=345.0) == (30.0 + 0.0 + 45.0, 3)
    assert read_json(segments_path(run_dir))[-1] == {"start": 300.0, "end": 345.0}


def test_resume_without_a_kept_folder_is_one_clear_error(monkeypatch, capsys):
    from benchmarks.seeds import main

    monkeypatch.setenv("KERAS_GANS_BENCH_RESUME", "1")
    monkeypatch.delenv("KERAS_GANS_BENCH_KEEP", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main(["--configs", "dcgan", "--seeds", "0"])
    assert exit_info.value.code == 2
    wanted = "needs KERAS_GANS_BENCH_KEEP=DIR, the folder the runs resume from"
    assert capsys.readouterr().err.strip().endswith(f"error: KERAS_GANS_BENCH_RESUME=1 {wanted}")
