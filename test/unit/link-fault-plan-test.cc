// LinkFaultPlan and ServerRestartPlan (FaultWindowText): the --link-down, --server-restart texts.
#include "ns3/handshake-module.h"

#include <gtest/gtest.h>

#include <vector>

using namespace ns3;

namespace
{

/** Each text of \p bad gives a one-line error and leaves \p plan with nothing (\p size). */
template <typename Plan, typename Size>
void
ExpectEachRejected(Plan& plan, const std::vector<const char*>& bad, uint32_t count, Size size)
{
    for (const char* text : bad)
    {
        std::string error = plan.Parse(text, count);
        EXPECT_NE(error, "") << text;
        EXPECT_EQ(error.find('\n'), std::string::npos) << error;
        EXPECT_EQ(size(plan), 0u) << text;
    }
}

} // namespace

TEST(LinkFaultPlan, ParsesBottleneckAndClientFaults)
{
    LinkFaultPlan plan;
    ASSERT_EQ(plan.Parse("bottleneck@5s+10s,client:3@2s+500ms,bottleneck@15s+1s", 4), "");
    ASSERT_EQ(plan.Faults().size(), 3u);
    EXPECT_TRUE(plan.Faults()[0].bottleneck);
    EXPECT_EQ(plan.Faults()[0].start, Seconds(5));
    EXPECT_EQ(plan.Faults()[0].duration, Seconds(10));
    EXPECT_FALSE(plan.Faults()[1].bottleneck);
    EXPECT_EQ(plan.Faults()[1].client, 3u);
    EXPECT_EQ(plan.Faults()[1].duration, MilliSeconds(500));
    EXPECT_EQ(plan.Parse("", 4), "");
    EXPECT_TRUE(plan.Faults().empty());
}

TEST(LinkFaultPlan, RejectsWhatIsNotAFault)
{
    LinkFaultPlan plan;
    ExpectEachRejected(plan,
                       {"bottleneck",
                        "bottleneck@5s",
                        "core@1s+2s",
                        "client:4@1s+1s",
                        "client:@1s+1s",
                        "client:x@1s+1s",
                        "client:-1@1s+1s",
                        "bottleneck@-1s+2s",
                        "bottleneck@1s+0s",
                        "bottleneck@soon+2s",
                        "bottleneck@1s+2s,",
                        "client:99999999999@1s+1s",
                        "bottleneck@1s+5s,bottleneck@3s+1s"},
                       4,
                       [](const LinkFaultPlan& p) { return p.Faults().size(); });
    EXPECT_EQ(plan.Parse("client:1@1s+5s,client:2@3s+1s", 4), "") << "different links may overlap";
}

TEST(LinkFaultPlan, OverlapErrorNamesTheLink)
{
    LinkFaultPlan plan;
    EXPECT_EQ(plan.Parse("client:2@1s+5s,client:2@3s+1s", 4),
              "'client:2@3s+1s' overlaps an earlier fault of client:2");
}

TEST(ServerRestartPlan, ParsesRestartsOfEachServer)
{
    ServerRestartPlan plan;
    ASSERT_EQ(plan.Parse("server:1@5s+10s,server:0@2s+500ms,server:1@15s+1s", 2), "");
    ASSERT_EQ(plan.Restarts().size(), 3u);
    EXPECT_EQ(plan.Restarts()[0].server, 1u);
    EXPECT_EQ(plan.Restarts()[0].start, Seconds(5));
    EXPECT_EQ(plan.Restarts()[0].duration, Seconds(10));
    EXPECT_EQ(plan.Restarts()[1].server, 0u);
    EXPECT_EQ(plan.Restarts()[1].duration, MilliSeconds(500));
    EXPECT_EQ(plan.Restarts()[2].start, Seconds(15)) << "back at 15 s, down again at once";
    EXPECT_EQ(plan.Parse("", 2), "");
    EXPECT_TRUE(plan.Restarts().empty());
}

TEST(ServerRestartPlan, RejectsWhatIsNotARestart)
{
    ServerRestartPlan plan;
    ExpectEachRejected(plan,
                       {"server:0",
                        "server:0@5s",
                        "5s+10s",
                        "bottleneck@1s+1s",
                        "client:0@1s+1s",
                        "server:2@1s+1s",
                        "server:@1s+1s",
                        "server:x@1s+1s",
                        "server:-1@1s+1s",
                        "server:0@-1s+2s",
                        "server:0@1s+0s",
                        "server:0@soon+2s",
                        "server:0@1s+2s,",
                        "server:0@1s+5s,server:0@3s+1s",
                        "server:99999999999@1s+1s"},
                       2,
                       [](const ServerRestartPlan& p) { return p.Restarts().size(); });
    EXPECT_EQ(plan.Parse("server:2@1s+1s", 2), "'server:2': there are servers 0..1");
    EXPECT_EQ(plan.Parse("server:0@1s+5s,server:1@3s+1s", 2), "")
        << "different servers may overlap";
}
