# Test suites for core/text.
