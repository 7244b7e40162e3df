// CUBIC (RFC 9438) and HyStart++ (RFC 9406), driven ACK by ACK. Windows in segments of 1000 bytes.
#include "ns3/tcp-cubic-congestion-control.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ns3
{
namespace handshake
{
namespace
{

using namespace std::chrono_literals;
using Cubic = TcpCubicCongestionControl;

constexpr uint32_t MSS = 1000;

TcpAckSample
Ack(uint32_t bytes, TcpTime now, uint32_t sndUna, uint32_t sndNxt, TcpTime rtt, TcpTime minRtt = 0ms)
{
    TcpAckSample sample;
    sample.bytesAcked = bytes;
    sample.now = now;
    sample.sndUna = sndUna;
    sample.sndNxt = sndNxt;
    sample.rtt = rtt;
    sample.minRtt = minRtt.count() ? minRtt : rtt;
    return sample;
}

/** One round: the whole window acknowledged segment by segment, all with RTT \p rtt. */
void
Round(Cubic& cc, TcpTime& now, uint32_t& sndUna, TcpTime rtt)
{
    uint32_t segments = cc.Cwnd() / MSS;
    uint32_t sndNxt = sndUna + cc.Cwnd();
    now += rtt;
    for (uint32_t i = 0; i < segments; ++i)
    {
        sndUna += MSS;
        cc.OnAck(Ack(MSS, now, sndUna, sndNxt + (i + 1) * 2 * MSS, rtt, 100ms));
    }
}

TEST(TcpCubicCongestionControl, SlowStartDoublesEachRound)
{
    Cubic cc;
    EXPECT_STREQ(cc.Name(), "Cubic");
    cc.Init(MSS, 10, 0xFFFFFFFF);
    TcpTime now = 0ms;
    uint32_t sndUna = 1;
    for (uint32_t expected : {20u, 40u, 80u})
    {
        Round(cc, now, sndUna, 100ms); // constant RTT: HyStart++ sees no delay increase
        EXPECT_EQ(cc.Cwnd(), expected * MSS);
        EXPECT_EQ(cc.GetPhase(), Cubic::Phase::SLOW_START);
    }
}

TEST(TcpCubicCongestionControl, HyStartLeavesSlowStartWhenTheDelayGrows)
{
    Cubic cc;
    cc.Init(MSS, 10, 0xFFFFFFFF);
    TcpTime now = 0ms;
    uint32_t sndUna = 1;
    Round(cc, now, sndUna, 100ms);
    Round(cc, now, sndUna, 100ms);
    ASSERT_EQ(cc.Cwnd(), 40000u);
    // RttThresh = clamp(100 ms / 8, 4, 16) = 12.5 ms: 113 ms is an increase, after 8 samples.
    Round(cc, now, sndUna, 113ms);
    EXPECT_EQ(cc.GetPhase(), Cubic::Phase::CONSERVATIVE_SLOW_START);
    uint32_t atCss = cc.Cwnd();
    EXPECT_LT(atCss, 80000u); // only the first 8 ACKs of the round grew it fully
    Round(cc, now, sndUna, 113ms);
    // CSS grows by a quarter of what is acknowledged (CSS_GROWTH_DIVISOR 4): 250 bytes an ACK.
    EXPECT_EQ(cc.Cwnd(), atCss + (atCss / MSS) * (MSS / 4));
    // CSS_ROUNDS (5) rounds later, congestion avoidance with ssthresh = the window then.
    for (int i = 0; i < 5; ++i)
    {
        Round(cc, now, sndUna, 113ms);
    }
    EXPECT_EQ(cc.GetPhase(), Cubic::Phase::AVOIDANCE);
    EXPECT_LT(cc.Ssthresh(), 0xFFFFFFFFu);
    EXPECT_LE(cc.Ssthresh(), cc.Cwnd());
    EXPECT_GT(cc.Ssthresh(), atCss);
}

TEST(TcpCubicCongestionControl, CssReturnsToSlowStartWhenTheDelayFalls)
{
    Cubic cc;
    cc.Init(MSS, 10, 0xFFFFFFFF);
    TcpTime now = 0ms;
    uint32_t sndUna = 1;
    Round(cc, now, sndUna, 100ms);
    Round(cc, now, sndUna, 120ms);
    ASSERT_EQ(cc.GetPhase(), Cubic::Phase::CONSERVATIVE_SLOW_START);
    Round(cc, now, sndUna, 90ms); // below the CSS baseline: the increase was spurious
    EXPECT_EQ(cc.GetPhase(), Cubic::Phase::SLOW_START);
}

TEST(TcpCubicCongestionControl, CongestionEventThenCubicGrowthBackToWmaxAtK)
{
    Cubic cc;
    cc.Init(MSS, 100, 0xFFFFFFFF); // 100 segments
    cc.OnCongestionEvent(100 * MSS, 0ms);
    // RFC 9438 4.6: ssthresh = 0.7 cwnd; W_max = 100.
    EXPECT_EQ(cc.Ssthresh(), 70u * MSS);
    EXPECT_DOUBLE_EQ(cc.WMax(), 100.0);
    EXPECT_EQ(cc.Cwnd(), 100u * MSS); // PRR's to reduce
    cc.SetCwnd(cc.Ssthresh());
    cc.OnRecoveryExit(0ms);
    ASSERT_EQ(cc.Cwnd(), 70u * MSS);
    // K = cbrt((100 - 70) / 0.4) = 4.217 s. ACKs every 10 ms, RTT 100 ms, a window each RTT.
    double k = std::cbrt(30.0 / 0.4);
    TcpTime now = 0ms;
    uint32_t sndUna = 1;
    double atHalfK = 0;
    while (now < TcpTime(static_cast<int64_t>(k * 1e9)))
    {
        now += 10ms;
        sndUna += MSS;
        cc.OnAck(Ack(cc.Cwnd() / 10, now, sndUna, sndUna + cc.Cwnd(), 100ms));
        if (atHalfK == 0 && now >= TcpTime(static_cast<int64_t>(k * 0.5e9)))
        {
            atHalfK = cc.Cwnd() / double(MSS);
        }
    }
    EXPECT_NEAR(cc.K(), k, 1e-9);
    // At t = K the window is back at W_max (aiming one RTT ahead: within a segment or two).
    EXPECT_NEAR(cc.Cwnd() / double(MSS), 100.0, 2.0);
    // Concave: more than half the way back at K / 2 (W_cubic(K/2) = 100 - 0.4 (K/2)^3 = 96.25).
    EXPECT_GT(atHalfK, 85.0);
    // Convex beyond: the next K seconds add far more than the plateau around W_max did.
    TcpTime end = now + TcpTime(static_cast<int64_t>(k * 1e9));
    while (now < end)
    {
        now += 10ms;
        sndUna += MSS;
        cc.OnAck(Ack(cc.Cwnd() / 10, now, sndUna, sndUna + cc.Cwnd(), 100ms));
    }
    EXPECT_GT(cc.Cwnd() / double(MSS), 120.0); // W_cubic(2K) = 100 + 30 = 130
}

TEST(TcpCubicCongestionControl, FastConvergenceLowersWmax)
{
    Cubic cc;
    cc.Init(MSS, 100, 0xFFFFFFFF);
    cc.OnCongestionEvent(100 * MSS, 0ms);
    cc.SetCwnd(80 * MSS); // a second loss below the last W_max
    cc.OnCongestionEvent(80 * MSS, 1s);
    EXPECT_DOUBLE_EQ(cc.WMax(), 80 * (1 + 0.7) / 2); // RFC 9438 4.7: 68
    EXPECT_EQ(cc.Ssthresh(), 56u * MSS);
}

TEST(TcpCubicCongestionControl, RenoFriendlyRegionAtSmallWindows)
{
    // A short RTT and a small window: W_cubic barely moves within a second, W_est (alpha_cubic
    // = 3 * 0.3 / 1.7 = 0.53 segments per window) governs.
    Cubic cc;
    cc.Init(MSS, 10, 0xFFFFFFFF);
    cc.OnCongestionEvent(10 * MSS, 0ms);
    cc.SetCwnd(7 * MSS);
    cc.OnRecoveryExit(0ms);
    TcpTime now = 0ms;
    uint32_t sndUna = 1;
    for (int rtt = 0; rtt < 10; ++rtt)
    {
        for (int i = 0; i < 7; ++i)
        {
            now += 1ms;
            sndUna += MSS;
            cc.OnAck(Ack(MSS, now, sndUna, sndUna + cc.Cwnd(), 2ms));
        }
    }
    // 10 windows of ACKs: about 7 + 10 * 0.53 segments (W_max 10 reached on the way).
    EXPECT_GT(cc.Cwnd(), 11u * MSS);
}

TEST(TcpCubicCongestionControl, TimeoutLeavesOneSegmentAndResets)
{
    Cubic cc;
    cc.Init(MSS, 40, 0xFFFFFFFF);
    cc.OnRetransmitTimeout(40 * MSS, 0ms);
    EXPECT_EQ(cc.Cwnd(), MSS);
    EXPECT_EQ(cc.Ssthresh(), 28u * MSS);
    cc.Init(MSS, 10, 0xFFFFFFFF);
    EXPECT_EQ(cc.Cwnd(), 10u * MSS);
    EXPECT_EQ(cc.Ssthresh(), 0xFFFFFFFFu);
    EXPECT_EQ(cc.GetPhase(), Cubic::Phase::SLOW_START);
}

} // namespace
} // namespace handshake
} // namespace ns3
