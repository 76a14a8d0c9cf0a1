"""The evaluation and translation protocols shared by the CLI and the benchmarks."""

from keras_gans.reports.evaluation import (
    evaluate_images_protocol,
    evaluate_source,
    format_table,
    reference_images,
)
from keras_gans.reports.translation import (
    cycle_l1,
    domain_classifier,
    mean_psnr,
    paired_report,
    unpaired_report,
)

__all__ = [
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
