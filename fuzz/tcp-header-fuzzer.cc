// libFuzzer target (2) TCP header and options parsing; the body is in targets/ (doc/fuzzing.rst).
#include "fuzz-targets.h"

HANDSHAKE_FUZZ_ENTRY_POINT(RunTcpHeaderTarget)
