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

TEST(TopologyAddressPlan, ManyAccessRoutersAreGroupedUnderAggregationLevels)
{
    TopologyAddressPlan plan(100000, 10, 100);
    ASSERT_EQ(plan.Check(), "");
    ASSERT_EQ(plan.Levels(), 2u); // 1,000 access routers under 10 aggregation routers
    EXPECT_EQ(plan.RoutersAt(0), 1000u);
    EXPECT_EQ(plan.RoutersAt(1), 10u);
    EXPECT_EQ(plan.BlockSizeAt(1), 128u * 512u); // 100 children rounded up to 128 blocks of /23
    EXPECT_EQ(plan.BlockPrefixLengthAt(1), 16);
    EXPECT_EQ(Dotted(plan.BlockNetworkAt(1, 3)), "10.3.0.0");
    EXPECT_EQ(Dotted(plan.BlockNetwork(301)), "10.3.2.0"); // access router 301: child 1 of router 3
    uint32_t parentMask = ~uint32_t(0) << (32 - plan.BlockPrefixLengthAt(1));
    std::set<uint32_t> blocks;
    std::set<uint32_t> uplinks;
    for (uint32_t a = 0; a < plan.RoutersAt(0); ++a)
    {
        EXPECT_TRUE(blocks.insert(plan.BlockNetwork(a)).second) << a;
        EXPECT_EQ(plan.BlockNetwork(a) & parentMask, plan.BlockNetworkAt(1, plan.ParentOf(a))) << a;
        EXPECT_TRUE(uplinks.insert(plan.UplinkAt(0, a).network).second) << a;
    }
    for (uint32_t g = 0; g < plan.RoutersAt(1); ++g)
    {
        EXPECT_TRUE(uplinks.insert(plan.UplinkAt(1, g).network).second) << g;
    }
}

TEST(TopologyAddressPlan, NoLevelHasMoreRoutersThanTheFanoutUnderOneParent)
{
    TopologyAddressPlan plan(1000, 1, 4); // 250 access routers, then 63, 16 and 4 under the core
    ASSERT_EQ(plan.Check(), "");
    ASSERT_EQ(plan.Levels(), 4u);
    EXPECT_EQ(plan.RoutersAt(3), 4u);
    for (uint32_t level = 0; level + 1 < plan.Levels(); ++level)
    {
        uint32_t mask = ~uint32_t(0) << (32 - plan.BlockPrefixLengthAt(level + 1));
        for (uint32_t r = 0; r < plan.RoutersAt(level); ++r)
        {
            EXPECT_LT(plan.ParentOf(r), plan.RoutersAt(level + 1));
            EXPECT_EQ(plan.BlockNetworkAt(level, r) & mask,
                      plan.BlockNetworkAt(level + 1, plan.ParentOf(r)))
                << "level " << level << " router " << r;
        }
    }
    for (uint32_t i = 0; i < 1000; ++i)
    {
        uint32_t mask = ~uint32_t(0) << (32 - plan.BlockPrefixLength());
        EXPECT_EQ(plan.ClientLink(i).network & mask, plan.BlockNetwork(plan.AccessRouterOf(i))) << i;
    }
    EXPECT_EQ(TopologyAddressPlan(10, 1, 1).Levels(), 1u) << "fan-out 1 cannot aggregate";
}
