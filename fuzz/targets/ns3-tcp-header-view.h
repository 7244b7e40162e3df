// ns-3 3.37's TcpHeader as the adapter used it before the core encoded and decoded segments
// (issue [bench]), kept as the reference the core is compared with (the tcp-header fuzz target,
// the unit tests):
// - Ns3TcpHeaderView: what TcpHeader::Deserialize makes of a segment's bytes, as a TcpSegment
//   (TcpSegmentDecoder's reference). Only for bytes that TcpHeaderCheck::WellFormedLength accepts:
//   on others ns-3 reads past the end, aborts or loops.
// - Ns3TcpHeaderOf, Ns3Wire: a TcpSegment as a TcpHeader with ns-3 option objects, and the bytes
//   ns-3 serialises from it (TcpSegmentEncoder's reference).
// And the other side of those comparisons, the segment as the adapter sends it (AdapterPacket).
#ifndef HANDSHAKE_FUZZ_NS3_TCP_HEADER_VIEW_H
#define HANDSHAKE_FUZZ_NS3_TCP_HEADER_VIEW_H

#include "ns3/handshake-tcp-l4-protocol.h"
#include "ns3/handshake-tcp-sent-header.h"
#include "ns3/ipv4-address.h"
#include "ns3/packet.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-option-sack.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-option-winscale.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tcp-option-sack-permitted.h"
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

/** Appends \p count NOP options to \p header. */
inline void
AppendNs3Nops(TcpHeader& header, uint32_t count)
{
    for (uint32_t i = 0; i < count; ++i)
    {
        header.AppendOption(CreateObject<TcpOptionNOP>());
    }
}

/**
 * \p segment as a TcpHeader, options laid out as Linux lays them (MSS, then SACK permitted +
 * timestamps or NOP NOP timestamps or NOP NOP SACK permitted, NOP window scale, NOP NOP SACK
 * blocks), and its payload as a packet.
 */
inline Ptr<Packet>
Ns3TcpHeaderOf(const TcpSegment& segment, TcpHeader& header)
{
    header.SetSourcePort(segment.sourcePort);
    header.SetDestinationPort(segment.destinationPort);
    header.SetSequenceNumber(SequenceNumber32(segment.seq));
    header.SetAckNumber(SequenceNumber32(segment.ack));
    header.SetFlags(segment.flags);
    header.SetWindowSize(segment.window);
    if (segment.mss)
    {
        Ptr<TcpOptionMSS> mss = CreateObject<TcpOptionMSS>();
        mss->SetMSS(*segment.mss);
        header.AppendOption(mss);
    }
    if (segment.timestamp)
    {
        if (segment.sackPermitted)
        {
            header.AppendOption(CreateObject<TcpOptionSackPermitted>());
        }
        else
        {
            AppendNs3Nops(header, 2);
        }
        Ptr<TcpOptionTS> ts = CreateObject<TcpOptionTS>();
        ts->SetTimestamp(segment.timestamp->value);
        ts->SetEcho(segment.timestamp->echo);
        header.AppendOption(ts);
    }
    else if (segment.sackPermitted)
    {
        AppendNs3Nops(header, 2);
        header.AppendOption(CreateObject<TcpOptionSackPermitted>());
    }
    if (segment.windowScale)
    {
        AppendNs3Nops(header, 1);
        Ptr<TcpOptionWinScale> scale = CreateObject<TcpOptionWinScale>();
        scale->SetScale(*segment.windowScale);
        header.AppendOption(scale);
    }
    if (!segment.sack.empty())
    {
        AppendNs3Nops(header, 2);
        Ptr<TcpOptionSack> sack = CreateObject<TcpOptionSack>();
        for (const TcpSackBlock& block : segment.sack)
        {
            sack->AddSackBlock({SequenceNumber32(block.left), SequenceNumber32(block.right)});
        }
        header.AppendOption(sack);
    }
    return Create<Packet>(segment.payload.data(), static_cast<uint32_t>(segment.payload.size()));
}

/** The bytes ns-3 puts on the wire for \p segment from \p source to \p destination, checksum included. */
inline std::vector<uint8_t>
Ns3Wire(const TcpSegment& segment, Ipv4Address source, Ipv4Address destination)
{
    TcpHeader header;
    Ptr<Packet> packet = Ns3TcpHeaderOf(segment, header);
    header.EnableChecksums();
    header.InitializeChecksum(source, destination, 6);
    packet->AddHeader(header);
    std::vector<uint8_t> wire(packet->GetSize());
    packet->CopyData(wire.data(), static_cast<uint32_t>(wire.size()));
    return wire;
}

/** The four-tuple \p source -> \p destination with \p segment's ports. */
inline TcpFourTuple
TupleOf(const TcpSegment& segment, Ipv4Address source, Ipv4Address destination)
{
    TcpFourTuple tuple;
    tuple.localAddress = HandshakeTcpL4Protocol::ToBytes(source);
    tuple.localPort = segment.sourcePort;
    tuple.remoteAddress = HandshakeTcpL4Protocol::ToBytes(destination);
    tuple.remotePort = segment.destinationPort;
    return tuple;
}

/** \p segment from \p source to \p destination as the adapter sends it: its payload with the
 *  core's encoding of its header (HandshakeTcpSentHeader), checksum included. */
inline Ptr<Packet>
AdapterPacket(const TcpSegment& segment, Ipv4Address source, Ipv4Address destination)
{
    HandshakeTcpSentHeader header(segment, TupleOf(segment, source, destination));
    Ptr<Packet> packet = Create<Packet>(segment.payload.data(), static_cast<uint32_t>(segment.payload.size()));
    packet->AddHeader(header);
    return packet;
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
