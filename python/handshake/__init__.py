"""handshake: the Python side of the handshake ns-3 module (doc/python.rst).

  handshake.results  a run's results.sqlite as pandas DataFrames (load(out_dir))
  handshake.sweep    parameter sweeps of handshake-sim (the `handshake-sweep` command, scripts/sweep)

SOURCE_ROOT is the project's checkout when the package is imported from it (scripts/sweep does, without
installing it), None when it is installed: then there is no build/bin/ or scripts/lib/ to fall back on.
"""

import os
from typing import Optional

__version__ = "0.1.0"


def _source_root() -> Optional[str]:
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    return root if os.path.isfile(os.path.join(root, "scripts", "lib", "common.sh")) else None


SOURCE_ROOT = _source_root()
