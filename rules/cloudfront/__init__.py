"""Rules for CloudFront Functions code (kind = cloudfront-function)."""
