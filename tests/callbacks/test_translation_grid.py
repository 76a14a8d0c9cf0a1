import numpy as np
from PIL import Image

from keras_gans.callbacks import TranslationGrid
from tests.models.test_pix2pix import pairs, tiny_pix2pix


def test_translation_grid_rows_are_input_output_target(tmp_path):
    model = tiny_pix2pix()
    model.compile()
    a, b = pairs(8)
    grid_cb = TranslationGrid(tmp_path / "grids", a[:3], b[:3], scale=1,
                              tensorboard_dir=str(tmp_path / "tb"))  # fmt: skip
    model.fit(a, b, batch_size=4, epochs=2, verbose=0, callbacks=[grid_cb])
    image = np.asarray(Image.open(tmp_path / "grids" / "epoch_002.png"))
    # 3 rows x 3 columns of 16x16 cells with 1-pixel borders, colour
    assert image.shape == (3 * 17 + 1, 3 * 17 + 1, 3)
    target = image[1:17, 2 * 17 + 1 : 3 * 17]
    expected = np.clip(np.round((b[0] + 1) * 127.5), 0, 255).astype(np.uint8)
    np.testing.assert_array_equal(target, expected)
    gray = image[1:17, 1:17]
    assert (gray[..., 0] == gray[..., 1]).all()  # the 1-channel input shown as gray
    assert grid_cb.summary_name == "translations"
    assert any((tmp_path / "tb").iterdir())
