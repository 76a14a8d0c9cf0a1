"""Property-based tests (hypothesis): losses over wide logit ranges, loaders' and CLI's arguments."""

import contextlib
import io

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from keras_gans import cli, data, losses
from keras_gans.errors import DataError
from tests.reliability.table import record

LOGITS = arrays(
    np.float32,
    st.one_of(st.tuples(st.integers(1, 6)), st.tuples(st.integers(1, 3), st.just(3), st.just(3))),
    elements=st.floats(-1e4, 1e4, width=32),
)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The rows of docs/reliability.md these tests stand for; each test records its row once
# its assertions have held (a failing example fails the test before it records).
LOSSES_ROW = (
    "hypothesis: every discriminator/generator loss on rank-1 and 3x3-patch logits in [-1e4, 1e4]",
    "always finite; BCE and hinge symmetric under (real, fake) -> (-fake, -real); "
    "Wasserstein antisymmetric; patch losses equal flattened ones",
)
LOADER_ROW = (
    "hypothesis: data.load with image_size in [-3, 40], batch_size in [-3, 2000]",
    "a dataset of the asked shape, or a DataError naming image_size, batch_size or "
    "'fewer than one batch'",
)
CLI_ROW = (
    "hypothesis: 150 random CLI argument lists; sample with odd --n/--label",
    "the parser accepts or raises its one-line error (never a traceback); missing "
    "sources always exit 2 with one line",
)


LOGIT_LOSSES = [n for n in losses.names() if n.endswith(("_discriminator_loss", "_generator_loss"))]


@FAST
@given(real=LOGITS, fake=LOGITS, name=st.sampled_from(LOGIT_LOSSES))
def test_every_loss_is_finite_over_wide_logits(real, fake, name):
    fn = losses.get(name)
    value = fn(real, fake) if name.endswith("_discriminator_loss") else fn(fake)
    assert np.isfinite(float(value)), (name, real, fake)
    record("fuzzing", *LOSSES_ROW)


@FAST
@given(real=LOGITS, fake=LOGITS)
def test_loss_symmetries(real, fake):
    # BCE and hinge treat "real with logit r" like "fake with logit -r".
    for name in ("bce", "hinge"):
        fn = losses.get_discriminator_loss(name)
        np.testing.assert_allclose(
            float(fn(real, fake)), float(fn(-fake, -real)), rtol=1e-5, atol=1e-3
        )
    # The Wasserstein critic loss changes sign when real and fake swap.
    w = losses.wasserstein_discriminator_loss
    np.testing.assert_allclose(float(w(real, fake)), -float(w(fake, real)), rtol=1e-5, atol=1e-2)
    # Patch-shaped logits give the loss of their flattened values.
    np.testing.assert_allclose(
        float(losses.hinge_discriminator_loss(real, fake)),
        float(losses.hinge_discriminator_loss(real.reshape(-1), fake.reshape(-1))),
        rtol=1e-6,
    )
    record("fuzzing", *LOSSES_ROW)


@settings(max_examples=25, deadline=None)
@given(image_size=st.integers(-3, 40), batch_size=st.integers(-3, 2000))
def test_loader_arguments_load_or_name_the_problem(image_size, batch_size):
    try:
        ds = data.load("digits", image_size=image_size, batch_size=batch_size)
    except DataError as e:
        assert "image_size" in str(e) or "batch_size" in str(e) or "fewer than one batch" in str(e)
    else:
        assert ds.element_spec.shape.as_list() == [batch_size, image_size, image_size, 1]
    record("fuzzing", *LOADER_ROW)


TOKENS = st.lists(
    st.one_of(
        st.sampled_from(
            ["train", "sample", "export", "evaluate", "interpolate", "list", "--n", "--epochs",
             "--label", "--steps", "--metrics", "--to", "--lr", "-1", "0", "nan", "x", "--", ""]
        ),
        st.text(max_size=8),
    ),
    max_size=6,
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(argv=TOKENS)
def test_cli_argument_parsing_never_crashes(argv):
    try:
        cli.build_parser().parse_args(argv)
    except cli.CliError as e:
        assert str(e)
    except SystemExit as e:  # --help / --version
        assert e.code == 0
    record("fuzzing", *CLI_ROW)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(-5, 5), label=st.integers(-3, 12))
def test_cli_errors_on_missing_sources_are_exit_2(n, label):
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = cli.main(["sample", "/no/such/run", "--n", str(n), "--label", str(label)])
    assert status == 2
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("keras-gans: error: ")
    record("fuzzing", *CLI_ROW)
