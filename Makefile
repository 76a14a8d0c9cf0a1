# keras_gans: `make demo` and `make test` are all a newcomer needs (see README.md).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CLI := $(VENV)/bin/keras-gans
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast lint format clean bench bench-quality docs

install: $(STAMP)

# uv resolves and installs the dependencies (TensorFlow among them) in under half of
# pip's time (docs/architecture.md); pip stays in the venv for users and tests.
$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip uv
	$(PY) -m uv pip install --quiet --compile-bytecode --python $(PY) -e ".[all]"
	touch $(STAMP)

# Trains a DCGAN on the embedded digits, writes sample grids, exports the generator
# (DCGAN: the best seed-median FID of the families on the digits and on MNIST;
# docs/results.md).
demo: install
	$(CLI) train dcgan --data digits --out runs/dcgan
	$(CLI) sample runs/dcgan --n 64 --out runs/dcgan/samples/final.png
	$(CLI) export runs/dcgan --to export/models/dcgan

# Tests run in PYTEST_WORKERS processes (pytest-xdist; each test file whole on one
# worker, tests/reliability/ on one worker in order); PYTEST_WORKERS=0 runs them in
# this process. 2 fits this 2-core machine: much of a test's time is tracing and
# starting subprocesses, which one core does alone.
PYTEST_WORKERS ?= 2
PYTEST := $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup --durations=20

# The full suite: lint, then every test (slow ones included).
test: install lint
	$(PYTEST)

# The fast subset (< 4 minutes on 2 cores).
test-fast: install
	$(PYTEST) -m "not slow"

# Training throughput, ours vs a plain reference (same run), every family at its CLI
# defaults (and under two thread settings), and where DCGAN's step goes:
# docs/performance.md.
bench: install
	$(PY) -m benchmarks.step_parts
	$(PY) -m benchmarks.throughput
	$(PY) -m benchmarks.families
	$(PY) -m benchmarks.thread_settings
	$(PY) -m benchmarks.stabiliser_cost

# Every noise family's CLI defaults on seeds 0-4, then docs/results.md (about 1.5 hours).
bench-quality: install
	$(PY) -m benchmarks.quality

# The documentation site (tutorials, guides, API reference from docstrings), strict.
docs: install
	$(VENV)/bin/mkdocs build --strict --site-dir site

lint: install
	$(VENV)/bin/ruff check keras_gans keras_gans_cli.py tests benchmarks export
	$(VENV)/bin/ruff format --check keras_gans keras_gans_cli.py tests benchmarks export

format: install
	$(VENV)/bin/ruff format keras_gans keras_gans_cli.py tests benchmarks export
	$(VENV)/bin/ruff check --fix keras_gans keras_gans_cli.py tests benchmarks export

clean:
	rm -rf runs export/models .pytest_cache site
