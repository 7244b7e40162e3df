// The core's parts on their own: sequence arithmetic, the byte queue, send and receive buffers, the
// RFC 6298 RTO estimator and Reno congestion control.
#include "ns3/tcp-byte-queue.h"
#include "ns3/tcp-receive-buffer.h"
#include "ns3/tcp-reno-congestion-control.h"
#include "ns3/tcp-rto-estimator.h"
#include "ns3/tcp-send-buffer.h"
#include "ns3/tcp-sequence.h"

#include <gtest/gtest.h>
#include <numeric>

namespace ns3
{
namespace handshake
{
namespace
{

using namespace std::chrono_literals;

std::vector<uint8_t>
Pattern(uint64_t offset, size_t n)
{
    std::vector<uint8_t> v(n);
    for (size_t i = 0; i < n; ++i)
    {
        v[i] = static_cast<uint8_t>((offset + i) * 31 + 7);
    }
    return v;
}

TEST(TcpSequence, ComparesAcrossWrapAround)
{
    EXPECT_TRUE(SeqLt(0xFFFFFFF0u, 0x10u));
    EXPECT_TRUE(SeqGt(0x10u, 0xFFFFFFF0u));
    EXPECT_TRUE(SeqLeq(5, 5));
    EXPECT_TRUE(SeqGeq(5, 5));
    EXPECT_FALSE(SeqLt(5, 5));
    EXPECT_EQ(SeqDiff(0x10u, 0xFFFFFFF0u), 0x20);
    EXPECT_TRUE(SeqInWindow(0x5u, 0xFFFFFFFEu, 10));
    EXPECT_FALSE(SeqInWindow(0x8u, 0xFFFFFFFEu, 10));
    EXPECT_FALSE(SeqInWindow(0xFFFFFFFDu, 0xFFFFFFFEu, 10));
}

TEST(TcpByteQueue, KeepsOrderAcrossWrapAroundAndGrowth)
{
    TcpByteQueue queue;
    std::vector<uint8_t> all = Pattern(0, 20000);
    size_t appended = 0;
    size_t consumed = 0;
    // Appends of 1448 and consumes of 1000 walk the ring's front round its storage, and the
    // storage grows (2048, then doubling) while bytes sit in it wrapped.
    for (int round = 0; round < 12; ++round)
    {
        queue.Append(all.data() + appended, 1448);
        appended += 1448;
        std::vector<uint8_t> out(queue.Size());
        queue.CopyOut(0, out.data(), out.size());
        ASSERT_EQ(out, Pattern(consumed, out.size())) << "round " << round;
        queue.Consume(1000);
        consumed += 1000;
    }
    EXPECT_EQ(queue.Size(), appended - consumed);
    std::vector<uint8_t> middle(300);
    queue.CopyOut(1000, middle.data(), middle.size());
    EXPECT_EQ(middle, Pattern(consumed + 1000, 300));
    std::vector<uint8_t> rest(queue.Size());
    queue.CopyOut(0, rest.data(), rest.size());
    EXPECT_EQ(rest, Pattern(consumed, appended - consumed));
    queue.Consume(queue.Size());
    EXPECT_TRUE(queue.Empty());
}

TEST(TcpByteQueue, HoldsNoStorageWhileEmpty)
{
    TcpByteQueue queue;
    EXPECT_EQ(queue.StorageBytes(), 0u);
    auto data = Pattern(0, 5000);
    queue.Append(data.data(), data.size());
    EXPECT_GE(queue.StorageBytes(), 5000u);
    queue.Consume(4999);
    EXPECT_GE(queue.StorageBytes(), 1u);
    queue.Consume(10); // more than is left: takes what there is
    EXPECT_TRUE(queue.Empty());
    EXPECT_EQ(queue.StorageBytes(), 0u);
}

TEST(TcpSendBuffer, BoundedAppendCopyAndAcknowledge)
{
    TcpSendBuffer buffer(100);
    std::vector<uint8_t> data = Pattern(0, 150);
    EXPECT_EQ(buffer.Append(data.data(), data.size()), 100u);
    EXPECT_EQ(buffer.Free(), 0u);
    EXPECT_EQ(buffer.Copy(10, 5), Pattern(10, 5));
    EXPECT_EQ(buffer.Copy(95, 50).size(), 5u);
    EXPECT_TRUE(buffer.Copy(100, 5).empty());
    buffer.Acknowledge(30);
    EXPECT_EQ(buffer.Size(), 70u);
    EXPECT_EQ(buffer.Copy(0, 3), Pattern(30, 3));
    EXPECT_EQ(buffer.Free(), 30u);
}

TEST(TcpReceiveBuffer, InOrderBytesAreReadable)
{
    TcpReceiveBuffer buffer(1000);
    auto a = Pattern(0, 300);
    EXPECT_EQ(buffer.Insert(0, a.data(), a.size()), 300u);
    EXPECT_EQ(buffer.Readable(), 300u);
    EXPECT_EQ(buffer.Window(), 700u);
    std::vector<uint8_t> out(1000);
    EXPECT_EQ(buffer.Read(out.data(), 100), 100u);
    EXPECT_EQ(std::vector<uint8_t>(out.begin(), out.begin() + 100), Pattern(0, 100));
    EXPECT_EQ(buffer.Window(), 800u);
}

TEST(TcpReceiveBuffer, GapsOverlapsAndDuplicatesReassembleExactly)
{
    TcpReceiveBuffer buffer(10000);
    auto put = [&](uint64_t off, size_t n) {
        auto d = Pattern(off, n);
        return buffer.Insert(off, d.data(), d.size());
    };
    EXPECT_EQ(put(500, 200), 0u); // gap [0,500)
    EXPECT_EQ(put(900, 100), 0u); // second gap [700,900)
    EXPECT_EQ(put(600, 350), 0u); // overlaps both pieces, fills [700,900)
    EXPECT_EQ(put(550, 10), 0u);  // duplicate inside
    EXPECT_EQ(buffer.OutOfOrderBytes(), 500u);
    EXPECT_EQ(put(0, 400), 400u);   // in order, gap [400,500) left
    EXPECT_EQ(put(300, 250), 600u); // overlaps old and new: delivers up to 1000
    EXPECT_EQ(buffer.NextOffset(), 1000u);
    EXPECT_FALSE(buffer.HasOutOfOrder());
    EXPECT_EQ(put(0, 1000), 0u); // all old
    std::vector<uint8_t> out(1000);
    ASSERT_EQ(buffer.Read(out.data(), out.size()), 1000u);
    EXPECT_EQ(out, Pattern(0, 1000));
    EXPECT_EQ(buffer.Readable(), 0u);
}

TEST(TcpReceiveBuffer, InOrderBytesJoinAPieceHeldBeyondThem)
{
    TcpReceiveBuffer buffer(10000);
    auto put = [&](uint64_t off, size_t n) {
        auto d = Pattern(off, n);
        return buffer.Insert(off, d.data(), d.size());
    };
    EXPECT_EQ(put(0, 100), 100u);  // straight to the readable bytes
    EXPECT_EQ(put(300, 100), 0u);  // a hole [200, 300) before it
    EXPECT_EQ(put(100, 100), 100u); // in order, the hole stays
    EXPECT_EQ(put(150, 200), 200u); // fills the hole, overlaps both sides: up to 400
    EXPECT_FALSE(buffer.HasOutOfOrder());
    std::vector<uint8_t> out(400);
    ASSERT_EQ(buffer.Read(out.data(), out.size()), 400u);
    EXPECT_EQ(out, Pattern(0, 400));
}

TEST(TcpReceiveBuffer, NeverStoresBeyondTheWindow)
{
    TcpReceiveBuffer buffer(1000);
    auto d = Pattern(0, 1500);
    EXPECT_EQ(buffer.Insert(0, d.data(), d.size()), 1000u);
    EXPECT_EQ(buffer.Window(), 0u);
    auto more = Pattern(1000, 10);
    EXPECT_EQ(buffer.Insert(1000, more.data(), more.size()), 0u);
    EXPECT_FALSE(buffer.HasOutOfOrder());
    std::vector<uint8_t> out(500);
    buffer.Read(out.data(), 500);
    auto late = Pattern(1200, 600); // partly beyond the window of 500 after RCV.NXT = 1000
    EXPECT_EQ(buffer.Insert(1200, late.data(), late.size()), 0u);
    EXPECT_EQ(buffer.OutOfOrderBytes(), 300u);
}

TEST(TcpRtoEstimator, Rfc6298FirstAndLaterSamples)
{
    TcpRtoEstimator rto(1s, 0ms, 60s, 1ms);
    EXPECT_EQ(rto.Rto(), 1s); // RFC 6298 2.1
    rto.AddSample(100ms);
    // 2.2: SRTT = R = 100 ms, RTTVAR = R/2 = 50 ms, RTO = SRTT + max(G, 4 RTTVAR) = 300 ms.
    EXPECT_EQ(rto.Srtt(), 100ms);
    EXPECT_EQ(rto.RttVar(), 50ms);
    EXPECT_EQ(rto.Rto(), 300ms);
    rto.AddSample(200ms);
    // 2.3: RTTVAR = 3/4 * 50 + 1/4 * |100 - 200| = 62.5 ms; SRTT = 7/8 * 100 + 1/8 * 200 = 112.5
    // ms; RTO = 112.5 + 4 * 62.5 = 362.5 ms.
    EXPECT_EQ(rto.RttVar(), 62500us);
    EXPECT_EQ(rto.Srtt(), 112500us);
    EXPECT_EQ(rto.Rto(), 362500us);
}

TEST(TcpRtoEstimator, LinuxBoundsTheVarianceNotTheRto)
{
    // Linux tcp_rtt_estimator: RTO = SRTT + max(4 * mdev, 200 ms); RFC 6298: max(200 ms, ...).
    TcpRtoEstimator linux(1s, 200ms, 120s, 1ms, true);
    TcpRtoEstimator rfc(1s, 200ms, 120s, 1ms, false);
    linux.AddSample(10ms);
    rfc.AddSample(10ms);
    EXPECT_EQ(linux.Rto(), 210ms); // 10 + max(2 * 10, 200)
    EXPECT_EQ(rfc.Rto(), 200ms);   // max(200, 10 + 4 * 5)
    TcpRtoEstimator path(1s, 200ms, 120s, 1ms, true);
    path.AddSample(100ms);
    EXPECT_EQ(path.Rto(), 300ms); // 100 + max(200, 200)
    // 200 ms: SRTT 112.5, mdev 3/4 * 200 + 100 = 250 -> RTO 362.5, in whole ms 363.
    path.AddSample(200ms, false);
    EXPECT_EQ(path.Srtt(), 112500us);
    EXPECT_EQ(path.Rto(), 363ms);
    // Back to 100 ms: the deviation falls (mdev 200) but rttvar keeps the window's largest, 250:
    // SRTT 110.9375 + 250 -> 361 ms.
    path.AddSample(100ms, false);
    EXPECT_EQ(path.Rto(), 361ms);
    // A window ends: rttvar stays (its largest deviation was 250 too), the next window's starts
    // at MinRto; SRTT 109.57 + 250 -> 360 ms.
    path.AddSample(100ms, true);
    EXPECT_EQ(path.Rto(), 360ms);
    // Another window ends with no deviation above MinRto: rttvar decays by a quarter of its excess
    // over 200 ms, to 237.5; SRTT 108.37 + 237.5 -> 346 ms.
    path.AddSample(100ms, true);
    EXPECT_EQ(path.Rto(), 346ms);
}

TEST(TcpRtoEstimator, GranularityMinMaxAndBackoff)
{
    TcpRtoEstimator fine(1s, 0ms, 60s, 10ms);
    fine.AddSample(0ms);
    EXPECT_EQ(fine.Rto(), 10ms); // max(G, 4 RTTVAR) with RTTVAR = 0 is G

    TcpRtoEstimator rto(1s, 1s, 60s, 1ms);
    rto.AddSample(100ms);
    EXPECT_EQ(rto.Rto(), 1s); // RFC 6298 2.4: rounded up to the minimum
    rto.Backoff();
    EXPECT_EQ(rto.Rto(), 2s); // 5.5
    rto.Backoff();
    EXPECT_EQ(rto.Rto(), 4s);
    for (int i = 0; i < 100; ++i)
    {
        rto.Backoff();
    }
    EXPECT_EQ(rto.Rto(), 60s); // 2.5: capped
    rto.ResetBackoff();
    EXPECT_EQ(rto.Rto(), 1s);
    EXPECT_EQ(rto.BackoffCount(), 0u);
}

TEST(TcpRtoEstimator, SynTimeoutFloorOfThreeSecondsUntilASample)
{
    TcpRtoEstimator rto(1s, 200ms, 60s, 1ms);
    rto.ApplySynTimeoutFloor();
    EXPECT_EQ(rto.Rto(), 3s); // RFC 6298 5.7
    rto.AddSample(100ms);
    EXPECT_EQ(rto.Rto(), 300ms);
    rto.ApplySynTimeoutFloor(); // a real sample wins
    EXPECT_EQ(rto.Rto(), 300ms);
}

TEST(TcpRenoCongestionControl, SlowStartAvoidanceRecoveryAndTimeout)
{
    auto acked = [](uint32_t bytes) {
        TcpAckSample sample;
        sample.bytesAcked = bytes;
        return sample;
    };
    TcpRenoCongestionControl reno;
    EXPECT_STREQ(reno.Name(), "NewReno");
    reno.Init(1000, 2, 5000);
    EXPECT_EQ(reno.Cwnd(), 2000u);
    reno.OnAck(acked(3000));
    EXPECT_EQ(reno.Cwnd(), 3000u); // slow start: at most one SMSS per ACK
    reno.OnAck(acked(1000));
    reno.OnAck(acked(1000));
    EXPECT_EQ(reno.Cwnd(), 5000u); // reached ssthresh
    reno.OnAck(acked(4000));
    EXPECT_EQ(reno.Cwnd(), 5000u);
    reno.OnAck(acked(1000));
    EXPECT_EQ(reno.Cwnd(), 6000u); // one SMSS per cwnd of bytes
    reno.OnCongestionEvent(6000, 0ms);
    EXPECT_EQ(reno.Ssthresh(), 3000u);
    EXPECT_EQ(reno.Cwnd(), 6000u); // the window is the recovery's (PRR) to reduce
    reno.OnRecoveryExit(0ms);
    EXPECT_EQ(reno.Cwnd(), 3000u);
    reno.OnRetransmitTimeout(1000, 0ms);
    EXPECT_EQ(reno.Ssthresh(), 2000u); // max(FlightSize / 2, 2 SMSS)
    EXPECT_EQ(reno.Cwnd(), 1000u);
}

} // namespace
} // namespace handshake
} // namespace ns3
