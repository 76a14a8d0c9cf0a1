"""Sample-quality metrics on feature vectors: FID, KID, precision and recall.

Pure numpy (float64), no network and no feature extraction: the functions take
two ``[n, d]`` feature arrays, so they are tested on Gaussians whose answers
are known in closed form. ``keras_gans.metrics.fid`` and friends add the
feature extraction.
"""

import numpy as np

from keras_gans.errors import ArgumentError


def _features(x, what):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] < 2:
        raise ArgumentError(f"{what} must be a [n >= 2, d] feature array, got shape {x.shape}.")
    if not np.all(np.isfinite(x)):
        raise ArgumentError(f"{what} holds NaN or infinite values.")
    return x


def _pair(a, b):
    a, b = _features(a, "the first feature set"), _features(b, "the second feature set")
    if a.shape[1] != b.shape[1]:
        raise ArgumentError(f"Feature sizes differ: {a.shape[1]} vs {b.shape[1]}.")
    return a, b


def _psd_sqrt(matrix):
    """Square root of a symmetric positive semi-definite matrix (eigenvalues clipped at 0)."""
    values, vectors = np.linalg.eigh((matrix + matrix.T) / 2.0)
    return (vectors * np.sqrt(np.clip(values, 0.0, None))) @ vectors.T


def frechet_distance(mu1, cov1, mu2, cov2):
    """Fréchet distance of two Gaussians: ``|mu1-mu2|^2 + Tr(C1 + C2 - 2 (C1 C2)^(1/2))``.

    ``Tr((C1 C2)^(1/2))`` is computed as ``Tr((S C2 S)^(1/2))`` with ``S = C1^(1/2)``:
    ``S C2 S`` is symmetric positive semi-definite, so its eigenvalues are real
    and non-negative up to rounding (clipped at 0). That is exact, never complex,
    and finite for singular (rank-deficient) covariances.
    """
    mu1, mu2 = np.asarray(mu1, np.float64), np.asarray(mu2, np.float64)
    cov1, cov2 = np.asarray(cov1, np.float64), np.asarray(cov2, np.float64)
    s1 = _psd_sqrt(cov1)
    middle = s1 @ cov2 @ s1
    eig = np.linalg.eigvalsh((middle + middle.T) / 2.0)
    trace_sqrt = np.sum(np.sqrt(np.clip(eig, 0.0, None)))
    diff = mu1 - mu2
    value = diff @ diff + np.trace(cov1) + np.trace(cov2) - 2.0 * trace_sqrt
    return float(max(value, 0.0))


def fid_from_features(a, b):
    """Fréchet Inception Distance between two feature sets ``[n, d]``.

    Means and covariances in float64 (unbiased covariance), then
    ``frechet_distance``. 0 for identical sets.

    Example:
    >>> import numpy as np
    >>> x = np.random.RandomState(0).normal(size=(500, 4))
    >>> keras_gans.metrics.fid_from_features(x, x)
    0.0

    Reference:
        Heusel et al., GANs Trained by a Two Time-Scale Update Rule Converge to
        a Local Nash Equilibrium (2017), https://arxiv.org/abs/1706.08500
    """
    a, b = _pair(a, b)
    return frechet_distance(a.mean(0), np.cov(a, rowvar=False), b.mean(0), np.cov(b, rowvar=False))


def _mmd2_unbiased(x, y):
    d = x.shape[1]
    kxx = (x @ x.T / d + 1.0) ** 3
    kyy = (y @ y.T / d + 1.0) ** 3
    kxy = (x @ y.T / d + 1.0) ** 3
    m, n = len(x), len(y)
    sum_xx = (kxx.sum() - np.trace(kxx)) / (m * (m - 1))
    sum_yy = (kyy.sum() - np.trace(kyy)) / (n * (n - 1))
    return sum_xx + sum_yy - 2.0 * kxy.mean()


def kid_from_features(a, b, num_subsets=100, subset_size=1000, seed=0):
    """Kernel Inception Distance: unbiased MMD^2 with the kernel ``(x.y / d + 1)^3``.

    Averaged over ``num_subsets`` random subsets of ``min(subset_size, n_a, n_b)``
    examples from each set (drawn with ``seed``).

    Returns:
        ``(mean, std)`` over the subsets. The mean is unbiased: near 0 (and
        possibly slightly negative) for two samples of one distribution.

    Reference:
        Bińkowski et al., Demystifying MMD GANs (2018),
        https://arxiv.org/abs/1801.01401
    """
    a, b = _pair(a, b)
    m = min(int(subset_size), len(a), len(b))
    rng = np.random.RandomState(seed)
    values = [
        _mmd2_unbiased(
            a[rng.choice(len(a), m, replace=False)], b[rng.choice(len(b), m, replace=False)]
        )
        for _ in range(int(num_subsets))
    ]
    return float(np.mean(values)), float(np.std(values))


def _squared_distances(x, y):
    sq = (x * x).sum(1)[:, None] + (y * y).sum(1)[None, :] - 2.0 * x @ y.T
    return np.maximum(sq, 0.0)


def _kth_neighbour_radii(x, k):
    """Squared distance from each row to its k-th nearest other row."""
    dist = _squared_distances(x, x)
    np.fill_diagonal(dist, np.inf)
    return np.partition(dist, k - 1, axis=1)[:, k - 1]


def _coverage_fraction(manifold, radii, queries):
    """Fraction of ``queries`` inside at least one ball (centre ``manifold[i]``, radius)."""
    inside = _squared_distances(queries, manifold) <= radii[None, :]
    return float(inside.any(axis=1).mean())


def precision_recall_from_features(real, fake, k=3):
    """Improved precision and recall (k-nearest-neighbour manifolds).

    Precision: the fraction of fake samples inside the real manifold (the union
    of balls around each real sample reaching its k-th nearest real neighbour);
    recall: the fraction of real samples inside the fake manifold. Both are 1
    for identical sets; a generator that drops modes keeps its precision and
    loses recall.

    Returns:
        ``(precision, recall)``.

    Reference:
        Kynkäänniemi et al., Improved Precision and Recall Metric for Assessing
        Generative Models (2019), https://arxiv.org/abs/1904.06991
    """
    real, fake = _pair(real, fake)
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k < min(len(real), len(fake)):
        raise ArgumentError(f"k must be an int in [1, {min(len(real), len(fake)) - 1}], got {k!r}.")
    precision = _coverage_fraction(real, _kth_neighbour_radii(real, k), fake)
    recall = _coverage_fraction(fake, _kth_neighbour_radii(fake, k), real)
    return precision, recall
