// Opening and closing traces through RFC 9293's state diagram (3.3.2, figure 5).
#include "tcp-test-fixture.h"

namespace ns3
{
namespace handshake
{
namespace test
{
namespace
{

using OpenClose = TcpConnectionTest;

TEST_F(OpenClose, ActiveOpenSynSynAckAck)
{
    // CLOSED -> SYN_SENT: SYN out with MSS; SYN-ACK in -> ACK out -> ESTABLISHED.
    Conn().Connect(m_now);
    Drain();
    TcpSegment syn = ExpectSent(SYN, LOCAL_ISS, 0);
    ASSERT_TRUE(syn.mss.has_value());
    EXPECT_EQ(*syn.mss, 1000);
    EXPECT_EQ(State(), TcpState::SYN_SENT);
    EXPECT_TRUE(Armed(TcpTimerKind::RETRANSMIT));
    EXPECT_EQ(Deadline(TcpTimerKind::RETRANSMIT), 1s); // RFC 6298 2.1: initial RTO 1 s

    TcpSegment synAck = Seg(SYN | ACK, REMOTE_ISS, LOCAL_ISS + 1);
    synAck.mss = 1200;
    m_now = 50ms;
    Deliver(synAck);
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    ExpectNothingSent();
    EXPECT_EQ(State(), TcpState::ESTABLISHED);
    EXPECT_EQ(Conn().PeerMss(), 1200);
    EXPECT_FALSE(Armed(TcpTimerKind::RETRANSMIT));
    EXPECT_EQ(CountEvents(TcpEvent::ESTABLISHED), 1u);
    EXPECT_EQ(Conn().Srtt(), 50ms); // the SYN was sent once: a valid sample
    EXPECT_EQ(StatePath(), (std::vector<TcpState>{TcpState::SYN_SENT, TcpState::ESTABLISHED}));
}

TEST_F(OpenClose, PassiveOpenSynInSynAckOutAckIn)
{
    TcpSegment syn = Seg(SYN, REMOTE_ISS, 0);
    Conn().AcceptSyn(syn, m_now);
    Drain();
    TcpSegment synAck = ExpectSent(SYN | ACK, LOCAL_ISS, REMOTE_ISS + 1);
    EXPECT_TRUE(synAck.mss.has_value());
    EXPECT_EQ(State(), TcpState::SYN_RCVD);
    EXPECT_EQ(Conn().PeerMss(), 536); // RFC 9293 3.7.1: no option -> 536

    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1));
    ExpectNothingSent();
    EXPECT_EQ(State(), TcpState::ESTABLISHED);
    EXPECT_EQ(CountEvents(TcpEvent::ESTABLISHED), 1u);
    EXPECT_EQ(StatePath(), (std::vector<TcpState>{TcpState::SYN_RCVD, TcpState::ESTABLISHED}));
}

TEST_F(OpenClose, DataBothWays)
{
    OpenActive();
    ASSERT_EQ(SendBytes(Bytes(300)), 300u);
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 300);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 301, Bytes(200, 7)));
    ExpectSent(ACK, LOCAL_ISS + 301, REMOTE_ISS + 201);
    EXPECT_EQ(CountEvents(TcpEvent::DATA_READABLE), 1u);
    EXPECT_EQ(ReadAll(), Bytes(200, 7));
    EXPECT_FALSE(Armed(TcpTimerKind::RETRANSMIT));
}

TEST_F(OpenClose, WeCloseFirstFourWayTeardownThenTimeWaitExpires)
{
    OpenActive();
    CloseToTimeWait();
    EXPECT_TRUE(Armed(TcpTimerKind::TIME_WAIT));
    EXPECT_EQ(Deadline(TcpTimerKind::TIME_WAIT), m_now + 2 * m_config.msl);
    AdvanceTo(m_now + 2 * m_config.msl - 1ms);
    EXPECT_EQ(State(), TcpState::TIME_WAIT);
    AdvanceTo(m_now + 1ms);
    EXPECT_EQ(State(), TcpState::CLOSED);
    EXPECT_EQ(Outcome(), TcpOutcome::CLOSED_NORMALLY);
    EXPECT_EQ(StatePath(),
              (std::vector<TcpState>{TcpState::SYN_SENT,
                                     TcpState::ESTABLISHED,
                                     TcpState::FIN_WAIT_1,
                                     TcpState::FIN_WAIT_2,
                                     TcpState::TIME_WAIT,
                                     TcpState::CLOSED}));
    ExpectNothingSent();
}

TEST_F(OpenClose, PeerClosesFirstCloseWaitLastAck)
{
    OpenPassive();
    Deliver(Seg(FIN | ACK, REMOTE_ISS + 1, LOCAL_ISS + 1));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 2);
    EXPECT_EQ(State(), TcpState::CLOSE_WAIT);
    EXPECT_EQ(CountEvents(TcpEvent::PEER_CLOSED), 1u);
    EXPECT_TRUE(Conn().PeerFinished());
    // CLOSE_WAIT waits for the application.
    AdvanceTo(10s);
    EXPECT_EQ(State(), TcpState::CLOSE_WAIT);
    ExpectNothingSent();
    Close();
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 2);
    EXPECT_EQ(State(), TcpState::LAST_ACK);
    Deliver(Seg(ACK, REMOTE_ISS + 2, LOCAL_ISS + 2));
    EXPECT_EQ(State(), TcpState::CLOSED);
    EXPECT_EQ(Outcome(), TcpOutcome::CLOSED_NORMALLY);
    EXPECT_TRUE(m_timers.empty());
}

TEST_F(OpenClose, PeerFinThenImmediateCloseGivesPiggybackedFinAck)
{
    m_config.delayedAckTimeout = 40ms;
    OpenPassive();
    Deliver(Seg(FIN | ACK, REMOTE_ISS + 1, LOCAL_ISS + 1));
    ExpectNothingSent(); // the ACK of the FIN is delayed ...
    EXPECT_TRUE(Armed(TcpTimerKind::DELAYED_ACK));
    Close(); // ... so the application's close sends one FIN+ACK
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 2);
    ExpectNothingSent();
    EXPECT_FALSE(Armed(TcpTimerKind::DELAYED_ACK));
    Deliver(Seg(ACK, REMOTE_ISS + 2, LOCAL_ISS + 2));
    EXPECT_EQ(Outcome(), TcpOutcome::CLOSED_NORMALLY);
}

TEST_F(OpenClose, PeerFinAckIsSentAfterDelayedAckTimeout)
{
    m_config.delayedAckTimeout = 40ms;
    OpenPassive();
    Deliver(Seg(FIN | ACK, REMOTE_ISS + 1, LOCAL_ISS + 1));
    ExpectNothingSent();
    FireTimer(TcpTimerKind::DELAYED_ACK);
    EXPECT_EQ(m_now, 40ms);
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 2);
}

TEST_F(OpenClose, FinWait1ReceivingFinAckGoesStraightToTimeWait)
{
    OpenActive();
    Close();
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    Deliver(Seg(FIN | ACK, REMOTE_ISS + 1, LOCAL_ISS + 2));
    ExpectSent(ACK, LOCAL_ISS + 2, REMOTE_ISS + 2);
    EXPECT_EQ(State(), TcpState::TIME_WAIT);
}

TEST_F(OpenClose, SimultaneousCloseThroughClosing)
{
    OpenActive();
    Close();
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    // The peer's FIN crossed ours: it does not acknowledge our FIN.
    Deliver(Seg(FIN | ACK, REMOTE_ISS + 1, LOCAL_ISS + 1));
    ExpectSent(ACK, LOCAL_ISS + 2, REMOTE_ISS + 2);
    EXPECT_EQ(State(), TcpState::CLOSING);
    Deliver(Seg(ACK, REMOTE_ISS + 2, LOCAL_ISS + 2));
    EXPECT_EQ(State(), TcpState::TIME_WAIT);
    AdvanceTo(m_now + 2 * m_config.msl);
    EXPECT_EQ(Outcome(), TcpOutcome::CLOSED_NORMALLY);
    EXPECT_EQ(StatePath(),
              (std::vector<TcpState>{TcpState::SYN_SENT,
                                     TcpState::ESTABLISHED,
                                     TcpState::FIN_WAIT_1,
                                     TcpState::CLOSING,
                                     TcpState::TIME_WAIT,
                                     TcpState::CLOSED}));
}

TEST_F(OpenClose, SimultaneousOpen)
{
    Conn().Connect(m_now);
    Drain();
    ExpectSent(SYN, LOCAL_ISS, 0);
    // The peer's SYN crosses ours: SYN_SENT -> SYN_RCVD, SYN,ACK out (RFC 9293 figure 7).
    TcpSegment syn = Seg(SYN, REMOTE_ISS, 0);
    syn.mss = 1000;
    Deliver(syn);
    ExpectSent(SYN | ACK, LOCAL_ISS, REMOTE_ISS + 1);
    EXPECT_EQ(State(), TcpState::SYN_RCVD);
    // The peer's SYN,ACK arrives: ESTABLISHED, ACK out.
    Deliver(Seg(SYN | ACK, REMOTE_ISS, LOCAL_ISS + 1));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    EXPECT_EQ(State(), TcpState::ESTABLISHED);
    EXPECT_EQ(CountEvents(TcpEvent::ESTABLISHED), 1u);
    EXPECT_EQ(
        StatePath(),
        (std::vector<TcpState>{TcpState::SYN_SENT, TcpState::SYN_RCVD, TcpState::ESTABLISHED}));
}

TEST_F(OpenClose, HalfCloseKeepsReceivingInFinWait2)
{
    OpenActive();
    Close();
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    EXPECT_EQ(SendBytes(Bytes(10)), 0u); // our side is shut
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 2, Bytes(100)));
    ExpectSent(ACK, LOCAL_ISS + 2, REMOTE_ISS + 101);
    EXPECT_EQ(State(), TcpState::FIN_WAIT_2);
    Deliver(Seg(ACK, REMOTE_ISS + 101, LOCAL_ISS + 2, Bytes(50, 100)));
    ExpectSent(ACK, LOCAL_ISS + 2, REMOTE_ISS + 151);
    auto data = ReadAll();
    EXPECT_EQ(data.size(), 150u);
    EXPECT_EQ(data, Bytes(150));
    Deliver(Seg(FIN | ACK, REMOTE_ISS + 151, LOCAL_ISS + 2));
    ExpectSent(ACK, LOCAL_ISS + 2, REMOTE_ISS + 152);
    EXPECT_EQ(State(), TcpState::TIME_WAIT);
}

TEST_F(OpenClose, AnOrphanedFinWait2EndsAfterTheFinTimeoutWithNothingSent)
{
    // Linux tcp_fin_timeout (60 s): the application closed the socket, the peer never sends its
    // FIN. RFC 9293 would wait for ever.
    OpenActive();
    Close();
    Conn().Orphan(m_now);
    Drain();
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    m_now += 100ms;
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 2)); // our FIN acknowledged, the peer silent
    ASSERT_EQ(State(), TcpState::FIN_WAIT_2);
    ASSERT_TRUE(Armed(TcpTimerKind::FIN_WAIT_2));
    EXPECT_EQ(Deadline(TcpTimerKind::FIN_WAIT_2), m_now + 60s) << "from entering FIN_WAIT_2";
    FireTimer(TcpTimerKind::FIN_WAIT_2);
    ExpectNothingSent();
    EXPECT_EQ(State(), TcpState::CLOSED);
    EXPECT_EQ(Outcome(), TcpOutcome::TIMED_OUT);
}

TEST_F(OpenClose, AHalfClosedFinWait2WaitsForThePeer)
{
    OpenActive();
    Close(); // shutdown(SHUT_WR) only: the application may still read
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 2)); // our FIN acknowledged, the peer silent
    ASSERT_EQ(State(), TcpState::FIN_WAIT_2);
    EXPECT_FALSE(Armed(TcpTimerKind::FIN_WAIT_2));
    m_now += 600s;
    Conn().Orphan(m_now); // close() later: the timeout runs from now
    Drain();
    ASSERT_TRUE(Armed(TcpTimerKind::FIN_WAIT_2));
    EXPECT_EQ(Deadline(TcpTimerKind::FIN_WAIT_2), m_now + 60s);
}

TEST_F(OpenClose, ThePeersFinBeforeTheFinTimeoutLeadsToTimeWait)
{
    OpenActive();
    Close();
    Conn().Orphan(m_now);
    Drain();
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 2)); // our FIN acknowledged, the peer silent
    ASSERT_EQ(State(), TcpState::FIN_WAIT_2);
    m_now += 59s;
    Deliver(Seg(FIN | ACK, REMOTE_ISS + 1, LOCAL_ISS + 2));
    ExpectSent(ACK, LOCAL_ISS + 2, REMOTE_ISS + 2);
    EXPECT_EQ(State(), TcpState::TIME_WAIT);
    EXPECT_FALSE(Armed(TcpTimerKind::FIN_WAIT_2));
}

TEST_F(OpenClose, NoFinTimeoutWhenItIsZero)
{
    m_config.finTimeout = TcpTime(0); // the Rfc profile's
    OpenActive();
    Close();
    Conn().Orphan(m_now);
    Drain();
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 2)); // our FIN acknowledged, the peer silent
    ASSERT_EQ(State(), TcpState::FIN_WAIT_2);
    EXPECT_FALSE(Armed(TcpTimerKind::FIN_WAIT_2));
}

TEST_F(OpenClose, HalfCloseReceivesInFinWait1)
{
    OpenActive();
    Close();
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1, Bytes(100)));
    ExpectSent(ACK, LOCAL_ISS + 2, REMOTE_ISS + 101);
    EXPECT_EQ(State(), TcpState::FIN_WAIT_1);
    EXPECT_EQ(ReadAll().size(), 100u);
}

TEST_F(OpenClose, DataThenFinGoTogetherWhenQueued)
{
    OpenActive();
    SendBytes(Bytes(100));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1, 100);
    Close();
    ExpectSent(FIN | ACK, LOCAL_ISS + 101, REMOTE_ISS + 1);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 102));
    EXPECT_EQ(State(), TcpState::FIN_WAIT_2);
}

TEST_F(OpenClose, CloseInSynRcvdGoesToFinWait1AndSendsFinOnceEstablished)
{
    Conn().AcceptSyn(Seg(SYN, REMOTE_ISS, 0), m_now);
    Drain();
    ExpectSent(SYN | ACK, LOCAL_ISS, REMOTE_ISS + 1);
    Close();
    EXPECT_EQ(State(), TcpState::FIN_WAIT_1);
    ExpectNothingSent();
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1));
    ExpectSent(FIN | ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    EXPECT_EQ(CountEvents(TcpEvent::ESTABLISHED), 1u);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 2));
    EXPECT_EQ(State(), TcpState::FIN_WAIT_2);
}

TEST_F(OpenClose, CloseInSynRcvdStillNeedsTheSynAcknowledgedBeforeAcceptingText)
{
    // Found by fuzz/regressions/tcp-core/fin-wait-1-before-syn-acked-delivers: the SYN-RECEIVED
    // ACK check of RFC 9293 3.10.7.4 (fifth) holds in the FIN-WAIT-1 that Close entered from it.
    Conn().AcceptSyn(Seg(SYN, REMOTE_ISS, 0), m_now);
    Drain();
    ExpectSent(SYN | ACK, LOCAL_ISS, REMOTE_ISS + 1);
    Close();
    Deliver(Seg(ACK | PSH, REMOTE_ISS + 1, LOCAL_ISS - 7, Bytes(10)));
    ExpectSent(RST, LOCAL_ISS - 7, 0); // <SEQ=SEG.ACK><CTL=RST>
    EXPECT_EQ(Conn().BytesReadable(), 0u);
    EXPECT_EQ(State(), TcpState::FIN_WAIT_1);
    EXPECT_EQ(CountEvents(TcpEvent::ESTABLISHED), 0u);
}

TEST_F(OpenClose, CloseInSynSentClosesWithoutSegments)
{
    Conn().Connect(m_now);
    Drain();
    ExpectSent(SYN, LOCAL_ISS, 0);
    Close();
    ExpectNothingSent();
    EXPECT_EQ(State(), TcpState::CLOSED);
    EXPECT_EQ(Outcome(), TcpOutcome::ABORTED);
    EXPECT_TRUE(m_timers.empty());
}

TEST_F(OpenClose, ListenSynSynAckAckEstablished)
{
    Conn().Listen(m_now);
    Drain();
    EXPECT_EQ(State(), TcpState::LISTEN);
    Deliver(Seg(RST, REMOTE_ISS, 0)); // RFC 9293 3.10.7.2: ignored
    ExpectNothingSent();
    Deliver(Seg(ACK, REMOTE_ISS, 777)); // an ACK in LISTEN: <SEQ=SEG.ACK><CTL=RST>
    ExpectSent(RST, 777, 0);
    EXPECT_EQ(State(), TcpState::LISTEN);
    Deliver(Seg(SYN, REMOTE_ISS, 0));
    ExpectSent(SYN | ACK, LOCAL_ISS, REMOTE_ISS + 1);
    EXPECT_EQ(State(), TcpState::SYN_RCVD);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1));
    EXPECT_EQ(State(), TcpState::ESTABLISHED);
    EXPECT_EQ(StatePath(),
              (std::vector<TcpState>{TcpState::LISTEN, TcpState::SYN_RCVD, TcpState::ESTABLISHED}));
}

TEST_F(OpenClose, ConnectInListenTurnsActive)
{
    // RFC 9293 3.10.1, OPEN call in LISTEN with the foreign socket given: LISTEN -> SYN_SENT.
    Conn().Listen(m_now);
    Drain();
    Conn().Connect(m_now);
    Drain();
    ExpectSent(SYN, LOCAL_ISS, 0);
    EXPECT_EQ(State(), TcpState::SYN_SENT);
    EXPECT_TRUE(Armed(TcpTimerKind::RETRANSMIT));
    Deliver(Seg(SYN | ACK, REMOTE_ISS, LOCAL_ISS + 1));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
    EXPECT_EQ(State(), TcpState::ESTABLISHED);
    EXPECT_EQ(StatePath(),
              (std::vector<TcpState>{TcpState::LISTEN, TcpState::SYN_SENT, TcpState::ESTABLISHED}));
    // Being active now, a RST answering nothing of ours in ESTABLISHED does not return to LISTEN.
    Deliver(Seg(RST, REMOTE_ISS + 1, 0));
    EXPECT_EQ(State(), TcpState::CLOSED);
}

TEST_F(OpenClose, RstInSynRcvdFromListenReturnsToListen)
{
    Conn().Listen(m_now);
    Drain();
    Deliver(Seg(SYN, REMOTE_ISS, 0));
    ExpectSent(SYN | ACK, LOCAL_ISS, REMOTE_ISS + 1);
    Deliver(Seg(RST, REMOTE_ISS + 1, 0));
    EXPECT_EQ(State(), TcpState::LISTEN);
    EXPECT_TRUE(m_timers.empty());
    EXPECT_EQ(CountEvents(TcpEvent::CLOSED), 0u);
    // A new SYN is taken afresh.
    Deliver(Seg(SYN, REMOTE_ISS + 9000, 0));
    ExpectSent(SYN | ACK, LOCAL_ISS, REMOTE_ISS + 9001);
    EXPECT_EQ(State(), TcpState::SYN_RCVD);
}

TEST_F(OpenClose, CloseInListenCloses)
{
    Conn().Listen(m_now);
    Drain();
    Close();
    ExpectNothingSent();
    EXPECT_EQ(State(), TcpState::CLOSED);
    EXPECT_EQ(Outcome(), TcpOutcome::CLOSED_NORMALLY);
}

TEST_F(OpenClose, SynAckCarryingDataAndFinIsProcessed)
{
    Conn().Connect(m_now);
    Drain();
    ExpectSent(SYN, LOCAL_ISS, 0);
    Deliver(Seg(SYN | ACK | FIN, REMOTE_ISS, LOCAL_ISS + 1, Bytes(20)));
    ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 22);
    ExpectNothingSent();
    EXPECT_EQ(State(), TcpState::CLOSE_WAIT);
    EXPECT_EQ(ReadAll(), Bytes(20));
    EXPECT_TRUE(Conn().PeerFinished());
}

TEST_F(OpenClose, ToStringNamesStatesAndOutcomes)
{
    EXPECT_STREQ(ToString(TcpState::SYN_SENT), "SYN_SENT");
    EXPECT_STREQ(ToString(TcpState::TIME_WAIT), "TIME_WAIT");
    EXPECT_STREQ(ToString(TcpState::LISTEN), "LISTEN");
    EXPECT_STREQ(ToString(TcpOutcome::REFUSED), "REFUSED");
    EXPECT_STREQ(ToString(TcpOutcome::CLOSED_NORMALLY), "CLOSED_NORMALLY");
    TcpSegment s = Seg(SYN | ACK, 1, 2, Bytes(3), 100);
    s.mss = 1460;
    EXPECT_EQ(s.Describe(), "SYN,ACK seq=1 ack=2 win=100 len=3 mss=1460");
}

} // namespace
} // namespace test
} // namespace handshake
} // namespace ns3
