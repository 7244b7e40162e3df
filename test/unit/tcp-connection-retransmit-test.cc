// Retransmission: SYN/SYN-ACK/FIN/data timers with RFC 6298 backoff, Karn's rule, retry limits,
// fast retransmit and the congestion window (RFC 5681).
#include "tcp-test-fixture.h"

#include "ns3/tcp-reno-congestion-control.h"

namespace ns3
{
namespace handshake
{
namespace test
{
namespace
{

using Retransmit = TcpConnectionTest;

TEST_F(Retransmit, SynBacksOffOneTwoFourSecondsThenTimesOut)
{
    m_config.synRetries = 6;
    Conn().Connect(m_now);
    Drain();
    ExpectSent(SYN, LOCAL_ISS, 0);
    // RFC 6298 5.5: the timer doubles after each expiry: SYNs at 0, 1, 3, 7, 15, 31, 63 s.
    TcpTime expected[] = {1s, 3s, 7s, 15s, 31s, 63s};
    for (TcpTime at : expected)
    {
        FireTimer(TcpTimerKind::RETRANSMIT);
        EXPECT_EQ(m_now, at);
        TcpSegment syn = ExpectSent(SYN, LOCAL_ISS, 0);
        EXPECT_TRUE(syn.mss.has_value());
        EXPECT_EQ(State(), TcpState::SYN_SENT);
    }
    EXPECT_EQ(CountEvents(TcpEvent::RETRANSMISSION), 6u);
    EXPECT_EQ(Conn().GetStats().retransmissions, 6u);
    // The seventh expiry gives up, 60 s after the last SYN (RFC 6298 2.5: maxRto caps the
    // doubling at 60 s); no RST from SYN_SENT.
    FireTimer(TcpTimerKind::RETRANSMIT);
    EXPECT_EQ(m_now, 123s);
    ExpectNothingSent();
    EXPECT_EQ(State(), TcpState::CLOSED);
    EXPECT_EQ(Outcome(), TcpOutcome::TIMED_OUT);
    EXPECT_EQ(CountEvents(TcpEvent::RTO_EXPIRED), 7u);
    EXPECT_TRUE(m_timers.empty());
}

TEST_F(Retransmit, SynAckRetransmittedAndRetransmittedSynAnswered)
{
    Conn().AcceptSyn(Seg(SYN, REMOTE_ISS, 0), m_now);
    Drain();
    ExpectSent(SYN | ACK, LOCAL_ISS, REMOTE_ISS + 1);
    FireTimer(TcpTimerKind::RETRANSMIT);
    EXPECT_EQ(m_now, 1s);
    ExpectSent(SYN | ACK, LOCAL_ISS, REMOTE_ISS + 1);
    EXPECT_EQ(Deadline(TcpTimerKind::RETRANSMIT), 3s);
    // The peer's SYN again (our SYN-ACK lost): answer with the SYN-ACK.
    Deliver(Seg(SYN, REMOTE_ISS, 0));
    ExpectSent(SYN | ACK, LOCAL_ISS, REMOTE_ISS + 1);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1));
    EXPECT_EQ(State(), TcpState::ESTABLISHED);
    EXPECT_EQ(Conn().Srtt(), 0ms); // Karn: the SYN-ACK was retransmitted, no sample
}

TEST_F(Retransmit, SynAckGivenUpAfterSynAckRetriesNotSynRetries)
{
    m_config.synRetries = 6;
    m_config.synAckRetries = 5; // Linux tcp_synack_retries
    Conn().AcceptSyn(Seg(SYN, REMOTE_ISS, 0), m_now);
    Drain();
    ExpectSent(SYN | ACK, LOCAL_ISS, REMOTE_ISS + 1);
    TcpTime expected[] = {1s, 3s, 7s, 15s, 31s};
    for (TcpTime at : expected)
    {
        FireTimer(TcpTimerKind::RETRANSMIT);
        EXPECT_EQ(m_now, at);
        ExpectSent(SYN | ACK, LOCAL_ISS, REMOTE_ISS + 1);
        EXPECT_EQ(State(), TcpState::SYN_RCVD);
    }
    // The sixth expiry, at 63 s, gives up the half-open connection (a SYN would have had one more).
    FireTimer(TcpTimerKind::RETRANSMIT);
    EXPECT_EQ(m_now, 63s);
    ExpectSent(RST | ACK, LOCAL_ISS + 1, REMOTE_ISS + 1); // as any retry limit (RFC 9293 3.8.3, R2)
    EXPECT_EQ(State(), TcpState::CLOSED);
    EXPECT_EQ(Outcome(), TcpOutcome::TIMED_OUT);
    EXPECT_EQ(Conn().GetStats().retransmissions, 5u);
}

TEST_F(Retransmit, LostSynLeavesRtoOfThreeSecondsForData)
{
    Conn().Connect(m_now);
    Drain();
    ExpectSent(SYN, LOCAL_ISS, 0);
    FireTimer(TcpTimerKind::RETRANSMIT);
    ExpectSent(SYN, LOCAL_ISS, 0);
    m_now = 1100ms;
    TcpSegment synAck = Seg(SYN | ACK, REMOTE_ISS, LOCAL_ISS + 1);
    Deliver(synAck);
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    EXPECT_EQ(Conn().Rto(), 3s); // RFC 6298 5.7
    SendBytes(Bytes(10));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 10);
    EXPECT_EQ(Deadline(TcpTimerKind::RETRANSMIT), m_now + 3s);
}

TEST_F(Retransmit, DataRetransmittedWithBackoffAndKarnsRule)
{
    OpenActive();
    m_now = 10s;
    SendBytes(Bytes(100));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 100);
    EXPECT_EQ(Deadline(TcpTimerKind::RETRANSMIT), 11s); // SRTT 0: RTO clamped to minRto 1 s
    FireTimer(TcpTimerKind::RETRANSMIT);
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 100);
    EXPECT_EQ(CountEvents(TcpEvent::RTO_EXPIRED), 1u);
    EXPECT_EQ(CountEvents(TcpEvent::RETRANSMISSION), 1u);
    EXPECT_EQ(Deadline(TcpTimerKind::RETRANSMIT), 13s); // doubled
    TcpTime srttBefore = Conn().Srtt();
    m_now = 12500ms;
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 101));
    // Karn: the ACK of a retransmitted segment gives no RTT sample.
    EXPECT_EQ(Conn().Srtt(), srttBefore);
    EXPECT_FALSE(Armed(TcpTimerKind::RETRANSMIT));
    // A new ACK resets the backoff (RFC 6298 5.7): the next segment waits the plain RTO.
    SendBytes(Bytes(10));
    ExpectSent(ACK, LOCAL_ISS + 101, REMOTE_ISS + 1, 10);
    EXPECT_EQ(Deadline(TcpTimerKind::RETRANSMIT), m_now + 1s);
    m_now += 300ms;
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 111));
    EXPECT_EQ(Conn().Srtt(), 37500us); // 7/8 * 0 + 1/8 * 300 ms: a sample from a segment sent once
}

TEST_F(Retransmit, RtoRestartsOnNewAckAndStopsWhenAllAcked)
{
    OpenActive();
    SendBytes(Bytes(2000));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 1000);
    ExpectSent(ACK, LOCAL_ISS + 1001, REMOTE_ISS + 1, 1000);
    m_now = 500ms;
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1001));
    EXPECT_EQ(Deadline(TcpTimerKind::RETRANSMIT), 500ms + Conn().Rto()); // RFC 6298 5.3
    // What the adapter asks when an event kept from an earlier deadline fires: the same.
    EXPECT_EQ(Conn().TimerDeadline(TcpTimerKind::RETRANSMIT), 500ms + Conn().Rto());
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 2001));
    EXPECT_FALSE(Armed(TcpTimerKind::RETRANSMIT)); // RFC 6298 5.2
    EXPECT_FALSE(Conn().TimerDeadline(TcpTimerKind::RETRANSMIT).has_value());
}

TEST_F(Retransmit, FinRetransmittedInFinWait1)
{
    OpenActive();
    Close();
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    FireTimer(TcpTimerKind::RETRANSMIT);
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    FireTimer(TcpTimerKind::RETRANSMIT);
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    EXPECT_EQ(State(), TcpState::FIN_WAIT_1);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 2));
    EXPECT_EQ(State(), TcpState::FIN_WAIT_2);
    EXPECT_FALSE(Armed(TcpTimerKind::RETRANSMIT));
}

TEST_F(Retransmit, LastAckRetransmitsFin)
{
    OpenPassive();
    Deliver(Seg(FIN | ACK, REMOTE_ISS + 1, LOCAL_ISS + 1));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 2);
    Close();
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 2);
    FireTimer(TcpTimerKind::RETRANSMIT);
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 2);
    EXPECT_EQ(State(), TcpState::LAST_ACK);
    Deliver(Seg(ACK, REMOTE_ISS + 2, LOCAL_ISS + 2));
    EXPECT_EQ(Outcome(), TcpOutcome::CLOSED_NORMALLY);
}

TEST_F(Retransmit, TimeWaitReAcksRetransmittedFinAndRestartsTimer)
{
    OpenActive();
    CloseToTimeWait();
    TcpTime first = Deadline(TcpTimerKind::TIME_WAIT);
    m_now += 30s;
    // Our last ACK was lost: the peer's FIN comes again.
    Deliver(Seg(FIN | ACK, REMOTE_ISS + 1, LOCAL_ISS + 2));
    ExpectSent(ACK, LOCAL_ISS + 2, REMOTE_ISS + 2);
    EXPECT_EQ(State(), TcpState::TIME_WAIT);
    EXPECT_EQ(Deadline(TcpTimerKind::TIME_WAIT), m_now + 2 * m_config.msl);
    EXPECT_GT(Deadline(TcpTimerKind::TIME_WAIT), first);
    AdvanceTo(first);
    EXPECT_EQ(State(), TcpState::TIME_WAIT);
    AdvanceTo(m_now + 2 * m_config.msl);
    EXPECT_EQ(Outcome(), TcpOutcome::CLOSED_NORMALLY);
}

TEST_F(Retransmit, DataRetryLimitAbortsWithRstAndTimedOut)
{
    m_config.dataRetries = 3;
    OpenActive();
    SendBytes(Bytes(100));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 100);
    for (int i = 0; i < 3; ++i)
    {
        FireTimer(TcpTimerKind::RETRANSMIT);
        ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 100);
    }
    FireTimer(TcpTimerKind::RETRANSMIT);
    ExpectSent(RST | ACK, LOCAL_ISS + 101, REMOTE_ISS + 1);
    EXPECT_EQ(State(), TcpState::CLOSED);
    EXPECT_EQ(Outcome(), TcpOutcome::TIMED_OUT);
    EXPECT_TRUE(m_timers.empty());
    // Nothing more happens after CLOSED.
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 101));
    Abort();
    ExpectNothingSent();
    EXPECT_EQ(CountEvents(TcpEvent::CLOSED), 1u);
}

TEST_F(Retransmit, RtoDropsCwndToOneSegmentAndGoesBackN)
{
    OpenActive();
    SendBytes(Bytes(3000));
    for (uint32_t off = 0; off < 3000; off += 1000)
    {
        ExpectSent(ACK, LOCAL_ISS + 1 + off, REMOTE_ISS + 1, 1000);
    }
    FireTimer(TcpTimerKind::RETRANSMIT);
    EXPECT_EQ(Conn().CongestionWindow(), 1000u); // RFC 5681 3.1: loss window
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 1000);
    ExpectNothingSent();
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1001));
    // Slow start again: cwnd 2000, the next two segments go (as retransmissions).
    ExpectSent(ACK, LOCAL_ISS + 1001, REMOTE_ISS + 1, 1000);
    ExpectSent(ACK, LOCAL_ISS + 2001, REMOTE_ISS + 1, 1000);
    EXPECT_EQ(Conn().GetStats().retransmissions, 3u);
}

TEST_F(Retransmit, ThreeDuplicateAcksTriggerFastRetransmit)
{
    OpenActive();
    SendBytes(Bytes(5000));
    for (uint32_t off = 0; off < 5000; off += 1000)
    {
        ExpectSent(ACK, LOCAL_ISS + 1 + off, REMOTE_ISS + 1, 1000);
    }
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1));
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1));
    ExpectNothingSent();
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 1000); // RFC 5681 3.2 step 2
    // ssthresh = max(FlightSize / 2, 2 SMSS) = 2500; cwnd = ssthresh + 3 SMSS.
    EXPECT_EQ(Conn().CongestionWindow(), 5500u);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 5001));
    // Recovery ends (RFC 6582 3.2 step 4): cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS).
    EXPECT_EQ(Conn().CongestionWindow(), 2000u);
}

TEST_F(Retransmit, PartialAckResendsOnlyWhatWasSentWhenTheWindowCloses)
{
    // RFC 6582 3.2 step 5 resends the first unacknowledged segment: data below SND.MAX, not the
    // queued bytes after it, which a window the peer closed has no room for (the tcp-core fuzzer
    // found 1000 bytes sent past SND.MAX into a zero window, RFC 9293 3.8.6).
    OpenActive(5000);
    SendBytes(Bytes(8000));
    for (uint32_t off = 0; off < 5000; off += 1000)
    {
        ExpectSent(ACK, LOCAL_ISS + 1 + off, REMOTE_ISS + 1, 1000);
    }
    ExpectNothingSent(); // the peer's window holds the other 3000
    for (int i = 0; i < 3; ++i)
    {
        Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1, {}, 5000));
    }
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 1000); // fast retransmit
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 4501, {}, 0)); // partial, and a zero window
    ExpectSent(ACK, LOCAL_ISS + 4501, REMOTE_ISS + 1, 500);
    ExpectNothingSent();
}

/** A strategy that never changes its window: shows that the connection defers to the interface. */
class FixedWindow : public TcpRenoCongestionControl
{
  public:
    const char* Name() const override
    {
        return "Fixed";
    }

    void OnAck(const TcpAckSample&) override
    {
    }

    uint32_t Cwnd() const override
    {
        return 2000;
    }
};

TEST_F(Retransmit, CongestionControlIsReplaceable)
{
    EXPECT_STREQ(Conn().CongestionControl().Name(), "NewReno");
    Conn().SetCongestionControl(std::make_unique<FixedWindow>());
    EXPECT_STREQ(Conn().CongestionControl().Name(), "Fixed");
    OpenActive();
    SendBytes(Bytes(5000));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 1000);
    ExpectSent(ACK, LOCAL_ISS + 1001, REMOTE_ISS + 1, 1000);
    ExpectNothingSent();
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 2001));
    EXPECT_EQ(m_sent.size(), 2u);
    // Too late once the connection is open.
    Conn().SetCongestionControl(std::make_unique<TcpRenoCongestionControl>());
    EXPECT_STREQ(Conn().CongestionControl().Name(), "Fixed");
}

TEST_F(Retransmit, SlowStartThenCongestionAvoidance)
{
    m_config.initialCwndSegments = 2;
    m_config.initialSsthresh = 4000;
    OpenActive();
    EXPECT_EQ(Conn().CongestionWindow(), 2000u);
    SendBytes(Bytes(20000));
    auto ackOldest = [&]() {
        TcpSegment s = m_sent.front();
        m_sent.pop_front();
        Deliver(Seg(ACK, REMOTE_ISS + 1, s.seq + static_cast<uint32_t>(s.payload.size())));
    };
    // Slow start: +1 SMSS per ACK (RFC 5681 3.1) until cwnd reaches ssthresh.
    ackOldest();
    EXPECT_EQ(Conn().CongestionWindow(), 3000u);
    ackOldest();
    EXPECT_EQ(Conn().CongestionWindow(), 4000u);
    // Congestion avoidance: one SMSS per cwnd's worth (4000 bytes) of acknowledged bytes.
    for (int i = 0; i < 3; ++i)
    {
        ackOldest();
        EXPECT_EQ(Conn().CongestionWindow(), 4000u);
    }
    ackOldest();
    EXPECT_EQ(Conn().CongestionWindow(), 5000u);
}

} // namespace
} // namespace test
} // namespace handshake
} // namespace ns3
