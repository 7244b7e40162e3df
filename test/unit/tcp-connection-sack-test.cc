// SACK (RFC 2018), D-SACK (RFC 2883), timestamps and PAWS (RFC 7323), and the loss recovery they
// make possible: RACK-TLP (RFC 8985), RFC 6675, PRR (RFC 6937). Each test reads as a trace.
#include "tcp-test-fixture.h"

#include "ns3/tcp-congestion-control.h"

namespace ns3
{
namespace handshake
{
namespace test
{
namespace
{

class Sack : public TcpConnectionTest
{
  protected:
    static constexpr uint32_t PEER_TS = 5000;

    /** SYN (offering SACK and timestamps) -> SYN-ACK with \p peerSack / \p peerTs -> ACK. */
    void OpenWithOptions(bool peerSack = true, bool peerTs = true, TcpTime rtt = 100ms)
    {
        Conn().Connect(m_now);
        Drain();
        TcpSegment syn = ExpectSent(SYN, LOCAL_ISS, 0);
        EXPECT_EQ(syn.sackPermitted, m_config.sack);
        ASSERT_EQ(syn.timestamp.has_value(), m_config.timestamps);
        peerTs = peerTs && m_config.timestamps;
        TcpSegment synAck = Seg(SYN | ACK, REMOTE_ISS, LOCAL_ISS + 1);
        synAck.mss = 1000;
        synAck.sackPermitted = peerSack;
        if (peerTs)
        {
            EXPECT_EQ(syn.timestamp->echo, 0u);
            synAck.timestamp = TcpTimestampOption{PEER_TS, syn.timestamp->value};
        }
        m_now += rtt;
        Deliver(synAck);
        TcpSegment ack = ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
        EXPECT_EQ(ack.timestamp.has_value(), peerTs) << "RFC 7323 3.2: only when both offered";
        if (peerTs)
        {
            EXPECT_EQ(ack.timestamp->echo, PEER_TS); // TS.Recent from the SYN-ACK
        }
        m_remoteNxt = REMOTE_ISS + 1;
        ASSERT_EQ(State(), TcpState::ESTABLISHED);
    }

    /** An ACK from the peer, with SACK blocks and its timestamp echoing \p echo. */
    TcpSegment PeerAck(uint32_t ack, std::vector<TcpSackBlock> blocks = {})
    {
        TcpSegment s = Seg(ACK, m_remoteNxt, ack);
        s.sack = std::move(blocks);
        return s;
    }

    /** Sends \p segments of 1000 bytes and checks they went out back to back. */
    void SendSegments(uint32_t segments)
    {
        SendBytes(Bytes(segments * 1000));
        for (uint32_t i = 0; i < segments; ++i)
        {
            ExpectSent(ACK, LOCAL_ISS + 1 + i * 1000, REMOTE_ISS + 1, 1000);
        }
        ExpectNothingSent();
    }

    uint32_t Data(uint32_t segment) const { return LOCAL_ISS + 1 + segment * 1000; }
};

TEST_F(Sack, OptionsNegotiatedOnlyWhenBothOffer)
{
    OpenWithOptions(false, false);
    SendBytes(Bytes(1000));
    // No timestamps: the whole MSS is payload, no option rides along.
    TcpSegment data = ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 1000);
    EXPECT_FALSE(data.timestamp.has_value());
    // No SACK: an out-of-order segment is acknowledged without blocks.
    Deliver(Seg(ACK, REMOTE_ISS + 1001, LOCAL_ISS + 1, Bytes(10)));
    TcpSegment ack = ExpectSent(ACK, LOCAL_ISS + 1001, REMOTE_ISS + 1);
    EXPECT_TRUE(ack.sack.empty());
}

TEST_F(Sack, TimestampsTakeTwelveBytesOfEverySegment)
{
    OpenWithOptions();
    SendBytes(Bytes(2000));
    // RFC 6691: the MSS of 1000 counts no options; 12 bytes go to the timestamps option.
    TcpSegment first = ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 988);
    ASSERT_TRUE(first.timestamp.has_value());
    EXPECT_EQ(first.timestamp->echo, PEER_TS);
    ExpectSent(ACK, LOCAL_ISS + 989, REMOTE_ISS + 1, 988);
    ExpectSent(ACK, LOCAL_ISS + 1977, REMOTE_ISS + 1, 24);
}

TEST_F(Sack, ReceiverReportsHolesMostRecentFirstAndDuplicatesOnce)
{
    OpenWithOptions(true, false);
    uint32_t r = REMOTE_ISS + 1;
    Deliver(Seg(ACK, r + 1000, LOCAL_ISS + 1, Bytes(1000))); // [1000, 2000) out of order
    TcpSegment a1 = ExpectSent(ACK, LOCAL_ISS + 1, r);
    ASSERT_EQ(a1.sack.size(), 1u);
    EXPECT_EQ(a1.sack[0], (TcpSackBlock{r + 1000, r + 2000}));
    Deliver(Seg(ACK, r + 3000, LOCAL_ISS + 1, Bytes(1000))); // a second hole
    TcpSegment a2 = ExpectSent(ACK, LOCAL_ISS + 1, r);
    // RFC 2018 4: the block of the latest segment first, then the earlier one.
    ASSERT_EQ(a2.sack.size(), 2u);
    EXPECT_EQ(a2.sack[0], (TcpSackBlock{r + 3000, r + 4000}));
    EXPECT_EQ(a2.sack[1], (TcpSackBlock{r + 1000, r + 2000}));
    Deliver(Seg(ACK, r + 1000, LOCAL_ISS + 1, Bytes(1000))); // a duplicate of what we hold
    TcpSegment a3 = ExpectSent(ACK, LOCAL_ISS + 1, r);
    // RFC 2883 4.1.3: the duplicate first (D-SACK), then the blocks.
    ASSERT_EQ(a3.sack.size(), 3u);
    EXPECT_EQ(a3.sack[0], (TcpSackBlock{r + 1000, r + 2000}));
    Deliver(Seg(ACK, r, LOCAL_ISS + 1, Bytes(1000))); // fills the first hole
    TcpSegment a4 = ExpectSent(ACK, LOCAL_ISS + 1, r + 2000);
    ASSERT_EQ(a4.sack.size(), 1u); // only the hole above remains; the D-SACK was sent once
    EXPECT_EQ(a4.sack[0], (TcpSackBlock{r + 3000, r + 4000}));
    Deliver(Seg(ACK, r, LOCAL_ISS + 1, Bytes(1000))); // an old duplicate, below RCV.NXT
    TcpSegment a5 = ExpectSent(ACK, LOCAL_ISS + 1, r + 2000);
    ASSERT_EQ(a5.sack.size(), 2u);
    EXPECT_EQ(a5.sack[0], (TcpSackBlock{r, r + 1000})); // RFC 2883 4.1.1
}

TEST_F(Sack, OutOfOrderAcksAfterTheThirdAreCompressedAsLinux)
{
    // Linux __tcp_ack_snd_check: three immediate ACKs per RCV.NXT, then SACK compression for
    // min(tcp_comp_sack_delay_ns, SRTT / 20).
    m_config.sackCompressionDelay = 1ms;
    m_config.delayedAckTimeout = 40ms;
    OpenWithOptions(true, false, 10ms); // SRTT 10 ms: held back 0.5 ms
    uint32_t r = REMOTE_ISS + 1;
    for (uint32_t k = 1; k <= 3; ++k)
    {
        Deliver(Seg(ACK, r + 1000 * k, LOCAL_ISS + 1, Bytes(1000)));
        TcpSegment dup = ExpectSent(ACK, LOCAL_ISS + 1, r);
        ASSERT_EQ(dup.sack.size(), 1u);
        EXPECT_EQ(dup.sack[0], (TcpSackBlock{r + 1000, r + 1000 + 1000 * k}));
    }
    Deliver(Seg(ACK, r + 4000, LOCAL_ISS + 1, Bytes(1000)));
    ExpectNothingSent();
    EXPECT_EQ(Deadline(TcpTimerKind::DELAYED_ACK), m_now + 500us);
    m_now += 200us;
    Deliver(Seg(ACK, r + 5000, LOCAL_ISS + 1, Bytes(1000)));
    ExpectNothingSent();
    EXPECT_EQ(Deadline(TcpTimerKind::DELAYED_ACK), m_now + 300us) << "not pushed back";
    FireTimer(TcpTimerKind::DELAYED_ACK);
    TcpSegment compressed = ExpectSent(ACK, LOCAL_ISS + 1, r);
    ASSERT_EQ(compressed.sack.size(), 1u);
    EXPECT_EQ(compressed.sack[0], (TcpSackBlock{r + 1000, r + 6000}));
    // The hole filled: ACKed at once (RFC 5681 4.2); a new RCV.NXT counts three again.
    Deliver(Seg(ACK, r, LOCAL_ISS + 1, Bytes(1000)));
    ExpectSent(ACK, LOCAL_ISS + 1, r + 6000);
    Deliver(Seg(ACK, r + 7000, LOCAL_ISS + 1, Bytes(1000)));
    ExpectSent(ACK, LOCAL_ISS + 1, r + 6000);
}

TEST_F(Sack, WithoutCompressionEachOutOfOrderSegmentIsAckedAtOnce)
{
    OpenWithOptions(true, false, 10ms);
    uint32_t r = REMOTE_ISS + 1;
    for (uint32_t k = 1; k <= 6; ++k)
    {
        Deliver(Seg(ACK, r + 1000 * k, LOCAL_ISS + 1, Bytes(1000)));
        ExpectSent(ACK, LOCAL_ISS + 1, r);
    }
}

TEST_F(Sack, PawsDropsAnOldDuplicate)
{
    OpenWithOptions();
    uint32_t r = REMOTE_ISS + 1;
    TcpSegment fresh = Seg(ACK, r, LOCAL_ISS + 1, Bytes(100));
    fresh.timestamp = TcpTimestampOption{PEER_TS + 50, 0};
    Deliver(fresh);
    TcpSegment ack = ExpectSent(ACK, LOCAL_ISS + 1, r + 100);
    EXPECT_EQ(ack.timestamp->echo, PEER_TS + 50); // RFC 7323 4.3: TS.Recent advanced
    // An old segment of an earlier incarnation, in the window but with an older TSval.
    TcpSegment old = Seg(ACK, r + 100, LOCAL_ISS + 1, Bytes(100));
    old.timestamp = TcpTimestampOption{PEER_TS + 10, 0};
    Deliver(old);
    ExpectSent(ACK, LOCAL_ISS + 1, r + 100); // RFC 7323 5.3 R1: ACK and drop
    EXPECT_EQ(Conn().BytesReadable(), 100u);
    EXPECT_EQ(Conn().GetStats().pawsDrops, 1u);
}

TEST_F(Sack, TimestampEchoGivesAnRttAfterARetransmittedSyn)
{
    Conn().Connect(m_now);
    Drain();
    ExpectSent(SYN, LOCAL_ISS, 0);
    FireTimer(TcpTimerKind::RETRANSMIT); // the SYN is lost: again at 1 s
    TcpSegment syn = ExpectSent(SYN, LOCAL_ISS, 0);
    TcpSegment synAck = Seg(SYN | ACK, REMOTE_ISS, LOCAL_ISS + 1);
    synAck.mss = 1000;
    synAck.sackPermitted = true;
    synAck.timestamp = TcpTimestampOption{PEER_TS, syn.timestamp->value};
    m_now += 80ms;
    Deliver(synAck);
    // Karn's rule forbids a sample from the SYN, the echo gives one (RFC 7323 4): no 3 s RTO
    // (RFC 6298 5.7 applies only without a sample).
    EXPECT_EQ(Conn().Srtt(), 80ms);
    SendBytes(Bytes(100));
    EXPECT_EQ(Deadline(TcpTimerKind::RETRANSMIT), m_now + 1s); // minRto 1 s in this suite
}

TEST_F(Sack, BurstOfThreeLossesRepairedWithoutAnRto)
{
    m_config.timestamps = false;
    OpenWithOptions(true, false);
    SendSegments(10);
    // Segments 2, 3 and 4 are lost; 5..9 arrive and are SACKed.
    m_now += 100ms;
    Deliver(PeerAck(Data(2)));
    for (uint32_t i = 5; i < 10; ++i)
    {
        Deliver(PeerAck(Data(2), {{Data(5), Data(i + 1)}}));
    }
    // RACK: segments sent before the SACKed ones, with none SACKed out of reordering, are lost
    // at once (reordering window 0 with 3 SACKed); all three are resent as PRR allows.
    std::vector<uint32_t> resent;
    for (const TcpSegment& s : m_sent)
    {
        resent.push_back(s.seq);
    }
    m_sent.clear();
    ASSERT_GE(resent.size(), 2u);
    EXPECT_EQ(resent[0], Data(2));
    EXPECT_EQ(resent[1], Data(3));
    EXPECT_EQ(Conn().CongState(), TcpCongState::RECOVERY);
    m_now += 100ms;
    Deliver(PeerAck(Data(4), {{Data(5), Data(10)}}));
    if (resent.size() < 3)
    {
        ExpectSent(ACK, Data(4), REMOTE_ISS + 1, 1000);
    }
    Deliver(PeerAck(Data(10)));
    EXPECT_EQ(Conn().CongState(), TcpCongState::OPEN);
    EXPECT_EQ(Conn().GetStats().rtoExpirations, 0u);
    EXPECT_EQ(Conn().GetStats().retransmissions, 3u);
    // PRR brought the window down to ssthresh = max(FlightSize / 2, 2 SMSS) (NewReno here).
    EXPECT_EQ(Conn().CongestionWindow(), Conn().CongestionControl().Ssthresh());
}

TEST_F(Sack, BlocksNewestFirstInOneAckAreNoReordering)
{
    m_config.timestamps = false;
    OpenWithOptions(true, false);
    SendSegments(10);
    m_now += 100ms;
    Deliver(PeerAck(Data(2), {{Data(3), Data(4)}}));
    ExpectNothingSent();
    // The newest block first (RFC 2018 4): segment 7, then segment 4 added to the older block.
    // Segment 4 lies below 7 but above everything SACKed before this ACK, so it is no sign of
    // reordering (Linux tcp_check_sack_reordering compares with the prior highest SACK): with
    // 3 SACKed the reordering window is 0 and segment 2 is lost and resent at once.
    Deliver(PeerAck(Data(2), {{Data(7), Data(8)}, {Data(3), Data(5)}}));
    ASSERT_FALSE(m_sent.empty()) << "waited for a reordering window";
    EXPECT_EQ(m_sent.front().seq, Data(2));
    EXPECT_EQ(Conn().CongState(), TcpCongState::RECOVERY);
    m_sent.clear();
}

TEST_F(Sack, RecoverySendsOneMoreThanDeliveredOnlyOnASafeAck)
{
    m_config.timestamps = false;
    m_config.congestionControl = "Cubic"; // ssthresh 0.7 x cwnd: room for a third segment
    OpenWithOptions(true, false);
    SendSegments(10);
    m_now += 100ms;
    Deliver(PeerAck(Data(1)));
    Deliver(PeerAck(Data(1), {{Data(3), Data(4)}}));
    ExpectNothingSent();
    // 5 and 6 SACKed by one ACK: with 3 SACKed, 1, 2 and 4 are lost and recovery starts. The
    // ACK does not advance SND.UNA and shows new losses, so PRR-SSRB sends what it delivered,
    // two segments, and not one more (RFC 6937bis, Linux tcp_cwnd_reduction).
    Deliver(PeerAck(Data(1), {{Data(5), Data(7)}, {Data(3), Data(4)}}));
    EXPECT_EQ(Conn().CongState(), TcpCongState::RECOVERY);
    ExpectSent(ACK, Data(1), REMOTE_ISS + 1, 1000);
    ExpectSent(ACK, Data(2), REMOTE_ISS + 1, 1000);
    ExpectNothingSent();
}

TEST_F(Sack, LostRetransmissionRepairedWithoutAnRto)
{
    m_config.timestamps = false;
    m_config.minRto = 1s;
    OpenWithOptions(true, false);
    SendSegments(6);
    m_now += 100ms;
    // Segment 0 lost; 1..5 SACKed: 0 is resent at once.
    for (uint32_t i = 1; i < 6; ++i)
    {
        Deliver(PeerAck(Data(0), {{Data(1), Data(i + 1)}}));
    }
    ExpectSent(ACK, Data(0), REMOTE_ISS + 1, 1000);
    m_sent.clear();
    // The retransmission is lost too. New data sent after it is SACKed 100 ms later: RACK sees
    // that the retransmission, sent before, should have been delivered by then (RFC 8985 6.2).
    SendBytes(Bytes(1000));
    m_sent.clear();
    m_now += 120ms;
    Deliver(PeerAck(Data(0), {{Data(1), Data(7)}}));
    if (m_sent.empty())
    {
        ASSERT_TRUE(Armed(TcpTimerKind::REORDER));
        FireTimer(TcpTimerKind::REORDER);
    }
    ExpectSent(ACK, Data(0), REMOTE_ISS + 1, 1000);
    EXPECT_EQ(Conn().GetStats().rtoExpirations, 0u);
    Deliver(PeerAck(Data(7)));
    EXPECT_EQ(Conn().CongState(), TcpCongState::OPEN);
}

TEST_F(Sack, AFinBeyondAGapIsAckedAtOnceAndSacked)
{
    OpenWithOptions(true, false);
    uint32_t r = REMOTE_ISS + 1;
    // The peer's last 1000 bytes are lost, its FIN arrives: Linux queues the FIN out of order and
    // answers at once with a duplicate ACK whose SACK block is the FIN (RFC 5681 4.2).
    Deliver(Seg(FIN | ACK, r + 1000, LOCAL_ISS + 1));
    TcpSegment dup = ExpectSent(ACK, LOCAL_ISS + 1, r);
    ASSERT_EQ(dup.sack.size(), 1u);
    EXPECT_EQ(dup.sack[0], (TcpSackBlock{r + 1000, r + 1001}));
    EXPECT_EQ(State(), TcpState::ESTABLISHED) << "the FIN counts only once the gap is filled";
    // The lost text arrives: RCV.NXT moves over it and the FIN, now in order.
    Deliver(Seg(ACK, r, LOCAL_ISS + 1, Bytes(1000)));
    TcpSegment ack = ExpectSent(ACK, LOCAL_ISS + 1, r + 1001);
    EXPECT_TRUE(ack.sack.empty());
    EXPECT_EQ(State(), TcpState::CLOSE_WAIT);
}

TEST_F(Sack, AFinRidingOnHeldTextIsSackedWithIt)
{
    OpenWithOptions(true, false);
    uint32_t r = REMOTE_ISS + 1;
    Deliver(Seg(FIN | ACK, r + 1000, LOCAL_ISS + 1, Bytes(500)));
    TcpSegment dup = ExpectSent(ACK, LOCAL_ISS + 1, r);
    ASSERT_EQ(dup.sack.size(), 1u);
    EXPECT_EQ(dup.sack[0], (TcpSackBlock{r + 1000, r + 1501})) << "one block: text and FIN";
}

TEST_F(Sack, ASackedFinRepairsTheTextBeforeItWithoutAnRto)
{
    m_config.timestamps = false;
    OpenWithOptions(true, false, 100ms);
    SendSegments(1);
    Close();
    TcpSegment fin = ExpectSent(FIN | ACK, Data(1), REMOTE_ISS + 1);
    // The text is lost, the FIN arrives and is SACKed: RACK resends the text within a fraction
    // of an RTT (Linux: 32 ms after that SACK at 101 ms RTT), not at the RTO.
    m_now += 100ms;
    Deliver(PeerAck(Data(0), {{Data(1), Data(1) + 1}}));
    if (m_sent.empty())
    {
        ASSERT_TRUE(Armed(TcpTimerKind::REORDER));
        EXPECT_LE(Deadline(TcpTimerKind::REORDER), m_now + Conn().Srtt() / 4 + 1ms);
        FireTimer(TcpTimerKind::REORDER);
    }
    ExpectSent(ACK, Data(0), REMOTE_ISS + 1, 1000);
    EXPECT_EQ(Conn().GetStats().rtoExpirations, 0u);
    // Linux tcp_rearm_rto: the RTO now runs from this retransmission of the oldest segment.
    EXPECT_EQ(Deadline(TcpTimerKind::RETRANSMIT), m_now + Conn().Rto());
    ExpectNothingSent(); // the SACKed FIN is not sent again with the text
}

TEST_F(Sack, TailLossProbedAfterTwoSrtt)
{
    m_config.timestamps = false;
    OpenWithOptions(true, false, 100ms); // SRTT 100 ms
    SendSegments(4);
    m_now += 100ms;
    Deliver(PeerAck(Data(2))); // the last two segments are lost: no ACK will come for them
    ASSERT_TRUE(Armed(TcpTimerKind::PROBE));
    EXPECT_LE(Deadline(TcpTimerKind::PROBE), m_now + 2 * Conn().Srtt() + 2ms);
    EXPECT_LT(Deadline(TcpTimerKind::PROBE), Deadline(TcpTimerKind::RETRANSMIT));
    FireTimer(TcpTimerKind::PROBE);
    // RFC 8985 7.3: nothing new to send, so the last segment is the probe.
    ExpectSent(ACK, Data(3), REMOTE_ISS + 1, 1000);
    EXPECT_EQ(CountEvents(TcpEvent::TAIL_LOSS_PROBE), 1u);
    // Its SACK shows segment 2 missing: RACK repairs it, no RTO.
    m_now += 100ms;
    Deliver(PeerAck(Data(2), {{Data(3), Data(4)}}));
    if (m_sent.empty())
    {
        FireTimer(TcpTimerKind::REORDER);
    }
    ExpectSent(ACK, Data(2), REMOTE_ISS + 1, 1000);
    Deliver(PeerAck(Data(4)));
    EXPECT_EQ(Conn().GetStats().rtoExpirations, 0u);
}

TEST_F(Sack, DataSentPastAPersistProbeJoinsTheScoreboardAndIsRepairedWhenLost)
{
    // A zero window: a one-byte persist probe goes out as new data (RFC 9293 3.8.6.1). When the
    // window opens, the first segment starts at the probe's byte (below SND.MAX) and carries
    // 999 new bytes. Those must join the scoreboard: if that segment is lost they are resent.
    m_config.timestamps = false;
    OpenWithOptions(true, false, 100ms);
    SendBytes(Bytes(3000));
    ExpectSent(ACK, Data(0), REMOTE_ISS + 1, 1000);
    ExpectSent(ACK, Data(1), REMOTE_ISS + 1, 1000);
    ExpectSent(ACK, Data(2), REMOTE_ISS + 1, 1000);
    TcpSegment closed = PeerAck(Data(1));
    closed.window = 0;
    Deliver(closed); // the peer's buffer is full
    TcpSegment full = PeerAck(Data(3));
    full.window = 0;
    Deliver(full);
    SendBytes(Bytes(2000));
    ExpectNothingSent();
    FireTimer(TcpTimerKind::PERSIST);
    ExpectSent(ACK, Data(3), REMOTE_ISS + 1, 1); // the probe: one new byte
    TcpSegment open = PeerAck(Data(3));           // the probe's byte is not taken
    open.window = 4000;
    Deliver(open);
    ExpectSent(ACK, Data(3), REMOTE_ISS + 1, 1000); // from the probe's byte, 999 of them new
    ExpectSent(ACK, Data(4), REMOTE_ISS + 1, 1000);
    // The first is lost: the peer SACKs the second; loss recovery resends all of the first (the
    // probe's byte and the 999 after it, as the scoreboard holds them: two segments).
    m_now += 100ms;
    Deliver(PeerAck(Data(3), {{Data(4), Data(5)}}));
    uint32_t resentTo = Data(3);
    for (int timer = 0; timer < 3 && resentTo != Data(4); ++timer)
    {
        while (!m_sent.empty())
        {
            TcpSegment resent = m_sent.front();
            m_sent.pop_front();
            if (resent.seq == resentTo && !resent.payload.empty())
            {
                resentTo += static_cast<uint32_t>(resent.payload.size());
            }
        }
        if (resentTo != Data(4))
        {
            FireTimer(Armed(TcpTimerKind::REORDER) ? TcpTimerKind::REORDER : TcpTimerKind::RETRANSMIT);
        }
    }
    EXPECT_EQ(resentTo, Data(4)) << "the lost bytes after the probe's were never resent";
    Deliver(PeerAck(Data(5)));
    EXPECT_EQ(Conn().GetVariables().sndUna, Data(5));
}

TEST_F(Sack, ALoneFinIsProbedAtTheRtoAndTheRtoThenRestartsWithoutBackoff)
{
    // Linux: one timer for probe and RTO. A lone FIN's PTO (2 SRTT + 200 ms) is capped by the
    // RTO, and at that moment the probe goes, the RTO restarting from it unchanged; only the next
    // expiry is an RTO that backs off. On Linux's wire: the FIN again after 213, 429 and 864 ms
    // on a 10 ms path (doc/fidelity.rst).
    m_config.timestamps = false;
    m_config.minRto = 200ms;
    m_config.minRtoInVariance = true;
    OpenWithOptions(true, false, 100ms); // RTO 100 + max(2 * 100, 200) = 300 ms
    Close();
    ExpectSent(FIN | ACK, Data(0), REMOTE_ISS + 1);
    ASSERT_TRUE(Armed(TcpTimerKind::PROBE));
    EXPECT_EQ(Deadline(TcpTimerKind::PROBE), Deadline(TcpTimerKind::RETRANSMIT));
    FireTimer(TcpTimerKind::RETRANSMIT);
    ExpectSent(FIN | ACK, Data(0), REMOTE_ISS + 1);
    EXPECT_EQ(CountEvents(TcpEvent::TAIL_LOSS_PROBE), 1u);
    EXPECT_EQ(Conn().GetStats().rtoExpirations, 0u);
    EXPECT_FALSE(Armed(TcpTimerKind::PROBE)) << "the probe timer's cancel reaches the adapter";
    EXPECT_EQ(Deadline(TcpTimerKind::RETRANSMIT), m_now + 300ms);
    FireTimer(TcpTimerKind::RETRANSMIT);
    ExpectSent(FIN | ACK, Data(0), REMOTE_ISS + 1);
    EXPECT_EQ(Conn().GetStats().rtoExpirations, 1u);
    EXPECT_EQ(Deadline(TcpTimerKind::RETRANSMIT), m_now + 600ms);
}

/** Four segments out, the first three acknowledged, the last one's probe sent: TLP.end_seq = 4. */
class TailLossProbe : public Sack
{
  protected:
    void SetUp() override
    {
        m_config.timestamps = false;
        OpenWithOptions(true, false, 100ms);
        SendSegments(4);
        m_now += 100ms;
        Deliver(PeerAck(Data(3)));
        FireTimer(TcpTimerKind::PROBE);
        ExpectSent(ACK, Data(3), REMOTE_ISS + 1, 1000); // nothing new: the last segment again
        m_cwndAtProbe = Conn().CongestionWindow();
    }

    /** Two more segments, acknowledged: an ACK beyond TLP.end_seq. */
    void MoreDataAcknowledged()
    {
        SendSegmentsFrom(4, 2);
        Deliver(PeerAck(Data(6)));
    }

    void SendSegmentsFrom(uint32_t first, uint32_t count)
    {
        SendBytes(Bytes(count * 1000));
        for (uint32_t i = 0; i < count; ++i)
        {
            ExpectSent(ACK, Data(first + i), REMOTE_ISS + 1, 1000);
        }
    }

    uint32_t m_cwndAtProbe{0};
};

TEST_F(TailLossProbe, ARepairedLossReducesTheWindowOnceTheAckPassesTheProbe)
{
    // RFC 8985 7.4.2: the probe's ACK reaches TLP.end_seq with no D-SACK: the original may have
    // been lost, or its ACK. The episode stays open until an ACK beyond TLP.end_seq says a loss.
    Deliver(PeerAck(Data(4)));
    EXPECT_EQ(Conn().GetStats().tailLossProbeRecoveries, 0u);
    MoreDataAcknowledged();
    EXPECT_EQ(Conn().GetStats().tailLossProbeRecoveries, 1u);
    EXPECT_LT(Conn().CongestionWindow(), m_cwndAtProbe) << "reduced as by a fast recovery";
    EXPECT_EQ(Conn().GetStats().rtoExpirations, 0u);
}

TEST_F(TailLossProbe, ADsackForTheProbeMeansNothingWasLost)
{
    Deliver(PeerAck(Data(4)));
    Deliver(PeerAck(Data(4), {{Data(3), Data(4)}})); // the probe arrived as a duplicate
    MoreDataAcknowledged();
    EXPECT_EQ(Conn().GetStats().tailLossProbeRecoveries, 0u);
    EXPECT_GE(Conn().CongestionWindow(), m_cwndAtProbe) << "no reduction";
}

TEST_F(TailLossProbe, APureDuplicateAckEndsTheEpisodeWithoutLoss)
{
    Deliver(PeerAck(Data(4)));
    Deliver(PeerAck(Data(4))); // without D-SACK: the duplicate's plain ACK
    MoreDataAcknowledged();
    EXPECT_EQ(Conn().GetStats().tailLossProbeRecoveries, 0u);
}

TEST_F(TailLossProbe, NoSecondProbeWhileTheEpisodeIsOpen)
{
    Deliver(PeerAck(Data(4))); // episode still open (see above)
    SendSegmentsFrom(4, 2);
    EXPECT_FALSE(Armed(TcpTimerKind::PROBE)) << "RFC 8985 7.2: one probe per episode";
    Deliver(PeerAck(Data(6)));
    SendSegmentsFrom(6, 2);
    EXPECT_TRUE(Armed(TcpTimerKind::PROBE)) << "the episode ended: probes again";
}

TEST_F(Sack, RtoMarksEverythingLostAndResendsInOrder)
{
    m_config.timestamps = false;
    OpenWithOptions(true, false);
    SendSegments(3);
    Deliver(PeerAck(Data(0), {{Data(2), Data(3)}})); // segment 2 SACKed
    m_sent.clear();
    AdvanceTo(m_now + 5s); // probes and timers run out: the RTO fires at last
    EXPECT_GE(Conn().GetStats().rtoExpirations, 1u);
    EXPECT_EQ(Conn().CongState(), TcpCongState::LOSS);
    // Segments 0 and 1 are resent; 2, SACKed, is not.
    for (const TcpSegment& s : m_sent)
    {
        EXPECT_NE(s.seq, Data(2)) << s.Describe();
    }
    Deliver(PeerAck(Data(3)));
    EXPECT_EQ(Conn().CongState(), TcpCongState::OPEN);
}

TEST_F(Sack, Rfc6675MarksAHoleLostAfterThreeSackedSegments)
{
    m_config.timestamps = false;
    m_config.lossRecovery = TcpLossRecovery::RFC6675;
    OpenWithOptions(true, false);
    SendSegments(5);
    Deliver(PeerAck(Data(0), {{Data(1), Data(2)}}));
    Deliver(PeerAck(Data(0), {{Data(1), Data(3)}}));
    ExpectNothingSent(); // two SACKed segments above the hole: not yet (DupThresh 3)
    Deliver(PeerAck(Data(0), {{Data(1), Data(4)}}));
    ExpectSent(ACK, Data(0), REMOTE_ISS + 1, 1000);
    EXPECT_EQ(Conn().CongState(), TcpCongState::RECOVERY);
}

} // namespace
} // namespace test
} // namespace handshake
} // namespace ns3
