"""Latent-space tools: interpolation (lerp, slerp) and controllable generation (directions in z)."""

import numpy as np

from keras_gans.errors import ArgumentError


def _vector(z, what):
    z = np.asarray(z, np.float64)
    if z.ndim != 1 or z.size == 0 or not np.all(np.isfinite(z)):
        raise ArgumentError(
            f"{what} must be one finite latent vector [latent_dim], got shape {z.shape}."
        )
    return z


def _steps(t):
    t = np.asarray(t, np.float64)
    return t.reshape(-1, 1), t.ndim == 0


def lerp(z0, z1, t):
    """Linear interpolation ``(1 - t) z0 + t z1``; ``t`` a number or an array of numbers.

    Returns:
        ``[latent_dim]`` for a scalar ``t``, else ``[len(t), latent_dim]``.
    """
    z0, z1 = _vector(z0, "z0"), _vector(z1, "z1")
    t, scalar = _steps(t)
    out = (1.0 - t) * z0 + t * z1
    return out[0] if scalar else out


def _orthogonal_unit(u):
    """A unit vector orthogonal to unit ``u`` (deterministic: from the least aligned axis)."""
    axis = np.zeros_like(u)
    axis[np.argmin(np.abs(u))] = 1.0
    w = axis - (axis @ u) * u
    return w / np.linalg.norm(w)


def slerp(z0, z1, t):
    """Spherical interpolation: the direction moves along the great circle, the norm linearly.

    For ``|z0| == |z1| = r`` every point lies exactly on the sphere of radius
    r and the angle to ``z0`` grows linearly with ``t``. Parallel vectors
    (angle 0) fall back to ``lerp``, which is then exact; opposite vectors
    turn through a fixed orthogonal direction. Gaussian latents live near a
    sphere, so slerp walks stay where the generator was trained.

    Returns:
        ``[latent_dim]`` for a scalar ``t``, else ``[len(t), latent_dim]``.

    Reference:
        White, Sampling Generative Networks (2016), https://arxiv.org/abs/1609.04468
    """
    z0, z1 = _vector(z0, "z0"), _vector(z1, "z1")
    t, scalar = _steps(t)
    n0, n1 = np.linalg.norm(z0), np.linalg.norm(z1)
    if n0 == 0.0 or n1 == 0.0:
        out = lerp(z0, z1, t.ravel())
        return out[0] if scalar else out
    u0, u1 = z0 / n0, z1 / n1
    omega = np.arccos(np.clip(u0 @ u1, -1.0, 1.0))
    if omega < 1e-7:
        directions = np.repeat(u0[None], len(t), axis=0)
    else:
        if np.pi - omega < 1e-7:
            w = _orthogonal_unit(u0)
        else:
            w = u1 - (u1 @ u0) * u0
            w /= np.linalg.norm(w)
        angle = t * omega
        directions = np.cos(angle) * u0 + np.sin(angle) * w
    out = ((1.0 - t) * n0 + t * n1) * directions
    return out[0] if scalar else out


def _images(model, z, labels=None):
    z = np.asarray(z, np.float32)
    if getattr(model, "conditional", False):
        labels = np.zeros(len(z), np.int32) if labels is None else labels
        labels = model.check_labels(labels, len(z))
        return np.asarray(model.generate_images(z, labels), np.float32)
    return np.asarray(model.generate_images(z), np.float32)


SPACES = ("z", "w")


def _check_space(model, space):
    if space not in SPACES:
        raise ArgumentError(f"Unknown space {space!r}; choose from {list(SPACES)}")
    if space == "w" and not getattr(model, "styled", False):
        raise ArgumentError(
            f"space='w' needs a StyleGAN2 model (mapping and synthesis); "
            f"{type(model).__name__} has z only."
        )


def _w_images(model, w):
    return np.asarray(model.synthesis(np.asarray(w, np.float32)), np.float32)


def interpolate(model, z0, z1, steps=8, method=None, labels=None, space="z"):
    """Images along the path from ``z0`` to ``z1`` (``steps`` points, ends included).

    Args:
        model: a keras_gans model (or ``keras_gans.export.exported_models.load``'s adapter).
        z0: latent vector ``[latent_dim]`` where the path starts.
        z1: latent vector ``[latent_dim]`` where it ends.
        steps: number of images (>= 2).
        method: ``"slerp"`` or ``"lerp"`` (default: slerp in z, lerp in w, as in the
            StyleGAN paper).
        labels: class of every image for conditional models (int or list).
        space: ``"z"``, or ``"w"`` (StyleGAN2): the path runs between
            ``model.mapping(z0)`` and ``model.mapping(z1)`` and ``model.synthesis`` draws it.

    Returns:
        float32 images ``[steps, h, w, c]`` in [-1, 1].
    """
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 2:
        raise ArgumentError(f"steps must be an int >= 2, got {steps!r}.")
    _check_space(model, space)
    paths = {"slerp": slerp, "lerp": lerp}
    if method is None:
        method = "slerp" if space == "z" else "lerp"
    if method not in paths:
        raise ArgumentError(f"Unknown method {method!r}; choose from {sorted(paths)}")
    t = np.linspace(0.0, 1.0, steps)
    if space == "w":
        ends = [np.asarray(model.mapping(np.asarray(z, np.float32)[None]))[0] for z in (z0, z1)]
        return _w_images(model, paths[method](ends[0], ends[1], t))
    return _images(model, paths[method](z0, z1, t), labels)


def find_direction(
    model, classifier, target_class, n=1024, seed=0, quantile=0.25, labels=None, space="z"
):
    """A unit direction in z (or w) along which ``classifier``'s probability of
    ``target_class`` rises.

    Draws ``n`` latent vectors (seeded), scores their images, and returns the
    normalised difference between the mean z of the top ``quantile`` and the
    mean z of the bottom ``quantile`` by target probability: the direction
    separating latents the classifier reads as the target from the others
    (a linear attribute boundary, as in InterFaceGAN).

    Args:
        model: a keras_gans model with ``latent_dim`` and ``generate_images``.
        classifier: anything with ``predict_proba(images) -> [n, classes]``.
        target_class: the class (feature) to strengthen.
        n: latent samples to score.
        seed: seed of those samples.
        quantile: fraction of samples in each of the top and bottom groups.
        labels: labels for conditional models.
        space: ``"z"``, or ``"w"`` (StyleGAN2): the samples are ``model.mapping(z)`` and
            the direction is in w (move a w with ``move`` and draw it with
            ``model.synthesis``).

    Returns:
        float64 unit vector ``[latent_dim]`` (``[w_dim]`` in w).

    Reference:
        Shen et al., Interpreting the Latent Space of GANs for Semantic Face
        Editing (2020), https://arxiv.org/abs/1907.10786
    """
    if not 0.0 < quantile <= 0.5:
        raise ArgumentError(f"quantile must be in (0, 0.5], got {quantile!r}.")
    from keras_gans.utils.noise import seeded_noise

    _check_space(model, space)
    z = np.asarray(seeded_noise(int(n), model.latent_dim, seed), np.float64)
    if space == "w":
        z = np.asarray(model.mapping(z.astype(np.float32)), np.float64)
        images = _w_images(model, z)
    else:
        images = _images(model, z, labels)
    probs = np.asarray(classifier.predict_proba(images))
    if not 0 <= target_class < probs.shape[1]:
        raise ArgumentError(
            f"target_class must be in [0, {probs.shape[1] - 1}], got {target_class}."
        )
    order = np.argsort(probs[:, target_class])
    k = max(1, int(round(quantile * len(z))))
    direction = z[order[-k:]].mean(0) - z[order[:k]].mean(0)
    norm = np.linalg.norm(direction)
    if norm == 0.0:
        raise ArgumentError(f"The classifier's probability of class {target_class} does not vary.")
    return direction / norm


def move(z, direction, alpha):
    """``z + alpha * direction`` (z ``[latent_dim]`` or ``[n, latent_dim]``), float32."""
    z = np.asarray(z, np.float32)
    direction = np.asarray(direction, np.float32)
    if direction.shape != (z.shape[-1],):
        raise ArgumentError(
            f"direction has shape {direction.shape} but z has latent size {z.shape[-1]}."
        )
    return z + np.float32(alpha) * direction
