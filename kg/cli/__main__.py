"""``python -m kg.cli`` runs the ``kg`` command line (as ``python -m kg`` does)."""
import sys

from kg.cli import main

sys.exit(main())
