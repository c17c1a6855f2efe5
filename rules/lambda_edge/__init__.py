"""Rules for Lambda@Edge code (kind = lambda-edge), in JavaScript and Python."""
