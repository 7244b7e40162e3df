// Fuzz target (6): the DNS server's and the stub resolver's parse of a datagram (DnsWire::Decode,
// ldns underneath). Checks: any bytes give a message or a one-line error, never a crash; a
// message taken has its name in lower case (labels with special bytes escaped, RFC 1035 5.1); and it
// survives a round trip: encoded again and parsed again, it is the same message (what the server
// answers is built from what it parsed).
#include "fuzz-check.h"
#include "fuzz-targets.h"

#include "ns3/dns-wire.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{
namespace handshake
{
namespace fuzz
{
namespace
{

bool
SameMessage(const DnsMessage& a, const DnsMessage& b)
{
    if (std::tie(a.id, a.response, a.opcode, a.authoritative, a.recursionDesired, a.recursionAvailable,
                 a.rcode, a.questionName, a.questionType, a.questionClass) !=
            std::tie(b.id, b.response, b.opcode, b.authoritative, b.recursionDesired, b.recursionAvailable,
                     b.rcode, b.questionName, b.questionType, b.questionClass) ||
        a.answers.size() != b.answers.size())
    {
        return false;
    }
    for (size_t i = 0; i < a.answers.size(); ++i)
    {
        if (std::tie(a.answers[i].name, a.answers[i].ttl, a.answers[i].address) !=
            std::tie(b.answers[i].name, b.answers[i].ttl, b.answers[i].address))
        {
            return false;
        }
    }
    return true;
}

} // namespace

void
RunDnsMessageTarget(const uint8_t* data, size_t size)
{
    DnsMessage message;
    std::string error = DnsWire::Decode(data, size, message);
    if (!error.empty())
    {
        FUZZ_CHECK(error.find('\n') == std::string::npos, "an error of more than one line: " << error);
        return;
    }
    FUZZ_CHECK(std::none_of(message.questionName.begin(), message.questionName.end(),
                            [](char c) { return c >= 'A' && c <= 'Z'; }),
               "a name not kept in lower case: '" << message.questionName << "'");
    std::string encodeError;
    std::vector<uint8_t> wire = DnsWire::Encode(message, &encodeError);
    // The root name (".", empty here) is a name a query may carry but the module never asks for.
    if (message.questionName.empty())
    {
        return;
    }
    FUZZ_CHECK(!wire.empty(), "a parsed message does not encode: " << encodeError);
    DnsMessage again;
    error = DnsWire::Decode(wire.data(), wire.size(), again);
    FUZZ_CHECK(error.empty(), "an encoded message does not parse: " << error);
    FUZZ_CHECK(SameMessage(message, again), "a round trip changed the message of '" << message.questionName << "'");
}

} // namespace fuzz
} // namespace handshake
} // namespace ns3
