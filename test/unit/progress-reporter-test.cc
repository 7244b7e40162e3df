// ProgressReporter: prints simulated time, % done and connections; stays quiet for short runs.
#include "ns3/handshake-module.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace ns3;

TEST(ProgressReporter, ReportsSimulatedTimeAndConnections)
{
    std::ostringstream out;
    uint64_t done = 0;
    ProgressReporter progress([&done] { return std::make_pair(done, uint64_t(4)); },
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
    EXPECT_NE(text.find("simulated 0.5 s, 0% done, 0/4 connections"), std::string::npos) << text;
    EXPECT_NE(text.find("simulated 2.0 s, 75% done, 3/4 connections"), std::string::npos) << text;
    EXPECT_EQ(text.back(), '\n');
}

TEST(ProgressReporter, ShortRunsPrintNothing)
{
    std::ostringstream out;
    ProgressReporter progress([] { return std::make_pair(uint64_t(1), uint64_t(1)); },
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
