// The bodies of the fuzz targets, one function each: the libFuzzer entry points (fuzz/*-fuzzer.cc)
// call them, and so does test/unit/fuzz-regression-test.cc, which replays the committed seeds and
// crash inputs in the ordinary g++ build. Each aborts (FUZZ_CHECK) when an invariant is broken.
// What each checks: doc/fuzzing.rst.
#ifndef HANDSHAKE_FUZZ_TARGETS_H
#define HANDSHAKE_FUZZ_TARGETS_H

#include <cstddef>
#include <cstdint>

namespace ns3
{
namespace handshake
{
namespace fuzz
{

/** (1) The sans-I/O TCP core: a connection in one of the 11 states, then segments, timers, calls. */
void RunTcpCoreTarget(const uint8_t* data, size_t size);
/** (2) Raw bytes as a TCP header + payload through the adapter's receive-side parsing. */
void RunTcpHeaderTarget(const uint8_t* data, size_t size);
/** (3) A byte stream, split at fuzzer-chosen points, into the server's HttpRequestParser. */
void RunHttpRequestTarget(const uint8_t* data, size_t size);
/** (4) A byte stream, split at fuzzer-chosen points, into the client's HttpResponseParser. */
void RunHttpResponseTarget(const uint8_t* data, size_t size);
/** (5) Bytes as a handshake-sim --config file, then the whole flag parse. */
void RunSimConfigTarget(const uint8_t* data, size_t size);
/** (6) A datagram into DnsWire::Decode, as the DNS server and the stub resolver take it. */
void RunDnsMessageTarget(const uint8_t* data, size_t size);

} // namespace fuzz
} // namespace handshake
} // namespace ns3

/** The libFuzzer entry point of a fuzz/<name>-fuzzer.cc: runs \p run on each input. */
#define HANDSHAKE_FUZZ_ENTRY_POINT(run)                                                            \
    extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)                        \
    {                                                                                              \
        ::ns3::handshake::fuzz::run(data, size);                                                   \
        return 0;                                                                                  \
    }

#endif // HANDSHAKE_FUZZ_TARGETS_H
