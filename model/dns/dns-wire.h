/*
 * DNS wire format (RFC 1035 4.1) for DnsMessage, built and parsed by ldns (NLnet Labs, Debian's
 * libldns-dev) so that what the module puts on the wire is what real resolvers and tshark's dns
 * dissector read. Plain C++: no ns-3, so that the parser can be fuzzed on its own
 * (fuzz/targets/dns-message-target.cc).
 */
#ifndef HANDSHAKE_DNS_WIRE_H
#define HANDSHAKE_DNS_WIRE_H

#include "ns3/dns-message.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class DnsWire
{
  public:
    /** Longest message over UDP without EDNS (RFC 1035 4.2.1). */
    static constexpr size_t MAX_UDP_SIZE = 512;

    /** \p message in wire format; empty (and \p error set) when a name is not a valid domain name. */
    static std::vector<uint8_t> Encode(const DnsMessage& message, std::string* error = nullptr);

    /**
     * Parses \p size bytes at \p data into \p message. Returns an empty string on success, else
     * why the bytes are not a message the module takes (one line): not DNS at all (ldns' error),
     * not exactly one question, an answer that is not an A record of class IN.
     */
    static std::string Decode(const uint8_t* data, size_t size, DnsMessage& message);

    /** \p name lower case, without a trailing dot: the form DnsMessage keeps names in. */
    static std::string CanonicalName(const std::string& name);
    /** Whether \p name is a domain name ldns takes (labels of 1..63 bytes, 255 in all). */
    static bool IsValidName(const std::string& name);
};

} // namespace ns3

#endif // HANDSHAKE_DNS_WIRE_H
