// DistributionFlag: numbers and ns-3 random-variable strings, and clear errors for anything else.
#include "ns3/double.h"
#include "ns3/handshake-module.h"
#include "ns3/rng-seed-manager.h"

#include <gtest/gtest.h>

using namespace ns3;

TEST(DistributionFlag, PlainNumberIsAConstant)
{
    auto parsed = DistributionFlag::Parse("12.5");
    ASSERT_TRUE(parsed.stream) << parsed.error;
    EXPECT_DOUBLE_EQ(parsed.stream->GetValue(), 12.5);
    EXPECT_DOUBLE_EQ(parsed.stream->GetValue(), 12.5);
}

TEST(DistributionFlag, RandomVariableStringHonoursItsAttributes)
{
    auto parsed = DistributionFlag::Parse("ns3::UniformRandomVariable[Min=5|Max=100]");
    ASSERT_TRUE(parsed.stream) << parsed.error;
    for (int i = 0; i < 1000; ++i)
    {
        double v = parsed.stream->GetValue();
        ASSERT_GE(v, 5.0);
        ASSERT_LE(v, 100.0);
    }
}

TEST(DistributionFlag, SameRunGivesSameDraws)
{
    RngSeedManager::SetRun(3);
    auto first = DistributionFlag::Parse("ns3::ExponentialRandomVariable[Mean=10]").stream;
    first->SetStream(7);
    double a = first->GetValue();
    auto second = DistributionFlag::Parse("ns3::ExponentialRandomVariable[Mean=10]").stream;
    second->SetStream(7);
    EXPECT_DOUBLE_EQ(a, second->GetValue());
}

TEST(DistributionFlag, RejectsOutOfRangeNumbers)
{
    auto parsed = DistributionFlag::Parse("1.5", 0.0, 1.0);
    EXPECT_FALSE(parsed.stream);
    EXPECT_NE(parsed.error.find("out of range"), std::string::npos) << parsed.error;
}

TEST(DistributionFlag, RejectsMalformedTextWithoutAborting)
{
    const char* bad[] = {"",
                         "abc",
                         "12abc",
                         "nan",
                         "inf",
                         "ns3::NoSuchRandomVariable",
                         "ns3::Node",
                         "ns3::UniformRandomVariable[Min=5",
                         "ns3::UniformRandomVariable[Mux=5]",
                         "ns3::UniformRandomVariable[Min=abc]",
                         "ns3::UniformRandomVariable[Min]"};
    for (const char* text : bad)
    {
        auto parsed = DistributionFlag::Parse(text);
        EXPECT_FALSE(parsed.stream) << text;
        EXPECT_FALSE(parsed.error.empty()) << text;
    }
}
