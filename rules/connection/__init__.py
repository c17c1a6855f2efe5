"""Rules for CloudFront Connection Functions code (kind = connection-function)."""
