#include "tcp-segment-decoder.h"

#include "tcp-checksum.h"
#include "tcp-header-check.h"

namespace ns3
{
namespace handshake
{
namespace
{

uint16_t
Read16(const uint8_t* at)
{
    return static_cast<uint16_t>(at[0] << 8 | at[1]);
}

uint32_t
Read32(const uint8_t* at)
{
    return static_cast<uint32_t>(Read16(at)) << 16 | Read16(at + 2);
}

/** The options between byte 20 and \p end, laid out as TcpHeaderCheck::WellFormedLength allows. */
void
DecodeOptions(const uint8_t* bytes, uint32_t end, TcpSegment& segment)
{
    using Kind = TcpHeaderCheck::OptionKind;
    bool sackSeen = false;
    for (uint32_t at = 20; at < end;)
    {
        const uint8_t* option = bytes + at;
        if (option[0] == Kind::END)
        {
            return; // RFC 9293 3.2: the rest is padding
        }
        if (option[0] == Kind::NOP)
        {
            ++at;
            continue;
        }
        // Where an option comes twice, the first counts, as ns-3's TcpHeader::GetOption has it.
        switch (option[0])
        {
        case Kind::MSS:
            if (!segment.mss)
            {
                segment.mss = Read16(option + 2);
            }
            break;
        case Kind::WINDOW_SCALE:
            if (!segment.windowScale)
            {
                segment.windowScale = option[2];
            }
            break;
        case Kind::SACK_PERMITTED:
            segment.sackPermitted = true;
            break;
        case Kind::TIMESTAMPS:
            if (!segment.timestamp)
            {
                segment.timestamp = TcpTimestampOption{Read32(option + 2), Read32(option + 6)};
            }
            break;
        case Kind::SACK:
            if (!sackSeen)
            {
                sackSeen = true;
                for (uint32_t block = 2; block + 8 <= option[1] &&
                                         segment.sack.size() < TcpSegment::MAX_SACK_BLOCKS;
                     block += 8)
                {
                    segment.sack.push_back({Read32(option + block), Read32(option + block + 4)});
                }
            }
            break;
        default:
            break; // RFC 9293 3.2 (MUST-5): an unknown kind is skipped by its length
        }
        at += option[1];
    }
}

} // namespace

TcpSegmentDecoder::Verdict
TcpSegmentDecoder::Decode(std::vector<uint8_t>&& wire,
                          uint32_t source,
                          uint32_t destination,
                          TcpSegment& segment,
                          uint32_t& headerBytes)
{
    const uint32_t end = TcpHeaderCheck::WellFormedLength(wire.data(), wire.size());
    if (end == 0)
    {
        return Verdict::MALFORMED;
    }
    if (TcpChecksum::Compute(wire.data(), wire.size(), source, destination) != 0)
    {
        return Verdict::BAD_CHECKSUM;
    }
    const uint8_t* bytes = wire.data();
    TcpSegment decoded;
    decoded.sourcePort = Read16(bytes);
    decoded.destinationPort = Read16(bytes + 2);
    decoded.seq = Read32(bytes + 4);
    decoded.ack = Read32(bytes + 8);
    decoded.flags = bytes[13] & 0x3f; // ECE and CWR are not the core's business
    decoded.window = Read16(bytes + 14);
    DecodeOptions(bytes, end, decoded);
    // RFC 9293 3.1: the data begins at the data offset.
    wire.erase(wire.begin(), wire.begin() + end);
    decoded.payload = std::move(wire);
    segment = std::move(decoded);
    headerBytes = end;
    return Verdict::OK;
}

} // namespace handshake
} // namespace ns3
