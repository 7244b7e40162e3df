// HandshakeTcpL4Protocol's conversions between ns3::TcpHeader + Packet and the core's TcpSegment,
// and the RST it answers a segment with when no connection exists (RFC 9293 3.10.7.1).
#include "internet-checksum.h"
#include "ns3-tcp-header-view.h"

#include "ns3/handshake-module.h"
#include "ns3/packet.h"
#include "ns3/tcp-header.h"

#include <gtest/gtest.h>

using namespace ns3;
using ns3::handshake::TcpSegment;

namespace
{

const Ipv4Address SOURCE("10.0.0.1");
const Ipv4Address DESTINATION("10.0.0.2");

/** \p segment as the adapter sends it from SOURCE to DESTINATION, as on the wire. */
Ptr<Packet>
OnTheWire(const TcpSegment& segment)
{
    return ns3::handshake::fuzz::AdapterPacket(segment, SOURCE, DESTINATION);
}

} // namespace

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
    segment.sackPermitted = true;
    segment.timestamp = ns3::handshake::TcpTimestampOption{0x01020304, 0xfffffffe};
    segment.payload = {'G', 'E', 'T', ' ', '/', 0, 255};
    TcpSegment withSack;
    withSack.flags = TcpSegment::ACK;
    withSack.timestamp = ns3::handshake::TcpTimestampOption{7, 8};
    withSack.sack = {{100, 200}, {300, 400}, {0xfffffff0, 16}};

    for (const TcpSegment& sent : {segment, withSack})
    {
        SCOPED_TRACE(sent.Describe());
        TcpHeader sentHeader;
        ns3::handshake::fuzz::Ns3TcpHeaderOf(sent, sentHeader);
        Ptr<Packet> packet = OnTheWire(sent);
        TcpSegment back;
        HandshakeTcpReceivedHeader header;
        ASSERT_EQ(HandshakeTcpL4Protocol::ReadSegment(packet, SOURCE, DESTINATION, back, header),
                  HandshakeTcpL4Protocol::HeaderCheck::OK);
        EXPECT_TRUE(ns3::handshake::fuzz::SameSegment(back, sent)) << back.Describe();
        EXPECT_EQ(packet->GetSize(), sent.payload.size()) << "the header is removed";
        // The header the traces get is ns-3's reading of the bytes sent.
        EXPECT_EQ(header.Get().GetSequenceNumber(), sentHeader.GetSequenceNumber());
        EXPECT_EQ(header.Get().GetLength(), sentHeader.GetLength());
        EXPECT_EQ(header.Get().GetOptionList().size(), sentHeader.GetOptionList().size());
        EXPECT_TRUE(header.Get().IsChecksumOk());
    }
}

TEST(HandshakeTcpL4Conversion, NoOptionsWhenTheSegmentHasNone)
{
    TcpSegment segment;
    segment.flags = TcpSegment::ACK;
    HandshakeTcpSentHeader header(segment, ns3::handshake::fuzz::TupleOf(segment, SOURCE, DESTINATION));
    // A packet's metadata names its headers by TypeId: ours is ns-3's, for Packet::Print.
    EXPECT_EQ(header.GetInstanceTypeId(), TcpHeader::GetTypeId());
    EXPECT_EQ(header.GetSerializedSize(), 20u); // no options
    EXPECT_EQ(header.Parsed().GetLength(), 5);

    Ptr<Packet> packet = OnTheWire(segment);
    TcpSegment back;
    HandshakeTcpReceivedHeader received;
    ASSERT_EQ(HandshakeTcpL4Protocol::ReadSegment(packet, SOURCE, DESTINATION, back, received),
              HandshakeTcpL4Protocol::HeaderCheck::OK);
    EXPECT_FALSE(back.mss || back.windowScale || back.timestamp || back.sackPermitted);
    EXPECT_TRUE(back.sack.empty());
    EXPECT_EQ(received.Get().GetLength(), 5);
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
Read(const std::vector<uint8_t>& bytes, Ptr<Packet>& packet, TcpSegment& segment)
{
    packet = Create<Packet>(bytes.data(), bytes.size());
    HandshakeTcpReceivedHeader header;
    return HandshakeTcpL4Protocol::ReadSegment(packet, SOURCE, DESTINATION, segment, header);
}

} // namespace

TEST(HandshakeTcpL4Conversion, ReadSegmentRefusesBytesNs3WouldMishandle)
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
        TcpSegment segment;
        EXPECT_EQ(Read(cases[i], packet, segment), HandshakeTcpL4Protocol::HeaderCheck::MALFORMED);
        EXPECT_EQ(packet->GetSize(), cases[i].size()) << "the packet is left as it was";
    }
}

TEST(HandshakeTcpL4Conversion, ReadSegmentTakesWellFormedOptionsAndRemovesAllPadding)
{
    Ptr<Packet> packet;
    TcpSegment segment;
    // NOP, MSS, a SACK-permitted and an unknown option, then End of Option List and 7 bytes of
    // padding: the data begins at the data offset (RFC 9293 3.1), not where ns-3 counts.
    auto bytes = RawSyn({1, 2, 4, 0x05, 0xb4, 4, 2, 30, 3, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                        {'d', 'a', 't', 'a'});
    ASSERT_EQ(Read(bytes, packet, segment), HandshakeTcpL4Protocol::HeaderCheck::OK);
    EXPECT_EQ(segment.mss, 1460);
    EXPECT_EQ(packet->GetSize(), 4u);
    EXPECT_EQ(segment.payload, (std::vector<uint8_t>{'d', 'a', 't', 'a'}));

    bytes[20] = 0; // the same bytes with a damaged checksum
    EXPECT_EQ(Read(bytes, packet, segment), HandshakeTcpL4Protocol::HeaderCheck::BAD_CHECKSUM);
    EXPECT_EQ(packet->GetSize(), bytes.size()) << "the packet is left as it was";
}

TEST(HandshakeTcpL4Conversion, ReadSegmentTakesWhatNs3TakesFromTheOptions)
{
    // Layouts the core never sends, read as ns-3's TcpHeader::Deserialize reads them
    // (ns3-tcp-header-view.h): the first of two options of a kind, nothing after End of Option
    // List, unknown kinds skipped, at most 4 SACK blocks, ECE/CWR left out of the flags.
    auto sack = [](uint8_t blocks) {
        std::vector<uint8_t> option = {5, static_cast<uint8_t>(2 + 8 * blocks)};
        for (uint8_t b = 0; b < 8 * blocks; ++b)
        {
            option.push_back(static_cast<uint8_t>(b * 7 + 1));
        }
        return option;
    };
    std::vector<uint8_t> fourBlocks = sack(4);
    fourBlocks.insert(fourBlocks.begin(), {1, 1});
    std::vector<uint8_t> twoSacks = sack(1);
    std::vector<uint8_t> second = sack(2);
    twoSacks.insert(twoSacks.end(), second.begin(), second.end());
    const std::vector<std::vector<uint8_t>> optionLists = {
        {2, 4, 0x05, 0xb4, 2, 4, 0x02, 0x18},                   // two MSS options
        {3, 3, 7, 3, 3, 9, 1, 1},                               // two window scales
        {8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 8, 10, 0, 0, 0, 3, 0, 0, 0, 4, 1, 1, 1, 1}, // two TS
        {0, 2, 4, 0x05, 0xb4, 1, 1, 1},                         // MSS after End of Option List
        {30, 6, 1, 2, 3, 4, 4, 2, 3, 3, 14, 1},                 // unknown kinds around others
        {30, 2, 4, 2},                                          // unknown kind of length 2
        fourBlocks,
        twoSacks,
        {4, 2, 4, 2, 1, 1, 8, 10, 1, 2, 3, 4, 5, 6, 7, 8},      // SACK permitted twice, TS
    };
    for (size_t i = 0; i < optionLists.size(); ++i)
    {
        SCOPED_TRACE(i);
        ASSERT_EQ(optionLists[i].size() % 4, 0u);
        std::vector<uint8_t> bytes = RawSyn(optionLists[i], {'x', 'y', 'z'});
        bytes[13] |= 0xc0; // ECE and CWR
        ns3::handshake::fuzz::FixChecksum(bytes, SOURCE.Get(), DESTINATION.Get());
        Ptr<Packet> packet;
        TcpSegment segment;
        ASSERT_EQ(Read(bytes, packet, segment), HandshakeTcpL4Protocol::HeaderCheck::OK);
        TcpSegment ns3View = ns3::handshake::fuzz::Ns3TcpHeaderView(bytes);
        EXPECT_TRUE(ns3::handshake::fuzz::SameSegment(segment, ns3View))
            << segment.Describe() << " where ns-3 reads " << ns3View.Describe();
    }
    // And the values themselves, for a few.
    Ptr<Packet> packet;
    TcpSegment segment;
    ASSERT_EQ(Read(RawSyn(optionLists[0]), packet, segment), HandshakeTcpL4Protocol::HeaderCheck::OK);
    EXPECT_EQ(segment.mss, 1460);
    ASSERT_EQ(Read(RawSyn(optionLists[2]), packet, segment), HandshakeTcpL4Protocol::HeaderCheck::OK);
    ASSERT_TRUE(segment.timestamp);
    EXPECT_EQ(segment.timestamp->value, 1u);
    EXPECT_EQ(segment.timestamp->echo, 2u);
    ASSERT_EQ(Read(RawSyn(optionLists[3]), packet, segment), HandshakeTcpL4Protocol::HeaderCheck::OK);
    EXPECT_FALSE(segment.mss);
    ASSERT_EQ(Read(RawSyn(fourBlocks), packet, segment), HandshakeTcpL4Protocol::HeaderCheck::OK);
    ASSERT_EQ(segment.sack.size(), 4u);
    EXPECT_EQ(segment.sack[0].left, 0x01080f16u);
}

TEST(HandshakeTcpL4Conversion, TheChecksumIsTheOnesComplementSumOfRfc9293)
{
    // handshake::TcpChecksum against the plain 16-bit loop of fuzz/targets/internet-checksum.h,
    // over every length from 0 to 70 bytes (odd lengths pad with a zero byte), and over a
    // full-sized segment of 0xff bytes, where every word carries.
    for (size_t size = 0; size <= 70; ++size)
    {
        std::vector<uint8_t> bytes(size);
        for (size_t i = 0; i < size; ++i)
        {
            bytes[i] = static_cast<uint8_t>(i * 37 + 11);
        }
        EXPECT_EQ(ns3::handshake::TcpChecksum::Compute(bytes.data(), size, SOURCE.Get(), DESTINATION.Get()),
                  ns3::handshake::fuzz::InternetChecksum(bytes, SOURCE.Get(), DESTINATION.Get()))
            << size << " bytes";
    }
    std::vector<uint8_t> ones(1500, 0xff);
    EXPECT_EQ(ns3::handshake::TcpChecksum::Compute(ones.data(), ones.size(), 0xffffffff, 0xffffffff),
              ns3::handshake::fuzz::InternetChecksum(ones, 0xffffffff, 0xffffffff));
    // A segment with its checksum written in sums to 0 (RFC 1071 2(B)).
    std::vector<uint8_t> syn = RawSyn({2, 4, 0x05, 0xb4}, {'a'});
    EXPECT_EQ(ns3::handshake::TcpChecksum::Compute(syn.data(), syn.size(), SOURCE.Get(), DESTINATION.Get()), 0);
}

TEST(HandshakeTcpL4Conversion, TheEncoderWritesTheBytesNs3TcpHeaderWrote)
{
    // Every combination of the options the core sends (MSS, window scale, SACK permitted,
    // timestamps, 0 to 4 SACK blocks: some do not fit in 40 bytes, where ns-3 left the option out),
    // under every flag the core sets, with payloads of 0, 1, 7 and 1448 bytes: the adapter's bytes
    // (TcpSegmentEncoder in HandshakeTcpSentHeader) are ns-3's TcpHeader's, checksum included
    // (ns3-tcp-header-view.h: how the adapter wrote segments before).
    size_t compared = 0;
    for (uint32_t options = 0; options < 16; ++options)
    {
        for (size_t blocks = 0; blocks <= 4; ++blocks)
        {
            for (uint8_t flags : {TcpSegment::SYN, uint8_t(TcpSegment::SYN | TcpSegment::ACK),
                                  TcpSegment::ACK, uint8_t(TcpSegment::FIN | TcpSegment::ACK),
                                  uint8_t(TcpSegment::RST | TcpSegment::ACK), uint8_t(TcpSegment::PSH | TcpSegment::ACK)})
            {
                for (size_t size : {0, 1, 7, 1448})
                {
                    TcpSegment segment;
                    segment.sourcePort = static_cast<uint16_t>(49152 + options);
                    segment.destinationPort = 80;
                    segment.seq = 0xfffffff0u + static_cast<uint32_t>(blocks);
                    segment.ack = 0x12345678;
                    segment.flags = flags;
                    segment.window = static_cast<uint16_t>(502 + size);
                    if (options & 1)
                    {
                        segment.mss = 1460;
                    }
                    if (options & 2)
                    {
                        segment.windowScale = 7;
                    }
                    segment.sackPermitted = (options & 4) != 0;
                    if (options & 8)
                    {
                        segment.timestamp = ns3::handshake::TcpTimestampOption{0xdeadbeef, 42};
                    }
                    for (size_t b = 0; b < blocks; ++b)
                    {
                        segment.sack.push_back({static_cast<uint32_t>(1000 * b + 1), static_cast<uint32_t>(1000 * b + 500)});
                    }
                    for (size_t i = 0; i < size; ++i)
                    {
                        segment.payload.push_back(static_cast<uint8_t>(i * 31 + 7));
                    }
                    Ptr<Packet> ours = OnTheWire(segment);
                    std::vector<uint8_t> bytes(ours->GetSize());
                    ours->CopyData(bytes.data(), static_cast<uint32_t>(bytes.size()));
                    ASSERT_EQ(bytes, ns3::handshake::fuzz::Ns3Wire(segment, SOURCE, DESTINATION))
                        << segment.Describe() << " options " << options << " blocks " << blocks;
                    ++compared;
                }
            }
        }
    }
    EXPECT_EQ(compared, 16u * 5 * 6 * 4);
}
