// TopologyAddressPlan: the address and route plan of small trees and dumbbells.
#include "ns3/handshake-module.h"
#include "ns3/ipv4-address.h"

#include <gtest/gtest.h>

#include <set>

using namespace ns3;

namespace
{

std::string
Dotted(uint32_t address)
{
    std::ostringstream os;
    os << Ipv4Address(address);
    return os.str();
}

} // namespace

TEST(TopologyAddressPlan, SmallTreeGroupsClientsInAlignedBlocks)
{
    TopologyAddressPlan plan(5, 2, 2); // 5 clients, fan-out 2: access routers {0,1}, {2,3}, {4}
    ASSERT_EQ(plan.Check(), "");
    EXPECT_EQ(plan.AccessRouters(), 3u);
    EXPECT_EQ(plan.BlockSize(), 8u); // 2 clients x one /30 each
    EXPECT_EQ(plan.BlockPrefixLength(), 29);
    EXPECT_EQ(plan.AccessRouterOf(3), 1u);
    EXPECT_EQ(Dotted(plan.ClientLink(0).first), "10.0.0.1");
    EXPECT_EQ(Dotted(plan.ClientLink(0).second), "10.0.0.2");
    EXPECT_EQ(Dotted(plan.ClientLink(1).first), "10.0.0.5");
    EXPECT_EQ(Dotted(plan.ClientLink(2).network), "10.0.0.8");
    EXPECT_EQ(Dotted(plan.ClientLink(4).first), "10.0.0.17");
    EXPECT_EQ(Dotted(plan.BlockNetwork(2)), "10.0.0.16");
    EXPECT_EQ(Dotted(plan.Uplink(1).first), "172.16.0.5");
    EXPECT_EQ(Dotted(plan.Uplink(1).second), "172.16.0.6");
    EXPECT_EQ(Dotted(plan.Bottleneck().first), "100.64.0.1");
    EXPECT_EQ(Dotted(plan.ServerLink(1).first), "192.168.0.5");
}

TEST(TopologyAddressPlan, EveryClientLinkLiesInItsRoutersBlock)
{
    TopologyAddressPlan plan(1000, 4, 100); // fan-out 100: blocks of 512 addresses (/23)
    ASSERT_EQ(plan.Check(), "");
    EXPECT_EQ(plan.BlockPrefixLength(), 23);
    std::set<uint32_t> networks;
    uint32_t mask = ~uint32_t(0) << (32 - plan.BlockPrefixLength());
    for (uint32_t i = 0; i < 1000; ++i)
    {
        auto link = plan.ClientLink(i);
        EXPECT_TRUE(networks.insert(link.network).second) << "duplicate network for client " << i;
        EXPECT_EQ(link.network & mask, plan.BlockNetwork(plan.AccessRouterOf(i))) << i;
        EXPECT_EQ(link.network % 4, 0u);
    }
}

TEST(TopologyAddressPlan, DumbbellPutsAllClientsInOneBlock)
{
    TopologyAddressPlan plan(3, 1, 0);
    ASSERT_EQ(plan.Check(), "");
    EXPECT_EQ(plan.AccessRouters(), 0u);
    EXPECT_EQ(plan.AccessRouterOf(2), 0u);
    EXPECT_EQ(Dotted(plan.ClientLink(2).first), "10.0.0.9");
}

TEST(TopologyAddressPlan, RejectsWhatDoesNotFit)
{
    EXPECT_NE(TopologyAddressPlan(5000000, 1, 100).Check(), "");
    EXPECT_NE(TopologyAddressPlan(10, 20000, 5).Check(), "");
    EXPECT_NE(TopologyAddressPlan(0, 1, 5).Check(), "");
    EXPECT_EQ(TopologyAddressPlan(100000, 10, 100).Check(), "");
}
