// TIME_WAIT without its socket (issue [bench]): once the application has let go of a socket whose
// connection is in TIME_WAIT, the node keeps the connection as a TcpTimeWait and frees the socket.
// Nothing on the wire or in the node's traces may change: the same run with the application
// holding its socket (the full connection answers) must write the same captures.
#include "tcp-two-nodes.h"

#include "ns3/handshake-module.h"

#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <string>
#include <vector>

using namespace ns3;

namespace handshake::test
{
namespace
{

std::string
ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct TimeWaitRun
{
    std::string clientPcap;
    std::string serverPcap;
    std::string clientPcapPath;
    std::vector<std::string> clientTransitions; //!< "t from->to" from the node-wide trace
    std::vector<std::string> clientOutcomes;
    uint32_t compactAt5s{0};
    uint32_t timeWaitAt5s{0};
    uint32_t compactAtEnd{0};
    uint32_t timeWaitAtEnd{0};
    bool receiverClosed{false};
    bool senderClosedNormally{false};
    uint32_t forgotten{0};
};

/**
 * The client sends 3,000 bytes and closes first (it gets TIME_WAIT); the server closes at its
 * FIN. The client's first ACK of the server's FIN is lost, so the server's FIN comes again while
 * the client is in TIME_WAIT. \p release: the client lets go of its socket once it has closed it.
 * \p crashAt: the client's node crashes then (zero: never).
 */
TimeWaitRun
RunClientClosesFirst(const std::string& name, bool release, Time crashAt = Time())
{
    TwoNodesOptions options;
    options.name = name;
    TwoNodes net(options);
    Ptr<TcpSegmentRuleErrorModel> drops = CreateObject<TcpSegmentRuleErrorModel>();
    EXPECT_TRUE(drops->SetRulesText("c2s:ack=2#1"));
    for (uint32_t i = 0; i < 2; ++i)
    {
        NodeContainer(net.Client(), net.Server())
            .Get(i)
            ->GetDevice(1)
            ->SetAttribute("ReceiveErrorModel", PointerValue(drops));
    }
    ByteSender sender(net.ClientSocket(), 3000);
    ByteReceiver receiver(net.ServerSocket(), TwoNodes::PORT, Seconds(0));
    Ptr<HandshakeTcpL4Protocol> clientTcp = net.Client()->GetObject<HandshakeTcpL4Protocol>();
    TimeWaitRun run;
    clientTcp->TraceConnectWithoutContext(
        "StateTransition",
        Callback<void, uint64_t, ns3::handshake::TcpState, ns3::handshake::TcpState>(
            [&](uint64_t, ns3::handshake::TcpState from, ns3::handshake::TcpState to) {
                run.clientTransitions.push_back(std::to_string(Simulator::Now().GetMilliSeconds()) +
                                                " " + ns3::handshake::ToString(from) + "->" +
                                                ns3::handshake::ToString(to));
                if (release && to == ns3::handshake::TcpState::FIN_WAIT_1)
                {
                    Simulator::ScheduleNow([&sender]() { sender.socket = nullptr; });
                }
            }));
    clientTcp->TraceConnectWithoutContext(
        "Outcome",
        Callback<void, uint64_t, ns3::handshake::TcpOutcome>(
            [&](uint64_t, ns3::handshake::TcpOutcome outcome) {
                run.clientOutcomes.push_back(std::to_string(Simulator::Now().GetMilliSeconds()) +
                                             " " + ns3::handshake::ToString(outcome));
            }));
    Simulator::Schedule(Seconds(5), [&]() {
        run.compactAt5s = clientTcp->GetCompactTimeWaitCount();
        run.timeWaitAt5s = clientTcp->GetTimeWaitCount();
    });
    if (!crashAt.IsZero())
    {
        Simulator::Schedule(crashAt, [&]() { run.forgotten = clientTcp->Crash(); });
    }
    sender.Start(net.ServerAddress());
    net.Run(Seconds(100));
    run.compactAtEnd = clientTcp->GetCompactTimeWaitCount();
    run.timeWaitAtEnd = clientTcp->GetTimeWaitCount();
    run.receiverClosed = receiver.closed;
    run.senderClosedNormally = sender.closedNormally;
    EXPECT_EQ(receiver.CheckContent(3000), "");
    run.clientPcap = ReadFile(net.ClientPcap());
    run.clientPcapPath = net.ClientPcap();
    run.serverPcap = ReadFile(net.ServerPcap());
    return run;
}

TEST(HandshakeTcpTimeWait, WithoutItsSocketTheConnectionAnswersAsTheSocketDid)
{
    TimeWaitRun kept = RunClientClosesFirst("time-wait-kept", false);
    TimeWaitRun compact = RunClientClosesFirst("time-wait-compact", true);
    // The application that kept its socket kept the whole connection; the other did not.
    EXPECT_EQ(kept.compactAt5s, 0u);
    EXPECT_EQ(kept.timeWaitAt5s, 1u);
    EXPECT_EQ(compact.compactAt5s, 1u);
    EXPECT_EQ(compact.timeWaitAt5s, 1u);
    // Both ended 2 MSL (60 s) after the server's first FIN, normally, and keep nothing.
    EXPECT_EQ(kept.compactAtEnd, 0u);
    EXPECT_EQ(compact.compactAtEnd, 0u);
    EXPECT_EQ(kept.timeWaitAtEnd, 0u);
    EXPECT_EQ(compact.timeWaitAtEnd, 0u);
    ASSERT_FALSE(kept.clientTransitions.empty());
    EXPECT_EQ(kept.clientTransitions, compact.clientTransitions);
    EXPECT_EQ(kept.clientOutcomes, compact.clientOutcomes);
    ASSERT_EQ(compact.clientOutcomes.size(), 1u);
    EXPECT_NE(compact.clientOutcomes[0].find("CLOSED_NORMALLY"), std::string::npos);
    EXPECT_NE(compact.clientTransitions.back().find("TIME_WAIT->CLOSED"), std::string::npos);
    EXPECT_TRUE(compact.receiverClosed);
    EXPECT_TRUE(compact.senderClosedNormally);
    // The same bytes at the same times on both ends: the server's second FIN was answered by the
    // TcpTimeWait exactly as by the full connection.
    ASSERT_FALSE(kept.clientPcap.empty());
    EXPECT_TRUE(kept.clientPcap == compact.clientPcap) << "client captures differ";
    EXPECT_TRUE(kept.serverPcap == compact.serverPcap) << "server captures differ";
    // tshark finds every checksum good; the server's FIN went twice, each answered (one lost).
    std::vector<DecodedPacket> packets = DecodeClean(compact.clientPcapPath);
    EXPECT_EQ(FlagSequence(packets, packets.size()), "S,SA,A,A,A,A,FA,A,A,A,FA,A,FA,A");
}

TEST(HandshakeTcpTimeWait, ACrashForgetsATimeWaitWithoutSocketAsAnyConnection)
{
    TimeWaitRun kept = RunClientClosesFirst("time-wait-crash-kept", false, Seconds(10));
    TimeWaitRun compact = RunClientClosesFirst("time-wait-crash-compact", true, Seconds(10));
    EXPECT_EQ(compact.compactAt5s, 1u);
    EXPECT_EQ(kept.forgotten, 1u);
    EXPECT_EQ(compact.forgotten, 1u);
    EXPECT_EQ(kept.clientTransitions, compact.clientTransitions);
    EXPECT_EQ(kept.clientOutcomes, compact.clientOutcomes);
    ASSERT_EQ(compact.clientOutcomes.size(), 1u);
    EXPECT_EQ(compact.clientOutcomes[0], "10000 LOST");
    EXPECT_EQ(compact.compactAtEnd, 0u);
    EXPECT_EQ(compact.timeWaitAtEnd, 0u);
}

} // namespace
} // namespace handshake::test
