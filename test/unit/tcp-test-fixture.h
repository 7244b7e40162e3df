// A GoogleTest fixture that drives one TcpConnection segment by segment, smoltcp style:
// Deliver(segment) in, ExpectSent(...) out, FireTimer(kind) / AdvanceTo(time) for the clock.
#ifndef HANDSHAKE_TCP_TEST_FIXTURE_H
#define HANDSHAKE_TCP_TEST_FIXTURE_H

#include "tcp-state-driver.h"

#include "ns3/tcp-connection.h"

#include <deque>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace handshake
{
namespace test
{

using namespace std::chrono_literals;

constexpr uint8_t SYN = TcpSegment::SYN;
constexpr uint8_t ACK = TcpSegment::ACK;
constexpr uint8_t FIN = TcpSegment::FIN;
constexpr uint8_t RST = TcpSegment::RST;
constexpr uint8_t PSH = TcpSegment::PSH;

inline std::vector<uint8_t>
Bytes(size_t n, uint8_t first = 0)
{
    std::vector<uint8_t> v(n);
    for (size_t i = 0; i < n; ++i)
    {
        v[i] = static_cast<uint8_t>(first + i);
    }
    return v;
}

class TcpConnectionTest : public ::testing::Test, public TcpDriveHost
{
  protected:
    TcpConfig m_config;
    std::unique_ptr<TcpConnection> m_conn;
    TcpTime m_now{0};
    std::deque<TcpSegment> m_sent;
    std::vector<TcpEvent> m_events;
    std::map<TcpTimerKind, TcpTime> m_timers;
    uint32_t m_remoteNxt{REMOTE_ISS + 1}; //!< next sequence number the simulated peer sends

    TcpConnectionTest()
    {
        // Small, round numbers keep traces readable; delayed ACKs are tested on their own.
        m_config.mss = 1000;
        m_config.delayedAckTimeout = 0ms;
        m_config.windowScale = 0;
        // The suites were written against RFC 6298's bounds and without quick ACKs; the Linux
        // profile's values are tested on their own.
        m_config.minRto = 1s;
        m_config.minRtoInVariance = false;
        m_config.maxRto = 60s;
        m_config.persistMax = 60s;
        m_config.quickAcks = 0;
        m_config.receiveWindowGrowth = false; // each tested on its own (Flow, Sack)
        m_config.receiveWindowShare = 1.0;    // the whole buffer is window; Linux's share: Flow
        m_config.sackCompressionDelay = 0ms;
        m_config.congestionControl = "NewReno"; // RFC 5681's arithmetic; CUBIC has its own suite
        m_config.receiveBufferMaxBytes = 0; // fixed buffers: auto-tuning is tested on its own
        m_config.sendBufferMaxBytes = 0;
    }

    TcpConnection& Conn() override
    {
        if (!m_conn)
        {
            m_conn = std::make_unique<TcpConnection>(m_config, LOCAL_PORT, REMOTE_PORT, LOCAL_ISS);
        }
        return *m_conn;
    }

    TcpTime Now() const override
    {
        return m_now;
    }

    void Drain() override
    {
        TcpActions& actions = Conn().Actions();
        for (auto& s : actions.segments)
        {
            EXPECT_EQ(s.sourcePort, LOCAL_PORT);
            EXPECT_EQ(s.destinationPort, REMOTE_PORT);
            m_sent.push_back(s);
        }
        for (const auto& t : actions.timers)
        {
            if (t.arm)
            {
                EXPECT_GE(t.deadline, m_now) << "timer armed in the past";
                m_timers[t.kind] = t.deadline;
            }
            else
            {
                m_timers.erase(t.kind);
            }
        }
        for (const auto& e : actions.events)
        {
            m_events.push_back(e);
        }
        actions.Clear();
    }

    static TcpSegment Seg(uint8_t flags,
                          uint32_t seq,
                          uint32_t ack,
                          std::vector<uint8_t> payload = {},
                          uint16_t window = 65535)
    {
        return PeerSegment(flags, seq, ack, std::move(payload), window);
    }

    void Deliver(const TcpSegment& s)
    {
        DeliverFromPeer(*this, s);
    }

    /** Pops the oldest sent segment and checks flags, seq, ack and payload length. */
    TcpSegment ExpectSent(uint8_t flags, uint32_t seq, uint32_t ack, size_t length = 0)
    {
        if (m_sent.empty())
        {
            ADD_FAILURE() << "expected " << int(flags) << " seq=" << seq << " but nothing was sent";
            return TcpSegment{};
        }
        TcpSegment s = m_sent.front();
        m_sent.pop_front();
        EXPECT_EQ(s.flags & ~PSH, flags) << s.Describe();
        EXPECT_EQ(s.seq, seq) << s.Describe();
        if (flags & ACK)
        {
            EXPECT_EQ(s.ack, ack) << s.Describe();
        }
        EXPECT_EQ(s.payload.size(), length) << s.Describe();
        return s;
    }

    void ExpectNothingSent()
    {
        EXPECT_TRUE(m_sent.empty()) << "unexpected: " << m_sent.front().Describe();
        m_sent.clear();
    }

    bool Armed(TcpTimerKind kind) const
    {
        return m_timers.count(kind) > 0;
    }

    TcpTime Deadline(TcpTimerKind kind) const
    {
        return m_timers.at(kind);
    }

    /** Moves the clock to the timer's deadline and fires it. */
    void FireTimer(TcpTimerKind kind)
    {
        ASSERT_TRUE(Armed(kind)) << "timer not armed";
        m_now = m_timers.at(kind);
        m_timers.erase(kind);
        Conn().OnTimer(kind, m_now);
        Drain();
    }

    /** Moves the clock to \p t, firing every timer that falls due on the way, earliest first. */
    void AdvanceTo(TcpTime t)
    {
        while (true)
        {
            auto next = m_timers.end();
            for (auto it = m_timers.begin(); it != m_timers.end(); ++it)
            {
                if (it->second <= t && (next == m_timers.end() || it->second < next->second))
                {
                    next = it;
                }
            }
            if (next == m_timers.end())
            {
                break;
            }
            FireTimer(next->first);
        }
        m_now = t;
    }

    size_t SendBytes(const std::vector<uint8_t>& data)
    {
        size_t n = Conn().Send(data.data(), data.size(), m_now);
        Drain();
        return n;
    }

    std::vector<uint8_t> ReadAll()
    {
        std::vector<uint8_t> out(Conn().BytesReadable());
        size_t n = Conn().Receive(out.data(), out.size(), m_now);
        out.resize(n);
        Drain();
        return out;
    }

    void Close()
    {
        Conn().Close(m_now);
        Drain();
    }

    void Abort()
    {
        Conn().Abort(m_now);
        Drain();
    }

    TcpState State()
    {
        return Conn().State();
    }

    size_t CountEvents(TcpEvent::Kind kind) const
    {
        size_t n = 0;
        for (const auto& e : m_events)
        {
            n += e.kind == kind ? 1 : 0;
        }
        return n;
    }

    /** The outcome of the one CLOSED event; fails when there is not exactly one. */
    TcpOutcome Outcome() const
    {
        EXPECT_EQ(CountEvents(TcpEvent::CLOSED), 1u);
        for (const auto& e : m_events)
        {
            if (e.kind == TcpEvent::CLOSED)
            {
                return e.outcome;
            }
        }
        return TcpOutcome::CLOSED_NORMALLY;
    }

    /** The states the connection went through, from STATE_CHANGED events. */
    std::vector<TcpState> StatePath() const
    {
        std::vector<TcpState> path;
        for (const auto& e : m_events)
        {
            if (e.kind == TcpEvent::STATE_CHANGED)
            {
                path.push_back(e.to);
            }
        }
        return path;
    }

    /** Drives the connection into \p state; m_remoteNxt is then our RCV.NXT. */
    void DriveTo(TcpState state)
    {
        m_remoteNxt = test::DriveTo(*this, state);
        ASSERT_EQ(State(), state);
        m_sent.clear();
        m_events.clear();
    }

    /** A new connection, driven into \p state (for tests that loop over states). */
    void DriveFreshTo(TcpState state)
    {
        m_conn.reset();
        m_timers.clear();
        DriveTo(state);
    }

    // ---- canned openings --------------------------------------------------------------------
    /** Active open: SYN out -> SYN-ACK in -> ACK out -> ESTABLISHED. */
    void OpenActive(uint16_t peerWindow = 65535, uint16_t peerMss = 1000)
    {
        m_remoteNxt = DriveActiveOpen(*this, PeerSyn{peerWindow, peerMss, std::nullopt});
        ExpectSent(SYN, LOCAL_ISS, 0);
        ExpectSent(ACK, LOCAL_ISS + 1, REMOTE_ISS + 1);
        ASSERT_EQ(State(), TcpState::ESTABLISHED);
    }

    /** Passive open: SYN in -> SYN-ACK out -> ACK in -> ESTABLISHED. */
    void OpenPassive(uint16_t peerWindow = 65535, uint16_t peerMss = 1000)
    {
        m_remoteNxt = DrivePassiveOpen(*this, PeerSyn{peerWindow, peerMss, std::nullopt});
        ExpectSent(SYN | ACK, LOCAL_ISS, REMOTE_ISS + 1);
        ASSERT_EQ(State(), TcpState::ESTABLISHED);
    }

    /** We close first and the peer answers: FIN out, ACK in, FIN in, ACK out -> TIME_WAIT. */
    void CloseToTimeWait()
    {
        size_t statesBefore = StatePath().size();
        DriveCloseToTimeWait(*this, m_remoteNxt);
        TcpSegment fin = ExpectSent(FIN | ACK, LOCAL_ISS + 1, m_remoteNxt);
        ExpectSent(ACK, fin.seq + 1, m_remoteNxt + 1);
        std::vector<TcpState> path = StatePath();
        path.erase(path.begin(), path.begin() + statesBefore);
        ASSERT_EQ(path,
                  (std::vector<TcpState>{TcpState::FIN_WAIT_1,
                                         TcpState::FIN_WAIT_2,
                                         TcpState::TIME_WAIT}));
    }
};

} // namespace test
} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_TEST_FIXTURE_H
