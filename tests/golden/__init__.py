"""Golden articles: whole articles with their reviewed expected claims (see README.md here).

`tests.golden.expected` finds the articles and writes, reads and compares their expected files;
``python -m tests.golden`` regenerates them; ``tests/test_golden.py`` checks them.
"""
