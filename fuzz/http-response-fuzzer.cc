// libFuzzer target (4) the HTTP client's response parsing; the body is in targets/ (doc/fuzzing.rst).
#include "fuzz-targets.h"

HANDSHAKE_FUZZ_ENTRY_POINT(RunHttpResponseTarget)
