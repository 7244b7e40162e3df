// ConnectionRecorder: with handshake's TCP the records take the TCP's own states and outcomes (the
// end of TIME_WAIT included); with stock ns-3 TCP its sockets' State traces and the wire.
#include "state-timeline.h"
#include "tcp-two-nodes.h"

#include "ns3/connection-recorder.h"
#include "ns3/ladder-diagram.h"
#include "ns3/tcp-socket-base.h"

#include <gtest/gtest.h>

using namespace ns3;
using ::handshake::test::ByteReceiver;
using ::handshake::test::ByteSender;
using ::handshake::test::Stack;
using ::handshake::test::StateTimeline;
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

TEST(ConnectionRecorder, SegmentStatesAreTheClientTcpsOwnUnderLoss)
{
    // Issue 20: the segments' states are the client TCP's, as its socket's own trace (hooked here,
    // independently of the recorder) shows them at each segment's time; 10% of the client's
    // segments are lost at the server, so there are retransmissions and a FIN sent again.
    for (Stack stack : {Stack::HANDSHAKE, Stack::STOCK})
    {
        TwoNodesOptions options = BothOn(stack, "recorder-lossy");
        options.serverRxLoss = 0.1;
        options.rngRun = 3;
        TwoNodes nodes(options);
        ConnectionRecorder recorder;
        recorder.Install(NodeContainer(nodes.Client()), {0});
        recorder.InstallServers(NodeContainer(nodes.Server()));
        StateTimeline own;
        Ptr<Socket> client = nodes.ClientSocket(); // a new socket per call
        if (stack == Stack::STOCK)
        {
            client->TraceConnectWithoutContext(
                "State",
                Callback<void, TcpSocket::TcpStates_t, TcpSocket::TcpStates_t>(
                    [&own](TcpSocket::TcpStates_t from, TcpSocket::TcpStates_t to) {
                        own.Add(Simulator::Now().GetSeconds(), TcpSocket::TcpStateName[from],
                                TcpSocket::TcpStateName[to]);
                    }));
        }
        else
        {
            client->TraceConnectWithoutContext(
                "StateTransition",
                Callback<void, uint64_t, ns3::handshake::TcpState, ns3::handshake::TcpState>(
                    [&own](uint64_t, ns3::handshake::TcpState from, ns3::handshake::TcpState to) {
                        own.Add(Simulator::Now().GetSeconds(), ns3::handshake::ToString(from),
                                ns3::handshake::ToString(to));
                    }));
        }
        ByteReceiver receiver(nodes.ServerSocket(), TwoNodes::PORT, Seconds(0));
        ByteSender sender(client, 30000);
        sender.Start(nodes.ServerAddress());
        nodes.Run();
        std::string name = stack == Stack::STOCK ? "stock" : "ours";
        auto records = recorder.Records();
        ASSERT_EQ(records.size(), 1u) << name;
        EXPECT_GT(records[0].retransmissions, 0u) << name;
        EXPECT_EQ(own.OrderError(), "") << name;
        ASSERT_FALSE(recorder.Segments().empty());
        for (const SegmentRecord& s : recorder.Segments())
        {
            EXPECT_EQ(s.stateSource, "tcp") << name;
            EXPECT_TRUE(own.Shows(s.time, 0, s.stateBefore, s.stateAfter))
                << name << " at " << s.time << " " << s.direction << " [" << s.flags << "] shows "
                << s.stateBefore << " -> " << s.stateAfter << "; the TCP: " << own.Around(s.time, 0);
        }
        EXPECT_EQ(recorder.Segments().front().stateBefore, "CLOSED") << name << ": the SYN's connect";
        EXPECT_EQ(recorder.Segments().front().stateAfter, "SYN_SENT") << name;
        StateTimeline recorded;
        bool serverSide = false;
        for (const StateRecord& r : recorder.States())
        {
            EXPECT_EQ(r.source, "tcp");
            serverSide |= r.side == "server";
            if (r.side == "client")
            {
                recorded.Add(r.time, r.from, r.to);
            }
        }
        EXPECT_TRUE(serverSide) << name;
        EXPECT_EQ(recorded.OrderError(), "") << name;
        EXPECT_EQ(records[0].serverStateSource, "tcp") << name;
        EXPECT_TRUE(records[0].serverFinSent) << name;
        EXPECT_TRUE(records[0].serverClosed) << name << ": the server's LAST_ACK -> CLOSED";
    }
}

TEST(ConnectionRecorder, WithoutTheTcpsTraceStatesAreMarkedInferredFromTheWire)
{
    // Where the client's TCP cannot be traced, the states are the wire's inference and say so: in
    // the segments (state_source "wire"), in the states, and in the ladder (the mark and a legend).
    TwoNodes nodes(BothOn(Stack::STOCK, "recorder-wire"));
    ConnectionRecorder recorder;
    recorder.UseWireOnly();
    recorder.Install(NodeContainer(nodes.Client()), {0});
    ByteReceiver receiver(nodes.ServerSocket(), TwoNodes::PORT, Seconds(0));
    ByteSender sender(nodes.ClientSocket(), 3000);
    sender.Start(nodes.ServerAddress());
    nodes.Run();
    auto records = recorder.Records();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].stateSource, "wire");
    ASSERT_FALSE(recorder.Segments().empty());
    for (const SegmentRecord& s : recorder.Segments())
    {
        EXPECT_EQ(s.stateSource, "wire");
    }
    ASSERT_FALSE(recorder.States().empty());
    for (const StateRecord& r : recorder.States())
    {
        EXPECT_EQ(r.source, "wire");
    }
    LadderDiagram ladder(records[0], recorder.Segments());
    EXPECT_TRUE(ladder.AnyInferred());
    std::string svg = ladder.Svg();
    EXPECT_NE(svg.find(">~CLOSED &#8594; ~SYN_SENT</text>"), std::string::npos) << svg;
    EXPECT_NE(svg.find("class=\"state changed inferred\""), std::string::npos);
    EXPECT_NE(svg.find("~STATE: inferred from the wire"), std::string::npos);
}
