// HandshakeTcpL4Protocol's conversions between ns3::TcpHeader + Packet and the core's TcpSegment,
// and the RST it answers a segment with when no connection exists (RFC 9293 3.10.7.1).
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

TEST(HandshakeTcpL4Conversion, ResetForASegmentWithoutAck)
{
    TcpSegment syn;
    syn.sourcePort = 50000;
    syn.destinationPort = 81;
    syn.seq = 1000;
    syn.flags = TcpSegment::SYN;
    auto rst = HandshakeTcpL4Protocol::ResetFor(syn);
    ASSERT_TRUE(rst.has_value());
    // <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>; the SYN counts in SEG.LEN.
    EXPECT_EQ(rst->flags, TcpSegment::RST | TcpSegment::ACK);
    EXPECT_EQ(rst->seq, 0u);
    EXPECT_EQ(rst->ack, 1001u);
    EXPECT_EQ(rst->sourcePort, 81);
    EXPECT_EQ(rst->destinationPort, 50000);

    TcpSegment data;
    data.seq = 7;
    data.flags = TcpSegment::FIN;
    data.payload.resize(10);
    EXPECT_EQ(HandshakeTcpL4Protocol::ResetFor(data)->ack, 18u);
}

TEST(HandshakeTcpL4Conversion, ResetForASegmentWithAck)
{
    TcpSegment segment;
    segment.seq = 5;
    segment.ack = 777;
    segment.flags = TcpSegment::ACK | TcpSegment::PSH;
    auto rst = HandshakeTcpL4Protocol::ResetFor(segment);
    ASSERT_TRUE(rst.has_value());
    // <SEQ=SEG.ACK><CTL=RST>
    EXPECT_EQ(rst->flags, TcpSegment::RST);
    EXPECT_EQ(rst->seq, 777u);
}

TEST(HandshakeTcpL4Conversion, NoResetForAReset)
{
    TcpSegment rst;
    rst.flags = TcpSegment::RST | TcpSegment::ACK;
    EXPECT_FALSE(HandshakeTcpL4Protocol::ResetFor(rst).has_value());
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
