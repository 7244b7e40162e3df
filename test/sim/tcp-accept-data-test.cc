// Data that completes a handshake reaches the application that accepts the connection. When the
// handshake's third ACK is lost, the client's first data segment (which carries the same ACK) moves
// the server's connection to ESTABLISHED and brings bytes at once (RFC 9293 3.10.7.4); the listener
// hands the connection to the application after that segment, and the application must still be
// told that bytes (and possibly the peer's FIN) are waiting. Found in handshake-sim at 15% loss: the
// server ACKed a GET it never answered.
#include "tcp-two-nodes.h"

#include "ns3/core-module.h"
#include "ns3/handshake-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <gtest/gtest.h>

using namespace ns3;
using ::handshake::test::PatternByte;

namespace
{

/**
 * Like ns-3's PacketSink and handshake's HttpServerApplication: it sets its callbacks when it
 * accepts and reads only when told that bytes are waiting (it does not read in the accept callback).
 */
class NotifiedReceiver
{
  public:
    NotifiedReceiver(Ptr<Socket> listener, uint16_t port)
    {
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    [this](Ptr<Socket> s, const Address&) {
                                        accepted = true;
                                        s->SetRecvCallback([this](Ptr<Socket> c) { Read(c); });
                                    });
        EXPECT_EQ(listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), port)), 0);
        EXPECT_EQ(listener->Listen(), 0);
    }

    bool accepted{false};
    bool eof{false};
    std::vector<uint8_t> data;

  private:
    void Read(Ptr<Socket> socket)
    {
        while (Ptr<Packet> packet = socket->Recv())
        {
            if (packet->GetSize() == 0)
            {
                eof = true;
                socket->Close();
                return;
            }
            size_t before = data.size();
            data.resize(before + packet->GetSize());
            packet->CopyData(data.data() + before, packet->GetSize());
        }
    }
};

struct Outcome
{
    bool accepted{false};
    bool eof{false};
    bool exact{false}; //!< the bytes are the sender's pattern, all of them
    uint64_t serverDrops{0};
};

/**
 * \p bytes (one segment's worth) from client to server as soon as it connects, then a close if
 * \p close; the server's device drops the packets with \p dropIndices.
 */
Outcome
TransferWithServerDrops(uint64_t bytes, bool close, const std::list<uint32_t>& dropIndices)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    RngSeedManager::SetRun(1);
    NodeContainer nodes;
    nodes.Create(2);
    HandshakeTcpStackHelper stack;
    stack.Install(nodes);
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    link.SetChannelAttribute("Delay", StringValue("10ms"));
    NetDeviceContainer devices = link.Install(nodes);
    Ptr<ReceiveListErrorModel> drops = CreateObject<ReceiveListErrorModel>();
    drops->SetList(dropIndices);
    devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(drops));
    Outcome outcome;
    devices.Get(1)->TraceConnectWithoutContext(
        "PhyRxDrop",
        Callback<void, Ptr<const Packet>>([&outcome](Ptr<const Packet>) { ++outcome.serverDrops; }));
    Ipv4AddressHelper addresses("10.9.2.0", "255.255.255.0");
    Ipv4InterfaceContainer interfaces = addresses.Assign(devices);

    NotifiedReceiver receiver(Socket::CreateSocket(nodes.Get(1), TcpSocketFactory::GetTypeId()), 80);
    Ptr<Socket> client = Socket::CreateSocket(nodes.Get(0), TcpSocketFactory::GetTypeId());
    client->SetConnectCallback(
        [bytes, close](Ptr<Socket> s) {
            std::vector<uint8_t> pattern(bytes);
            for (uint64_t i = 0; i < bytes; ++i)
            {
                pattern[i] = PatternByte(i);
            }
            EXPECT_EQ(s->Send(Create<Packet>(pattern.data(), bytes)), int(bytes));
            if (close)
            {
                s->Close();
            }
        },
        [](Ptr<Socket>) { ADD_FAILURE() << "connect failed"; });
    Simulator::Schedule(Seconds(0.1), [client, server = interfaces.GetAddress(1)]() {
        client->Connect(InetSocketAddress(server, 80));
    });
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    Simulator::Destroy();
    outcome.accepted = receiver.accepted;
    outcome.eof = receiver.eof;
    outcome.exact = receiver.data.size() == bytes;
    for (uint64_t i = 0; outcome.exact && i < bytes; ++i)
    {
        outcome.exact = receiver.data[i] == PatternByte(i);
    }
    return outcome;
}

} // namespace

TEST(HandshakeTcpAcceptData, DataThatCompletesTheHandshakeReachesTheApplication)
{
    // Server receives: 0 SYN, 1 the third ACK (dropped), 2 the data segment; nothing follows (as
    // an HTTP GET waiting for its response).
    Outcome outcome = TransferWithServerDrops(100, false, {1});
    EXPECT_EQ(outcome.serverDrops, 1u);
    EXPECT_TRUE(outcome.accepted);
    EXPECT_TRUE(outcome.exact);
    EXPECT_FALSE(outcome.eof);
}

TEST(HandshakeTcpAcceptData, DataAndFinThatCompleteTheHandshakeReachTheApplication)
{
    // 100 bytes and the FIN: with the third ACK lost, they may all arrive before the accept.
    Outcome outcome = TransferWithServerDrops(100, true, {1});
    EXPECT_EQ(outcome.serverDrops, 1u);
    EXPECT_TRUE(outcome.accepted);
    EXPECT_TRUE(outcome.exact);
    EXPECT_TRUE(outcome.eof) << "the peer's FIN is reported after the accept";
}
