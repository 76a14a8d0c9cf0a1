import keras
import numpy as np
import pytest

from keras_gans import latent


def test_lerp_endpoints_and_midpoint():
    z0, z1 = np.array([0.0, 2.0]), np.array([4.0, -2.0])
    path = latent.lerp(z0, z1, [0.0, 0.5, 1.0])
    np.testing.assert_allclose(path, [[0, 2], [2, 0], [4, -2]])
    np.testing.assert_allclose(latent.lerp(z0, z1, 0.25), [1.0, 1.0])


def test_slerp_stays_on_the_sphere_with_a_linear_angle():
    rng = np.random.RandomState(0)
    z0, z1 = rng.normal(size=16), rng.normal(size=16)
    z1 *= np.linalg.norm(z0) / np.linalg.norm(z1)
    t = np.linspace(0, 1, 9)
    path = latent.slerp(z0, z1, t)
    np.testing.assert_allclose(np.linalg.norm(path, axis=1), np.linalg.norm(z0), rtol=1e-12)
    np.testing.assert_allclose(path[0], z0, atol=1e-12)
    np.testing.assert_allclose(path[-1], z1, atol=1e-12)
    omega = np.arccos(z0 @ z1 / (z0 @ z0))
    angles = np.arccos(
        np.clip(path @ z0 / (np.linalg.norm(path, axis=1) * np.linalg.norm(z0)), -1, 1)
    )
    np.testing.assert_allclose(angles, t * omega, atol=1e-6)


def test_slerp_handles_parallel_and_opposite_vectors():
    z = np.array([3.0, 4.0, 0.0])
    same = latent.slerp(z, 2 * z, [0.0, 0.5, 1.0])
    np.testing.assert_allclose(same, [z, 1.5 * z, 2 * z])
    opposite = latent.slerp(z, -z, np.linspace(0, 1, 5))
    assert np.all(np.isfinite(opposite))
    np.testing.assert_allclose(np.linalg.norm(opposite, axis=1), 5.0)
    np.testing.assert_allclose(opposite[-1], -z, atol=1e-12)
    np.testing.assert_allclose(opposite[2] @ z, 0.0, atol=1e-9)  # a quarter turn halfway


def test_move_and_its_shape_check():
    z = np.zeros((3, 4), np.float32)
    d = np.array([1, 0, 0, 0], np.float32)
    np.testing.assert_array_equal(latent.move(z, d, 2.5)[:, 0], [2.5, 2.5, 2.5])
    with pytest.raises(ValueError, match=r"direction has shape \(3,\) but z has latent size 4"):
        latent.move(z, d[:3], 1.0)


class Toy:
    """A deterministic 'generator': image brightness is a fixed linear function of z."""

    latent_dim = 8
    image_shape = (4, 4, 1)

    def __init__(self):
        self.w = np.random.RandomState(3).normal(size=8)

    def generate_images(self, z, condition=None, training=False):
        brightness = np.tanh(np.asarray(z, np.float64) @ self.w / 4.0)
        return np.repeat(brightness[:, None], 16, axis=1).reshape(-1, 4, 4, 1)


class Brightness:
    """A 'classifier': class 1 = bright, class 0 = dark."""

    def predict_proba(self, images):
        p = 1.0 / (1.0 + np.exp(-4.0 * np.asarray(images).mean(axis=(1, 2, 3))))
        return np.stack([1 - p, p], axis=1)


def test_moving_along_a_found_direction_raises_the_target_probability():
    model, clf = Toy(), Brightness()
    direction = latent.find_direction(model, clf, target_class=1, n=512, seed=0)
    assert np.linalg.norm(direction) == pytest.approx(1.0)
    # it points along the true attribute axis
    assert direction @ model.w / np.linalg.norm(model.w) > 0.9
    z = np.random.RandomState(42).normal(size=(64, 8)).astype(np.float32)
    before = clf.predict_proba(model.generate_images(z))[:, 1].mean()
    after = clf.predict_proba(model.generate_images(latent.move(z, direction, 1.0)))[:, 1].mean()
    darker = clf.predict_proba(model.generate_images(latent.move(z, direction, -1.0)))[:, 1].mean()
    assert after > before + 0.1 and darker < before - 0.1


def test_interpolate_with_a_keras_model():
    import keras_gans

    gan = keras_gans.models.GAN(
        image_shape=(8, 8, 1),
        latent_dim=4,
        generator_hidden_units=(8,),
        discriminator_hidden_units=(8,),
    )
    z0, z1 = np.ones(4), -np.ones(4) * 0.5
    images = latent.interpolate(gan, z0, z1, steps=5, method="lerp")
    assert images.shape == (5, 8, 8, 1)
    np.testing.assert_allclose(images[0], gan.generator(z0[None].astype("float32"))[0], atol=1e-6)
    np.testing.assert_allclose(images[-1], gan.generator(z1[None].astype("float32"))[0], atol=1e-6)
    with pytest.raises(ValueError, match="Unknown method 'cubic'; choose from"):
        latent.interpolate(gan, z0, z1, method="cubic")
    with pytest.raises(ValueError, match="steps must be an int >= 2"):
        latent.interpolate(gan, z0, z1, steps=1)
    assert isinstance(gan, keras.Model)


class Bright:
    """Class 1 is a bright image: its probability rises with the mean pixel."""

    def predict_proba(self, images):
        p = 1 / (1 + np.exp(-np.asarray(images).reshape(len(images), -1).mean(1) * 10))
        return np.stack([1 - p, p], axis=1)


def test_interpolation_and_directions_in_w_space_for_stylegan2():
    from tests.models.test_stylegan2 import trained

    gan = trained()
    z0, z1 = np.random.RandomState(4).normal(size=(2, 8)).astype("float32")
    walk = latent.interpolate(gan, z0, z1, steps=3, space="w")
    w0, w1 = gan.mapping(z0[None]).numpy(), gan.mapping(z1[None]).numpy()
    np.testing.assert_allclose(walk[0], gan.generate_images(z0[None])[0], atol=1e-5)
    np.testing.assert_allclose(walk[1], gan.synthesis((w0 + w1) / 2)[0], atol=1e-5)  # lerp in w

    direction = latent.find_direction(gan, Bright(), 1, n=64, space="w")
    assert direction.shape == (gan.w_dim,) and np.linalg.norm(direction) == pytest.approx(1.0)
    # the direction is the mean w of the 16 brightest syntheses minus that of the 16 darkest
    from keras_gans.utils.noise import seeded_noise

    w = gan.mapping(np.asarray(seeded_noise(64, 8, 0), "float32")).numpy().astype("float64")
    order = np.argsort(Bright().predict_proba(gan.synthesis(w.astype("float32")).numpy())[:, 1])
    expected = w[order[-16:]].mean(0) - w[order[:16]].mean(0)
    np.testing.assert_allclose(direction, expected / np.linalg.norm(expected), atol=1e-5)
    with pytest.raises(
        ValueError,
        match=r"space='w' needs a StyleGAN2 model \(mapping and synthesis\); Toy has z only",
    ):
        latent.interpolate(Toy(), z0, z1, space="w")
    with pytest.raises(ValueError, match=r"Unknown space 'x'; choose from \['z', 'w'\]"):
        latent.interpolate(gan, z0, z1, space="x")
