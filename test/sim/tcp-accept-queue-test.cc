// The listener's accept queue limit (HandshakeTcpSocket::AcceptQueueLimit): two handshakes that
// complete in the same instant on two links find room for one; the other's ACK is dropped, counted
// and traced (as Linux does on listen-queue overflow), and the connection gets in on the retry.
#include "ns3/core-module.h"
#include "ns3/handshake-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <gtest/gtest.h>

#include <vector>

using namespace ns3;

TEST(HandshakeTcpAcceptQueue, OverflowDropsTheHandshakeAckAndTheRetryGetsIn)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    RngSeedManager::SetRun(1);
    NodeContainer clients;
    clients.Create(2);
    Ptr<Node> server = CreateObject<Node>();
    HandshakeTcpStackHelper stack;
    stack.Install(clients);
    stack.Install(server);
    // Two identical links: both SYNs, SYN-ACKs and ACKs travel in step, so the two handshakes
    // complete in the same instant, before the application could take the first connection.
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    link.SetChannelAttribute("Delay", StringValue("10ms"));
    Ipv4AddressHelper addresses("10.9.1.0", "255.255.255.0");
    std::vector<Ipv4Address> serverAddresses;
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ipv4InterfaceContainer pair = addresses.Assign(link.Install(clients.Get(i), server));
        serverAddresses.push_back(pair.GetAddress(1));
        addresses.NewNetwork();
    }

    Ptr<Socket> listener = Socket::CreateSocket(server, TcpSocketFactory::GetTypeId());
    listener->SetAttribute("AcceptQueueLimit", UintegerValue(1));
    std::vector<Time> accepted;
    listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                [&](Ptr<Socket>, const Address&) { accepted.push_back(Simulator::Now()); });
    ASSERT_EQ(listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80)), 0);
    ASSERT_EQ(listener->Listen(), 0);
    uint32_t overflows = 0;
    server->GetObject<HandshakeTcpL4Protocol>()->TraceConnectWithoutContext(
        "Drop",
        Callback<void, Ptr<const Packet>, const TcpHeader&, HandshakeTcpL4Protocol::DropReason>(
            [&](Ptr<const Packet>, const TcpHeader&, HandshakeTcpL4Protocol::DropReason why) {
                overflows += why == HandshakeTcpL4Protocol::ACCEPT_QUEUE_FULL;
            }));

    std::vector<Ptr<Socket>> sockets;
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<Socket> socket = Socket::CreateSocket(clients.Get(i), TcpSocketFactory::GetTypeId());
        sockets.push_back(socket);
        Simulator::Schedule(Seconds(1), [socket, address = serverAddresses[i]]() {
            socket->Connect(InetSocketAddress(address, 80));
        });
    }
    Simulator::Stop(Seconds(20));
    Simulator::Run();

    EXPECT_EQ(overflows, 1u) << "the second of two simultaneous handshake ACKs finds the queue full";
    ASSERT_EQ(accepted.size(), 2u) << "the retried handshake gets in once there is room";
    // SYN, SYN-ACK, ACK: one and a half round trips of 2 x 10 ms, plus serialisation.
    EXPECT_GE(accepted[0], Seconds(1.03));
    EXPECT_LT(accepted[0], Seconds(1.04));
    EXPECT_GT(accepted[1], accepted[0] + Seconds(0.5)) << "second: after the SYN-ACK's retransmission";
    Simulator::Destroy();
}
