// TcpTimeWait, TIME-WAIT on a small state (issue [bench]), against TcpConnection in TIME_WAIT: the
// same segments in, the same ACKs, timeouts and endings out, for every combination of SACK and
// timestamps. Two connections are driven to the end of a request and response, the server closing
// first; then each probe goes to both the full connection and its compact TIME-WAIT.
#include "ns3/tcp-connection.h"
#include "ns3/tcp-time-wait.h"

#include <deque>
#include <gtest/gtest.h>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{
namespace handshake
{
namespace test
{
namespace
{

using namespace std::chrono_literals;

constexpr uint8_t SYN = TcpSegment::SYN;
constexpr uint8_t ACK = TcpSegment::ACK;
constexpr uint8_t FIN = TcpSegment::FIN;
constexpr uint8_t RST = TcpSegment::RST;

/** A client and a server connection back to back; the server ends in TIME_WAIT. */
class ClosedPair
{
  public:
    ClosedPair(bool sack, bool timestamps, size_t unreadByServer = 0)
    {
        TcpConfig config;
        config.sack = sack;
        config.timestamps = timestamps;
        m_client = std::make_unique<TcpConnection>(config, 40000, 80, 1000);
        m_server = std::make_unique<TcpConnection>(config, 80, 40000, 900000);
        m_server->Listen(m_now);
        m_client->Connect(m_now);
        Run();
        std::vector<uint8_t> request(100 + unreadByServer, 'q');
        m_client->Send(request.data(), request.size(), m_now);
        Run();
        std::vector<uint8_t> buffer(1 << 16);
        m_server->Receive(buffer.data(), 100, m_now);
        std::vector<uint8_t> response(3000, 'r');
        m_server->Send(response.data(), response.size(), m_now);
        m_server->Close(m_now);
        Run();
        while (m_client->Receive(buffer.data(), buffer.size(), m_now) > 0)
        {
        }
        m_client->Close(m_now);
        Run();
    }

    TcpConnection& Server() { return *m_server; }
    TcpTime Now() const { return m_now; }

  private:
    /** Delivers what each side sends, 5 ms a hop; fires delayed ACKs when the wire is quiet. */
    void Run()
    {
        while (true)
        {
            Collect(*m_client, m_server.get());
            Collect(*m_server, m_client.get());
            if (m_wire.empty())
            {
                if (!FireDelayedAck(*m_client) && !FireDelayedAck(*m_server))
                {
                    return;
                }
                continue;
            }
            auto [to, segment] = m_wire.front();
            m_wire.pop_front();
            m_now += 5ms;
            to->OnSegment(segment, m_now);
        }
    }

    void Collect(TcpConnection& from, TcpConnection* to)
    {
        for (const auto& segment : from.Actions().segments)
        {
            m_wire.emplace_back(to, segment);
        }
        from.Actions().Clear();
    }

    bool FireDelayedAck(TcpConnection& c)
    {
        auto due = c.TimerDeadline(TcpTimerKind::DELAYED_ACK);
        if (!due)
        {
            return false;
        }
        m_now = std::max(m_now, *due);
        c.OnTimer(TcpTimerKind::DELAYED_ACK, m_now);
        return true;
    }

    std::unique_ptr<TcpConnection> m_client;
    std::unique_ptr<TcpConnection> m_server;
    TcpTime m_now{0};
    std::deque<std::pair<TcpConnection*, TcpSegment>> m_wire;
};

/** One segment from the client, relative to the server's TIME-WAIT variables. */
struct Probe
{
    uint8_t flags;
    int32_t seqFromRcvNxt; //!< SEG.SEQ - RCV.NXT
    int32_t ackFromSndMax; //!< SEG.ACK - SND.NXT
    uint32_t length{0};
    int32_t tsFromRecent{1}; //!< SEG.TSval - TS.Recent (when timestamps are on)
    bool timestamp{true};
};

TcpSegment
Make(const Probe& p, const TcpTimeWait::Variables& v)
{
    TcpSegment s;
    s.sourcePort = 40000;
    s.destinationPort = 80;
    s.flags = p.flags;
    s.seq = v.rcvNxt + static_cast<uint32_t>(p.seqFromRcvNxt);
    s.ack = (p.flags & ACK) ? v.sndMax + static_cast<uint32_t>(p.ackFromSndMax) : 0;
    s.window = 1000;
    s.payload.assign(p.length, 'x');
    if (v.timestamps && p.timestamp)
    {
        s.timestamp = TcpTimestampOption{v.tsRecent + static_cast<uint32_t>(p.tsFromRecent), 7};
    }
    return s;
}

/** Every field an ACK of TIME-WAIT carries, to compare two in one expectation. */
std::string
Fields(const TcpSegment& s)
{
    std::ostringstream out;
    out << s.sourcePort << ">" << s.destinationPort << " seq=" << s.seq << " ack=" << s.ack
        << " flags=" << int(s.flags) << " win=" << s.window << " len=" << s.payload.size();
    if (s.timestamp)
    {
        out << " ts=" << s.timestamp->value << "/" << s.timestamp->echo;
    }
    for (const TcpSackBlock& block : s.sack)
    {
        out << " sack=" << block.left << "-" << block.right;
    }
    return out.str();
}

/** Sends \p probes, 1 s apart, to the full connection and to its compact TIME-WAIT. */
void
Compare(bool sack, bool timestamps, const std::vector<Probe>& probes)
{
    ClosedPair pair(sack, timestamps);
    TcpConnection& full = pair.Server();
    ASSERT_EQ(full.State(), TcpState::TIME_WAIT);
    std::optional<TcpTimeWait> compact = full.CompactTimeWait();
    ASSERT_TRUE(compact.has_value());
    ASSERT_EQ(compact->Deadline(), *full.TimerDeadline(TcpTimerKind::TIME_WAIT));
    const TcpTimeWait::Variables start = compact->GetVariables();
    TcpTime now = pair.Now();
    for (size_t i = 0; i < probes.size(); ++i)
    {
        SCOPED_TRACE("probe " + std::to_string(i));
        now += 1s;
        TcpSegment segment = Make(probes[i], start);
        full.OnSegment(segment, now);
        TcpTimeWait::Reply reply = compact->OnSegment(segment, now);
        const TcpActions& actions = full.Actions();
        ASSERT_LE(actions.segments.size(), 1u);
        ASSERT_EQ(actions.segments.size(), reply.ack ? 1u : 0u) << segment.Describe();
        if (reply.ack)
        {
            EXPECT_EQ(Fields(actions.segments.front()), Fields(*reply.ack));
        }
        bool closed = false;
        for (const auto& event : actions.events)
        {
            closed |= event.kind == TcpEvent::CLOSED;
            if (event.kind == TcpEvent::CLOSED)
            {
                EXPECT_EQ(event.outcome, TcpOutcome::CLOSED_NORMALLY);
            }
        }
        EXPECT_EQ(closed, reply.closed) << segment.Describe();
        if (closed)
        {
            return;
        }
        auto deadline = full.TimerDeadline(TcpTimerKind::TIME_WAIT);
        ASSERT_TRUE(deadline.has_value());
        EXPECT_EQ(*deadline, compact->Deadline());
        EXPECT_EQ(reply.restarted, compact->Deadline() == now + 2 * TcpConfig{}.msl);
        full.Actions().Clear();
    }
}

struct Case
{
    const char* name;
    std::vector<Probe> probes;
};

const std::vector<Case>&
Cases()
{
    static const std::vector<Case> cases = {
        {"retransmitted FIN", {{FIN | ACK, -1, 0}}},
        {"retransmitted FIN twice", {{FIN | ACK, -1, 0}, {FIN | ACK, -1, 0, 0, 2}}},
        {"retransmitted FIN, old timestamp (PAWS)", {{FIN | ACK, -1, 0, 0, -5}}},
        {"retransmitted FIN without timestamp", {{FIN | ACK, -1, 0, 0, 1, false}}},
        {"retransmitted data and FIN (D-SACK)", {{FIN | ACK, -101, 0, 100}}},
        {"old data below RCV.NXT (D-SACK)", {{ACK, -301, 0, 200}}},
        {"old data, then a pure ACK", {{ACK, -301, 0, 200}, {ACK, 0, 0}}},
        {"data across RCV.NXT", {{ACK, -10, 0, 20}, {ACK, 0, 0}}},
        {"new data at RCV.NXT", {{ACK, 0, 0, 50}}},
        {"data beyond the window", {{ACK, 1 << 30, 0, 50}}},
        {"pure ACK at RCV.NXT", {{ACK, 0, 0}}},
        {"pure ACK beyond the window", {{ACK, 1 << 30, 0}}},
        {"ACK of something not yet sent", {{ACK, 0, 5}}},
        {"old ACK", {{ACK, 0, -1000}}},
        {"segment without ACK", {{0, 0, 0, 10}}},
        {"RST at RCV.NXT", {{RST, 0, 0}}},
        {"RST with ACK at RCV.NXT", {{RST | ACK, 0, 0}}},
        {"RST in the window (challenge ACK)", {{RST, 100, 0}, {ACK, 0, 0}}},
        {"RST below the window", {{RST, -1000, 0}}},
        {"RST with an old timestamp", {{RST, 0, 0, 0, -5}}},
        {"SYN in the window (challenge ACK)", {{SYN, 1000, 0}}},
        {"SYN at RCV.NXT", {{SYN, 0, 0}}},
        {"SYN below the window", {{SYN, -100000, 0}}},
        {"SYN-ACK at RCV.NXT", {{SYN | ACK, 0, 0}}},
        {"FIN beyond RCV.NXT", {{FIN | ACK, 10, 0, 20}}},
        {"FIN at RCV.NXT", {{FIN | ACK, 0, 0}}},
        {"newer timestamp, then an old one", {{ACK, 0, 0, 0, 50}, {ACK, 0, 0, 0, 20}}},
        {"newer timestamp on an old segment", {{ACK, -301, 0, 200, 50}, {ACK, 0, 0, 0, 20}}},
        {"many", {{FIN | ACK, -1, 0}, {ACK, -301, 0, 200}, {SYN, 1000, 0}, {RST, 100, 0},
                  {FIN | ACK, -1, 0, 0, 3}, {ACK, 0, 0}, {RST, 0, 0}}},
    };
    return cases;
}

TEST(TcpTimeWait, AnswersEverySegmentAsTheFullConnectionDoes)
{
    for (bool sack : {true, false})
    {
        for (bool timestamps : {true, false})
        {
            for (const auto& c : Cases())
            {
                SCOPED_TRACE(std::string(c.name) + (sack ? ", SACK" : "") +
                             (timestamps ? ", timestamps" : ""));
                Compare(sack, timestamps, c.probes);
            }
        }
    }
}

TEST(TcpTimeWait, ARetransmittedFinIsAckedAndRestartsTheTimeout)
{
    ClosedPair pair(true, true);
    std::optional<TcpTimeWait> tw = pair.Server().CompactTimeWait();
    ASSERT_TRUE(tw.has_value());
    const TcpTimeWait::Variables v = tw->GetVariables();
    EXPECT_EQ(tw->Deadline(), *pair.Server().TimerDeadline(TcpTimerKind::TIME_WAIT));
    EXPECT_GT(tw->Deadline(), pair.Now() + 59s); // 2 MSL of Linux's 30 s, from the peer's FIN
    TcpTime now = pair.Now() + 10s;
    TcpTimeWait::Reply reply = tw->OnSegment(Make({FIN | ACK, -1, 0}, v), now);
    ASSERT_TRUE(reply.ack.has_value());
    EXPECT_EQ(reply.ack->flags, ACK);
    EXPECT_EQ(reply.ack->seq, v.sndMax);
    EXPECT_EQ(reply.ack->ack, v.rcvNxt);
    ASSERT_TRUE(reply.ack->timestamp.has_value());
    EXPECT_EQ(reply.ack->timestamp->echo, v.tsRecent);
    EXPECT_TRUE(reply.restarted);
    EXPECT_FALSE(reply.closed);
    EXPECT_EQ(tw->Deadline(), now + 60s);
    reply = tw->OnSegment(Make({RST, 0, 0}, v), now + 1s);
    EXPECT_TRUE(reply.closed);
    EXPECT_FALSE(reply.ack.has_value());
}

TEST(TcpTimeWait, NoCompactStateWhileBytesWaitToBeRead)
{
    ClosedPair unread(true, true, 50);
    ASSERT_EQ(unread.Server().State(), TcpState::TIME_WAIT);
    EXPECT_GT(unread.Server().BytesReadable(), 0u);
    EXPECT_FALSE(unread.Server().CompactTimeWait().has_value());
    ClosedPair read(true, true);
    EXPECT_TRUE(read.Server().CompactTimeWait().has_value());
}

TEST(TcpTimeWait, NoCompactStateBeforeTimeWait)
{
    TcpConfig config;
    TcpConnection c(config, 40000, 80, 1000);
    c.Connect(TcpTime{0});
    EXPECT_FALSE(c.CompactTimeWait().has_value());
}

} // namespace
} // namespace test
} // namespace handshake
} // namespace ns3
