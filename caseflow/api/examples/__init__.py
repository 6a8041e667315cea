"""Worked examples of the API, shown on /api/v1/docs and run by tests/test_api_docs.py."""
