from benchmarks import machine

INTEL = """processor\t: 0
model name\t: Intel(R) Xeon(R) Processor
flags\t\t: fpu sse avx512f avx512_bf16 amx_bf16 amx_tile
processor\t: 1
model name\t: Intel(R) Xeon(R) Processor
flags\t\t: fpu sse avx512f avx512_bf16 amx_bf16 amx_tile
"""
AMD_NO_BF16 = """processor\t: 0
model name\t: AMD EPYC 7B13
flags\t\t: fpu sse avx2
"""


def test_cpu_model_is_the_first_model_name():
    assert machine.cpu_model(INTEL) == "Intel(R) Xeon(R) Processor"
    assert machine.cpu_model(AMD_NO_BF16) == "AMD EPYC 7B13"


def test_describe_names_the_cpu_and_its_bfloat16_units():
    intel = machine.describe(INTEL)
    assert intel.startswith("Intel(R) Xeon(R) Processor (")
    assert intel.endswith("; bfloat16 units: amx_bf16, avx512_bf16)")
    assert machine.describe(AMD_NO_BF16).endswith("; bfloat16 units: none)")


def test_an_unreadable_cpuinfo_still_describes_a_machine(tmp_path):
    missing = str(tmp_path / "cpuinfo")
    assert machine.describe(missing).endswith("; bfloat16 units: none)")


def test_threads_text_tells_a_limit_from_all_threads():
    assert machine.threads_text("all") == "TensorFlow on all the cores' threads"
    assert machine.threads_text("1") == "TensorFlow limited to 1 thread(s)"


def test_saved_results_carry_the_date_and_machine_before_the_fields(tmp_path, monkeypatch):
    import datetime
    import json

    monkeypatch.setattr(machine, "describe", lambda: "CPU A")
    path = tmp_path / "results.json"
    machine.save_results(str(path), rounds=7, rows=[{"ratio": 1.5}])
    saved = json.loads(path.read_text())
    assert saved == {"date": datetime.date.today().isoformat(), "machine": "CPU A",
                     "rounds": 7, "rows": [{"ratio": 1.5}]}  # fmt: skip
    assert list(saved)[:2] == ["date", "machine"]


def test_benchmark_processes_run_tensorflow_kernels_as_the_cli_does():
    import subprocess
    import sys

    from tests.helpers import ENV, ROOT

    env = {k: v for k, v in ENV.items() if k != "TF_ENABLE_ONEDNN_OPTS"}
    code = "import os, benchmarks; print(os.environ.get('TF_ENABLE_ONEDNN_OPTS'))"
    for given, expected in ((None, "1"), ("0", "0")):
        run_env = env if given is None else {**env, "TF_ENABLE_ONEDNN_OPTS": given}
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=run_env, capture_output=True, text=True
        )
        assert result.stdout.strip() == expected, result.stderr[-2000:]
