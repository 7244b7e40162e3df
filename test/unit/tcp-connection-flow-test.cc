// Segmentation, flow control by the peer's window, zero window and persist probes, the receive
// window we advertise, out-of-order reassembly at the connection level, delayed ACKs, window scale.
#include "tcp-test-fixture.h"

namespace ns3
{
namespace handshake
{
namespace test
{
namespace
{

using Flow = TcpConnectionTest;

TEST_F(Flow, SegmentsToThePeersMss)
{
    OpenActive(65535, 500);
    SendBytes(Bytes(1200));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 500);
    ExpectSent(ACK, LOCAL_ISS + 501, REMOTE_ISS + 1, 500);
    ExpectSent(ACK, LOCAL_ISS + 1001, REMOTE_ISS + 1, 200);
    ExpectNothingSent();
}

TEST_F(Flow, SegmentsToOurMssWhenThePeersIsLarger)
{
    OpenActive(65535, 9000);
    SendBytes(Bytes(1500));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 1000);
    ExpectSent(ACK, LOCAL_ISS + 1001, REMOTE_ISS + 1, 500);
}

TEST_F(Flow, ZeroMssOptionCountsAsNoneInsteadOfStallingTheSender)
{
    OpenActive(65535, 0); // found by fuzz/regressions/tcp-core/peer-mss-zero-stalls
    EXPECT_EQ(Conn().PeerMss(), 536); // RFC 9293 3.7.1 default
    SendBytes(Bytes(600));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 536);
    ExpectSent(ACK, LOCAL_ISS + 537, REMOTE_ISS + 1, 64);
}

TEST_F(Flow, APeerMssBelowLinuxsFloorIsRaisedTo48)
{
    // Linux tcp_min_snd_mss (CVE-2019-11479): an MSS of 1 would cost a segment per byte.
    OpenActive(65535, 1);
    EXPECT_EQ(Conn().PeerMss(), 48);
    SendBytes(Bytes(100));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 48);
    ExpectSent(ACK, LOCAL_ISS + 49, REMOTE_ISS + 1, 48);
    ExpectSent(ACK, LOCAL_ISS + 97, REMOTE_ISS + 1, 4);
    ExpectNothingSent();
}

TEST_F(Flow, APassiveOpenRaisesThePeersMssToo)
{
    OpenPassive(65535, 20);
    EXPECT_EQ(Conn().PeerMss(), 48);
}

TEST_F(Flow, MinSendMssIsTunableDownToOneByte)
{
    m_config.minSendMss = 1;
    OpenActive(65535, 1);
    EXPECT_EQ(Conn().PeerMss(), 1);
    SendBytes(Bytes(2));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 1);
    ExpectSent(ACK, LOCAL_ISS + 2, REMOTE_ISS + 1, 1);
    ExpectNothingSent();
}

TEST_F(Flow, PeerWindowLimitsWhatIsInFlight)
{
    OpenActive(2000);
    SendBytes(Bytes(5000));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 1000);
    ExpectSent(ACK, LOCAL_ISS + 1001, REMOTE_ISS + 1, 1000);
    ExpectNothingSent();
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1001, {}, 2000));
    ExpectSent(ACK, LOCAL_ISS + 2001, REMOTE_ISS + 1, 1000);
    ExpectNothingSent();
    // A window update without new ACK opens room too.
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1001, {}, 4000));
    ExpectSent(ACK, LOCAL_ISS + 3001, REMOTE_ISS + 1, 1000);
    ExpectSent(ACK, LOCAL_ISS + 4001, REMOTE_ISS + 1, 1000);
}

TEST_F(Flow, SendBufferBoundsSendAndReportsSpace)
{
    m_config.sendBufferBytes = 3000;
    OpenActive(1000);
    EXPECT_EQ(SendBytes(Bytes(5000)), 3000u);
    EXPECT_EQ(Conn().SendSpace(), 0u);
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 1000);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1001, {}, 1000));
    EXPECT_EQ(Conn().SendSpace(), 1000u);
    EXPECT_EQ(CountEvents(TcpEvent::SEND_SPACE), 1u);
}

TEST_F(Flow, TextBeyondTheReceiveBufferIsDroppedAndCounted)
{
    // A peer that ignores our window: what lies beyond the receive buffer is not kept (RFC 9293
    // 3.10.7.4 seventh: trim to the window) and counted (the adapter's RECEIVE_BUFFER overflow).
    m_config.receiveBufferBytes = 2000;
    OpenActive(1000);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1, Bytes(1500)));
    EXPECT_EQ(Conn().GetStats().bytesBeyondWindow, 0u);
    Deliver(Seg(ACK, REMOTE_ISS + 1501, LOCAL_ISS + 1, Bytes(1500)));
    EXPECT_EQ(Conn().GetStats().bytesBeyondWindow, 1000u);
    EXPECT_EQ(Conn().BytesReadable(), 2000u);
    Deliver(Seg(ACK, REMOTE_ISS + 3001, LOCAL_ISS + 1, Bytes(10))); // a window of 0: none kept
    EXPECT_EQ(Conn().BytesReadable(), 2000u);
}

TEST_F(Flow, ZeroWindowArmsPersistAndProbesWithBackoff)
{
    OpenActive(1000);
    SendBytes(Bytes(3000));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 1000);
    m_now = 100ms;
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1001, {}, 0)); // the peer's buffer is full
    ExpectNothingSent();
    EXPECT_FALSE(Armed(TcpTimerKind::RETRANSMIT));
    ASSERT_TRUE(Armed(TcpTimerKind::PERSIST));
    EXPECT_EQ(Deadline(TcpTimerKind::PERSIST), 1100ms); // one RTO (RFC 9293 3.8.6.1)
    FireTimer(TcpTimerKind::PERSIST);
    ExpectSent(ACK, LOCAL_ISS + 1001, REMOTE_ISS + 1, 1); // one-byte probe
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1001, {}, 0));
    ExpectNothingSent();
    EXPECT_EQ(Deadline(TcpTimerKind::PERSIST), m_now + 2s); // backed off
    FireTimer(TcpTimerKind::PERSIST);
    ExpectSent(ACK, LOCAL_ISS + 1001, REMOTE_ISS + 1, 1);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1001, {}, 0));
    EXPECT_EQ(Deadline(TcpTimerKind::PERSIST), m_now + 4s);
    EXPECT_EQ(State(), TcpState::ESTABLISHED); // probes answered: never a timeout
    // The window opens: data flows again from the first unacknowledged byte.
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1001, {}, 2000));
    EXPECT_FALSE(Armed(TcpTimerKind::PERSIST));
    ExpectSent(ACK, LOCAL_ISS + 1001, REMOTE_ISS + 1, 1000);
    ExpectSent(ACK, LOCAL_ISS + 2001, REMOTE_ISS + 1, 1000);
    EXPECT_TRUE(Armed(TcpTimerKind::RETRANSMIT));
}

TEST_F(Flow, UnansweredPersistProbesGiveUpAfterDataRetries)
{
    m_config.dataRetries = 3;
    OpenActive(1000);
    SendBytes(Bytes(2000));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 1000);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1001, {}, 0));
    for (int i = 0; i < 3; ++i)
    {
        FireTimer(TcpTimerKind::PERSIST);
        ExpectSent(ACK, LOCAL_ISS + 1001, REMOTE_ISS + 1, 1);
    }
    FireTimer(TcpTimerKind::PERSIST); // the peer has vanished
    ExpectSent(RST | ACK, LOCAL_ISS + 1002, REMOTE_ISS + 1);
    EXPECT_EQ(Outcome(), TcpOutcome::TIMED_OUT);
    EXPECT_TRUE(m_timers.empty());
}

TEST_F(Flow, ProbeByteAcceptedByThePeerAdvancesTheStream)
{
    OpenActive(1000);
    SendBytes(Bytes(1500));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 1000);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1001, {}, 0));
    FireTimer(TcpTimerKind::PERSIST);
    ExpectSent(ACK, LOCAL_ISS + 1001, REMOTE_ISS + 1, 1);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1002, {}, 1000));
    ExpectSent(ACK, LOCAL_ISS + 1002, REMOTE_ISS + 1, 499);
}

TEST_F(Flow, AdvertisesFreeReceiveSpaceAndUpdatesAfterRead)
{
    m_config.receiveBufferBytes = 4000;
    OpenActive();
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1, Bytes(1000)));
    TcpSegment ack = ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1001);
    EXPECT_EQ(ack.window, 3000);
    Deliver(Seg(ACK, REMOTE_ISS + 1001, LOCAL_ISS + 1, Bytes(3000)));
    ack = ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 4001);
    EXPECT_EQ(ack.window, 0);
    // A zero window: further data is not accepted but its ACK answered (RFC 9293 3.10.7.4).
    Deliver(Seg(ACK, REMOTE_ISS + 4001, LOCAL_ISS + 1, Bytes(1)));
    ack = ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 4001);
    EXPECT_EQ(ack.window, 0);
    // Reading a little does not announce a tiny window (RFC 9293 3.8.6.2.2) ...
    std::vector<uint8_t> buf(100);
    Conn().Receive(buf.data(), buf.size(), m_now);
    Drain();
    ExpectNothingSent();
    // ... reading enough does.
    ReadAll();
    ack = ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 4001);
    EXPECT_EQ(ack.window, 4000);
}

TEST_F(Flow, OutOfOrderSegmentsAreReassembled)
{
    OpenActive();
    Deliver(Seg(ACK, REMOTE_ISS + 1001, LOCAL_ISS + 1, Bytes(1000, 1000 % 256)));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1); // duplicate ACK at once (RFC 5681 4.2)
    EXPECT_EQ(Conn().BytesReadable(), 0u);
    EXPECT_EQ(CountEvents(TcpEvent::DATA_READABLE), 0u);
    Deliver(Seg(ACK, REMOTE_ISS + 2001, LOCAL_ISS + 1, Bytes(500, 2000 % 256)));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1, Bytes(1000)));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 2501); // the gap is filled
    EXPECT_EQ(CountEvents(TcpEvent::DATA_READABLE), 1u);
    EXPECT_EQ(ReadAll(), Bytes(2500));
}

TEST_F(Flow, OverlappingAndDuplicateSegmentsDeliverEachByteOnce)
{
    OpenActive();
    Deliver(Seg(ACK, REMOTE_ISS + 501, LOCAL_ISS + 1, Bytes(500, 500 % 256))); // [500,1000)
    Deliver(
        Seg(ACK, REMOTE_ISS + 701, LOCAL_ISS + 1, Bytes(600, 700 % 256))); // [700,1300) overlaps
    Deliver(Seg(ACK, REMOTE_ISS + 501, LOCAL_ISS + 1, Bytes(500, 500 % 256))); // duplicate
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1, Bytes(600)));              // [0,600) overlaps
    m_sent.clear();
    EXPECT_EQ(ReadAll(), Bytes(1300));
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1, Bytes(1300))); // all old now
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1301);
    Deliver(Seg(ACK, REMOTE_ISS + 1201, LOCAL_ISS + 1, Bytes(200, 1200 % 256))); // half old
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1401);
    EXPECT_EQ(ReadAll(), Bytes(100, 1300 % 256));
}

TEST_F(Flow, FinBeyondAGapIsProcessedWhenTheGapFills)
{
    OpenActive();
    Deliver(Seg(FIN | ACK, REMOTE_ISS + 101, LOCAL_ISS + 1, Bytes(100, 100)));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    EXPECT_EQ(State(), TcpState::ESTABLISHED);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1, Bytes(100)));
    EXPECT_EQ(State(), TcpState::CLOSE_WAIT);
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 202);
    EXPECT_EQ(CountEvents(TcpEvent::PEER_CLOSED), 1u);
    EXPECT_EQ(ReadAll(), Bytes(200));
    EXPECT_TRUE(Conn().PeerFinished());
}

TEST_F(Flow, DelayedAckEverySecondSegmentOrAfterTimeout)
{
    m_config.delayedAckTimeout = 40ms;
    OpenActive();
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1, Bytes(1000)));
    ExpectNothingSent();
    EXPECT_EQ(Deadline(TcpTimerKind::DELAYED_ACK), 40ms);
    Deliver(Seg(ACK, REMOTE_ISS + 1001, LOCAL_ISS + 1, Bytes(1000)));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 2001); // second segment: ACK now
    EXPECT_FALSE(Armed(TcpTimerKind::DELAYED_ACK));
    Deliver(Seg(ACK, REMOTE_ISS + 2001, LOCAL_ISS + 1, Bytes(10)));
    ExpectNothingSent();
    FireTimer(TcpTimerKind::DELAYED_ACK);
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 2011);
    // Data of ours carries the pending ACK.
    Deliver(Seg(ACK, REMOTE_ISS + 2011, LOCAL_ISS + 1, Bytes(10)));
    SendBytes(Bytes(5));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 2021, 5);
    EXPECT_FALSE(Armed(TcpTimerKind::DELAYED_ACK));
}

TEST_F(Flow, ReadingAShortSegmentSendsTheDelayedAckAtOnce)
{
    m_config.delayedAckTimeout = 40ms;
    OpenActive();
    // A full segment is read: its ACK still waits for a second segment or the timeout.
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1, Bytes(1000)));
    EXPECT_EQ(ReadAll().size(), 1000u);
    ExpectNothingSent();
    Deliver(Seg(ACK, REMOTE_ISS + 1001, LOCAL_ISS + 1, Bytes(1000)));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 2001);
    // The end of a write, shorter than the peer's segments: Linux ACKs it when the application
    // has read it all (tcp_cleanup_rbuf, ICSK_ACK_PUSHED), so the ACK leaves before a FIN the
    // application may send next.
    Deliver(Seg(PSH | ACK, REMOTE_ISS + 2001, LOCAL_ISS + 1, Bytes(300)));
    ExpectNothingSent();
    EXPECT_TRUE(Armed(TcpTimerKind::DELAYED_ACK));
    EXPECT_EQ(ReadAll().size(), 1300u);
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 2301);
    EXPECT_FALSE(Armed(TcpTimerKind::DELAYED_ACK));
}

TEST_F(Flow, PshMarksTheEndOfEachWriteAndHalfThePeersWindow)
{
    m_config.noDelay = true;
    OpenActive(4000, 1000);
    auto pushed = [this] {
        std::vector<bool> flags;
        for (const auto& s : m_sent)
        {
            flags.push_back((s.flags & PSH) != 0);
        }
        m_sent.clear();
        return flags;
    };
    // Linux tcp_push marks the end of a write; forced_push marks a segment once more than half
    // the peer's largest window (here 4000) has gone out since the last PSH.
    SendBytes(Bytes(2500));
    EXPECT_EQ(pushed(), (std::vector<bool>{false, true, true}));
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 2501, {}, 4000));
    SendBytes(Bytes(600));
    SendBytes(Bytes(200));
    EXPECT_EQ(pushed(), (std::vector<bool>{true, true}));
    // A retransmission carries PSH where the original did.
    FireTimer(Armed(TcpTimerKind::PROBE) ? TcpTimerKind::PROBE : TcpTimerKind::RETRANSMIT);
    auto again = pushed();
    ASSERT_FALSE(again.empty());
    EXPECT_TRUE(again.front());
}

TEST_F(Flow, AfterThePeersFinOurFinCarriesTheAckOfTheLastShortSegment)
{
    m_config.delayedAckTimeout = 40ms;
    OpenActive();
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1, Bytes(1000)));
    Deliver(Seg(ACK, REMOTE_ISS + 1001, LOCAL_ISS + 1, Bytes(1000)));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 2001);
    // The response's end and the server's FIN in one segment: Linux's tcp_fin enters ping-pong
    // mode, so reading it sends no ACK; closing right after sends FIN+ACK, one segment.
    Deliver(Seg(FIN | PSH | ACK, REMOTE_ISS + 2001, LOCAL_ISS + 1, Bytes(300)));
    EXPECT_EQ(ReadAll().size(), 2300u);
    ExpectNothingSent();
    Close();
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 2302);
    ExpectNothingSent();
}

TEST_F(Flow, APeersFinOnItsDataEndsQuickAcksSoOurFinCarriesTheAck)
{
    // Quick ACKs (TCP_MAX_QUICKACKS) and window growth would ACK the segment at once; the FIN
    // on it puts Linux in ping-pong mode first (tcp_fin).
    m_config.delayedAckTimeout = 40ms;
    m_config.quickAcks = 16;
    m_config.receiveWindowGrowth = true;
    m_config.windowScale = 7;
    OpenActive();
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1, Bytes(1000)));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1001); // quick
    Deliver(Seg(FIN | PSH | ACK, REMOTE_ISS + 1001, LOCAL_ISS + 1, Bytes(1000)));
    ExpectNothingSent();
    EXPECT_EQ(State(), TcpState::CLOSE_WAIT);
    EXPECT_EQ(ReadAll().size(), 2000u);
    Close();
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 2002);
    ExpectNothingSent();
}

TEST_F(Flow, TextFillingTheGapBeforeAHeldFinIsAckedAtOnce)
{
    m_config.delayedAckTimeout = 40ms;
    OpenActive();
    Deliver(Seg(FIN | ACK, REMOTE_ISS + 1001, LOCAL_ISS + 1));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1); // the FIN beyond the gap: a duplicate ACK
    // RFC 5681 4.2: a segment that fills a gap is ACKed at once, here over text and FIN.
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1, Bytes(1000)));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1002);
    EXPECT_EQ(State(), TcpState::CLOSE_WAIT);
}

TEST_F(Flow, TheWindowOpensTwoSegmentsPerSegmentEachAckedAtOnceAsLinuxsRcvSsthresh)
{
    // Linux tcp_select_initial_window and tcp_grow_window (rcv_ssthresh).
    m_config.receiveWindowGrowth = true;
    m_config.delayedAckTimeout = 40ms;
    m_config.windowScale = 7;
    m_config.receiveBufferBytes = 70000;
    Conn().Connect(m_now);
    Drain();
    TcpSegment syn = ExpectSent(SYN, LOCAL_ISS, 0);
    EXPECT_EQ(syn.window, 65000); // 65535 rounded down to whole segments of our MSS (1000)
    TcpSegment synAck = Seg(SYN | ACK, REMOTE_ISS, LOCAL_ISS + 1, {}, 65535);
    synAck.windowScale = 7;
    synAck.mss = 1000;
    Deliver(synAck);
    TcpSegment ack = ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    EXPECT_EQ(ack.window, 65000 >> 7);
    uint32_t r = REMOTE_ISS + 1;
    // Each segment opens the window by two (at most to the free buffer) and is ACKed at once.
    Deliver(Seg(ACK, r, LOCAL_ISS + 1, Bytes(1000)));
    EXPECT_EQ(ExpectSent(ACK, LOCAL_ISS + 1, r + 1000).window, 67000 >> 7);
    Deliver(Seg(ACK, r + 1000, LOCAL_ISS + 1, Bytes(1000)));
    // Only 1000 more fit in the free buffer (68000).
    EXPECT_EQ(ExpectSent(ACK, LOCAL_ISS + 1, r + 2000).window, 68000 >> 7);
    Deliver(Seg(ACK, r + 2000, LOCAL_ISS + 1, Bytes(1000)));
    // No room to grow (67000 free): the ACK waits for a second segment or the timeout.
    ExpectNothingSent();
    EXPECT_TRUE(Armed(TcpTimerKind::DELAYED_ACK));
    // Reading frees the buffer, but segments under 128 bytes do not open the window.
    EXPECT_EQ(ReadAll().size(), 3000u);
    Deliver(Seg(ACK, r + 3000, LOCAL_ISS + 1, Bytes(100)));
    EXPECT_EQ(ExpectSent(ACK, LOCAL_ISS + 1, r + 3100).window, 68000 >> 7);
}

TEST_F(Flow, TheWindowGrowsOnlyToLinuxsShareOfTheBufferThenAcksAreDelayedAgain)
{
    // Linux counts receive-buffer memory by truesize: of tcp_rmem's 131072 bytes, 158/256
    // (80896) is window (tcp_space, window_clamp). Its reference client stops opening the window
    // there and goes back to one ACK per two segments (doc/fidelity.rst).
    m_config.receiveWindowGrowth = true;
    m_config.receiveWindowShare = 158.0 / 256.0;
    m_config.delayedAckTimeout = 40ms;
    m_config.windowScale = 7;
    m_config.receiveBufferBytes = 131072;
    Conn().Connect(m_now);
    Drain();
    EXPECT_EQ(ExpectSent(SYN, LOCAL_ISS, 0).window, 65000);
    TcpSegment synAck = Seg(SYN | ACK, REMOTE_ISS, LOCAL_ISS + 1, {}, 65535);
    synAck.windowScale = 7;
    synAck.mss = 1000;
    Deliver(synAck);
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    uint32_t r = REMOTE_ISS + 1;
    // 65000 + 2000 per segment, each read at once as an HTTP client does: 79000 after seven
    // segments, then what is left of 80896 while the segment just received is held (tcp_space
    // counts it): 79896; every one ACKed at once.
    for (uint32_t i = 1; i <= 8; ++i)
    {
        Deliver(Seg(ACK, r, LOCAL_ISS + 1, Bytes(1000)));
        r += 1000;
        uint32_t expected = std::min<uint32_t>(65000 + 2000 * i, 80896 - 1000);
        EXPECT_EQ(ExpectSent(ACK, LOCAL_ISS + 1, r).window, expected >> 7) << "segment " << i;
        EXPECT_EQ(ReadAll().size(), 1000u);
    }
    // At the share, the window stays and ACKs are delayed: one per two segments.
    Deliver(Seg(ACK, r, LOCAL_ISS + 1, Bytes(1000)));
    r += 1000;
    ReadAll();
    ExpectNothingSent();
    Deliver(Seg(ACK, r, LOCAL_ISS + 1, Bytes(1000)));
    r += 1000;
    EXPECT_EQ(ExpectSent(ACK, LOCAL_ISS + 1, r).window, (80896 - 1000) >> 7);
}

TEST_F(Flow, RightSizingGrowsTheBufferToTheWindowOverLinuxsShare)
{
    // Linux tcp_rcv_space_adjust: once an RTT has passed since the first read, the buffer becomes
    // what twice the bytes read plus 16 segments take as window (tcp_space_from_win): here, with
    // half of the buffer as window, 2 * 11000 + 16 * 1000 = 38000 of window in a 76000 buffer.
    m_config.receiveWindowShare = 0.5;
    m_config.windowScale = 7;
    m_config.receiveBufferBytes = 20000;
    m_config.receiveBufferMaxBytes = 1000000;
    Conn().Connect(m_now);
    Drain();
    EXPECT_EQ(ExpectSent(SYN, LOCAL_ISS, 0).window, 10000); // half of the 20000 buffer
    AdvanceTo(100ms);                                        // the RTT the receiver knows
    TcpSegment synAck = Seg(SYN | ACK, REMOTE_ISS, LOCAL_ISS + 1, {}, 65535);
    synAck.windowScale = 7;
    synAck.mss = 1000;
    Deliver(synAck);
    EXPECT_EQ(ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1).window, 10000 >> 7);
    uint32_t r = REMOTE_ISS + 1;
    for (uint32_t i = 0; i < 11; ++i)
    {
        if (i == 10)
        {
            AdvanceTo(200ms); // one RTT after the first read
        }
        Deliver(Seg(ACK, r, LOCAL_ISS + 1, Bytes(1000)));
        r += 1000;
        EXPECT_EQ(ExpectSent(ACK, LOCAL_ISS + 1, r).window, 9000u >> 7) << "segment " << i;
        EXPECT_EQ(ReadAll().size(), 1000u);
        EXPECT_EQ(Conn().GetVariables().receiveCapacity, i < 10 ? 20000u : 76000u);
    }
    // The read that grew the buffer announces the window it makes (Linux tcp_cleanup_rbuf).
    EXPECT_EQ(ExpectSent(ACK, LOCAL_ISS + 1, r).window, 38000u >> 7);
}

TEST_F(Flow, WithoutWindowGrowthTheWholeFreeBufferIsAdvertised)
{
    m_config.windowScale = 7;
    m_config.receiveBufferBytes = 70000;
    Conn().Connect(m_now);
    Drain();
    EXPECT_EQ(ExpectSent(SYN, LOCAL_ISS, 0).window, 65535);
}

TEST_F(Flow, WindowScaleNegotiatedWhenBothOffer)
{
    m_config.windowScale = 3;
    m_config.receiveBufferBytes = 262144;
    Conn().Connect(m_now);
    Drain();
    TcpSegment syn = ExpectSent(SYN, LOCAL_ISS, 0);
    ASSERT_TRUE(syn.windowScale.has_value());
    EXPECT_EQ(*syn.windowScale, 3);
    EXPECT_EQ(syn.window, 65535); // never scaled on a SYN (RFC 7323 2.2)
    TcpSegment synAck = Seg(SYN | ACK, REMOTE_ISS, LOCAL_ISS + 1, {}, 1000);
    synAck.windowScale = 2;
    synAck.mss = 1000;
    Deliver(synAck);
    TcpSegment ack = ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    EXPECT_EQ(ack.window, 262144 >> 3);
    // The peer's window of 1000 is scaled by 4: 4000 bytes may be in flight.
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1, {}, 1000));
    SendBytes(Bytes(6000));
    for (uint32_t off = 0; off < 4000; off += 1000)
    {
        ExpectSent(ACK, LOCAL_ISS + 1 + off, REMOTE_ISS + 1, 1000);
    }
    ExpectNothingSent();
}

TEST_F(Flow, NoWindowScaleWhenThePeerDoesNotOffer)
{
    m_config.windowScale = 3;
    TcpSegment syn = Seg(SYN, REMOTE_ISS, 0);
    Conn().AcceptSyn(syn, m_now);
    Drain();
    TcpSegment synAck = ExpectSent(SYN | ACK, LOCAL_ISS, REMOTE_ISS + 1);
    EXPECT_FALSE(synAck.windowScale.has_value());
}

TEST_F(Flow, SequenceNumbersWrapAround)
{
    m_conn = std::make_unique<TcpConnection>(m_config, LOCAL_PORT, REMOTE_PORT, 0xFFFFFF00u);
    Conn().Connect(m_now);
    Drain();
    ExpectSent(SYN, 0xFFFFFF00u, 0);
    TcpSegment synAck = Seg(SYN | ACK, 0xFFFFFFF0u, 0xFFFFFF01u);
    synAck.mss = 1000;
    Deliver(synAck);
    ExpectSent(ACK, 0xFFFFFF01u, 0xFFFFFFF1u);
    SendBytes(Bytes(1000));
    ExpectSent(ACK, 0xFFFFFF01u, 0xFFFFFFF1u, 1000);
    Deliver(Seg(ACK, 0xFFFFFFF1u, 0xFFFFFF01u + 1000, Bytes(100)));
    ExpectSent(ACK, 0xFFFFFF01u + 1000, 0xFFFFFFF1u + 100);
    EXPECT_FALSE(Armed(TcpTimerKind::RETRANSMIT));
    EXPECT_EQ(ReadAll(), Bytes(100));
}

} // namespace
} // namespace test
} // namespace handshake
} // namespace ns3
