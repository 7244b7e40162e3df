// handshake's TCP on two nodes, on the wire: handshake, both teardown shapes, a connect to a closed
// port, and RFC 6528 ISNs; every capture decoded by tshark with checksum validation on.
#include "tcp-conversation.h"
#include "tcp-two-nodes.h"

#include <gtest/gtest.h>

#include <map>

using namespace ns3;
using ::handshake::test::ByteReceiver;
using ::handshake::test::ByteSender;
using ::handshake::test::DecodeClean;
using ::handshake::test::DecodedPacket;
using ::handshake::test::FlagSequence;
using ::handshake::test::TcpConversation;
using ::handshake::test::TwoNodes;
using ::handshake::test::TwoNodesOptions;

namespace
{

/** A small exchange: the client sends \p bytes and closes; the server closes \p serverDelay after
 *  the client's FIN. Returns the client-side capture. */
std::vector<DecodedPacket>
SmallExchange(const std::string& name, uint64_t bytes, Time serverDelay)
{
    TwoNodesOptions options;
    options.name = name;
    TwoNodes net(options);
    ByteReceiver receiver(net.ServerSocket(), TwoNodes::PORT, serverDelay);
    ByteSender sender(net.ClientSocket(), bytes);
    sender.Start(net.ServerAddress());
    net.Run();
    EXPECT_TRUE(sender.connected);
    EXPECT_EQ(receiver.CheckContent(bytes), "");
    EXPECT_TRUE(receiver.eof);
    return DecodeClean(net.ClientPcap());
}

/** Index of the first packet with all of \p flags, or packets.size(). */
size_t
FindFirst(const std::vector<DecodedPacket>& packets, uint16_t flags)
{
    for (size_t i = 0; i < packets.size(); ++i)
    {
        if (packets[i].Has(flags))
        {
            return i;
        }
    }
    return packets.size();
}

/**
 * The teardown as the client's capture shows it: from the client's FIN on, leaving out the server's
 * pure ACKs of data sent before that FIN (how they interleave is the core's ACK policy, not the
 * teardown's shape).
 */
std::vector<DecodedPacket>
Teardown(const std::vector<DecodedPacket>& packets)
{
    size_t fin = FindFirst(packets, DecodedPacket::FIN);
    std::vector<DecodedPacket> teardown;
    if (fin == packets.size())
    {
        ADD_FAILURE() << "no FIN in the capture";
        return teardown;
    }
    const auto& clientFin = packets[fin];
    uint32_t finEnd = clientFin.seq + clientFin.payloadLength + 1;
    for (size_t i = fin; i < packets.size(); ++i)
    {
        const auto& p = packets[i];
        bool fromServer = p.srcPort == TwoNodes::PORT;
        bool pureAck = p.flags == DecodedPacket::ACK && p.payloadLength == 0;
        if (fromServer && pureAck && static_cast<int32_t>(p.ack - finEnd) < 0)
        {
            continue;
        }
        teardown.push_back(p);
    }
    return teardown;
}

} // namespace

TEST(HandshakeTcp, HandshakeIsExactlyThreeSegments)
{
    auto packets = SmallExchange("handshake", 0, MilliSeconds(100));
    ASSERT_GE(packets.size(), 3u);
    EXPECT_EQ(FlagSequence(packets, 3), "S,SA,A");
    auto conversations = TcpConversation::Split(packets);
    ASSERT_EQ(conversations.size(), 1u);
    EXPECT_EQ(conversations[0].CheckHandshake(), "");
    // Nothing of the handshake is repeated: the fourth segment is no SYN.
    ASSERT_GE(packets.size(), 4u);
    EXPECT_FALSE(packets[3].Has(DecodedPacket::SYN)) << packets[3].Describe();
}

TEST(HandshakeTcp, ServerClosingLaterGivesFinAckFinAck)
{
    // Later than the delayed-ACK timeout (DelAckTimeout, 200 ms): the FIN's ACK goes alone.
    auto packets = SmallExchange("close-later", 1000, Seconds(1));
    auto teardown = Teardown(packets);
    EXPECT_EQ(FlagSequence(teardown, 10), "FA,A,FA,A");
    auto conversations = TcpConversation::Split(packets);
    ASSERT_EQ(conversations.size(), 1u);
    EXPECT_EQ(conversations[0].CheckTeardown(), "");
}

TEST(HandshakeTcp, ServerClosingAtOncePiggybacksItsFinOnTheAck)
{
    auto packets = SmallExchange("close-at-once", 1000, Seconds(0));
    auto teardown = Teardown(packets);
    EXPECT_EQ(FlagSequence(teardown, 10), "FA,FA,A");
    ASSERT_GE(teardown.size(), 2u);
    // The server's FIN+ACK acknowledges the client's FIN.
    EXPECT_EQ(teardown[1].ack, teardown[0].seq + teardown[0].payloadLength + 1);
    auto conversations = TcpConversation::Split(packets);
    ASSERT_EQ(conversations.size(), 1u);
    EXPECT_EQ(conversations[0].CheckTeardown(), "");
}

TEST(HandshakeTcp, ConnectToAClosedPortIsRefusedByARst)
{
    TwoNodesOptions options;
    options.name = "refused";
    TwoNodes net(options);
    ByteSender sender(net.ClientSocket(), 100);
    Ptr<HandshakeTcpSocket> socket = DynamicCast<HandshakeTcpSocket>(sender.socket);
    ASSERT_TRUE(socket) << "the client did not get our socket from TcpSocketFactory";
    sender.Start(net.ServerAddress(4242)); // nothing listens there
    Ptr<HandshakeTcpL4Protocol> serverTcp = net.Server()->GetObject<HandshakeTcpL4Protocol>();
    net.Run();
    EXPECT_TRUE(sender.failed);
    EXPECT_FALSE(sender.connected);
    ASSERT_TRUE(socket->GetOutcome().has_value());
    EXPECT_EQ(*socket->GetOutcome(), ns3::handshake::TcpOutcome::REFUSED);

    auto packets = DecodeClean(net.ClientPcap());
    ASSERT_EQ(packets.size(), 2u);
    EXPECT_EQ(FlagSequence(packets, 2), "S,RA");
    // RFC 9293 3.10.7.1: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
    EXPECT_EQ(packets[1].seq, 0u);
    EXPECT_EQ(packets[1].ack, packets[0].seq + 1);
}

namespace
{

/** The ISNs of \p count connections made one after another in a run with \p rngRun. */
std::vector<uint32_t>
ClientIsns(uint32_t rngRun, int count)
{
    TwoNodesOptions options;
    options.rngRun = rngRun;
    options.name = "isn-" + std::to_string(rngRun);
    TwoNodes net(options);
    ByteReceiver receiver(net.ServerSocket(), TwoNodes::PORT, Time(-1));
    std::vector<std::unique_ptr<ByteSender>> senders;
    for (int i = 0; i < count; ++i)
    {
        senders.push_back(std::make_unique<ByteSender>(net.ClientSocket(), 10));
        senders.back()->Start(net.ServerAddress(), Seconds(0.1 + i));
    }
    std::vector<Ptr<HandshakeTcpSocket>> sockets;
    for (auto& sender : senders)
    {
        sockets.push_back(DynamicCast<HandshakeTcpSocket>(sender->socket));
    }
    net.Run(Seconds(20));
    std::vector<uint32_t> isns;
    for (auto& socket : sockets)
    {
        isns.push_back(socket->GetIss());
    }
    // The wire agrees with the sockets.
    auto packets = DecodeClean(net.ClientPcap());
    std::vector<uint32_t> wire;
    for (const auto& p : packets)
    {
        if (p.Has(DecodedPacket::SYN) && !p.Has(DecodedPacket::ACK))
        {
            wire.push_back(p.seq);
        }
    }
    EXPECT_EQ(wire, isns);
    return isns;
}

} // namespace

TEST(HandshakeTcp, IsnsDifferPerConnectionAndPerRunAndRepeatForTheSameRun)
{
    auto first = ClientIsns(1, 3);
    ASSERT_EQ(first.size(), 3u);
    EXPECT_NE(first[0], first[1]);
    EXPECT_NE(first[1], first[2]);
    EXPECT_NE(first[0], first[2]);
    EXPECT_EQ(ClientIsns(1, 3), first);
    auto other = ClientIsns(2, 3);
    for (size_t i = 0; i < first.size(); ++i)
    {
        EXPECT_NE(other[i], first[i]) << i;
    }
}

TEST(HandshakeTcp, TracesShowEveryStateAndOneOutcomePerConnection)
{
    using ns3::handshake::TcpOutcome;
    using ns3::handshake::TcpState;
    TwoNodesOptions options;
    options.name = "traces";
    TwoNodes net(options);
    std::map<std::string, std::vector<std::string>> states; // by context (node) and id
    std::map<std::string, std::vector<TcpOutcome>> outcomes;
    Config::Connect("/NodeList/*/$ns3::HandshakeTcpL4Protocol/StateTransition",
                    MakeCallback(+[](std::map<std::string, std::vector<std::string>>* out,
                                     std::string context, uint64_t id, TcpState from, TcpState to) {
                                     auto& list = (*out)[context.substr(0, 11) + "#" +
                                                         std::to_string(id)];
                                     if (list.empty())
                                     {
                                         list.push_back(ns3::handshake::ToString(from));
                                     }
                                     list.push_back(ns3::handshake::ToString(to));
                                 }).Bind(&states));
    Config::Connect("/NodeList/*/$ns3::HandshakeTcpL4Protocol/Outcome",
                    MakeCallback(+[](std::map<std::string, std::vector<TcpOutcome>>* out,
                                     std::string context, uint64_t id, TcpOutcome outcome) {
                                     (*out)[context.substr(0, 11) + "#" + std::to_string(id)]
                                         .push_back(outcome);
                                 }).Bind(&outcomes));
    ByteReceiver receiver(net.ServerSocket(), TwoNodes::PORT, Seconds(1));
    ByteSender sender(net.ClientSocket(), 1000);
    sender.Start(net.ServerAddress());
    net.Run(); // past TIME_WAIT (2 MSL = 240 s)

    using Strings = std::vector<std::string>;
    EXPECT_EQ(states["/NodeList/0#1"],
              (Strings{"CLOSED", "SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2",
                       "TIME_WAIT", "CLOSED"}));
    EXPECT_EQ(states["/NodeList/1#1"],
              (Strings{"CLOSED", "SYN_RCVD", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED"}));
    EXPECT_EQ(outcomes["/NodeList/0#1"], std::vector<TcpOutcome>{TcpOutcome::CLOSED_NORMALLY});
    EXPECT_EQ(outcomes["/NodeList/1#1"], std::vector<TcpOutcome>{TcpOutcome::CLOSED_NORMALLY});
    EXPECT_EQ(outcomes.size(), 2u);
}

TEST(HandshakeTcp, UnansweredSynsEndInTimeoutAndTheFailureCallback)
{
    TwoNodesOptions options;
    options.name = "syn-timeout";
    options.serverRxLoss = 1.0; // every SYN is lost
    TwoNodes net(options);
    ByteSender sender(net.ClientSocket(), 10);
    sender.socket->SetAttribute("ConnCount", UintegerValue(2)); // SYN retries
    Ptr<HandshakeTcpSocket> socket = DynamicCast<HandshakeTcpSocket>(sender.socket);
    sender.Start(net.ServerAddress());
    net.Run(Seconds(100));
    EXPECT_TRUE(sender.failed);
    ASSERT_TRUE(socket->GetOutcome().has_value());
    EXPECT_EQ(*socket->GetOutcome(), ns3::handshake::TcpOutcome::TIMED_OUT);
    auto packets = DecodeClean(net.ClientPcap());
    ASSERT_EQ(packets.size(), 3u); // the SYN and its two retransmissions
    EXPECT_EQ(FlagSequence(packets, 3), "S,S,S");
    // RFC 6298 5.5: the timer backs off, 1 s then 2 s.
    EXPECT_NEAR(packets[1].time - packets[0].time, 1.0, 0.01);
    EXPECT_NEAR(packets[2].time - packets[1].time, 2.0, 0.01);
}

TEST(HandshakeTcp, AClosedSocketLeavesFinWait2AfterTheFinTimeoutWhenThePeerNeverCloses)
{
    // Issue 23: a connection stuck in FIN_WAIT_2 held a lossy run to its 600 s limit. Linux gives
    // up tcp_fin_timeout (60 s) after the application closed; so do we (FinTimeout).
    TwoNodesOptions options;
    options.name = "fin-timeout";
    TwoNodes net(options);
    ByteSender sender(net.ClientSocket(), 1000); // closes once everything is queued
    ByteReceiver receiver(net.ServerSocket(), TwoNodes::PORT, Seconds(-1)); // never closes
    Ptr<HandshakeTcpSocket> socket = DynamicCast<HandshakeTcpSocket>(sender.socket);
    ASSERT_TRUE(socket);
    std::vector<std::pair<Time, ns3::handshake::TcpState>> states;
    socket->TraceConnectWithoutContext(
        "StateTransition",
        MakeBoundCallback(+[](std::vector<std::pair<Time, ns3::handshake::TcpState>>* out,
                              uint64_t,
                              ns3::handshake::TcpState,
                              ns3::handshake::TcpState to) { out->emplace_back(Simulator::Now(), to); },
                          &states));
    sender.Start(net.ServerAddress());
    net.Run(Seconds(1000));
    ASSERT_TRUE(socket->GetOutcome().has_value());
    EXPECT_EQ(*socket->GetOutcome(), ns3::handshake::TcpOutcome::TIMED_OUT);
    ASSERT_GE(states.size(), 2u);
    auto finWait2 = states[states.size() - 2];
    ASSERT_EQ(finWait2.second, ns3::handshake::TcpState::FIN_WAIT_2);
    EXPECT_EQ(states.back().second, ns3::handshake::TcpState::CLOSED);
    EXPECT_EQ(states.back().first - finWait2.first, Seconds(60));
    EXPECT_EQ(receiver.CheckContent(1000), "");
    // Nothing was sent when it gave up: the capture's last client segment is no RST.
    auto packets = DecodeClean(net.ClientPcap());
    for (const auto& p : packets)
    {
        EXPECT_FALSE(p.Has(DecodedPacket::RST)) << p.Describe();
    }
}
