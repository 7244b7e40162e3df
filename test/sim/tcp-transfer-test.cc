// 1 MB over handshake's TCP, byte-exact, at 0%, 5% and 20% random loss on the receiving device; and
// interop on the wire with ns-3's stock TCP both ways. Each run prints its figures (segments sent,
// retransmissions, completion time) for the closing note.
#include "pcap-checker.h"
#include "tcp-conversation.h"
#include "tcp-two-nodes.h"

#include <gtest/gtest.h>

#include <iostream>

using namespace ns3;
using ::handshake::test::ByteReceiver;
using ::handshake::test::ByteSender;
using ::handshake::test::DecodeClean;
using ::handshake::test::DecodedPacket;
using ::handshake::test::PcapChecker;
using ::handshake::test::Stack;
using ::handshake::test::TcpConversation;
using ::handshake::test::TwoNodes;
using ::handshake::test::TwoNodesOptions;

namespace
{

constexpr uint64_t ONE_MB = 1000 * 1000;

struct TransferFigures
{
    uint64_t dataSegments{0};  //!< client -> server segments carrying payload, on the wire
    uint64_t retransmitted{0}; //!< of those, how many repeated a sequence number already seen
    double seconds{0};         //!< connect to last byte received
};

/** Counts the client's data segments in \p packets and those that repeat sequence space. */
TransferFigures
CountDataSegments(const std::vector<DecodedPacket>& packets, TransferFigures figures)
{
    uint32_t highest = 0;
    bool any = false;
    for (const auto& p : packets)
    {
        if (p.dstPort != TwoNodes::PORT || p.payloadLength == 0)
        {
            continue;
        }
        ++figures.dataSegments;
        uint32_t end = p.seq + p.payloadLength;
        if (any && static_cast<int32_t>(end - highest) <= 0)
        {
            ++figures.retransmitted;
        }
        if (!any || static_cast<int32_t>(end - highest) > 0)
        {
            highest = end;
        }
        any = true;
    }
    return figures;
}

void
Report(const std::string& name, double loss, const TransferFigures& figures)
{
    std::cout << "[figures] " << name << ": loss " << loss * 100 << "%, data segments "
              << figures.dataSegments << ", retransmitted " << figures.retransmitted
              << ", connect-to-last-byte " << figures.seconds << " s" << std::endl;
}

/** Client (\p client stack) sends 1 MB to the server (\p server stack) with \p loss; checks content,
 *  captures and lifecycle (unless \p strict is false: reference runs of stock TCP), and returns the
 *  figures. */
TransferFigures
Transfer(Stack client, Stack server, double loss, const std::string& name, bool strict = true)
{
    TwoNodesOptions options;
    options.client = client;
    options.server = server;
    options.serverRxLoss = loss;
    options.name = name;
    TwoNodes net(options);
    ByteReceiver receiver(net.ServerSocket(), TwoNodes::PORT, MilliSeconds(100));
    receiver.expected = ONE_MB;
    ByteSender sender(net.ClientSocket(), ONE_MB);
    sender.Start(net.ServerAddress());
    // The core's own counts, when the client is ours.
    uint32_t coreRetransmissions = 0;
    uint32_t rtoExpirations = 0;
    if (Ptr<HandshakeTcpL4Protocol> tcp = net.Client()->GetObject<HandshakeTcpL4Protocol>())
    {
        auto count = +[](uint32_t* n, uint64_t, uint32_t) { ++*n; };
        tcp->TraceConnectWithoutContext("Retransmission",
                                        MakeCallback(count).Bind(&coreRetransmissions));
        tcp->TraceConnectWithoutContext("RtoExpired", MakeCallback(count).Bind(&rtoExpirations));
    }
    net.Run();
    if (client == Stack::HANDSHAKE)
    {
        std::cout << "[figures] " << name << ": core Retransmission events " << coreRetransmissions
                  << ", RtoExpired events " << rtoExpirations << std::endl;
    }
    TransferFigures figures;
    figures.seconds = (receiver.completedAt - sender.connectedAt).GetSeconds();
    if (!strict)
    {
        // ns-3's stock TCP is not under test here: its figures only.
        figures = CountDataSegments(PcapChecker::Decode(net.ClientPcap()).packets, figures);
        Report(name, loss, figures);
        return figures;
    }

    EXPECT_TRUE(sender.connected);
    EXPECT_FALSE(sender.closedWithError);
    EXPECT_EQ(receiver.CheckContent(ONE_MB), "");
    EXPECT_TRUE(receiver.eof);

    // The client's capture sees everything it sent, before the loss on the server's device.
    auto packets = DecodeClean(net.ClientPcap());
    auto conversations = TcpConversation::Split(packets);
    EXPECT_EQ(conversations.size(), 1u);
    if (!conversations.empty())
    {
        EXPECT_EQ(conversations[0].CheckHandshake(), "");
        EXPECT_EQ(conversations[0].CheckTeardown(), "");
    }
    figures = CountDataSegments(packets, figures);
    Report(name, loss, figures);
    return figures;
}

} // namespace

TEST(HandshakeTcpTransfer, OneMegabyteByteExactWithoutLoss)
{
    auto ours = Transfer(Stack::HANDSHAKE, Stack::HANDSHAKE, 0, "1mb-0");
    EXPECT_EQ(ours.retransmitted, 0u);
    Transfer(Stack::STOCK, Stack::STOCK, 0, "1mb-0-stock", false); // the reference figures
}

TEST(HandshakeTcpTransfer, OneMegabyteByteExactAtFivePercentLoss)
{
    auto ours = Transfer(Stack::HANDSHAKE, Stack::HANDSHAKE, 0.05, "1mb-5");
    EXPECT_GT(ours.retransmitted, 0u);
    Transfer(Stack::STOCK, Stack::STOCK, 0.05, "1mb-5-stock", false);
}

TEST(HandshakeTcpTransfer, OneMegabyteByteExactAtTwentyPercentLoss)
{
    auto ours = Transfer(Stack::HANDSHAKE, Stack::HANDSHAKE, 0.20, "1mb-20");
    EXPECT_GT(ours.retransmitted, 0u);
    Transfer(Stack::STOCK, Stack::STOCK, 0.20, "1mb-20-stock", false);
}

TEST(HandshakeTcpInterop, OurClientToStockServer)
{
    Transfer(Stack::HANDSHAKE, Stack::STOCK, 0, "interop-ours-to-stock");
}

TEST(HandshakeTcpInterop, StockClientToOurServer)
{
    Transfer(Stack::STOCK, Stack::HANDSHAKE, 0, "interop-stock-to-ours");
}
