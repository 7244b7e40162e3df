// Resource bounds of our TCP (issue [hardening]): the node-wide caps MaxConnections and
// MaxTimeWait, the per-connection SndBufSize / RcvBufSize, each overflow counted and traced; and
// the memory 100,000 half-open connections take on one server.
#include "tcp-two-nodes.h"

#include <gtest/gtest.h>

#include <malloc.h>

#include <memory>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
// From the sanitizer runtime (clang's <sanitizer/allocator_interface.h>; GCC ships no header).
extern "C" size_t __sanitizer_get_current_allocated_bytes();
#endif

using namespace ns3;
using ::handshake::test::ByteReceiver;
using ::handshake::test::ByteSender;
using ::handshake::test::TwoNodes;
using ::handshake::test::TwoNodesOptions;
using ns3::handshake::TcpOutcome;
using ns3::handshake::TcpState;

namespace
{

/** Bytes the program has allocated and not freed (malloc's own count, or ASan's). */
size_t
AllocatedBytes()
{
#if defined(__SANITIZE_ADDRESS__)
    return __sanitizer_get_current_allocated_bytes();
#else
    return mallinfo2().uordblks;
#endif
}

/** Counts every Overflow of one node by kind. */
struct Overflows
{
    uint64_t count[4]{};

    explicit Overflows(Ptr<Node> node)
    {
        node->GetObject<HandshakeTcpL4Protocol>()->TraceConnectWithoutContext(
            "Overflow",
            Callback<void, HandshakeTcpL4Protocol::OverflowKind, uint64_t>(
                [this](HandshakeTcpL4Protocol::OverflowKind kind, uint64_t) { count[kind]++; }));
    }
};

/** A SYN from \p source:\p port to \p server's listener (nobody will answer its SYN-ACK). */
void
InjectSyn(Ptr<Node> node, Ipv4Address source, uint16_t port, Ipv4Address server)
{
    TcpHeader header;
    header.SetSourcePort(port);
    header.SetDestinationPort(TwoNodes::PORT);
    header.SetFlags(TcpHeader::SYN);
    header.SetSequenceNumber(SequenceNumber32(port * 7919u));
    header.SetWindowSize(65535);
    ::handshake::test::InjectSegment(node, source, server, header);
}

/** \p count SYNs from distinct spoofed sources (172.16.0.0/12: no route back), \p gap apart. */
void
ScheduleSpoofedSyns(TwoNodes& net, uint32_t count, Time start, Time gap)
{
    Ipv4Address server = InetSocketAddress::ConvertFrom(net.ServerAddress()).GetIpv4();
    for (uint32_t i = 0; i < count; ++i)
    {
        Ipv4Address source(0xAC100000u + i / 50000); // 172.16.0.0 + i / 50000
        uint16_t port = static_cast<uint16_t>(10000 + i % 50000);
        Simulator::Schedule(start + gap * i, &InjectSyn, net.Server(), source, port, server);
    }
}

TEST(HandshakeTcpCaps, MaxConnectionsFailsAConnectAndDropsASynUntilThereIsRoom)
{
    TwoNodesOptions options;
    options.name = "max-connections";
    TwoNodes net(options);
    net.Client()->GetObject<HandshakeTcpL4Protocol>()->SetAttribute("MaxConnections",
                                                                    UintegerValue(2));
    net.Server()->GetObject<HandshakeTcpL4Protocol>()->SetAttribute("MaxConnections",
                                                                    UintegerValue(1));
    Overflows clientOverflows(net.Client());
    Overflows serverOverflows(net.Server());
    Ptr<Socket> listener = net.ServerSocket();
    std::vector<Ptr<Socket>> accepted;
    listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                [&](Ptr<Socket> s, const Address&) {
                                    accepted.push_back(s);
                                    s->SetCloseCallbacks([](Ptr<Socket> c) { c->Close(); },
                                                         [](Ptr<Socket>) {});
                                });
    ASSERT_EQ(listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), TwoNodes::PORT)), 0);
    ASSERT_EQ(listener->Listen(), 0);
    // Two connects at once: the server holds one connection; the second SYN is dropped and its
    // retransmission gets in once the first connection has closed. A third connect on the client
    // (cap 2) fails at once.
    ByteSender first(net.ClientSocket(), 1000);
    ByteSender second(net.ClientSocket(), 1000);
    first.Start(net.ServerAddress(), Seconds(0.1));
    second.Start(net.ServerAddress(), Seconds(0.1));
    int third = 0;
    Socket::SocketErrno thirdErrno = Socket::ERROR_NOTERROR;
    Simulator::Schedule(Seconds(0.2), [&]() {
        Ptr<Socket> socket = net.ClientSocket();
        third = socket->Connect(net.ServerAddress());
        thirdErrno = socket->GetErrno();
    });
    net.Run(Seconds(30));
    EXPECT_EQ(third, -1);
    EXPECT_EQ(thirdErrno, Socket::ERROR_AGAIN);
    EXPECT_EQ(clientOverflows.count[HandshakeTcpL4Protocol::CONNECTIONS], 1u);
    EXPECT_GE(serverOverflows.count[HandshakeTcpL4Protocol::CONNECTIONS], 1u);
    EXPECT_EQ(net.Server()->GetObject<HandshakeTcpL4Protocol>()->GetDrops(
                  HandshakeTcpL4Protocol::CONNECTION_LIMIT),
              serverOverflows.count[HandshakeTcpL4Protocol::CONNECTIONS]);
    EXPECT_TRUE(first.connected && second.connected) << "the SYN retransmission got in";
    EXPECT_GT(second.connectedAt, first.connectedAt + Seconds(0.9)) << "after one SYN RTO";
    EXPECT_EQ(accepted.size(), 2u);
}

TEST(HandshakeTcpCaps, MaxTimeWaitClosesTheConnectionsBeyondItAtOnce)
{
    TwoNodesOptions options;
    options.name = "max-time-wait";
    TwoNodes net(options);
    Ptr<HandshakeTcpL4Protocol> clientTcp = net.Client()->GetObject<HandshakeTcpL4Protocol>();
    clientTcp->SetAttribute("MaxTimeWait", UintegerValue(1));
    Overflows overflows(net.Client());
    std::vector<TcpOutcome> outcomes;
    clientTcp->TraceConnectWithoutContext(
        "Outcome",
        Callback<void, uint64_t, TcpOutcome>(
            [&](uint64_t, TcpOutcome o) { outcomes.push_back(o); }));
    // Three connections one after the other, each closed by the client first (it gets TIME_WAIT):
    // the server closes 0.5 s after the client's FIN, so the client waits in FIN_WAIT_2.
    std::vector<std::unique_ptr<ByteReceiver>> receivers;
    std::vector<std::unique_ptr<ByteSender>> senders;
    for (uint16_t i = 0; i < 3; ++i)
    {
        receivers.push_back(
            std::make_unique<ByteReceiver>(net.ServerSocket(), TwoNodes::PORT + i, Seconds(0.5)));
        senders.push_back(std::make_unique<ByteSender>(net.ClientSocket(), 100));
        senders.back()->Start(net.ServerAddress(TwoNodes::PORT + i), Seconds(0.1 + i));
    }
    uint32_t timeWaitAt5s = 0;
    Simulator::Schedule(Seconds(5), [&]() { timeWaitAt5s = clientTcp->GetTimeWaitCount(); });
    net.Run(Seconds(10));
    EXPECT_EQ(overflows.count[HandshakeTcpL4Protocol::TIME_WAIT], 2u);
    EXPECT_EQ(timeWaitAt5s, 1u) << "only the first connection waits 2 MSL";
    ASSERT_EQ(outcomes.size(), 2u) << "the two beyond the cap ended; the first is still in TIME_WAIT";
    for (auto outcome : outcomes)
    {
        EXPECT_EQ(outcome, TcpOutcome::CLOSED_NORMALLY);
    }
    for (const auto& receiver : receivers)
    {
        EXPECT_EQ(receiver->CheckContent(100), "");
    }
}

TEST(HandshakeTcpCaps, SendBufferOverflowIsRefusedCountedAndTraced)
{
    TwoNodesOptions options;
    options.name = "send-buffer";
    TwoNodes net(options);
    Overflows overflows(net.Client());
    ByteReceiver receiver(net.ServerSocket(), TwoNodes::PORT, Seconds(0));
    Ptr<Socket> socket = net.ClientSocket();
    socket->SetAttribute("SndBufSize", UintegerValue(1000));
    int tooBig = 0;
    int fits = 0;
    socket->SetConnectCallback(
        [&](Ptr<Socket> s) {
            tooBig = s->Send(Create<Packet>(1001));
            fits = s->Send(Create<Packet>(1000));
            s->Close();
        },
        [](Ptr<Socket>) {});
    Simulator::Schedule(Seconds(0.1), [&]() { socket->Connect(net.ServerAddress()); });
    net.Run(Seconds(5));
    EXPECT_EQ(tooBig, -1);
    EXPECT_EQ(fits, 1000);
    EXPECT_EQ(socket->GetErrno(), Socket::ERROR_MSGSIZE);
    EXPECT_EQ(overflows.count[HandshakeTcpL4Protocol::SEND_BUFFER], 1u);
    EXPECT_EQ(receiver.data.size(), 1000u);
}

// 100,000 connections in SYN_RCVD on one server (spoofed SYNs, no cookies, a SYN queue big enough):
// what they cost. The bound stated in doc/tcp-adapter.md is checked here: at most
// HALF_OPEN_BYTES_BOUND per connection.
TEST(HandshakeTcpCaps, HundredThousandHalfOpenConnectionsStayWithinTheStatedMemoryBound)
{
    constexpr uint32_t HALF_OPEN = 100000;
    // Measured 4,560 with ns-3 3.37 and 4,640 with ns-3-dev of 2026-07 (its objects are larger).
    constexpr size_t HALF_OPEN_BYTES_BOUND = 4736;
    TwoNodesOptions options;
    options.name = "half-open";
    TwoNodes net(options);
    Ptr<HandshakeTcpL4Protocol> tcp = net.Server()->GetObject<HandshakeTcpL4Protocol>();
    Ptr<Socket> listener = net.ServerSocket();
    listener->SetAttribute("SynQueueLimit", UintegerValue(HALF_OPEN));
    listener->SetAttribute("SynCookies", StringValue("Off"));
    ASSERT_EQ(listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), TwoNodes::PORT)), 0);
    ASSERT_EQ(listener->Listen(), 0);
    uint64_t synReceived = 0;
    tcp->TraceConnectWithoutContext(
        "StateTransition",
        Callback<void, uint64_t, TcpState, TcpState>([&](uint64_t, TcpState, TcpState to) {
            synReceived += to == TcpState::SYN_RCVD ? 1 : 0;
        }));
    // The SYNs arrive within 0.5 s, so none of the SYN-ACKs (RTO 1 s) is sent again before the
    // count at 1.5 s; the events of the injection are all gone by then.
    ScheduleSpoofedSyns(net, HALF_OPEN, Seconds(1), MicroSeconds(5));
    size_t before = 0;
    size_t after = 0;
    Simulator::Schedule(Seconds(0.5), [&]() { before = AllocatedBytes(); });
    Simulator::Schedule(Seconds(1.5), [&]() { after = AllocatedBytes(); });
    net.Run(Seconds(1.5));
    ASSERT_EQ(synReceived, HALF_OPEN);
    size_t perConnection = (after - before) / HALF_OPEN;
    std::cout << "100000 half-open connections: " << (after - before) / (1 << 20) << " MiB, "
              << perConnection << " bytes each" << std::endl;
    EXPECT_LE(perConnection, HALF_OPEN_BYTES_BOUND);
}

// A flood with the defaults (SYN queue 128, cookies on overflow): the server never keeps more than
// 128 half-open connections, whatever the number of SYNs, and a client in the middle of it gets in.
TEST(HandshakeTcpCaps, SpoofedSynFloodWithCookiesKeepsAtMostTheSynQueue)
{
    TwoNodesOptions options;
    options.name = "flood-cookies";
    TwoNodes net(options);
    Ptr<HandshakeTcpL4Protocol> tcp = net.Server()->GetObject<HandshakeTcpL4Protocol>();
    int64_t halfOpen = 0;
    int64_t peak = 0;
    tcp->TraceConnectWithoutContext(
        "StateTransition",
        Callback<void, uint64_t, TcpState, TcpState>([&](uint64_t, TcpState from, TcpState to) {
            halfOpen += to == TcpState::SYN_RCVD ? 1 : 0;
            halfOpen -= from == TcpState::SYN_RCVD ? 1 : 0;
            peak = std::max(peak, halfOpen);
        }));
    ByteReceiver receiver(net.ServerSocket(), TwoNodes::PORT, Seconds(0)); // binds and listens
    ScheduleSpoofedSyns(net, 20000, Seconds(1), MicroSeconds(50));
    ByteSender legitimate(net.ClientSocket(), 5000);
    legitimate.Start(net.ServerAddress(), Seconds(1.5)); // in the middle of the flood
    net.Run(Seconds(100));
    // The SYN queue filled (128) and never held more; the one cookie connection passes through
    // SYN_RCVD in zero time on its way to ESTABLISHED (CLOSED -> SYN_RCVD -> ESTABLISHED).
    EXPECT_EQ(peak, 128 + 1) << "half-open connections";
    EXPECT_EQ(tcp->GetSynCookies(HandshakeTcpL4Protocol::COOKIE_SENT), 20000u - 128u + 1u);
    EXPECT_EQ(tcp->GetSynCookies(HandshakeTcpL4Protocol::COOKIE_ACCEPTED), 1u);
    EXPECT_TRUE(legitimate.connected);
    EXPECT_LT(legitimate.connectedAt, Seconds(1.6)) << "one round trip: no SYN was dropped";
    EXPECT_EQ(receiver.CheckContent(5000), "");
}

} // namespace
