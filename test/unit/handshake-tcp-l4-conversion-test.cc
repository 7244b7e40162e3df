// HandshakeTcpL4Protocol's conversions between ns3::TcpHeader + Packet and the core's TcpSegment,
// and the RST it answers a segment with when no connection exists (RFC 9293 3.10.7.1).
#include "internet-checksum.h"

#include "ns3/handshake-module.h"
#include "ns3/packet.h"
#include "ns3/tcp-header.h"

#include <gtest/gtest.h>

using namespace ns3;
using ns3::handshake::TcpSegment;

TEST(HandshakeTcpL4Conversion, SegmentRoundTripsThroughTheWireFormat)
{
    TcpSegment segment;
    segment.sourcePort = 49152;
    segment.destinationPort = 80;
    segment.seq = 0xfffffff0;
    segment.ack = 12345;
    segment.flags = TcpSegment::SYN | TcpSegment::ACK;
    segment.window = 65535;
    segment.mss = 1460;
    segment.windowScale = 7;
    segment.payload = {'G', 'E', 'T', ' ', '/', 0, 255};

    TcpHeader header;
    Ptr<Packet> packet = HandshakeTcpL4Protocol::ToPacket(segment, header);
    EXPECT_EQ(packet->GetSize(), segment.payload.size());
    // Through real bytes, as on the wire.
    header.EnableChecksums();
    header.InitializeChecksum(Ipv4Address("10.0.0.1"), Ipv4Address("10.0.0.2"), 6);
    packet->AddHeader(header);
    TcpHeader parsed;
    parsed.EnableChecksums();
    parsed.InitializeChecksum(Ipv4Address("10.0.0.1"), Ipv4Address("10.0.0.2"), 6);
    packet->RemoveHeader(parsed);
    EXPECT_TRUE(parsed.IsChecksumOk());
    TcpSegment back = HandshakeTcpL4Protocol::FromPacket(packet, parsed);

    EXPECT_EQ(back.sourcePort, segment.sourcePort);
    EXPECT_EQ(back.destinationPort, segment.destinationPort);
    EXPECT_EQ(back.seq, segment.seq);
    EXPECT_EQ(back.ack, segment.ack);
    EXPECT_EQ(back.flags, segment.flags);
    EXPECT_EQ(back.window, segment.window);
    EXPECT_EQ(back.mss, segment.mss);
    EXPECT_EQ(back.windowScale, segment.windowScale);
    EXPECT_EQ(back.payload, segment.payload);
}

TEST(HandshakeTcpL4Conversion, NoOptionsWhenTheSegmentHasNone)
{
    TcpSegment segment;
    segment.flags = TcpSegment::ACK;
    TcpHeader header;
    HandshakeTcpL4Protocol::ToPacket(segment, header);
    EXPECT_EQ(header.GetLength(), 5); // 20 bytes, no options
    EXPECT_FALSE(HandshakeTcpL4Protocol::FromPacket(Create<Packet>(), header).mss.has_value());
}

TEST(HandshakeTcpL4Conversion, Ipv4AddressBytesRoundTrip)
{
    Ipv4Address address("192.168.7.9");
    auto bytes = HandshakeTcpL4Protocol::ToBytes(address);
    EXPECT_EQ(bytes.length, 4);
    EXPECT_EQ(bytes.bytes[0], 192);
    EXPECT_EQ(bytes.bytes[3], 9);
    EXPECT_EQ(HandshakeTcpL4Protocol::ToIpv4(bytes), address);
    EXPECT_TRUE(HandshakeTcpL4Protocol::ToBytes(Ipv4Address::GetAny()).IsAny());
}

namespace
{

const Ipv4Address SOURCE("10.0.0.1");
const Ipv4Address DESTINATION("10.0.0.2");

/** A SYN from port 49152 to 80 with \p options after the 20 fixed bytes; data offset from the size. */
std::vector<uint8_t>
RawSyn(std::vector<uint8_t> options, std::vector<uint8_t> payload = {})
{
    std::vector<uint8_t> bytes = {0xc0, 0x00, 0x00, 0x50, 0, 0, 0x03, 0xe8, 0, 0, 0, 0,
                                  0x50, TcpSegment::SYN, 0xff, 0xff, 0, 0, 0, 0};
    bytes.insert(bytes.end(), options.begin(), options.end());
    bytes[12] = static_cast<uint8_t>(bytes.size() / 4 << 4);
    bytes.insert(bytes.end(), payload.begin(), payload.end());
    ns3::handshake::fuzz::FixChecksum(bytes, SOURCE.Get(), DESTINATION.Get());
    return bytes;
}

HandshakeTcpL4Protocol::HeaderCheck
Read(const std::vector<uint8_t>& bytes, Ptr<Packet>& packet, TcpHeader& header)
{
    packet = Create<Packet>(bytes.data(), bytes.size());
    return HandshakeTcpL4Protocol::ReadHeader(packet, SOURCE, DESTINATION, header);
}

} // namespace

TEST(HandshakeTcpL4Conversion, ReadHeaderRefusesBytesNs3WouldMishandle)
{
    // Each was found by fuzz/ (doc/fuzzing.rst); ns-3 3.37 reads past the end, skips the checksum,
    // aborts, loops or misparses on them.
    std::vector<uint8_t> shortPacket = RawSyn({});
    shortPacket.resize(19);
    std::vector<uint8_t> offsetFour = RawSyn({1, 1, 1, 1});
    offsetFour[12] = 0x40;
    std::vector<uint8_t> offsetBeyond = RawSyn({});
    offsetBeyond[12] = 0x60;
    const std::vector<std::vector<uint8_t>> cases = {
        {},
        shortPacket,
        offsetFour,
        offsetBeyond,
        RawSyn({2, 5, 5, 0xb4, 0, 0, 0, 0}), // MSS of length 5
        RawSyn({3, 4, 7, 0}),                // window scale of length 4
        RawSyn({30, 0, 0, 0}),               // unknown kind, length 0
        RawSyn({30, 1, 0, 0}),               // unknown kind, length 1
        RawSyn({30, 60, 0, 0}),              // unknown kind beyond the header
        RawSyn({1, 1, 1, 2}),                // an option cut by the end of the header
        RawSyn({5, 3, 0, 0}),                // SACK that is not 2 + 8n bytes
    };
    for (size_t i = 0; i < cases.size(); ++i)
    {
        SCOPED_TRACE(i);
        Ptr<Packet> packet;
        TcpHeader header;
        EXPECT_EQ(Read(cases[i], packet, header), HandshakeTcpL4Protocol::HeaderCheck::MALFORMED);
        EXPECT_EQ(packet->GetSize(), cases[i].size()) << "the packet is left as it was";
    }
}

TEST(HandshakeTcpL4Conversion, ReadHeaderTakesWellFormedOptionsAndRemovesAllPadding)
{
    Ptr<Packet> packet;
    TcpHeader header;
    // NOP, MSS, a SACK-permitted and an unknown option, then End of Option List and 7 bytes of
    // padding: the data begins at the data offset (RFC 9293 3.1), not where ns-3 counts.
    auto bytes = RawSyn({1, 2, 4, 0x05, 0xb4, 4, 2, 30, 3, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                        {'d', 'a', 't', 'a'});
    ASSERT_EQ(Read(bytes, packet, header), HandshakeTcpL4Protocol::HeaderCheck::OK);
    TcpSegment segment = HandshakeTcpL4Protocol::FromPacket(packet, header);
    EXPECT_EQ(segment.mss, 1460);
    EXPECT_EQ(segment.payload, (std::vector<uint8_t>{'d', 'a', 't', 'a'}));

    bytes[20] = 0; // the same bytes with a damaged checksum
    EXPECT_EQ(Read(bytes, packet, header), HandshakeTcpL4Protocol::HeaderCheck::BAD_CHECKSUM);
}
