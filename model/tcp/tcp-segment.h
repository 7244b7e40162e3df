/*
 * A TCP segment as the sans-I/O core sees it: header fields, the options we speak, payload bytes.
 * The ns-3 adapter converts between this and ns3::TcpHeader + Packet; the core never sees ns-3 types,
 * so unit tests and fuzzers build segments directly.
 */
#ifndef HANDSHAKE_TCP_SEGMENT_H
#define HANDSHAKE_TCP_SEGMENT_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace handshake
{

/** One SACK block (RFC 2018 3): [left, right) in sequence space. */
struct TcpSackBlock
{
    uint32_t left{0};
    uint32_t right{0};
    bool operator==(const TcpSackBlock& o) const { return left == o.left && right == o.right; }
};

/** The timestamps option (RFC 7323 3): TSval and TSecr. */
struct TcpTimestampOption
{
    uint32_t value{0};
    uint32_t echo{0};
};

struct TcpSegment
{
    /** RFC 2018 3: at most 4 blocks fit in 40 option bytes, 3 next to a timestamps option. */
    static constexpr size_t MAX_SACK_BLOCKS = 4;

    // Control bits (RFC 9293 3.1), same values as on the wire.
    static constexpr uint8_t FIN = 0x01;
    static constexpr uint8_t SYN = 0x02;
    static constexpr uint8_t RST = 0x04;
    static constexpr uint8_t PSH = 0x08;
    static constexpr uint8_t ACK = 0x10;
    static constexpr uint8_t URG = 0x20;

    uint16_t sourcePort{0};
    uint16_t destinationPort{0};
    uint32_t seq{0};
    uint32_t ack{0};
    uint8_t flags{0};
    uint16_t window{0}; //!< as on the wire (before window-scale shift)
    std::optional<uint16_t> mss;        //!< MSS option (RFC 9293 3.7.1), SYNs only
    std::optional<uint8_t> windowScale; //!< RFC 7323 2, SYNs only
    bool sackPermitted{false};          //!< RFC 2018 2, SYNs only
    std::optional<TcpTimestampOption> timestamp; //!< RFC 7323 3
    std::vector<TcpSackBlock> sack;     //!< RFC 2018 3 (D-SACK first, RFC 2883)
    std::vector<uint8_t> payload;

    bool Has(uint8_t bits) const { return (flags & bits) == bits; }
    /** Sequence space the segment occupies: payload plus one for SYN and one for FIN (RFC 9293 3.4). */
    uint32_t SequenceLength() const
    {
        return static_cast<uint32_t>(payload.size()) + (Has(SYN) ? 1 : 0) + (Has(FIN) ? 1 : 0);
    }
    /** "SYN,ACK seq=.. ack=.. win=.. len=.." for logs and test failure messages. */
    std::string Describe() const;
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_SEGMENT_H
