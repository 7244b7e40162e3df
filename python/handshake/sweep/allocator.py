"""The allocator the runs get: Debian's tcmalloc (libtcmalloc-minimal4) when it is installed, as
scripts/lib/common.sh's preload_allocator gives scripts/demo and bench/scale. handshake-sim spends
about a fifth of its time in glibc's malloc and free; with tcmalloc preloaded a 10,000-client run
takes 20% less CPU and writes the same outputs (bench/README.md). HANDSHAKE_ALLOCATOR=glibc keeps
glibc's. A program built with AddressSanitizer keeps its own allocator: ASan aborts when another one is
loaded before it. Such a program is one whose binary names libasan, or any program run with
ASAN_OPTIONS set (scripts/test --sanitize sets it; a wrapper script may start the binary)."""

import functools
import os

TCMALLOC = "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4"


@functools.lru_cache(maxsize=None)
def sanitized(program: str) -> bool:
    """Whether program (a path) loads AddressSanitizer's runtime (libasan in its dynamic section)."""
    try:
        with open(program, "rb") as binary:
            return b"libasan.so" in binary.read()
    except OSError:
        return False


def environment(base: dict[str, str] | None = None, program: str = "") -> dict[str, str]:
    """base (default: this process's environment) with tcmalloc in LD_PRELOAD when present, not
    turned off by HANDSHAKE_ALLOCATOR=glibc, and neither program nor the environment is
    AddressSanitizer's (ASAN_OPTIONS)."""
    env = dict(os.environ if base is None else base)
    if (env.get("HANDSHAKE_ALLOCATOR", "tcmalloc") == "glibc" or not os.path.exists(TCMALLOC)
            or "ASAN_OPTIONS" in env or (program and sanitized(program))):
        return env
    preload = env.get("LD_PRELOAD", "")
    if TCMALLOC not in preload.split(":"):
        env["LD_PRELOAD"] = f"{TCMALLOC}:{preload}" if preload else TCMALLOC
    return env
