// ProgressReporter: prints simulated time, the caller's status and wall time; stays quiet for
// short runs.
#include "ns3/handshake-module.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace ns3;

TEST(ProgressReporter, ReportsSimulatedTimeAndStatus)
{
    std::ostringstream out;
    uint64_t done = 0;
    ProgressReporter progress([&done] { return std::to_string(done) + "/4 done"; },
                              std::chrono::milliseconds(0),
                              std::chrono::milliseconds(0),
                              &out);
    progress.Start(MilliSeconds(500));
    Simulator::Schedule(Seconds(1.2), [&done] { done = 3; });
    Simulator::Stop(Seconds(2.1));
    Simulator::Run();
    progress.Stop();
    Simulator::Destroy();
    std::string text = out.str();
    EXPECT_NE(text.find("\r[progress] simulated 0.5 s, 0/4 done, wall "), std::string::npos) << text;
    EXPECT_NE(text.find("\r[progress] simulated 2.0 s, 3/4 done, wall "), std::string::npos) << text;
    EXPECT_EQ(text.back(), '\n');
}

TEST(ProgressReporter, ShortRunsPrintNothing)
{
    std::ostringstream out;
    ProgressReporter progress([] { return std::string("1/1"); },
                              std::chrono::hours(1),
                              std::chrono::seconds(1),
                              &out);
    progress.Start();
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    progress.Stop();
    Simulator::Destroy();
    EXPECT_EQ(out.str(), "");
}

TEST(ProgressReporter, AShorterLineCoversTheLongerOneBeforeIt)
{
    std::ostringstream out;
    std::string status = "a rather long status text";
    ProgressReporter progress([&status] { return status; },
                              std::chrono::milliseconds(0),
                              std::chrono::milliseconds(0),
                              &out);
    progress.Start(Seconds(1));
    Simulator::Schedule(Seconds(1.5), [&status] { status = "short"; });
    Simulator::Stop(Seconds(2.5));
    Simulator::Run();
    progress.Stop();
    Simulator::Destroy();
    std::string text = out.str();
    size_t first = text.find('\r', 1);
    size_t second = text.find('\r', first + 1);
    ASSERT_NE(second, std::string::npos) << text;
    EXPECT_EQ(second - first, first) << "each line as long as the first: " << text;
}
