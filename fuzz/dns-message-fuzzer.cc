// libFuzzer target (6) the DNS server's and resolver's datagram parse; the body is in targets/
// (doc/fuzzing.rst).
#include "fuzz-targets.h"

HANDSHAKE_FUZZ_ENTRY_POINT(RunDnsMessageTarget)
