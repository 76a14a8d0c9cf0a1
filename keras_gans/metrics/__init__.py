"""Evaluation: FID, KID, precision/recall, class coverage, classification accuracy scores;
offline feature extractors."""

from keras_gans.metrics.cas import (
    CAS_STEPS,
    ClassificationScores,
    accuracy,
    classification_accuracy_scores,
    train_classifier,
)
from keras_gans.metrics.classifier import (
    DigitsClassifier,
    MnistClassifier,
    cache_dir,
    protocol_classifier,
)
from keras_gans.metrics.evaluation import (
    METRICS,
    check_metric_names,
    class_coverage,
    conditional_accuracy,
    coverage_from_probabilities,
    evaluate_images,
    fid,
    kid,
    precision_recall,
)
from keras_gans.metrics.formulas import (
    fid_from_features,
    frechet_distance,
    kid_from_features,
    precision_recall_from_features,
)
from keras_gans.metrics.inception import InceptionFeatures, default_weights_path

__all__ = [
    "CAS_STEPS",
    "ClassificationScores",
    "accuracy",
    "classification_accuracy_scores",
    "train_classifier",
    "METRICS",
    "check_metric_names",
    "evaluate_images",
    "DigitsClassifier",
    "MnistClassifier",
    "protocol_classifier",
    "InceptionFeatures",
    "cache_dir",
    "class_coverage",
    "conditional_accuracy",
    "coverage_from_probabilities",
    "default_weights_path",
    "fid",
    "fid_from_features",
    "frechet_distance",
    "kid",
    "kid_from_features",
    "precision_recall",
    "precision_recall_from_features",
]
