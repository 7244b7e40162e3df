/* One packet of a capture as tshark's dissectors decoded it (see PcapChecker). */
#ifndef HANDSHAKE_TEST_DECODED_PACKET_H
#define HANDSHAKE_TEST_DECODED_PACKET_H

#include <cstdint>
#include <string>
#include <vector>

namespace handshake::test
{

/** tshark's checksum status values (ip.checksum.status, tcp.checksum.status). */
enum class ChecksumStatus
{
    BAD = 0,
    GOOD = 1,
    UNVERIFIED = 2,
    ABSENT = 3 //!< the packet has no such header
};

struct DecodedPacket
{
    // TCP flag bits as in the header (tcp.flags).
    static constexpr uint16_t FIN = 0x01;
    static constexpr uint16_t SYN = 0x02;
    static constexpr uint16_t RST = 0x04;
    static constexpr uint16_t PSH = 0x08;
    static constexpr uint16_t ACK = 0x10;

    uint32_t frame{0};
    double time{0};         //!< seconds since the epoch of the capture (= simulation time for ns-3)
    std::string src;        //!< IPv4 source
    std::string dst;        //!< IPv4 destination
    uint16_t srcPort{0};
    uint16_t dstPort{0};
    bool isTcp{false};
    uint16_t flags{0};
    uint32_t seq{0};         //!< absolute (raw) sequence number
    uint32_t ack{0};         //!< absolute (raw) acknowledgment number
    uint32_t payloadLength{0};
    ChecksumStatus ipChecksum{ChecksumStatus::ABSENT};
    ChecksumStatus tcpChecksum{ChecksumStatus::ABSENT};
    bool malformed{false};
    bool httpRequest{false};
    std::string httpMethod;
    std::string httpUri;
    bool httpResponse{false};
    int httpStatus{0};
    /** Every response status in this frame: a frame may end several pipelined responses. */
    std::vector<int> httpStatuses;
    /** Requests that end in this frame (pipelined requests may share one). */
    uint32_t httpRequestCount{0};
    std::vector<std::string> expertMessages;
    std::vector<uint32_t> expertSeverities; //!< tshark's values: 0x200000 chat .. 0x800000 error

    bool Has(uint16_t flagBits) const { return (flags & flagBits) == flagBits; }
    /** Expert messages of severity warning or error. */
    std::vector<std::string> ExpertWarnings() const;
    /** "10.1.0.1:49153 > 10.2.0.1:80 [SYN] seq=.. ack=.. len=.." for failure messages. */
    std::string Describe() const;
};

} // namespace handshake::test

#endif // HANDSHAKE_TEST_DECODED_PACKET_H
