// SYN cookies on a listener (HandshakeTcpSocket::SynCookies, RFC 4987 3.6): a SYN beyond the SYN
// queue is answered statelessly and its connection carries data exactly; "Always" needs no SYN
// queue at all; an ACK that returns no valid cookie gets a RST and is counted.
#include "tcp-two-nodes.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>

using namespace ns3;
using ::handshake::test::ByteSender;
using ::handshake::test::DecodeClean;
using ::handshake::test::DecodedPacket;
using ::handshake::test::PatternByte;
using ::handshake::test::TwoNodes;
using ::handshake::test::TwoNodesOptions;

namespace
{

/** Accepts every connection on the listener and keeps each one's bytes. */
struct Collector
{
    std::map<Ptr<Socket>, std::vector<uint8_t>> received;

    explicit Collector(Ptr<Socket> listener)
    {
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    [this](Ptr<Socket> s, const Address&) {
                                        received[s];
                                        s->SetRecvCallback([this](Ptr<Socket> c) { Read(c); });
                                        Read(s);
                                    });
    }

    void Read(Ptr<Socket> socket)
    {
        // As ns-3's TCP: an empty packet, not a null one, once the peer's FIN has been read.
        // Then it closes too.
        Ptr<Packet> p;
        for (p = socket->Recv(); p && p->GetSize() > 0; p = socket->Recv())
        {
            std::vector<uint8_t>& bytes = received[socket];
            size_t at = bytes.size();
            bytes.resize(at + p->GetSize());
            p->CopyData(bytes.data() + at, p->GetSize());
        }
        if (p)
        {
            socket->Close();
        }
    }

    /** Connections that received exactly the first \p n pattern bytes. */
    size_t Exact(uint64_t n) const
    {
        size_t count = 0;
        for (const auto& [socket, bytes] : received)
        {
            bool same = bytes.size() == n;
            for (uint64_t i = 0; same && i < n; ++i)
            {
                same = bytes[i] == PatternByte(i);
            }
            count += same ? 1 : 0;
        }
        return count;
    }
};

struct CookieCounts
{
    uint64_t sent{0};
    uint64_t accepted{0};
    uint64_t rejected{0};
    uint64_t synQueueFull{0};
};

void
Watch(Ptr<HandshakeTcpL4Protocol> tcp, CookieCounts& counts)
{
    tcp->TraceConnectWithoutContext(
        "SynCookie",
        Callback<void, Ptr<const Packet>, const TcpHeader&, HandshakeTcpL4Protocol::SynCookieEvent>(
            [&counts](Ptr<const Packet>, const TcpHeader&, HandshakeTcpL4Protocol::SynCookieEvent e) {
                counts.sent += e == HandshakeTcpL4Protocol::COOKIE_SENT;
                counts.accepted += e == HandshakeTcpL4Protocol::COOKIE_ACCEPTED;
                counts.rejected += e == HandshakeTcpL4Protocol::COOKIE_REJECTED;
            }));
    tcp->TraceConnectWithoutContext(
        "Drop",
        Callback<void, Ptr<const Packet>, const TcpHeader&, HandshakeTcpL4Protocol::DropReason>(
            [&counts](Ptr<const Packet>, const TcpHeader&, HandshakeTcpL4Protocol::DropReason why) {
                counts.synQueueFull += why == HandshakeTcpL4Protocol::SYN_QUEUE_FULL;
            }));
}

/** SYN-ACKs in a capture. */
size_t
CountSynAcks(const std::vector<DecodedPacket>& packets)
{
    size_t n = 0;
    for (const auto& p : packets)
    {
        n += p.Has(DecodedPacket::SYN | DecodedPacket::ACK) ? 1 : 0;
    }
    return n;
}

TEST(HandshakeTcpSynCookies, OverflowIsAnsweredWithACookieAndItsConnectionCarriesDataExactly)
{
    TwoNodesOptions options;
    options.name = "syn-cookie-overflow";
    TwoNodes net(options);
    Ptr<Socket> listener = net.ServerSocket();
    listener->SetAttribute("SynQueueLimit", UintegerValue(1)); // SynCookies: OnOverflow, the default
    Collector collector(listener);
    ASSERT_EQ(listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), TwoNodes::PORT)), 0);
    ASSERT_EQ(listener->Listen(), 0);
    CookieCounts counts;
    Watch(net.Server()->GetObject<HandshakeTcpL4Protocol>(), counts);
    // Two SYNs in the same instant: the second finds the SYN queue full and gets a cookie.
    constexpr uint64_t BYTES = 200000;
    ByteSender first(net.ClientSocket(), BYTES);
    ByteSender second(net.ClientSocket(), BYTES);
    first.Start(net.ServerAddress(), Seconds(0.1));
    second.Start(net.ServerAddress(), Seconds(0.1));
    net.Run(Seconds(60));
    EXPECT_EQ(counts.sent, 1u);
    EXPECT_EQ(counts.accepted, 1u);
    EXPECT_EQ(counts.rejected, 0u);
    EXPECT_EQ(counts.synQueueFull, 0u) << "nothing dropped: the cookie took the overflow";
    ASSERT_TRUE(first.connected && second.connected);
    // SYN, SYN-ACK, ACK over 10 ms links: no SYN retransmission (1 s) was needed.
    EXPECT_LT(second.connectedAt, Seconds(0.2));
    EXPECT_EQ(collector.received.size(), 2u);
    EXPECT_EQ(collector.Exact(BYTES), 2u) << "both connections delivered every byte, in order";
    EXPECT_TRUE(first.closedNormally && second.closedNormally);
    auto packets = DecodeClean(net.ServerPcap()); // tshark, checksums validated
    EXPECT_EQ(CountSynAcks(packets), 2u);
}

TEST(HandshakeTcpSynCookies, AlwaysNeedsNoSynQueue)
{
    TwoNodesOptions options;
    options.name = "syn-cookie-always";
    options.serverRxLoss = 0.02; // the cookie connections recover from loss like any other
    TwoNodes net(options);
    Ptr<Socket> listener = net.ServerSocket();
    listener->SetAttribute("SynQueueLimit", UintegerValue(1));
    listener->SetAttribute("SynCookies", StringValue("Always"));
    Collector collector(listener);
    ASSERT_EQ(listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), TwoNodes::PORT)), 0);
    ASSERT_EQ(listener->Listen(), 0);
    CookieCounts counts;
    Watch(net.Server()->GetObject<HandshakeTcpL4Protocol>(), counts);
    constexpr uint64_t BYTES = 30000;
    std::vector<std::unique_ptr<ByteSender>> senders;
    for (int i = 0; i < 5; ++i)
    {
        senders.push_back(std::make_unique<ByteSender>(net.ClientSocket(), BYTES));
        senders.back()->Start(net.ServerAddress(), Seconds(0.1));
    }
    net.Run(Seconds(120));
    EXPECT_GE(counts.sent, 5u) << "every SYN (and any retransmitted one) got a cookie";
    EXPECT_EQ(counts.accepted, 5u);
    EXPECT_EQ(counts.synQueueFull, 0u);
    EXPECT_EQ(collector.received.size(), 5u);
    EXPECT_EQ(collector.Exact(BYTES), 5u);
    for (const auto& sender : senders)
    {
        EXPECT_TRUE(sender->connected);
        EXPECT_TRUE(sender->closedNormally);
    }
}

TEST(HandshakeTcpSynCookies, AnAckWithoutAValidCookieGetsARstAndIsCounted)
{
    TwoNodesOptions options;
    options.name = "syn-cookie-forged";
    TwoNodes net(options);
    Ptr<Socket> listener = net.ServerSocket();
    listener->SetAttribute("SynCookies", StringValue("Always"));
    Collector collector(listener);
    ASSERT_EQ(listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), TwoNodes::PORT)), 0);
    ASSERT_EQ(listener->Listen(), 0);
    Ptr<HandshakeTcpL4Protocol> tcp = net.Server()->GetObject<HandshakeTcpL4Protocol>();
    CookieCounts counts;
    Watch(tcp, counts);
    ByteSender real(net.ClientSocket(), 1000);
    real.Start(net.ServerAddress(), Seconds(0.1));
    // A guessed handshake ACK from a port that sent no SYN (RFC 4987 3.6: it must not open).
    Simulator::Schedule(Seconds(1), [&]() {
        TcpHeader header;
        header.SetSourcePort(50000);
        header.SetDestinationPort(TwoNodes::PORT);
        header.SetFlags(TcpHeader::ACK);
        header.SetSequenceNumber(SequenceNumber32(77));
        header.SetAckNumber(SequenceNumber32(4242));
        ::handshake::test::InjectSegment(net.Server(),
                                         Ipv4Address("10.0.0.1"),
                                         Ipv4Address("10.0.0.2"),
                                         header);
    });
    net.Run(Seconds(5));
    EXPECT_EQ(counts.accepted, 1u);
    EXPECT_EQ(counts.rejected, 1u);
    EXPECT_EQ(collector.received.size(), 1u) << "the guessed ACK opened nothing";
    EXPECT_EQ(collector.Exact(1000), 1u);
    bool reset = false;
    for (const auto& p : DecodeClean(net.ServerPcap()))
    {
        reset |= p.Has(DecodedPacket::RST) && p.dstPort == 50000 && p.seq == 4242u;
    }
    EXPECT_TRUE(reset) << "RFC 9293 3.10.7.2: <SEQ=SEG.ACK><CTL=RST>";
}

} // namespace
