// FUZZ_CHECK(condition, message): an invariant of a fuzz target. On violation it prints the
// condition, where it is and the message (streamed, like a log line), then aborts: libFuzzer saves
// the input as a crash, and a regression test replaying it fails loudly.
#ifndef HANDSHAKE_FUZZ_CHECK_H
#define HANDSHAKE_FUZZ_CHECK_H

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

namespace ns3
{
namespace handshake
{
namespace fuzz
{

[[noreturn]] inline void
CheckFailed(const char* condition, const char* file, int line, const std::string& message)
{
    std::fprintf(stderr,
                 "fuzz invariant violated: %s\n  at %s:%d\n  %s\n",
                 condition,
                 file,
                 line,
                 message.c_str());
    std::fflush(stderr);
    std::abort();
}

} // namespace fuzz
} // namespace handshake
} // namespace ns3

#define FUZZ_CHECK(condition, message)                                                             \
    do                                                                                             \
    {                                                                                              \
        if (!(condition))                                                                          \
        {                                                                                          \
            std::ostringstream fuzzCheckMessage;                                                   \
            fuzzCheckMessage << message;                                                           \
            ::ns3::handshake::fuzz::CheckFailed(#condition,                                        \
                                                __FILE__,                                          \
                                                __LINE__,                                          \
                                                fuzzCheckMessage.str());                           \
        }                                                                                          \
    } while (false)

#endif // HANDSHAKE_FUZZ_CHECK_H
