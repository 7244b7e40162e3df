// The harness itself: tshark output parsing and the lifecycle checks, on hand-made packets, so a
// broken checker cannot make the capture tests pass.
#include "pcap-checker.h"
#include "tcp-conversation.h"

#include <gtest/gtest.h>

using handshake::test::ChecksumStatus;
using handshake::test::DecodedPacket;
using handshake::test::PcapChecker;
using handshake::test::TcpConversation;

namespace
{

DecodedPacket
Segment(bool fromClient, uint16_t flags, uint32_t seq, uint32_t ack, uint32_t len = 0)
{
    DecodedPacket p;
    p.isTcp = true;
    p.src = fromClient ? "10.1.0.1" : "10.2.0.1";
    p.dst = fromClient ? "10.2.0.1" : "10.1.0.1";
    p.srcPort = fromClient ? 49153 : 80;
    p.dstPort = fromClient ? 80 : 49153;
    p.flags = flags;
    p.seq = seq;
    p.ack = ack;
    p.payloadLength = len;
    return p;
}

constexpr uint16_t SYN = DecodedPacket::SYN;
constexpr uint16_t ACK = DecodedPacket::ACK;
constexpr uint16_t FIN = DecodedPacket::FIN;

std::vector<DecodedPacket>
FullLifecycle()
{
    return {Segment(true, SYN, 1000, 0),
            Segment(false, SYN | ACK, 5000, 1001),
            Segment(true, ACK, 1001, 5001),
            Segment(false, ACK, 5001, 1001, 100),
            Segment(false, FIN | ACK, 5101, 1001),
            Segment(true, ACK, 1001, 5102),
            Segment(true, FIN | ACK, 1001, 5102),
            Segment(false, ACK, 5102, 1002)};
}

} // namespace

TEST(PcapChecker, ParsesTsharkFieldLines)
{
    std::string line = "3\t1.250000000\t10.1.0.1\t10.2.0.1\t49153\t80\t0x0012\t123\t456\t10\t1\t0\t"
                       "eth:ethertype:ip:tcp:_ws.malformed\tGET\t/index.html\t\t"
                       "2097152;6291456\tConnection establish;Bad checksum\t1\t\n";
    auto result = PcapChecker::ParseFields(line);
    ASSERT_EQ(result.error, "");
    ASSERT_EQ(result.packets.size(), 1u);
    const auto& p = result.packets[0];
    EXPECT_EQ(p.frame, 3u);
    EXPECT_DOUBLE_EQ(p.time, 1.25);
    EXPECT_EQ(p.src, "10.1.0.1");
    EXPECT_EQ(p.dstPort, 80);
    EXPECT_TRUE(p.Has(SYN | ACK));
    EXPECT_EQ(p.seq, 123u);
    EXPECT_EQ(p.ack, 456u);
    EXPECT_EQ(p.payloadLength, 10u);
    EXPECT_EQ(p.ipChecksum, ChecksumStatus::GOOD);
    EXPECT_EQ(p.tcpChecksum, ChecksumStatus::BAD);
    EXPECT_TRUE(p.malformed);
    EXPECT_TRUE(p.httpRequest);
    EXPECT_EQ(p.httpMethod, "GET");
    EXPECT_EQ(p.httpUri, "/index.html");
    EXPECT_FALSE(p.httpResponse);
    ASSERT_EQ(p.expertMessages.size(), 2u);
    EXPECT_EQ(p.ExpertWarnings(), std::vector<std::string>{"Bad checksum"});
}

TEST(PcapChecker, CountsPipelinedMessagesInOneFrame)
{
    std::string line = "9\t2.0\t10.2.0.1\t10.1.0.1\t80\t49153\t0x0018\t1\t2\t900\t1\t1\t"
                       "eth:ip:tcp:http\t\t\t200;404\t\t\t\t1;1\n";
    auto result = PcapChecker::ParseFields(line);
    ASSERT_EQ(result.error, "");
    ASSERT_EQ(result.packets.size(), 1u);
    EXPECT_EQ(result.packets[0].httpStatuses, (std::vector<int>{200, 404}));
    EXPECT_EQ(result.packets[0].httpRequestCount, 0u);
}

TEST(PcapChecker, RejectsUnexpectedOutput)
{
    EXPECT_NE(PcapChecker::ParseFields("1\t2\t3\n").error, "");
}

TEST(PcapChecker, ReportsAMissingCapture)
{
    EXPECT_NE(PcapChecker::Decode("/nonexistent/file.pcap").error, "");
}

TEST(TcpConversation, AcceptsAFullLifecycle)
{
    auto conversations = TcpConversation::Split(FullLifecycle());
    ASSERT_EQ(conversations.size(), 1u);
    EXPECT_EQ(conversations[0].CheckHandshake(), "");
    EXPECT_EQ(conversations[0].CheckTeardown(), "");
}

TEST(TcpConversation, AcceptsRetransmittedSyn)
{
    auto packets = FullLifecycle();
    packets.insert(packets.begin() + 1, Segment(true, SYN, 1000, 0));
    EXPECT_EQ(TcpConversation::Split(packets)[0].CheckHandshake(), "");
}

TEST(TcpConversation, AcceptsSynRetransmittedAfterALostSynAck)
{
    // Seen from the server: its SYN-ACK was lost, the client's SYN comes again, then the ACK.
    auto packets = FullLifecycle();
    packets.insert(packets.begin() + 2, Segment(true, SYN, 1000, 0));
    packets.insert(packets.begin() + 3, Segment(false, SYN | ACK, 5000, 1001));
    EXPECT_EQ(TcpConversation::Split(packets)[0].CheckHandshake(), "");
}

TEST(TcpConversation, FlagsANewSynInsteadOfTheAck)
{
    auto packets = FullLifecycle();
    packets[2] = Segment(true, SYN, 7777, 0); // a different ISN: not a retransmission
    EXPECT_NE(TcpConversation::Split(packets)[0].CheckHandshake(), "");
}

TEST(TcpConversation, FlagsAWrongSynAck)
{
    auto packets = FullLifecycle();
    packets[1].ack = 1000; // must acknowledge ISN + 1
    EXPECT_NE(TcpConversation::Split(packets)[0].CheckHandshake(), "");
}

TEST(TcpConversation, FlagsAMissingThirdAck)
{
    auto packets = FullLifecycle();
    packets[2].ack = 5000;
    EXPECT_NE(TcpConversation::Split(packets)[0].CheckHandshake(), "");
}

TEST(TcpConversation, FlagsAnUnacknowledgedFin)
{
    auto packets = FullLifecycle();
    packets.pop_back(); // the server never ACKs the client's FIN
    EXPECT_NE(TcpConversation::Split(packets)[0].CheckTeardown(), "");
}

TEST(TcpConversation, FlagsAMissingFin)
{
    auto packets = FullLifecycle();
    packets.resize(4);
    EXPECT_NE(TcpConversation::Split(packets)[0].CheckTeardown(), "");
}

TEST(TcpConversation, SeparatesConnectionsByPorts)
{
    auto packets = FullLifecycle();
    auto other = FullLifecycle();
    for (auto& p : other)
    {
        (p.srcPort == 80 ? p.dstPort : p.srcPort) = 49154;
    }
    packets.insert(packets.end(), other.begin(), other.end());
    EXPECT_EQ(TcpConversation::Split(packets).size(), 2u);
}
