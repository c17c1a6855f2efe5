"""edgelint: static analysis for AWS edge code (CloudFront Functions and Lambda@Edge)."""

__version__ = "0.1.0"
