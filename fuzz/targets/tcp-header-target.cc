// Fuzz target (2): raw bytes as a received TCP segment (header, options, payload) through the
// adapter's receive-side parsing, HandshakeTcpL4Protocol::ReadSegment (the core's
// TcpSegmentDecoder: layout, checksum, fields and options into a TcpSegment).
//
// Input: [mode] then the segment's bytes. Mode bit 0 writes a correct checksum into the bytes
// first, so that most inputs get past the checksum to the conversion.
// Checks: no crash or abort; the checksum verdict agrees with an independent computation; what
// ReadSegment returns is what the bytes say (ports, numbers, flags, window, the first MSS and
// window-scale options, the payload) and what ns-3's TcpHeader::Deserialize says of them, every
// option included (ns3-tcp-header-view.h); the header kept for the traces is ns-3's reading of the
// same bytes; and the segment, encoded as the adapter sends it (TcpSegmentEncoder), gives the bytes
// ns-3's TcpHeader wrote for it and survives parsing unchanged.
// The segment then reaches the core's rules for segments with no connection: a listener (under a
// load the mode byte picks) and the RST for strays, whose answers must follow RFC 9293 3.10.7.
#include "fuzz-check.h"
#include "fuzz-input.h"
#include "fuzz-targets.h"
#include "internet-checksum.h"
#include "ns3-tcp-header-view.h"

#include "ns3/handshake-tcp-l4-protocol.h"
#include "ns3/packet.h"
#include "ns3/tcp-listener.h"
#include "ns3/tcp-reset-reply.h"

#include <optional>
#include <vector>

namespace ns3
{
namespace handshake
{
namespace fuzz
{
namespace
{

const Ipv4Address SOURCE("10.1.2.3");
const Ipv4Address DESTINATION("10.4.5.6");

uint16_t
Checksum(const std::vector<uint8_t>& segment)
{
    return InternetChecksum(segment, SOURCE.Get(), DESTINATION.Get());
}

uint16_t
Read16(const std::vector<uint8_t>& b, size_t at)
{
    return static_cast<uint16_t>(b[at] << 8 | b[at + 1]);
}

uint32_t
Read32(const std::vector<uint8_t>& b, size_t at)
{
    return static_cast<uint32_t>(Read16(b, at)) << 16 | Read16(b, at + 2);
}

/** The value of the first option of \p kind with the expected \p length, as ns-3 lists them. */
std::optional<uint32_t>
FirstOption(const std::vector<uint8_t>& b, uint8_t kind, uint8_t length)
{
    size_t end = (b[12] >> 4) * 4u;
    for (size_t at = 20; at < end;)
    {
        if (b[at] == 0) // RFC 9293 3.2: End of Option List
        {
            break;
        }
        if (b[at] == 1) // No-Operation
        {
            ++at;
            continue;
        }
        if (at + 1 >= end || b[at + 1] < 2 || at + b[at + 1] > end)
        {
            break;
        }
        if (b[at] == kind && b[at + 1] == length)
        {
            return length == 4 ? Read16(b, at + 2) : b[at + 2];
        }
        at += b[at + 1];
    }
    return std::nullopt;
}

using HeaderCheck = HandshakeTcpL4Protocol::HeaderCheck;

/** What the adapter would hand the core for these bytes; nothing when it drops them. */
std::optional<TcpSegment>
Receive(const std::vector<uint8_t>& bytes, HeaderCheck& check)
{
    Ptr<Packet> packet = Create<Packet>(bytes.data(), static_cast<uint32_t>(bytes.size()));
    TcpSegment segment;
    HandshakeTcpReceivedHeader header;
    check = HandshakeTcpL4Protocol::ReadSegment(packet, SOURCE, DESTINATION, segment, header);
    if (check != HeaderCheck::OK)
    {
        FUZZ_CHECK(packet->GetSize() == bytes.size(), "a dropped packet was changed");
        FUZZ_CHECK(check != HeaderCheck::BAD_CHECKSUM || !header.Get().IsChecksumOk(),
                   "the header traced with a bad checksum says it is good");
        return std::nullopt;
    }
    FUZZ_CHECK(bytes.size() >= 20 && (bytes[12] >> 4) >= 5 && (bytes[12] >> 4) * 4u <= bytes.size(),
               "accepted " << bytes.size() << " bytes as a segment, data offset "
                           << (bytes.size() > 12 ? bytes[12] >> 4 : -1));
    // RFC 9293 3.1: the data begins at the data offset.
    FUZZ_CHECK(packet->GetSize() + (bytes[12] >> 4) * 4u == bytes.size(),
               packet->GetSize() << " bytes of payload left, data offset " << (bytes[12] >> 4));
    TcpSegment ns3View = Ns3TcpHeaderView(bytes);
    FUZZ_CHECK(SameSegment(segment, ns3View),
               "decoded " << segment.Describe() << ", ns-3 reads " << ns3View.Describe());
    TcpHeader traced = header.Get();
    FUZZ_CHECK(traced.GetSourcePort() == segment.sourcePort &&
                   traced.GetSequenceNumber().GetValue() == segment.seq &&
                   traced.GetLength() == (bytes[12] >> 4) && traced.IsChecksumOk(),
               "the header kept for the traces is not the segment's");
    return segment;
}

void
CheckAgainstBytes(const TcpSegment& s, const std::vector<uint8_t>& b)
{
    FUZZ_CHECK(s.sourcePort == Read16(b, 0) && s.destinationPort == Read16(b, 2), "ports");
    FUZZ_CHECK(s.seq == Read32(b, 4) && s.ack == Read32(b, 8), "sequence or acknowledgment number");
    FUZZ_CHECK(s.flags == (b[13] & 0x3f), "flags " << int(s.flags) << " from " << int(b[13]));
    FUZZ_CHECK(s.window == Read16(b, 14), "window");
    std::optional<uint32_t> mss = FirstOption(b, 2, 4);
    std::optional<uint32_t> scale = FirstOption(b, 3, 3);
    FUZZ_CHECK(s.mss.has_value() == mss.has_value() && (!mss || *s.mss == *mss), "MSS option");
    FUZZ_CHECK(s.windowScale.has_value() == scale.has_value() && (!scale || *s.windowScale == *scale),
               "window scale option");
    size_t offset = (b[12] >> 4) * 4u;
    FUZZ_CHECK(s.payload == std::vector<uint8_t>(b.begin() + offset, b.end()), "payload");
}

void
CheckRoundTrip(const TcpSegment& s)
{
    Ptr<Packet> packet = AdapterPacket(s, SOURCE, DESTINATION);
    std::vector<uint8_t> wire(packet->GetSize());
    packet->CopyData(wire.data(), wire.size());
    FUZZ_CHECK(Checksum(wire) == 0, "the encoded segment has a bad checksum");
    FUZZ_CHECK(wire == Ns3Wire(s, SOURCE, DESTINATION),
               "the encoded bytes are not those ns-3's TcpHeader writes for " << s.Describe());
    HeaderCheck check;
    std::optional<TcpSegment> back = Receive(wire, check);
    FUZZ_CHECK(back, "our own serialisation did not parse back: " << int(check));
    FUZZ_CHECK(back->sourcePort == s.sourcePort && back->destinationPort == s.destinationPort &&
                   back->seq == s.seq && back->ack == s.ack && back->flags == s.flags &&
                   back->window == s.window && back->mss == s.mss &&
                   back->windowScale == s.windowScale && back->payload == s.payload,
               "round trip changed " << s.Describe() << " into " << back->Describe());
}

/** RFC 9293 3.10.7.1: the RST answering \p s where nothing matches it. */
void
CheckResetReply(const TcpSegment& s, const std::optional<TcpSegment>& rst)
{
    FUZZ_CHECK(rst.has_value() != s.Has(TcpSegment::RST), "a RST answered a RST, or none a segment");
    if (!rst)
    {
        return;
    }
    FUZZ_CHECK(rst->Has(TcpSegment::RST) && rst->payload.empty() && rst->sourcePort == s.destinationPort &&
                   rst->destinationPort == s.sourcePort,
               "not a RST back: " << rst->Describe());
    if (s.Has(TcpSegment::ACK))
    {
        FUZZ_CHECK(rst->seq == s.ack && !rst->Has(TcpSegment::ACK), "<SEQ=SEG.ACK><CTL=RST>");
    }
    else
    {
        FUZZ_CHECK(rst->seq == 0 && rst->ack == s.seq + s.SequenceLength() && rst->Has(TcpSegment::ACK),
                   "<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>");
    }
}

/** A listener's verdict on \p s, under the queue lengths and cap the \p mode bits pick. */
void
CheckListener(const TcpSegment& s, uint8_t mode)
{
    using Verdict = TcpListener::Verdict;
    TcpListenerConfig config;
    config.synQueueLimit = 2;
    config.acceptQueueLimit = 2;
    config.synCookies = static_cast<TcpSynCookieMode>((mode >> 1) % 3);
    TcpListener listener(config);
    TcpListenerLoad load;
    load.synQueue = (mode >> 3) & 3;
    load.acceptQueue = (mode >> 5) & 3;
    load.connectionLimitReached = (mode >> 7) & 1;
    TcpFourTuple tuple;
    tuple.localPort = s.destinationPort;
    tuple.remotePort = s.sourcePort;
    TcpSynCookie cookies(SipHashKey{});
    TcpListener::Decision d = listener.OnSegment(s, tuple, load, cookies, TcpTime(0));
    const bool rst = s.Has(TcpSegment::RST);
    const bool ack = s.Has(TcpSegment::ACK);
    const bool syn = s.Has(TcpSegment::SYN);
    FUZZ_CHECK((d.verdict == Verdict::IGNORE) == rst, "RFC 9293 3.10.7.2 first: only a RST is ignored");
    FUZZ_CHECK(rst || !ack || d.verdict == Verdict::RESET, "no cookie out: an ACK gets a RST");
    if (d.verdict == Verdict::RESET)
    {
        CheckResetReply(s, d.reply);
    }
    FUZZ_CHECK(rst || ack || syn || d.verdict == Verdict::NOT_SYN, "3.10.7.2 fourth: dropped");
    if (!rst && !ack && syn)
    {
        const bool full = load.synQueue >= config.synQueueLimit;
        const bool cookie = config.synCookies == TcpSynCookieMode::ALWAYS ||
                            (config.synCookies == TcpSynCookieMode::ON_OVERFLOW && full);
        FUZZ_CHECK((d.verdict == Verdict::SEND_COOKIE) == cookie, "a cookie when due, only then");
        FUZZ_CHECK(d.verdict != Verdict::OPEN || (!full && !load.connectionLimitReached),
                   "a SYN queued beyond a limit");
    }
}

} // namespace

void
RunTcpHeaderTarget(const uint8_t* data, size_t size)
{
    FuzzInput in(data, size);
    uint8_t mode = in.U8();
    size_t length = 0;
    const uint8_t* rest = in.Rest(length);
    std::vector<uint8_t> bytes(rest, rest + length);
    if ((mode & 1) && bytes.size() >= 18)
    {
        FixChecksum(bytes, SOURCE.Get(), DESTINATION.Get());
    }
    HeaderCheck check;
    std::optional<TcpSegment> segment = Receive(bytes, check);
    if (check == HeaderCheck::BAD_CHECKSUM)
    {
        FUZZ_CHECK(Checksum(bytes) != 0, "a good checksum was refused");
    }
    if (!segment)
    {
        return;
    }
    FUZZ_CHECK(Checksum(bytes) == 0, "a bad checksum was accepted");
    CheckAgainstBytes(*segment, bytes);
    CheckRoundTrip(*segment);
    CheckResetReply(*segment, ResetReplyTo(*segment));
    CheckListener(*segment, mode);
}

} // namespace fuzz
} // namespace handshake
} // namespace ns3
