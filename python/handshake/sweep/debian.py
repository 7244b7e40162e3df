"""Debian packages that only some commands need (python3-matplotlib for plot, python3-scipy for
Student's t): imported when first needed, installed first when missing, with the same idempotent apt
step as scripts/demo and scripts/test (SWEEP_NO_INSTALL=1, or an installed package, which has no
scripts/lib/common.sh: say what to install instead)."""

import importlib
import os
import subprocess
from types import ModuleType

from .. import SOURCE_ROOT
from . import SweepError, log

_COMMON_SH = os.path.join(SOURCE_ROOT, "scripts", "lib", "common.sh") if SOURCE_ROOT else None


def import_module(name: str, package: str, purpose: str) -> ModuleType:
    """The module name, from Debian's package; purpose says what needs it ("plot")."""
    try:
        return importlib.import_module(name)
    except ImportError:
        if os.environ.get("SWEEP_NO_INSTALL") or not _COMMON_SH:
            raise SweepError(f"{purpose} needs {name}: apt-get install {package}", exit_code=1)
        log(f"{purpose} needs {name}: installing {package}")
        script = f'source "{_COMMON_SH}"; HANDSHAKE_PACKAGES=({package}); install_missing'
        if subprocess.run(["bash", "-c", script]).returncode != 0:
            raise SweepError(f"{purpose} needs {name}, and installing {package} failed", exit_code=1)
        importlib.invalidate_caches()
        try:
            return importlib.import_module(name)
        except ImportError as error:
            raise SweepError(f"{package} is installed, yet: {error}", exit_code=1)
