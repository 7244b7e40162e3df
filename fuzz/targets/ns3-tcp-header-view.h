// What ns-3 3.37's TcpHeader::Deserialize makes of a segment's bytes, as the core's TcpSegment:
// the reference that handshake::TcpSegmentDecoder is compared with (the tcp-header fuzz target,
// the unit tests). It is how the adapter read segments before the decoder. Only for bytes that
// TcpHeaderCheck::WellFormedLength accepts: on others ns-3 reads past the end, aborts or loops.
#ifndef HANDSHAKE_FUZZ_NS3_TCP_HEADER_VIEW_H
#define HANDSHAKE_FUZZ_NS3_TCP_HEADER_VIEW_H

#include "ns3/packet.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-option-sack.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-option-winscale.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tcp-segment.h"

#include <vector>

namespace ns3
{
namespace handshake
{
namespace fuzz
{

/** The fields, the first option of each kind ns-3 lists, and the bytes after the data offset. */
inline TcpSegment
Ns3TcpHeaderView(const std::vector<uint8_t>& bytes)
{
    Ptr<Packet> packet = Create<Packet>(bytes.data(), static_cast<uint32_t>(bytes.size()));
    TcpHeader header;
    packet->PeekHeader(header);
    TcpSegment segment;
    segment.sourcePort = header.GetSourcePort();
    segment.destinationPort = header.GetDestinationPort();
    segment.seq = header.GetSequenceNumber().GetValue();
    segment.ack = header.GetAckNumber().GetValue();
    segment.flags = header.GetFlags() & 0x3f;
    segment.window = header.GetWindowSize();
    if (header.HasOption(TcpOption::MSS))
    {
        segment.mss = DynamicCast<const TcpOptionMSS>(header.GetOption(TcpOption::MSS))->GetMSS();
    }
    if (header.HasOption(TcpOption::WINSCALE))
    {
        segment.windowScale =
            DynamicCast<const TcpOptionWinScale>(header.GetOption(TcpOption::WINSCALE))->GetScale();
    }
    segment.sackPermitted = header.HasOption(TcpOption::SACKPERMITTED);
    if (header.HasOption(TcpOption::TS))
    {
        auto ts = DynamicCast<const TcpOptionTS>(header.GetOption(TcpOption::TS));
        segment.timestamp = TcpTimestampOption{ts->GetTimestamp(), ts->GetEcho()};
    }
    if (header.HasOption(TcpOption::SACK))
    {
        auto sack = DynamicCast<const TcpOptionSack>(header.GetOption(TcpOption::SACK));
        for (const auto& block : sack->GetSackList())
        {
            if (segment.sack.size() == TcpSegment::MAX_SACK_BLOCKS)
            {
                break;
            }
            segment.sack.push_back({block.first.GetValue(), block.second.GetValue()});
        }
    }
    // RFC 9293 3.1: the data begins at the data offset.
    segment.payload.assign(bytes.begin() + (bytes[12] >> 4) * 4, bytes.end());
    return segment;
}

/** Every field and option of \p a and \p b is the same. */
inline bool
SameSegment(const TcpSegment& a, const TcpSegment& b)
{
    auto sameTimestamp = [](const std::optional<TcpTimestampOption>& x,
                            const std::optional<TcpTimestampOption>& y) {
        return x.has_value() == y.has_value() &&
               (!x || (x->value == y->value && x->echo == y->echo));
    };
    return a.sourcePort == b.sourcePort && a.destinationPort == b.destinationPort && a.seq == b.seq &&
           a.ack == b.ack && a.flags == b.flags && a.window == b.window && a.mss == b.mss &&
           a.windowScale == b.windowScale && a.sackPermitted == b.sackPermitted &&
           sameTimestamp(a.timestamp, b.timestamp) && a.sack == b.sack && a.payload == b.payload;
}

} // namespace fuzz
} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_FUZZ_NS3_TCP_HEADER_VIEW_H
