// ConnectionRecorder: with handshake's TCP the records take the TCP's own states and outcomes (the
// end of TIME_WAIT included); with stock ns-3 TCP its sockets' State traces and the wire.
#include "tcp-two-nodes.h"

#include "ns3/connection-recorder.h"

#include <gtest/gtest.h>

using namespace ns3;
using ::handshake::test::ByteReceiver;
using ::handshake::test::ByteSender;
using ::handshake::test::Stack;
using ::handshake::test::TwoNodes;
using ::handshake::test::TwoNodesOptions;

namespace
{

/** One connection from the client that sends 3000 bytes and closes first; the server closes at once. */
/** Two nodes that both run \p stack, their pcaps named after \p name. */
TwoNodesOptions
BothOn(Stack stack, const std::string& name)
{
    TwoNodesOptions options;
    options.client = stack;
    options.server = stack;
    options.name = name;
    return options;
}

std::vector<ConnectionRecord>
ClientClosesFirst(Stack stack)
{
    TwoNodes nodes(BothOn(stack, "recorder"));
    ConnectionRecorder recorder;
    recorder.Install(NodeContainer(nodes.Client()));
    ByteReceiver receiver(nodes.ServerSocket(), TwoNodes::PORT, Seconds(0));
    ByteSender sender(nodes.ClientSocket(), 3000);
    sender.Start(nodes.ServerAddress());
    nodes.Run();
    EXPECT_EQ(receiver.CheckContent(3000), "");
    return recorder.Records();
}

} // namespace

TEST(ConnectionRecorder, OurTcpRecordsTheEndOfTimeWait)
{
    // TIME_WAIT lasts 2 MSL (RFC 9293 3.3.2); a short MSL keeps the run short.
    Config::SetDefault("ns3::HandshakeTcpSocket::Msl", TimeValue(Seconds(3)));
    auto records = ClientClosesFirst(Stack::HANDSHAKE);
    Config::SetDefault("ns3::HandshakeTcpSocket::Msl", TimeValue(Seconds(120)));
    ASSERT_EQ(records.size(), 1u);
    const ConnectionRecord& r = records[0];
    EXPECT_EQ(r.outcome, "closed");
    EXPECT_EQ(r.finalState, "CLOSED");
    ASSERT_TRUE(r.synSent && r.established && r.finSent && r.finReceived);
    ASSERT_TRUE(r.timeWaitEntered);
    ASSERT_TRUE(r.closed) << "the TCP's own trace shows TIME_WAIT -> CLOSED";
    EXPECT_NEAR(*r.closed - *r.timeWaitEntered, 6.0, 1e-9);
    EXPECT_LT(*r.finSent, *r.finReceived);
}

TEST(ConnectionRecorder, StockTcpTimeWaitEndComesFromItsStateTrace)
{
    // The wire cannot show the end of TIME_WAIT; the stock socket's own "State" trace does (the
    // recorder finds the socket by its port when its SYN leaves).
    auto records = ClientClosesFirst(Stack::STOCK);
    ASSERT_EQ(records.size(), 1u);
    const ConnectionRecord& r = records[0];
    EXPECT_EQ(r.outcome, "closed");
    EXPECT_EQ(r.stateSource, "tcp");
    EXPECT_EQ(r.finalState, "CLOSED");
    ASSERT_TRUE(r.timeWaitEntered);
    ASSERT_TRUE(r.closed);
    EXPECT_GT(*r.closed, *r.timeWaitEntered);
    EXPECT_FALSE(r.openAtEnd);
}

TEST(ConnectionRecorder, RefusedConnectionIsClosedByOurTcp)
{
    TwoNodesOptions options;
    options.name = "recorder-refused";
    TwoNodes nodes(options);
    ConnectionRecorder recorder;
    recorder.Install(NodeContainer(nodes.Client()));
    ByteSender sender(nodes.ClientSocket(), 100);
    sender.Start(nodes.ServerAddress(TwoNodes::PORT + 1)); // nobody listens there
    nodes.Run();
    EXPECT_TRUE(sender.failed);
    auto records = recorder.Records();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].outcome, "refused");
    EXPECT_EQ(records[0].finalState, "CLOSED");
    EXPECT_TRUE(records[0].closed);
    EXPECT_FALSE(records[0].established);
    EXPECT_EQ(recorder.TcpClosed(), 1u);
    EXPECT_TRUE(recorder.TcpTraced());
}

TEST(ConnectionRecorder, ASynAckAfterTheClientGaveUpIsNoHandshake)
{
    // Issue 23: a SYN-ACK arriving after the client's TCP had given up was recorded as its
    // handshake (established after closed). The client's link drops everything for 5 s: its two
    // SYNs reach the server, whose SYN-ACKs are lost until one comes after the client gave up at
    // 3 s (ConnCount 1: SYNs at 0 and 1 s).
    for (Stack stack : {Stack::HANDSHAKE, Stack::STOCK})
    {
        TwoNodes nodes(BothOn(stack, "recorder-late-synack"));
        ConnectionRecorder recorder;
        recorder.Install(NodeContainer(nodes.Client()));
        Ptr<RateErrorModel> deaf = CreateObject<RateErrorModel>();
        deaf->SetAttribute("ErrorRate", DoubleValue(1.0));
        deaf->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
        nodes.Client()->GetDevice(1)->SetAttribute("ReceiveErrorModel", PointerValue(deaf));
        Simulator::Schedule(Seconds(5), [deaf]() { deaf->Disable(); });
        ByteReceiver receiver(nodes.ServerSocket(), TwoNodes::PORT, Seconds(0));
        ByteSender sender(nodes.ClientSocket(), 100);
        sender.socket->SetAttribute("ConnCount", UintegerValue(1));
        sender.Start(nodes.ServerAddress());
        nodes.Run(Seconds(100));
        EXPECT_TRUE(sender.failed);
        auto records = recorder.Records();
        ASSERT_EQ(records.size(), 1u);
        const ConnectionRecord& r = records[0];
        EXPECT_FALSE(r.established) << "established at " << r.established.value_or(-1) << " ("
                                    << (stack == Stack::STOCK ? "stock" : "ours") << ")";
        EXPECT_EQ(r.outcome, "timeout");
    }
}
