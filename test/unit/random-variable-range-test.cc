// RandomVariableRange: the interval a random variable draws from, checked against its draws.
#include "ns3/distribution-flag.h"
#include "ns3/random-variable-range.h"
#include "ns3/rng-seed-manager.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace ns3;

TEST(RandomVariableRange, EveryDrawFallsInTheRangeTold)
{
    RngSeedManager::SetRun(3);
    const char* variables[] = {
        "ns3::ConstantRandomVariable[Constant=-50]",
        "ns3::UniformRandomVariable[Min=0|Max=5]",
        "ns3::UniformRandomVariable[Min=5|Max=1]",
        "ns3::SequentialRandomVariable[Min=2|Max=9|Increment=ns3::ConstantRandomVariable[Constant=3]]",
        "ns3::TriangularRandomVariable[Min=1|Mean=4|Max=10]", // mode = 3 Mean - Min - Max = 1
        "ns3::ExponentialRandomVariable[Mean=10|Bound=30]",
        "ns3::ExponentialRandomVariable[Mean=10]",
        "ns3::ParetoRandomVariable[Scale=2000|Shape=1.5|Bound=200000]",
        "ns3::WeibullRandomVariable[Scale=3|Shape=2|Bound=5]",
        "ns3::NormalRandomVariable[Mean=10|Variance=4|Bound=3]",
        "ns3::NormalRandomVariable[Mean=10|Variance=4]",
        "ns3::LogNormalRandomVariable[Mu=1|Sigma=1]",
        "ns3::GammaRandomVariable[Alpha=2|Beta=1]",
        "ns3::ErlangRandomVariable[K=2|Lambda=1]",
        "ns3::ZipfRandomVariable[N=7|Alpha=1]",
        "ns3::ZetaRandomVariable[Alpha=3]",
    };
    for (const char* text : variables)
    {
        auto parsed = DistributionFlag::Parse(text);
        ASSERT_TRUE(parsed.stream) << text << ": " << parsed.error;
        auto range = RandomVariableRange::Of(parsed.stream);
        ASSERT_TRUE(range) << text;
        double low = INFINITY;
        double high = -INFINITY;
        for (int i = 0; i < 20000; ++i)
        {
            double draw = parsed.stream->GetValue();
            low = std::min(low, draw);
            high = std::max(high, draw);
        }
        EXPECT_GE(low, range->low) << text;
        EXPECT_LE(high, range->high) << text;
        if (std::isfinite(range->low) && std::isfinite(range->high) && range->high > range->low)
        {
            // Tight, not merely safe: the draws reach into both ends of a bounded range.
            double span = range->high - range->low;
            EXPECT_LT(low - range->low, 0.2 * span) << text;
            EXPECT_LT(range->high - high, 0.2 * span) << text;
        }
    }
}

TEST(RandomVariableRange, UnknownTypesHaveNoRange)
{
    auto parsed = DistributionFlag::Parse("ns3::DeterministicRandomVariable");
    EXPECT_FALSE(parsed.stream);
    EXPECT_NE(parsed.error.find("cannot be told"), std::string::npos) << parsed.error;
}
