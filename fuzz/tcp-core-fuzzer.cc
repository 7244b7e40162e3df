// libFuzzer target (1) the sans-I/O TCP core; the body is in targets/ (doc/fuzzing.rst).
#include "fuzz-targets.h"

HANDSHAKE_FUZZ_ENTRY_POINT(RunTcpCoreTarget)
