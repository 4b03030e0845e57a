"""The staff benchmarks behind ``bench/scale_speed.py``, one module per path timed (``card``,
``search``, ``lookup``, ``accesslog``), with the plain SQL they are compared to (``plain_sql``),
the samples (``data``), the figures (``report``) and the command line (``cli``).

Importing the package sets Django up, as the script did at its top: the modules import the
project's models at theirs.
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantcontact.settings")
# Persistent connections, as production runs (the development default opens one per request).
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")

django.setup()
