/*
 * One DNS message as the module's DNS server and stub resolver use it (RFC 1035 4.1): a header,
 * exactly one question, and A records in the answer section. DnsWire turns it into wire format and
 * back (with ldns); names are kept lower case without the root's trailing dot ("server0.example"),
 * as DNS compares them without regard to case (RFC 1035 2.3.3).
 */
#ifndef HANDSHAKE_DNS_MESSAGE_H
#define HANDSHAKE_DNS_MESSAGE_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/** An A record of the answer section. */
struct DnsAnswer
{
    std::string name;
    uint32_t ttl{0};     //!< seconds
    uint32_t address{0}; //!< IPv4, host byte order (as ns3::Ipv4Address::Get)
};

struct DnsMessage
{
    /** RFC 1035 4.1.1 RCODE values the module uses. */
    enum Rcode : uint8_t
    {
        NOERROR = 0,
        FORMERR = 1,
        SERVFAIL = 2,
        NXDOMAIN = 3,
        NOTIMP = 4,
    };
    static constexpr uint16_t TYPE_A = 1;   //!< RFC 1035 3.2.2
    static constexpr uint16_t CLASS_IN = 1; //!< RFC 1035 3.2.4

    uint16_t id{0};
    bool response{false};          //!< QR
    uint8_t opcode{0};             //!< 0: a standard query
    bool authoritative{false};     //!< AA
    bool recursionDesired{true};   //!< RD, as a stub resolver sets it
    bool recursionAvailable{false}; //!< RA
    uint8_t rcode{NOERROR};
    std::string questionName;
    uint16_t questionType{TYPE_A};
    uint16_t questionClass{CLASS_IN};
    std::vector<DnsAnswer> answers;

    /** An A query for \p name with \p id, recursion desired, as glibc's stub resolver sends it. */
    static DnsMessage Query(uint16_t id, const std::string& name);
};

} // namespace ns3

#endif // HANDSHAKE_DNS_MESSAGE_H
