# Test suites for core/io.
