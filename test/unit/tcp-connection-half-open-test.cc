// Half-open connections (RFC 9293 3.5.1, "Half-Open Connections and Other Anomalies"; RFC 793
// numbered its figures 10, 11 and 12, RFC 9293 numbers them 9, 10 and 11), one test per figure,
// line by line: the fixture's connection is TCP Peer B, which stays up; Peer A, which crashes or
// listens, is a second core (OtherSide), or nothing at all where A has no connection (then A's host
// answers as the core's ResetReplyTo does, RFC 9293 3.10.7.1). Also Forget, the core's
// part of a host crash.
#include "tcp-test-fixture.h"

#include "ns3/tcp-reset-reply.h"

#include <functional>
#include <optional>
#include <string>

namespace ns3
{
namespace handshake
{
namespace test
{
namespace
{

/** Peer A as a core of its own, ports mirrored: what it sends is what the fixture's side gets. */
struct OtherSide
{
    std::unique_ptr<TcpConnection> conn;
    std::deque<TcpSegment> sent;
    std::optional<TcpTime> retransmitAt;

    OtherSide(const TcpConfig& config, uint32_t iss)
        : conn(std::make_unique<TcpConnection>(config, REMOTE_PORT, LOCAL_PORT, iss))
    {
    }

    /** Takes the core's actions: segments in order, and when its retransmission timer is due. */
    void Take()
    {
        TcpActions& actions = conn->Actions();
        sent.insert(sent.end(), actions.segments.begin(), actions.segments.end());
        for (const auto& timer : actions.timers)
        {
            if (timer.kind == TcpTimerKind::RETRANSMIT)
            {
                retransmitAt = timer.arm ? std::optional<TcpTime>(timer.deadline) : std::nullopt;
            }
        }
        actions.Clear();
    }

    /** The one segment A sent; fails unless there is exactly one. */
    TcpSegment Sent()
    {
        EXPECT_EQ(sent.size(), 1u);
        TcpSegment s = sent.empty() ? TcpSegment{} : sent.front();
        sent.clear();
        return s;
    }

    void Receive(const TcpSegment& s, TcpTime now)
    {
        conn->OnSegment(s, now);
        Take();
    }
};

class HalfOpen : public TcpConnectionTest
{
  protected:
    /** The one segment our side (B) sent; fails unless there is exactly one. */
    TcpSegment SentByB()
    {
        EXPECT_EQ(m_sent.size(), 1u);
        TcpSegment s = m_sent.empty() ? TcpSegment{} : m_sent.front();
        m_sent.clear();
        return s;
    }

    /** B's connection ended: CLOSED, no timer left, exactly one CLOSED event with \p outcome. */
    void ExpectAborted(TcpOutcome outcome)
    {
        EXPECT_EQ(State(), TcpState::CLOSED);
        EXPECT_EQ(Outcome(), outcome);
        EXPECT_TRUE(m_timers.empty());
    }
};

const TcpState SYNCHRONIZED[] = {TcpState::ESTABLISHED,
                                 TcpState::FIN_WAIT_1,
                                 TcpState::FIN_WAIT_2,
                                 TcpState::CLOSE_WAIT,
                                 TcpState::CLOSING,
                                 TcpState::LAST_ACK,
                                 TcpState::TIME_WAIT};

// RFC 9293 figure 9 (RFC 793 figure 10), "Half-Open Connection Discovery": A reboots and opens
// again from the same port while B is synchronized. B answers the SYN with an ACK (line 4: out of
// window, 3.10.7.4 first; in window, the challenge ACK of RFC 5961 4.2), A in SYN-SENT answers that
// with <SEQ=SEG.ACK><CTL=RST> (line 5, 3.10.7.3), B aborts (3.10.7.4 second), and A's next SYN
// meets no connection: a plain three-way handshake (line 7).
TEST_F(HalfOpen, Figure9RebootedPeersNewSynIsAckedItsRstAbortsBAndTheRetryOpens)
{
    for (TcpState state : SYNCHRONIZED)
    {
        // A's new ISS inside, beyond and behind B's receive window.
        for (uint32_t offset : {300u, 0x40000000u, 0u - 0x1000u})
        {
            SCOPED_TRACE(std::string(ToString(state)) + ", A's new ISS at RCV.NXT + " +
                         std::to_string(int32_t(offset)));
            DriveFreshTo(state); // line 1: "(send 300, receive 100)" is B's SND.NXT and RCV.NXT
            const uint32_t rcvNxt = m_remoteNxt;
            const uint32_t sndNxt = Conn().GetVariables().sndMax;

            OtherSide a(m_config, rcvNxt + offset); // line 2: A is CLOSED, its old state lost
            a.conn->Connect(m_now);
            a.Take();
            TcpSegment syn = a.Sent(); // line 3: <SEQ=400><CTL=SYN>
            ASSERT_EQ(syn.flags, SYN);

            Deliver(syn);
            TcpSegment ack = SentByB(); // line 4: <SEQ=300><ACK=100><CTL=ACK>
            EXPECT_EQ(ack.flags & ~PSH, ACK);
            EXPECT_EQ(ack.seq, sndNxt);
            EXPECT_EQ(ack.ack, rcvNxt);
            EXPECT_EQ(State(), state);
            EXPECT_EQ(CountEvents(TcpEvent::CLOSED), 0u);

            a.Receive(ack, m_now);
            TcpSegment rst = a.Sent(); // line 5: <SEQ=100><CTL=RST>
            EXPECT_EQ(rst.flags, RST);
            EXPECT_EQ(rst.seq, rcvNxt);
            EXPECT_EQ(a.conn->State(), TcpState::SYN_SENT);

            Deliver(rst); // line 6: B aborts (after both FINs, TIME-WAIT has nothing to abort)
            ExpectNothingSent();
            ExpectAborted(state == TcpState::TIME_WAIT ? TcpOutcome::CLOSED_NORMALLY
                                                       : TcpOutcome::RESET);

            // Line 7: A's SYN again, at its retransmission timeout, now meets a fresh connection.
            ASSERT_TRUE(a.retransmitAt.has_value());
            a.conn->OnTimer(TcpTimerKind::RETRANSMIT, *a.retransmitAt);
            a.Take();
            TcpSegment again = a.Sent();
            EXPECT_EQ(again.flags, SYN);
            EXPECT_EQ(again.seq, syn.seq);
            TcpConnection b2(m_config, LOCAL_PORT, REMOTE_PORT, LOCAL_ISS + 7777);
            b2.AcceptSyn(again, *a.retransmitAt);
            ASSERT_EQ(b2.Actions().segments.size(), 1u);
            a.Receive(b2.Actions().segments.front(), *a.retransmitAt);
            EXPECT_EQ(a.conn->State(), TcpState::ESTABLISHED);
            b2.OnSegment(a.Sent(), *a.retransmitAt);
            EXPECT_EQ(b2.State(), TcpState::ESTABLISHED);
        }
    }
}

// RFC 9293 figure 10 (RFC 793 figure 11), "Active Side Causes Half-Open Connection Discovery": A
// rebooted and B's next segment (data, an ACK, its FIN) reaches a host without the connection,
// which answers <SEQ=SEG.ACK><CTL=RST> (3.10.7.1); the RST is exact, so B aborts and tells its user
// (3.10.7.4 second, 3.5.3).
TEST_F(HalfOpen, Figure10BsNextSegmentToTheRebootedPeerGetsARstAndBAborts)
{
    struct Case
    {
        const char* what;
        TcpState state;
        std::function<void()> sendNext;
    };
    const Case cases[] = {
        {"data", TcpState::ESTABLISHED, [this] { SendBytes(Bytes(10)); }},
        {"ACK of A's last data", TcpState::ESTABLISHED,
         [this] { Deliver(Seg(ACK, m_remoteNxt, Conn().GetVariables().sndMax, Bytes(100))); }},
        {"FIN", TcpState::ESTABLISHED, [this] { Close(); }},
        {"FIN after A's FIN", TcpState::CLOSE_WAIT, [this] { Close(); }},
    };
    for (const Case& c : cases)
    {
        SCOPED_TRACE(c.what);
        DriveFreshTo(c.state); // line 1: A reboots; B does not know
        c.sendNext();
        TcpSegment next = SentByB(); // line 2: <SEQ=300><ACK=100><DATA=10><CTL=ACK>
        ASSERT_TRUE(next.Has(ACK));

        auto rst = ResetReplyTo(next); // A's host: no such connection
        ASSERT_TRUE(rst.has_value());
        EXPECT_EQ(rst->flags, RST); // line 3: <SEQ=100><CTL=RST>
        EXPECT_EQ(rst->seq, next.ack);
        EXPECT_EQ(rst->seq, Conn().GetVariables().rcvNxt) << "exact: B accepts it at once";
        Deliver(*rst);
        ExpectNothingSent();
        ExpectAborted(TcpOutcome::RESET); // "(ABORT!!)"
    }
}

// RFC 9293 figure 11 (RFC 793 figure 12), "Old Duplicate SYN Initiates a Reset on Two Passive
// Sockets": an old SYN stirs B from LISTEN into SYN-RECEIVED; its SYN,ACK reaches A in LISTEN,
// which answers <SEQ=SEG.ACK><CTL=RST> (3.10.7.2); B returns to LISTEN (3.10.7.4 second). Both
// listen on.
TEST_F(HalfOpen, Figure11OldDuplicateSynResetsBBackToListen)
{
    OtherSide a(m_config, 7000);
    a.conn->Listen(m_now); // line 1: LISTEN, LISTEN
    a.Take();
    Conn().Listen(m_now);
    Drain();

    const uint32_t z = 123456;
    Deliver(Seg(SYN, z, 0)); // line 2: ... <SEQ=Z><CTL=SYN> --> SYN-RECEIVED
    EXPECT_EQ(State(), TcpState::SYN_RCVD);
    TcpSegment synAck = SentByB(); // line 3: <SEQ=X><ACK=Z+1><CTL=SYN,ACK>
    EXPECT_EQ(synAck.flags, SYN | ACK);
    EXPECT_EQ(synAck.ack, z + 1);

    a.Receive(synAck, m_now);
    TcpSegment rst = a.Sent(); // line 4: <SEQ=Z+1><CTL=RST>
    EXPECT_EQ(rst.flags, RST);
    EXPECT_EQ(rst.seq, z + 1);
    EXPECT_EQ(a.conn->State(), TcpState::LISTEN);

    Deliver(rst); // "(return to LISTEN!)"
    ExpectNothingSent();
    EXPECT_EQ(State(), TcpState::LISTEN); // line 5: LISTEN, LISTEN
    EXPECT_EQ(CountEvents(TcpEvent::CLOSED), 0u);
    EXPECT_TRUE(m_timers.empty()) << "the SYN,ACK is not retransmitted";

    // The peer was forgotten: a real SYN now opens as on a fresh listener.
    Deliver(Seg(SYN, REMOTE_ISS, 0));
    ExpectSent(SYN | ACK, LOCAL_ISS, REMOTE_ISS + 1);
    Deliver(Seg(ACK, REMOTE_ISS + 1, LOCAL_ISS + 1));
    EXPECT_EQ(State(), TcpState::ESTABLISHED);
}

TEST_F(HalfOpen, Figure11WithTheAdaptersListenerEndsTheChildInsteadOfReturningToListen)
{
    // HandshakeTcpL4Protocol's listener makes one connection per SYN (AcceptSyn) and stays in
    // LISTEN itself; the child, reset in SYN-RECEIVED, ends with RESET (RFC 9293 3.5.3: "otherwise,
    // the receiver aborts the connection"). A's side is a listener: TcpListener answers
    // an ACK-bearing segment with ResetReplyTo's RST.
    m_remoteNxt = test::DriveTo(*this, TcpState::SYN_RCVD);
    TcpSegment synAck = ExpectSent(SYN | ACK, LOCAL_ISS, REMOTE_ISS + 1);
    auto rst = ResetReplyTo(synAck);
    ASSERT_TRUE(rst.has_value());
    EXPECT_EQ(rst->seq, REMOTE_ISS + 1);
    Deliver(*rst);
    ExpectNothingSent();
    ExpectAborted(TcpOutcome::RESET);
}

// The core's part of a host crash (HandshakeTcpL4Protocol::Crash): the state is gone, nothing is
// sent, and the connection reports its one CLOSED event, with outcome LOST.
TEST_F(HalfOpen, ForgetClosesEveryStateSilentlyWithOutcomeLost)
{
    const TcpState open[] = {TcpState::LISTEN,      TcpState::SYN_SENT,   TcpState::SYN_RCVD,
                             TcpState::ESTABLISHED, TcpState::FIN_WAIT_1, TcpState::FIN_WAIT_2,
                             TcpState::CLOSE_WAIT,  TcpState::CLOSING,    TcpState::LAST_ACK,
                             TcpState::TIME_WAIT};
    for (TcpState state : open)
    {
        SCOPED_TRACE(ToString(state));
        DriveFreshTo(state);
        SendBytes(Bytes(10)); // data still queued where the state takes it
        m_sent.clear();
        Conn().Forget(m_now);
        Drain();
        ExpectNothingSent();
        ExpectAborted(TcpOutcome::LOST);
        EXPECT_EQ(StatePath(), std::vector<TcpState>{TcpState::CLOSED});

        // A forgotten connection stays forgotten.
        Conn().Forget(m_now);
        Abort();
        Close();
        EXPECT_EQ(SendBytes(Bytes(10)), 0u);
        Deliver(Seg(ACK, m_remoteNxt, LOCAL_ISS + 1, Bytes(5)));
        ExpectNothingSent();
        EXPECT_EQ(CountEvents(TcpEvent::CLOSED), 1u);
    }
}

TEST_F(HalfOpen, ForgetBeforeOpenOrAfterTheEndReportsNothing)
{
    Conn().Forget(m_now);
    Drain();
    EXPECT_TRUE(m_events.empty());

    DriveFreshTo(TcpState::ESTABLISHED);
    Deliver(Seg(RST, m_remoteNxt, 0));
    m_events.clear();
    Conn().Forget(m_now);
    Drain();
    EXPECT_TRUE(m_events.empty()) << "the connection had ended with RESET already";
}

} // namespace
} // namespace test
} // namespace handshake
} // namespace ns3
