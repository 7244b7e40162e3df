// Half-open connections over two simulated nodes (RFC 9293 3.5.1): one node's TCP crashes
// (HandshakeTcpL4Protocol::Crash) while ESTABLISHED. (i) The peer's next data meets no connection
// and gets a RST (figure 10); (ii) the crashed node connects again from the same port, the old
// connection's challenge ACK draws its RST, and the SYN's retransmission opens anew (figure 9).
#include "tcp-two-nodes.h"

#include <gtest/gtest.h>

#include <vector>

using namespace ns3;
using ::handshake::test::DecodeClean;
using ::handshake::test::DecodedPacket;
using ::handshake::test::FlagSequence;
using ::handshake::test::TwoNodes;
using ::handshake::test::TwoNodesOptions;
using Outcome = ns3::handshake::TcpOutcome;

namespace
{

/** A listener that keeps every connection it accepts, reads and discards, and closes on EOF. */
struct Server
{
    Ptr<Socket> listener;
    std::vector<Ptr<HandshakeTcpSocket>> accepted;
    uint32_t errorCloses{0};

    explicit Server(const TwoNodes& net)
        : listener(net.ServerSocket())
    {
        listener->SetAcceptCallback(
            MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
            [this](Ptr<Socket> s, const Address&) {
                accepted.push_back(DynamicCast<HandshakeTcpSocket>(s));
                s->SetRecvCallback([](Ptr<Socket> c) {
                    while (Ptr<Packet> p = c->Recv())
                    {
                        if (p->GetSize() == 0)
                        {
                            break;
                        }
                    }
                });
                s->SetCloseCallbacks([](Ptr<Socket> c) { c->Close(); },
                                     [this](Ptr<Socket>) { ++errorCloses; });
            });
        EXPECT_EQ(listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), TwoNodes::PORT)), 0);
        EXPECT_EQ(listener->Listen(), 0);
    }
};

/** A client socket, optionally bound to \p port, and what its callbacks reported. */
struct Client
{
    Ptr<HandshakeTcpSocket> socket;
    bool connected{false};
    Time connectedAt;
    bool errorClosed{false};

    Client(const TwoNodes& net, uint16_t port)
        : socket(DynamicCast<HandshakeTcpSocket>(net.ClientSocket()))
    {
        EXPECT_TRUE(socket) << "the client did not get our socket";
        if (port != 0)
        {
            EXPECT_EQ(socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port)), 0);
        }
        socket->SetConnectCallback(
            [this](Ptr<Socket>) {
                connected = true;
                connectedAt = Simulator::Now();
            },
            [](Ptr<Socket>) {});
        socket->SetCloseCallbacks([](Ptr<Socket>) {}, [this](Ptr<Socket>) { errorClosed = true; });
    }

    void Send(uint32_t bytes)
    {
        std::vector<uint8_t> data(bytes, 'x');
        EXPECT_EQ(socket->Send(data.data(), bytes, 0), static_cast<int>(bytes));
    }
};

/** The packets of \p packets at or after \p from seconds. */
std::vector<DecodedPacket>
After(const std::vector<DecodedPacket>& packets, double from)
{
    std::vector<DecodedPacket> later;
    for (const auto& p : packets)
    {
        if (p.time >= from)
        {
            later.push_back(p);
        }
    }
    return later;
}

} // namespace

TEST(HandshakeTcpHalfOpen, PeersNextDataToACrashedServerGetsARstAndItsSocketReportsTheError)
{
    TwoNodesOptions options;
    options.name = "half-open-data";
    TwoNodes net(options);
    Server server(net);
    Client client(net, 0);
    Ptr<HandshakeTcpL4Protocol> serverTcp = net.Server()->GetObject<HandshakeTcpL4Protocol>();
    uint32_t forgotten = 0;
    Simulator::Schedule(Seconds(0.1), [&]() { client.socket->Connect(net.ServerAddress()); });
    Simulator::Schedule(Seconds(0.5), [&]() { forgotten = serverTcp->Crash(); });
    Simulator::Schedule(Seconds(1.0), [&]() { client.Send(100); });
    net.Run();

    EXPECT_EQ(forgotten, 1u);
    EXPECT_EQ(serverTcp->GetCrashes(), 1u);
    ASSERT_EQ(server.accepted.size(), 1u);
    EXPECT_EQ(server.accepted[0]->GetOutcome(), Outcome::LOST);
    EXPECT_EQ(server.errorCloses, 1u) << "the server's application hears of the crash";
    EXPECT_TRUE(client.connected);
    EXPECT_TRUE(client.errorClosed) << "RFC 9293 3.5.1: 'it is expected to abort the connection'";
    EXPECT_EQ(client.socket->GetOutcome(), Outcome::RESET);
    EXPECT_EQ(serverTcp->GetResetsSent(), 1u);

    // On the wire: handshake, then nothing from the crashed server until the client's data, which
    // gets <SEQ=SEG.ACK><CTL=RST> (RFC 9293 figure 10, 3.10.7.1); the client sends nothing more.
    auto packets = DecodeClean(net.ClientPcap());
    ASSERT_EQ(packets.size(), 5u) << FlagSequence(packets, 10);
    EXPECT_EQ(FlagSequence(packets, 5), "S,SA,A,A,R");
    const DecodedPacket& data = packets[3];
    const DecodedPacket& rst = packets[4];
    EXPECT_EQ(data.payloadLength, 100u);
    EXPECT_GE(data.time, 1.0);
    EXPECT_EQ(rst.flags, DecodedPacket::RST);
    EXPECT_EQ(rst.seq, data.ack);
}

TEST(HandshakeTcpHalfOpen, CrashedClientReconnectingFromTheSamePortGetsThroughAfterTheChallenge)
{
    TwoNodesOptions options;
    options.name = "half-open-reconnect";
    TwoNodes net(options);
    Server server(net);
    const uint16_t port = 40000;
    Client before(net, port);
    std::unique_ptr<Client> after;
    Ptr<HandshakeTcpL4Protocol> clientTcp = net.Client()->GetObject<HandshakeTcpL4Protocol>();
    Simulator::Schedule(Seconds(0.1), [&]() { before.socket->Connect(net.ServerAddress()); });
    Simulator::Schedule(Seconds(0.5), [&]() { EXPECT_EQ(clientTcp->Crash(), 1u); });
    Simulator::Schedule(Seconds(1.0), [&]() {
        after = std::make_unique<Client>(net, port); // the port was released by the crash
        after->socket->Connect(net.ServerAddress());
    });
    Simulator::Schedule(Seconds(5.0), [&]() {
        after->Send(1000);
        after->socket->Close();
    });
    net.Run();

    EXPECT_EQ(before.socket->GetOutcome(), Outcome::LOST);
    ASSERT_TRUE(after);
    EXPECT_TRUE(after->connected);
    EXPECT_GT(after->connectedAt, Seconds(1.9)) << "through only with the SYN's retransmission";
    EXPECT_EQ(after->socket->GetOutcome(), Outcome::CLOSED_NORMALLY);
    ASSERT_EQ(server.accepted.size(), 2u);
    EXPECT_EQ(server.accepted[0]->GetOutcome(), Outcome::RESET) << "the half-open one";
    EXPECT_EQ(server.errorCloses, 1u);
    EXPECT_EQ(server.accepted[1]->GetOutcome(), Outcome::CLOSED_NORMALLY);
    EXPECT_EQ(server.accepted[1]->GetStats().bytesDelivered, 1000u);

    // RFC 9293 figure 9 on the wire: the new SYN (line 3), the old connection's ACK (line 4:
    // <SEQ=SND.NXT><ACK=RCV.NXT>), the client's RST taking its seq from that ACK (line 5), the
    // same SYN again one RTO later (line 7), and a plain handshake.
    auto packets = After(DecodeClean(net.ClientPcap()), 1.0);
    ASSERT_GE(packets.size(), 6u) << FlagSequence(packets, 10);
    EXPECT_EQ(FlagSequence(packets, 6), "S,A,R,S,SA,A");
    for (const auto& p : packets)
    {
        EXPECT_TRUE(p.srcPort == port || p.dstPort == port) << p.Describe();
    }
    const DecodedPacket& syn = packets[0];
    const DecodedPacket& challenge = packets[1];
    const DecodedPacket& rst = packets[2];
    const DecodedPacket& retry = packets[3];
    EXPECT_NE(challenge.ack, syn.seq + 1) << "the old connection acknowledges its own data";
    EXPECT_EQ(challenge.ack, before.socket->GetIss() + 1);
    EXPECT_EQ(rst.flags, DecodedPacket::RST);
    EXPECT_EQ(rst.seq, challenge.ack);
    EXPECT_EQ(retry.seq, syn.seq);
    EXPECT_NEAR(retry.time - syn.time, 1.0, 0.01) << "RFC 6298 initial RTO";
    EXPECT_EQ(packets[4].ack, syn.seq + 1);
}
