"""python3 -m handshake.sweep: the same command line as scripts/sweep and handshake-sweep."""

import sys

from .cli import main

sys.exit(main())
