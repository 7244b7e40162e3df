// Percentiles: nearest-rank, the one definition summary.txt, report.html and the metrics share.
#include "ns3/percentiles.h"

#include <gtest/gtest.h>

using namespace ns3;

TEST(Percentiles, NearestRankOfAnyOrder)
{
    std::vector<double> values;
    for (int i = 100; i >= 1; --i)
    {
        values.push_back(i);
    }
    auto p = Percentiles::Of(values);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->p50, 50);
    EXPECT_EQ(p->p90, 90);
    EXPECT_EQ(p->p99, 99);
    EXPECT_EQ(p->count, 100u);
}

TEST(Percentiles, EveryPercentileIsAValueThatOccurred)
{
    EXPECT_FALSE(Percentiles::Of({}));
    EXPECT_EQ(Percentiles::Of({7})->p99, 7);
    auto two = Percentiles::Of({2, 1});
    EXPECT_EQ(two->p50, 1) << "rank ceil(0.5 * 2) = 1, no interpolation";
    EXPECT_EQ(two->p90, 2);
    // Ranks: ceil(0.5 * 3) = 2, ceil(0.9 * 3) = 3, ceil(0.99 * 3) = 3.
    auto three = Percentiles::Of({30, 10, 20});
    EXPECT_EQ(three->p50, 20);
    EXPECT_EQ(three->p90, 30);
    EXPECT_EQ(three->p99, 30);
}

TEST(Percentiles, NearestRankOfASortedSample)
{
    std::vector<double> sorted{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    EXPECT_EQ(Percentiles::NearestRank(sorted, 0.5), 5);
    EXPECT_EQ(Percentiles::NearestRank(sorted, 0.9), 9);
    EXPECT_EQ(Percentiles::NearestRank(sorted, 0.91), 10);
    EXPECT_EQ(Percentiles::NearestRank(sorted, 0.01), 1);
    EXPECT_EQ(Percentiles::NearestRank(sorted, 1.0), 10);
}
