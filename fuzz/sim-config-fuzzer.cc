// libFuzzer target (5) handshake-sim's --config file parser; the body is in targets/ (doc/fuzzing.rst).
#include "fuzz-targets.h"

HANDSHAKE_FUZZ_ENTRY_POINT(RunSimConfigTarget)
