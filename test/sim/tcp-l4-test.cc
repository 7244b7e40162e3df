// handshake's TCP under ns-3's own applications (they ask for ns3::TcpSocketFactory and get ours),
// and the L4's checksum verification: a segment with a bad checksum never reaches a connection.
#include "tcp-conversation.h"
#include "tcp-two-nodes.h"

#include "ns3/applications-module.h"

#include <gtest/gtest.h>

using namespace ns3;
using ::handshake::test::DecodeClean;
using ::handshake::test::Stack;
using ::handshake::test::TcpConversation;
using ::handshake::test::TwoNodes;
using ::handshake::test::TwoNodesOptions;

namespace
{

/** The IPv4 header of a segment injected from the client (10.0.0.1) to the server (10.0.0.2). */
Ipv4Header
ClientToServer()
{
    Ipv4Header ip;
    ip.SetSource(Ipv4Address("10.0.0.1"));
    ip.SetDestination(Ipv4Address("10.0.0.2"));
    ip.SetProtocol(6);
    return ip;
}

} // namespace

TEST(HandshakeTcpApps, BulkSendToPacketSinkOverOurTcp)
{
    TwoNodesOptions options;
    options.name = "bulk-send";
    TwoNodes net(options);
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), TwoNodes::PORT));
    ApplicationContainer sink = sinkHelper.Install(net.Server());
    BulkSendHelper sendHelper("ns3::TcpSocketFactory", net.ServerAddress());
    sendHelper.SetAttribute("MaxBytes", UintegerValue(200000));
    ApplicationContainer send = sendHelper.Install(net.Client());
    sink.Start(Seconds(0));
    send.Start(Seconds(0.1));
    Ptr<PacketSink> packetSink = DynamicCast<PacketSink>(sink.Get(0));
    uint64_t received = 0;
    Simulator::Schedule(Seconds(30), [&]() { received = packetSink->GetTotalRx(); });
    // The apps took their sockets from TcpSocketFactory: on these nodes, ours.
    Ptr<Socket> probe = Socket::CreateSocket(net.Client(), TcpSocketFactory::GetTypeId());
    EXPECT_TRUE(DynamicCast<HandshakeTcpSocket>(probe));
    probe->Close();
    net.Run(Seconds(40));
    EXPECT_EQ(received, 200000u);

    auto packets = DecodeClean(net.ClientPcap());
    auto conversations = TcpConversation::Split(packets);
    ASSERT_EQ(conversations.size(), 1u);
    EXPECT_EQ(conversations[0].CheckHandshake(), "");
    // PacketSink shuts its sending side at once; its connection sends its FIN after the client's.
    EXPECT_EQ(conversations[0].CheckTeardown(), "");
}

TEST(HandshakeTcpL4, BadChecksumIsDroppedCountedAndTraced)
{
    TwoNodesOptions options;
    options.name = "bad-checksum";
    TwoNodes net(options);
    Ptr<HandshakeTcpL4Protocol> tcp = net.Server()->GetObject<HandshakeTcpL4Protocol>();
    ASSERT_TRUE(tcp);
    int traced = 0;
    TcpHeader badHeader;
    tcp->TraceConnectWithoutContext(
        "BadChecksumDrop",
        Callback<void, Ptr<const Packet>, const TcpHeader&>(
            [&traced, &badHeader](Ptr<const Packet>, const TcpHeader& header) {
                ++traced;
                badHeader = header;
            }));
    // The header a trace hands out is built from the received bytes only when it has a sink
    // (HandshakeTcpReceivedHeader): it must be the segment's.
    TcpHeader droppedHeader;
    tcp->TraceConnectWithoutContext(
        "Drop",
        Callback<void, Ptr<const Packet>, const TcpHeader&, HandshakeTcpL4Protocol::DropReason>(
            [&droppedHeader](Ptr<const Packet>, const TcpHeader& header, HandshakeTcpL4Protocol::DropReason) {
                droppedHeader = header;
            }));
    Ipv4Address client("10.0.0.1");
    Ipv4Address server("10.0.0.2");
    auto segmentWithChecksumFor = [&](Ipv4Address source) {
        TcpHeader header;
        header.SetSourcePort(50000);
        header.SetDestinationPort(TwoNodes::PORT);
        header.SetFlags(TcpHeader::SYN);
        header.EnableChecksums();
        header.InitializeChecksum(source, server, 6);
        Ptr<Packet> packet = Create<Packet>(10);
        packet->AddHeader(header);
        return packet;
    };
    Ipv4Header ip = ClientToServer();
    // Injected from within the simulation, where the stack below is initialized.
    IpL4Protocol::RxStatus bad = IpL4Protocol::RX_OK;
    IpL4Protocol::RxStatus good = IpL4Protocol::RX_OK;
    Simulator::Schedule(Seconds(1), [&]() {
        // Checksummed for another source address: the pseudo-header does not match.
        bad = tcp->Receive(segmentWithChecksumFor(Ipv4Address("10.9.9.9")), ip, nullptr);
    });
    Simulator::Schedule(Seconds(2), [&]() {
        // The same segment with a good checksum reaches the demux: no listener, a RST answers.
        good = tcp->Receive(segmentWithChecksumFor(client), ip, nullptr);
    });
    uint64_t badDrops = 0;
    uint64_t resets = 0;
    uint64_t noEndpoint = 0;
    Simulator::Schedule(Seconds(3), [&]() {
        badDrops = tcp->GetBadChecksumDrops();
        resets = tcp->GetResetsSent();
        noEndpoint = tcp->GetDrops(HandshakeTcpL4Protocol::NO_ENDPOINT);
    });
    net.Run(Seconds(5));
    EXPECT_EQ(bad, IpL4Protocol::RX_CSUM_FAILED);
    EXPECT_EQ(good, IpL4Protocol::RX_ENDPOINT_CLOSED);
    EXPECT_EQ(badDrops, 1u);
    EXPECT_EQ(traced, 1);
    EXPECT_EQ(resets, 1u);
    EXPECT_EQ(noEndpoint, 1u);
    EXPECT_FALSE(badHeader.IsChecksumOk()) << "ns-3's reading of a bad checksum says so";
    EXPECT_EQ(badHeader.GetSourcePort(), 50000);
    EXPECT_EQ(droppedHeader.GetSourcePort(), 50000);
    EXPECT_EQ(droppedHeader.GetDestinationPort(), TwoNodes::PORT);
    EXPECT_EQ(droppedHeader.GetFlags(), TcpHeader::SYN);
    EXPECT_TRUE(droppedHeader.IsChecksumOk());
    // Only the RST reached the wire, with a good checksum.
    auto packets = DecodeClean(net.ServerPcap());
    ASSERT_EQ(packets.size(), 1u);
    EXPECT_TRUE(packets[0].Has(::handshake::test::DecodedPacket::RST));
}

TEST(HandshakeTcpL4, MalformedHeadersAreDroppedCountedAndTraced)
{
    // What the fuzzer found ns-3's TcpHeader mishandling (doc/fuzzing.rst): a drop, never a crash.
    TwoNodesOptions options;
    options.name = "malformed";
    TwoNodes net(options);
    Ptr<HandshakeTcpL4Protocol> tcp = net.Server()->GetObject<HandshakeTcpL4Protocol>();
    ASSERT_TRUE(tcp);
    int traced = 0;
    tcp->TraceConnectWithoutContext(
        "Drop",
        MakeCallback(+[](int* n,
                         Ptr<const Packet>,
                         const TcpHeader&,
                         HandshakeTcpL4Protocol::DropReason why) {
            *n += why == HandshakeTcpL4Protocol::MALFORMED_HEADER;
        }).Bind(&traced));
    Ipv4Header ip = ClientToServer();
    // A SYN to the server's port: data offset 6, options MSS of length 5 (ns-3 aborts on it).
    std::vector<uint8_t> syn = {0xc3, 0x50, 0x00, 0x50, 0, 0, 0x03, 0xe8, 0, 0, 0, 0,
                                0x60, 0x02, 0xff, 0xff, 0, 0, 0, 0, 2, 5, 5, 0xb4};
    std::vector<uint8_t> unknownLengthZero = syn;
    unknownLengthZero[20] = 30;
    unknownLengthZero[21] = 0;
    std::vector<uint8_t> offsetFour = syn;
    offsetFour[12] = 0x40;
    const std::vector<std::vector<uint8_t>> packets = {syn, unknownLengthZero, offsetFour, {1, 2, 3}};
    std::vector<IpL4Protocol::RxStatus> statuses;
    Simulator::Schedule(Seconds(1), [&]() {
        for (const auto& bytes : packets)
        {
            statuses.push_back(tcp->Receive(Create<Packet>(bytes.data(), bytes.size()), ip, nullptr));
        }
    });
    uint64_t drops = 0;
    Simulator::Schedule(Seconds(2), [&]() { drops = tcp->GetDrops(HandshakeTcpL4Protocol::MALFORMED_HEADER); });
    net.Run(Seconds(3));
    EXPECT_EQ(statuses, std::vector<IpL4Protocol::RxStatus>(packets.size(), IpL4Protocol::RX_CSUM_FAILED));
    EXPECT_EQ(drops, packets.size());
    EXPECT_EQ(traced, static_cast<int>(packets.size()));
    EXPECT_EQ(tcp->GetResetsSent(), 0u) << "a drop is silent";
}

TEST(HandshakeTcpL4, StockNodesKeepStockTcp)
{
    TwoNodesOptions options;
    options.client = Stack::STOCK;
    options.name = "mixed";
    TwoNodes net(options);
    EXPECT_FALSE(net.Client()->GetObject<HandshakeTcpL4Protocol>());
    EXPECT_TRUE(net.Client()->GetObject<TcpL4Protocol>());
    EXPECT_TRUE(net.Server()->GetObject<HandshakeTcpL4Protocol>());
    EXPECT_FALSE(net.Server()->GetObject<TcpL4Protocol>());
    Ptr<Socket> stock = Socket::CreateSocket(net.Client(), TcpSocketFactory::GetTypeId());
    EXPECT_TRUE(DynamicCast<TcpSocketBase>(stock));
    Ptr<Socket> ours = Socket::CreateSocket(net.Server(), TcpSocketFactory::GetTypeId());
    EXPECT_TRUE(DynamicCast<HandshakeTcpSocket>(ours));
}

TEST(HandshakeTcpL4, BindReservesThePortUntilClose)
{
    TwoNodesOptions options;
    options.name = "bind";
    TwoNodes net(options);
    Ptr<Socket> a = net.ClientSocket();
    Ptr<Socket> b = net.ClientSocket();
    EXPECT_EQ(a->Bind(InetSocketAddress(Ipv4Address::GetAny(), 40000)), 0);
    EXPECT_EQ(b->Bind(InetSocketAddress(Ipv4Address::GetAny(), 40000)), -1);
    EXPECT_EQ(b->GetErrno(), Socket::ERROR_ADDRINUSE);
    EXPECT_EQ(b->Bind(InetSocketAddress(Ipv4Address("10.0.0.1"), 40000)), -1);
    Address name;
    EXPECT_EQ(a->GetSockName(name), 0);
    EXPECT_EQ(InetSocketAddress::ConvertFrom(name).GetPort(), 40000);
    EXPECT_EQ(a->Close(), 0);
    EXPECT_EQ(b->Bind(InetSocketAddress(Ipv4Address::GetAny(), 40000)), 0);
    // An unbound socket gets an ephemeral port from the RFC 6056 range.
    Ptr<Socket> c = net.ClientSocket();
    EXPECT_EQ(c->Bind(), 0);
    EXPECT_EQ(c->GetSockName(name), 0);
    EXPECT_GE(InetSocketAddress::ConvertFrom(name).GetPort(), 49152);
    b->Close();
    c->Close();
}

TEST(HandshakeTcpL4, ExplicitlyBoundClientUsesItsPortOnTheWire)
{
    TwoNodesOptions options;
    options.name = "bound-client";
    TwoNodes net(options);
    ::handshake::test::ByteReceiver receiver(net.ServerSocket(), TwoNodes::PORT, MilliSeconds(10));
    ::handshake::test::ByteSender sender(net.ClientSocket(), 100);
    EXPECT_EQ(sender.socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), 40001)), 0);
    sender.Start(net.ServerAddress());
    net.Run(Seconds(10));
    EXPECT_EQ(receiver.CheckContent(100), "");
    auto packets = DecodeClean(net.ClientPcap());
    ASSERT_FALSE(packets.empty());
    EXPECT_EQ(packets[0].srcPort, 40001);
}

TEST(HandshakeTcpL4, SynQueueOverflowDropsTheSynAndTheRetryGetsIn)
{
    TwoNodesOptions options;
    options.name = "syn-queue";
    TwoNodes net(options);
    Ptr<Socket> listener = net.ServerSocket();
    listener->SetAttribute("SynQueueLimit", UintegerValue(1));
    listener->SetAttribute("SynCookies", StringValue("Off"));
    std::vector<Ptr<Socket>> accepted;
    listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                [&](Ptr<Socket> s, const Address&) { accepted.push_back(s); });
    ASSERT_EQ(listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), TwoNodes::PORT)), 0);
    ASSERT_EQ(listener->Listen(), 0);
    Ptr<HandshakeTcpL4Protocol> tcp = net.Server()->GetObject<HandshakeTcpL4Protocol>();
    uint64_t drops = 0;
    tcp->TraceConnectWithoutContext(
        "Drop",
        MakeCallback(+[](uint64_t* n, Ptr<const Packet>, const TcpHeader&,
                         HandshakeTcpL4Protocol::DropReason why) {
            *n += why == HandshakeTcpL4Protocol::SYN_QUEUE_FULL;
        }).Bind(&drops));
    // Two SYNs in the same instant: the second finds the SYN queue full.
    ::handshake::test::ByteSender first(net.ClientSocket(), 0);
    ::handshake::test::ByteSender second(net.ClientSocket(), 0);
    first.Start(net.ServerAddress(), Seconds(0.1));
    second.Start(net.ServerAddress(), Seconds(0.1));
    net.Run(Seconds(30));
    EXPECT_EQ(drops, 1u);
    EXPECT_TRUE(first.connected);
    EXPECT_TRUE(second.connected) << "the SYN retransmitted after the initial RTO gets in";
    EXPECT_EQ(accepted.size(), 2u);
}

TEST(HandshakeTcpL4, ListenerAnswersAnAckWithRstAndIgnoresRstAndBareSegments)
{
    TwoNodesOptions options;
    options.name = "listen-rules";
    TwoNodes net(options);
    Ptr<Socket> listener = net.ServerSocket();
    ASSERT_EQ(listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), TwoNodes::PORT)), 0);
    ASSERT_EQ(listener->Listen(), 0);
    Ptr<HandshakeTcpL4Protocol> tcp = net.Server()->GetObject<HandshakeTcpL4Protocol>();
    Ipv4Address client("10.0.0.1");
    Ipv4Address server("10.0.0.2");
    auto inject = [&](uint8_t flags, uint32_t seq, uint32_t ack) {
        TcpHeader header;
        header.SetSourcePort(50000);
        header.SetDestinationPort(TwoNodes::PORT);
        header.SetFlags(flags);
        header.SetSequenceNumber(SequenceNumber32(seq));
        header.SetAckNumber(SequenceNumber32(ack));
        ::handshake::test::InjectSegment(net.Server(), client, server, header);
    };
    // RFC 9293 3.10.7.2: an ACK to a listener gets <SEQ=SEG.ACK><CTL=RST>; a RST is ignored; a
    // segment with neither SYN nor ACK is dropped.
    Simulator::Schedule(Seconds(1), [&]() { inject(TcpHeader::ACK, 10, 4242); });
    Simulator::Schedule(Seconds(2), [&]() { inject(TcpHeader::RST, 10, 0); });
    Simulator::Schedule(Seconds(3), [&]() { inject(TcpHeader::FIN, 10, 0); });
    uint64_t ignored = 0;
    Simulator::Schedule(Seconds(4), [&]() {
        ignored = tcp->GetDrops(HandshakeTcpL4Protocol::LISTEN_IGNORED);
    });
    net.Run(Seconds(5));
    EXPECT_EQ(ignored, 1u);
    auto packets = DecodeClean(net.ServerPcap());
    ASSERT_EQ(packets.size(), 1u);
    EXPECT_EQ(packets[0].flags, ::handshake::test::DecodedPacket::RST);
    EXPECT_EQ(packets[0].seq, 4242u);
    EXPECT_EQ(packets[0].dstPort, 50000);
}
