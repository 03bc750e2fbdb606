# Test suites for core/model.
