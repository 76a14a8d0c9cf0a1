"""The evaluation and translation protocols shared by the CLI and the benchmarks, and
``synthesize`` (a generator's images as a labelled image folder)."""

from keras_gans.reports.evaluation import (
    SOURCE_METRICS,
    cas_report,
    evaluate_images_protocol,
    evaluate_source,
    format_table,
    reference_images,
)
from keras_gans.reports.synthesis import MANIFEST, SynthesisResult, class_names, synthesize
from keras_gans.reports.translation import (
    cycle_l1,
    domain_classifier,
    mean_psnr,
    paired_report,
    unpaired_report,
)

__all__ = [
    "SOURCE_METRICS",
    "cas_report",
    "MANIFEST",
    "SynthesisResult",
    "class_names",
    "synthesize",
    "cycle_l1",
    "domain_classifier",
    "evaluate_images_protocol",
    "evaluate_source",
    "format_table",
    "mean_psnr",
    "paired_report",
    "reference_images",
    "unpaired_report",
]
