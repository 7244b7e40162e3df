#!/usr/bin/python3
"""Entry of scripts/fidelity; the code is in scripts/fidelitylib/."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))

from fidelitylib.cli import main  # noqa: E402

sys.exit(main())
