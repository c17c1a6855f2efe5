"""Advice on moving code between CloudFront Functions and Lambda@Edge."""
