// RunEndRule: when a run ends and why (the work done, then every connection ended, the teardown
// grace or the time limit), and the progress line's words for each phase.
#include "ns3/handshake-module.h"

#include <gtest/gtest.h>

using namespace ns3;

TEST(RunEndRule, EndsOnceTheWorkIsDoneAndEveryConnectionHasEnded)
{
    RunEndRule rule(Seconds(600), Seconds(120));
    EXPECT_FALSE(rule.ShouldStop(Seconds(10), 0)) << "no request may be left without its outcome";
    rule.WorkDone(Seconds(13.5));
    EXPECT_TRUE(rule.IsWorkDone());
    EXPECT_FALSE(rule.ShouldStop(Seconds(18.5), 3));
    EXPECT_TRUE(rule.ShouldStop(Seconds(19.5), 0));
    rule.Stopped(Seconds(19.5));
    RunEndRecord end = rule.Record();
    EXPECT_EQ(end.reason, "ended");
    EXPECT_DOUBLE_EQ(end.time, 19.5);
    ASSERT_TRUE(end.workDone);
    EXPECT_DOUBLE_EQ(*end.workDone, 13.5);
    EXPECT_DOUBLE_EQ(end.grace, 120);
    EXPECT_DOUBLE_EQ(end.limit, 600);
}

TEST(RunEndRule, TheGraceEndsAWaitForConnectionsThatDoNotEnd)
{
    RunEndRule rule(Seconds(600), Seconds(120));
    rule.WorkDone(Seconds(13.5));
    EXPECT_FALSE(rule.ShouldStop(Seconds(133.4), 2));
    EXPECT_TRUE(rule.ShouldStop(Seconds(133.5), 2));
    rule.Stopped(Seconds(133.5));
    EXPECT_EQ(rule.Record().reason, "grace");
}

TEST(RunEndRule, TheLimitStopsARunWhoseWorkIsNotDone)
{
    RunEndRule rule(Seconds(600), Seconds(120));
    rule.Stopped(Seconds(600));
    RunEndRecord end = rule.Record();
    EXPECT_EQ(end.reason, "limit");
    EXPECT_FALSE(end.workDone);
    EXPECT_DOUBLE_EQ(end.time, 600);
}

TEST(RunEndRule, ProgressSaysWhatTheRunIsWaitingFor)
{
    RunEndRule rule(Seconds(600), Seconds(120));
    EXPECT_EQ(rule.Progress(3, 150, 40), "3/150 requests have an outcome (2%)");
    rule.WorkDone(Seconds(13.5));
    // Not "100% done" while connections hold the run: it names them and the latest end.
    EXPECT_EQ(rule.Progress(150, 150, 3),
              "all 150 requests have an outcome; waiting for 3 connections to end (until 133.5 s "
              "at the latest)");
    EXPECT_EQ(rule.Progress(150, 150, 1),
              "all 150 requests have an outcome; waiting for 1 connection to end (until 133.5 s "
              "at the latest)");
    EXPECT_EQ(rule.Progress(150, 150, 0), "all 150 requests have an outcome; every connection has ended");
    rule.ShouldStop(Seconds(133.5), 3);
    rule.Stopped(Seconds(133.5));
    EXPECT_EQ(rule.Progress(150, 150, 3), "run ended after the teardown grace, 3 connections still open");
    RunEndRule limited(Seconds(600), Seconds(120));
    limited.Stopped(Seconds(600));
    EXPECT_EQ(limited.Progress(149, 150, 1),
              "run ended at the time limit, 149/150 requests have an outcome, 1 connection still open");
    RunEndRule late(Seconds(600), Seconds(120));
    late.WorkDone(Seconds(550));
    EXPECT_NE(late.Progress(1, 1, 1).find("until 600.0 s"), std::string::npos) << "the limit comes first";
}
