// TopologyPartition: which rank each node of a tree or dumbbell runs on in a run spread over MPI
// processes: whole subtrees of the core per rank, in contiguous blocks over ranks 1..N-1, the core's
// side on rank 0.
#include "ns3/handshake-module.h"

#include <gtest/gtest.h>

#include <map>

using namespace ns3;

TEST(TopologyPartition, OneRankPutsEverythingOnRankZero)
{
    TopologyAddressPlan plan(50, 2, 10);
    TopologyPartition partition(plan, 1);
    EXPECT_EQ(partition.Units(), 5u);
    for (uint32_t i = 0; i < 50; ++i)
    {
        EXPECT_EQ(partition.RankOfClient(i), 0u);
    }
}

TEST(TopologyPartition, TreeSubtreesGoWholeToRanksAfterTheCore)
{
    // 40 clients, fan-out 10: four access routers under the core, the units.
    TopologyAddressPlan plan(40, 2, 10);
    ASSERT_EQ(plan.Levels(), 1u);
    TopologyPartition partition(plan, 4);
    EXPECT_EQ(partition.Units(), 4u);
    // Ranks 1..3 take units {0, 1}, {2}, {3}: contiguous, sizes differing by one at most.
    EXPECT_EQ(partition.RankOfRouter(0, 0), 1u);
    EXPECT_EQ(partition.RankOfRouter(0, 1), 1u);
    EXPECT_EQ(partition.RankOfRouter(0, 2), 2u);
    EXPECT_EQ(partition.RankOfRouter(0, 3), 3u);
    for (uint32_t i = 0; i < 40; ++i)
    {
        // A client is where its access router is: its access link never crosses ranks.
        EXPECT_EQ(partition.RankOfClient(i), partition.RankOfRouter(0, plan.AccessRouterOf(i))) << i;
    }
}

TEST(TopologyPartition, AggregationLevelsKeepASubtreeTogether)
{
    // 1,000 clients, fan-out 10: 100 access routers, 10 aggregation routers under the core.
    TopologyAddressPlan plan(1000, 1, 10);
    ASSERT_EQ(plan.Levels(), 2u);
    TopologyPartition partition(plan, 3);
    EXPECT_EQ(partition.Units(), 10u);
    std::map<uint32_t, uint32_t> clientsPerRank;
    for (uint32_t i = 0; i < 1000; ++i)
    {
        uint32_t access = plan.AccessRouterOf(i);
        EXPECT_EQ(partition.RankOfClient(i), partition.RankOfRouter(1, plan.ParentOf(access)));
        ++clientsPerRank[partition.RankOfClient(i)];
    }
    EXPECT_EQ(clientsPerRank.count(0), 0u); // rank 0 has the core and the servers
    EXPECT_EQ(clientsPerRank[1], 500u);
    EXPECT_EQ(clientsPerRank[2], 500u);
}

TEST(TopologyPartition, DumbbellClientsAreTheUnits)
{
    TopologyAddressPlan plan(7, 1, 0);
    TopologyPartition partition(plan, 3);
    EXPECT_EQ(partition.Units(), 7u);
    std::map<uint32_t, uint32_t> clientsPerRank;
    for (uint32_t i = 0; i < 7; ++i)
    {
        ++clientsPerRank[partition.RankOfClient(i)];
    }
    EXPECT_EQ(clientsPerRank[1], 4u);
    EXPECT_EQ(clientsPerRank[2], 3u);
}

TEST(TopologyPartition, MoreRanksThanUnitsLeavesSomeEmpty)
{
    TopologyAddressPlan plan(20, 1, 10); // two units
    TopologyPartition partition(plan, 4);
    EXPECT_EQ(partition.RankOfClient(0), 1u);
    EXPECT_EQ(partition.RankOfClient(19), 2u);
}
