# Test suites for core/image.
