"""The data-set generator behind ``bench/generate.py``, one module per concern.

``cli`` runs the steps in order; ``generator`` holds the state they share (sizes, the random
generator, who lives where); ``people``, ``relations`` and ``contacts`` write the big tables
with ``COPY`` (``bulk``), ``orm`` the few rows that go through the services; ``database``
recreates, migrates and finishes the database. ``names`` and ``phrases`` are the vocabulary.
"""
