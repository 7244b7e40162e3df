// SynFloodPlan: the --syn-flood text.
#include "ns3/handshake-module.h"

#include <gtest/gtest.h>

using namespace ns3;

TEST(SynFloodPlan, ParsesRateAloneOrWithAWindow)
{
    SynFloodPlan plan;
    ASSERT_EQ(plan.Parse("1000"), "");
    EXPECT_TRUE(plan.Enabled());
    EXPECT_DOUBLE_EQ(plan.rate, 1000);
    EXPECT_EQ(plan.start, Seconds(0));
    EXPECT_TRUE(plan.duration.IsZero()) << "until the run ends";

    ASSERT_EQ(plan.Parse("2.5e3@2s+500ms"), "");
    EXPECT_DOUBLE_EQ(plan.rate, 2500);
    EXPECT_EQ(plan.start, Seconds(2));
    EXPECT_EQ(plan.duration, MilliSeconds(500));

    ASSERT_EQ(plan.Parse("0"), "");
    EXPECT_FALSE(plan.Enabled());
    EXPECT_EQ(plan.start, Seconds(0)) << "a parse starts from nothing";
}

TEST(SynFloodPlan, RejectsWhatIsNotAFlood)
{
    SynFloodPlan plan;
    const char* bad[] = {"",
                         "fast",
                         "-5",
                         "1e7",
                         "nan",
                         "inf",
                         "100x",
                         "100@",
                         "100@2s",
                         "100@2s+",
                         "100@2s+0s",
                         "100@-1s+2s",
                         "100@x+2s",
                         "100@2s+y",
                         "@2s+1s",
                         "100@2s+1s+1s"};
    for (const char* text : bad)
    {
        std::string error = plan.Parse(text);
        EXPECT_NE(error, "") << text;
        EXPECT_EQ(error.find('\n'), std::string::npos) << error;
        EXPECT_FALSE(plan.Enabled()) << text;
    }
}
