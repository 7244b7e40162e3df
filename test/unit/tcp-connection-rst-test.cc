// RST handling in every state (RFC 9293 3.10.7.3/3.10.7.4 with RFC 5961's in-window rules), Abort
// (RFC 9293 3.10.5), unacceptable segments and ACKs of unsent data.
#include "tcp-test-fixture.h"

namespace ns3
{
namespace handshake
{
namespace test
{
namespace
{

using Rst = TcpConnectionTest;

const TcpState SYNCHRONIZED_RESET[] = {TcpState::ESTABLISHED,
                                       TcpState::FIN_WAIT_1,
                                       TcpState::FIN_WAIT_2,
                                       TcpState::CLOSE_WAIT,
                                       TcpState::CLOSING,
                                       TcpState::LAST_ACK};

TEST_F(Rst, ExactRstClosesEverySynchronizedStateWithReset)
{
    for (TcpState state : SYNCHRONIZED_RESET)
    {
        SCOPED_TRACE(ToString(state));
        DriveFreshTo(state);
        Deliver(Seg(RST, m_remoteNxt, 0));
        ExpectNothingSent();
        EXPECT_EQ(State(), TcpState::CLOSED);
        EXPECT_EQ(Outcome(), TcpOutcome::RESET);
        EXPECT_TRUE(m_timers.empty());
    }
}

TEST_F(Rst, InWindowButInexactRstGetsChallengeAck)
{
    for (TcpState state : SYNCHRONIZED_RESET)
    {
        SCOPED_TRACE(ToString(state));
        DriveFreshTo(state);
        Deliver(Seg(RST, m_remoteNxt + 100, 0));
        TcpSegment ack = m_sent.empty() ? TcpSegment{} : m_sent.front();
        ExpectSent(ACK, ack.seq, m_remoteNxt); // RFC 5961 3.2: challenge ACK
        EXPECT_EQ(State(), state);
        EXPECT_EQ(CountEvents(TcpEvent::CLOSED), 0u);
    }
}

TEST_F(Rst, OutOfWindowRstIsIgnoredSilently)
{
    for (TcpState state : SYNCHRONIZED_RESET)
    {
        SCOPED_TRACE(ToString(state));
        DriveFreshTo(state);
        Deliver(Seg(RST, m_remoteNxt + 1000000, 0));
        Deliver(Seg(RST, m_remoteNxt - 1, 0));
        ExpectNothingSent();
        EXPECT_EQ(State(), state);
    }
}

TEST_F(Rst, RstInTimeWaitClosesNormally)
{
    DriveTo(TcpState::TIME_WAIT);
    Deliver(Seg(RST, m_remoteNxt, 0));
    EXPECT_EQ(State(), TcpState::CLOSED);
    EXPECT_EQ(Outcome(), TcpOutcome::CLOSED_NORMALLY);
}

TEST_F(Rst, RstInPassiveSynRcvdEndsConnection)
{
    DriveTo(TcpState::SYN_RCVD);
    Deliver(Seg(RST, REMOTE_ISS + 1, 0));
    EXPECT_EQ(State(), TcpState::CLOSED);
    EXPECT_EQ(Outcome(), TcpOutcome::RESET);
}

TEST_F(Rst, RstAckingOurSynIsRefused)
{
    DriveTo(TcpState::SYN_SENT);
    Deliver(Seg(RST | ACK, 0, LOCAL_ISS + 1));
    ExpectNothingSent();
    EXPECT_EQ(State(), TcpState::CLOSED);
    EXPECT_EQ(Outcome(), TcpOutcome::REFUSED);
    EXPECT_TRUE(m_timers.empty());
}

TEST_F(Rst, RstInSynSentWithoutAckOrWithWrongAckIsIgnored)
{
    DriveTo(TcpState::SYN_SENT);
    Deliver(Seg(RST, 0, 0));
    Deliver(Seg(RST | ACK, 0, LOCAL_ISS + 7));
    ExpectNothingSent();
    EXPECT_EQ(State(), TcpState::SYN_SENT);
}

TEST_F(Rst, SynAckWithWrongAckInSynSentGetsRst)
{
    DriveTo(TcpState::SYN_SENT);
    Deliver(Seg(SYN | ACK, REMOTE_ISS, LOCAL_ISS + 50));
    ExpectSent(RST, LOCAL_ISS + 50, 0); // RFC 9293 3.10.7.3: <SEQ=SEG.ACK><CTL=RST>
    EXPECT_EQ(State(), TcpState::SYN_SENT);
}

TEST_F(Rst, BadAckInSynRcvdGetsRst)
{
    DriveTo(TcpState::SYN_RCVD);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 77));
    ExpectSent(RST, LOCAL_ISS + 77, 0);
    EXPECT_EQ(State(), TcpState::SYN_RCVD);
}

TEST_F(Rst, SynInEstablishedGetsChallengeAck)
{
    DriveTo(TcpState::ESTABLISHED);
    Deliver(Seg(SYN, m_remoteNxt + 10, 0));
    ExpectSent(ACK, LOCAL_ISS + 1, m_remoteNxt);
    EXPECT_EQ(State(), TcpState::ESTABLISHED);
}

TEST_F(Rst, UnacceptableSegmentGetsAckAndIsDropped)
{
    DriveTo(TcpState::ESTABLISHED);
    Deliver(Seg(ACK, m_remoteNxt - 500, LOCAL_ISS + 1, Bytes(100))); // old duplicate
    ExpectSent(ACK, LOCAL_ISS + 1, m_remoteNxt);
    EXPECT_EQ(Conn().BytesReadable(), 0u);
    Deliver(Seg(ACK, m_remoteNxt + 200000, LOCAL_ISS + 1, Bytes(100))); // beyond the window
    ExpectSent(ACK, LOCAL_ISS + 1, m_remoteNxt);
    EXPECT_EQ(Conn().BytesReadable(), 0u);
}

TEST_F(Rst, AckOfUnsentDataGetsAckAndIsDropped)
{
    DriveTo(TcpState::ESTABLISHED);
    Deliver(Seg(ACK, m_remoteNxt, LOCAL_ISS + 500, Bytes(10)));
    ExpectSent(ACK, LOCAL_ISS + 1, m_remoteNxt); // RFC 9293 3.10.7.4: ACK, drop, return
    ExpectNothingSent();
    EXPECT_EQ(Conn().BytesReadable(), 0u);
}

TEST_F(Rst, AbortSendsRstWhereRfcSaysSo)
{
    const TcpState withRst[] = {TcpState::SYN_RCVD,
                                TcpState::ESTABLISHED,
                                TcpState::FIN_WAIT_1,
                                TcpState::FIN_WAIT_2,
                                TcpState::CLOSE_WAIT};
    for (TcpState state : withRst)
    {
        SCOPED_TRACE(ToString(state));
        DriveFreshTo(state);
        Abort();
        ASSERT_EQ(m_sent.size(), 1u);
        EXPECT_EQ(m_sent.front().flags, RST);
        m_sent.clear();
        EXPECT_EQ(State(), TcpState::CLOSED);
        EXPECT_EQ(Outcome(), TcpOutcome::ABORTED);
        EXPECT_TRUE(m_timers.empty());
    }
    const TcpState withoutRst[] = {TcpState::SYN_SENT, TcpState::CLOSING, TcpState::LAST_ACK};
    for (TcpState state : withoutRst)
    {
        SCOPED_TRACE(ToString(state));
        DriveFreshTo(state);
        Abort();
        ExpectNothingSent();
        EXPECT_EQ(Outcome(), TcpOutcome::ABORTED);
    }
}

TEST_F(Rst, AbortTwiceAndCloseAfterAbortGiveOneClosedEvent)
{
    DriveTo(TcpState::ESTABLISHED);
    Abort();
    m_sent.clear();
    Abort();
    Close();
    Conn().Connect(m_now);
    Drain();
    ExpectNothingSent();
    EXPECT_EQ(CountEvents(TcpEvent::CLOSED), 1u);
}

TEST_F(Rst, AbortBeforeOpenReportsNothing)
{
    Abort();
    Close();
    ExpectNothingSent();
    EXPECT_TRUE(m_events.empty());
}

} // namespace
} // namespace test
} // namespace handshake
} // namespace ns3
