// libFuzzer target (3) the HTTP server's request parsing; the body is in targets/ (doc/fuzzing.rst).
#include "fuzz-targets.h"

HANDSHAKE_FUZZ_ENTRY_POINT(RunHttpRequestTarget)
