import os

# Under CI a test that would skip (a browser test, a PostgreSQL test on PostgreSQL) fails instead.
RUNNING_IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
