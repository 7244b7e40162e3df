// RouterInputHandler: a router's frames reach IPv4 once each through its one handler, links added
// after it keep ns-3's handlers, and a node it cannot take over is left as it was.
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/router-input-handler.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

/** A router with \p hosts point-to-point hosts, IPv4 only, routes by ns-3's global routing. */
struct Star
{
    explicit Star(uint32_t hosts, bool ipv6 = false)
    {
        router.Create(1);
        leaves.Create(hosts);
        InternetStackHelper stack;
        stack.SetIpv6StackInstall(ipv6);
        stack.Install(router);
        stack.Install(leaves);
        for (uint32_t i = 0; i < hosts; ++i)
        {
            Link(leaves.Get(i));
        }
    }

    void Link(Ptr<Node> host)
    {
        PointToPointHelper p2p;
        NetDeviceContainer pair = p2p.Install(host, router.Get(0));
        Ipv4AddressHelper addresses;
        addresses.SetBase(Ipv4Address(("10.1." + std::to_string(links++) + ".0").c_str()), "255.255.255.0");
        addresses.Assign(pair);
    }

    /** One UDP echo from host \p from to host \p to; returns the echoes that came back. */
    uint32_t Echo(Ptr<Node> from, Ptr<Node> to)
    {
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        uint32_t echoes = 0;
        UdpEchoServerHelper server(9);
        server.Install(to).Start(Seconds(0));
        UdpEchoClientHelper client(to->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal(), 9);
        client.SetAttribute("MaxPackets", UintegerValue(1));
        ApplicationContainer apps = client.Install(from);
        apps.Start(Seconds(1));
        apps.Get(0)->TraceConnectWithoutContext(
            "Rx", Callback<void, Ptr<const Packet>>([&echoes](Ptr<const Packet>) { ++echoes; }));
        router.Get(0)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Rx",
            Callback<void, Ptr<const Packet>, Ptr<Ipv4>, uint32_t>(
                [this](Ptr<const Packet>, Ptr<Ipv4>, uint32_t) { ++routerFrames; }));
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        Simulator::Destroy();
        return echoes;
    }

    NodeContainer router;
    NodeContainer leaves;
    uint32_t links{0};
    uint32_t routerFrames{0};
};

} // namespace

TEST(RouterInputHandler, EveryFrameReachesIpv4OnceThroughTheOneHandler)
{
    Star star(6);
    ASSERT_TRUE(RouterInputHandler::Install(star.router.Get(0)));
    EXPECT_EQ(star.Echo(star.leaves.Get(0), star.leaves.Get(5)), 1u);
    EXPECT_EQ(star.routerFrames, 2u); // the request and the echo, each once
}

TEST(RouterInputHandler, ALinkAddedAfterwardsKeepsNs3sHandlers)
{
    Star star(3);
    ASSERT_TRUE(RouterInputHandler::Install(star.router.Get(0)));
    NodeContainer late;
    late.Create(1);
    InternetStackHelper stack;
    stack.SetIpv6StackInstall(false);
    stack.Install(late);
    star.Link(late.Get(0));
    EXPECT_EQ(star.Echo(late.Get(0), star.leaves.Get(1)), 1u);
    EXPECT_EQ(star.routerFrames, 2u);
}

TEST(RouterInputHandler, ANodeWithIpv6IsLeftAsItWas)
{
    Star star(3, true);
    EXPECT_FALSE(RouterInputHandler::Install(star.router.Get(0)));
    EXPECT_FALSE(RouterInputHandler::Install(CreateObject<Node>())); // no stack at all
    EXPECT_EQ(star.Echo(star.leaves.Get(0), star.leaves.Get(2)), 1u);
    EXPECT_EQ(star.routerFrames, 2u);
}
