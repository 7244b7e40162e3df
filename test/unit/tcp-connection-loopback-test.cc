// Two TcpConnections back to back through a lossy, reordering in-memory link, driven by a tiny
// discrete-event loop. Fixed seeds keep it deterministic; the bytes must arrive exact both ways and
// both ends must close normally.
#include "ns3/tcp-connection.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <gtest/gtest.h>
#include <iostream>
#include <map>
#include <queue>
#include <random>
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

#ifndef SEED_COUNT
#define SEED_COUNT 116
#endif

struct LinkParams
{
    uint32_t seed;
    double loss;    //!< drop probability per segment and direction
    TcpTime delay;  //!< one-way base delay
    TcpTime jitter; //!< uniform extra delay: reorders segments
    size_t bytesEachWay;
    uint32_t receiveBufferBytes{16384};
    TcpTime delayedAck{40ms};
    uint8_t windowScale{2};
    uint32_t sendBufferBytes{32768};
};

/** One end: a connection plus a tiny application that sends a pattern, reads all and closes. */
struct Endpoint
{
    std::unique_ptr<TcpConnection> conn;
    std::vector<uint8_t> toSend;
    size_t queued{0};
    std::vector<uint8_t> received;
    bool closeCalled{false};
    int closedEvents{0};
    TcpOutcome outcome{TcpOutcome::CLOSED_NORMALLY};
};

class Loopback
{
  public:
    explicit Loopback(const LinkParams& p)
        : m_params(p),
          m_rng(p.seed)
    {
        m_config.delayedAckTimeout = p.delayedAck;
        m_config.minRto = 200ms;
        m_config.msl = 10s;
        m_config.sendBufferBytes = p.sendBufferBytes;
        m_config.receiveBufferBytes = p.receiveBufferBytes;
        m_config.receiveBufferMaxBytes = p.receiveBufferBytes; // fixed, as the cases say
        m_config.sendBufferMaxBytes = p.sendBufferBytes;
        m_config.windowScale = p.windowScale;
        for (int i = 0; i < 2; ++i)
        {
            m_ends[i].toSend.resize(p.bytesEachWay);
            for (size_t k = 0; k < p.bytesEachWay; ++k)
            {
                m_ends[i].toSend[k] = static_cast<uint8_t>((k * 7 + i * 13 + k / 251) & 0xFF);
            }
        }
        m_ends[0].conn = std::make_unique<TcpConnection>(m_config, 40000, 80, 0xFFFFF000u);
        m_ends[1].conn = std::make_unique<TcpConnection>(m_config, 80, 40000, 123456789u);
    }

    void Run()
    {
        m_ends[0].conn->Connect(m_now);
        Process(0);
        while (!m_queue.empty() && m_now < 3600s)
        {
            Item item = m_queue.top();
            m_queue.pop();
            m_now = item.at;
            item.action();
        }
    }

    Endpoint& End(int i)
    {
        return m_ends[i];
    }

    TcpTime Now() const
    {
        return m_now;
    }

  private:
    struct Item
    {
        TcpTime at;
        uint64_t order;
        std::function<void()> action;

        bool operator<(const Item& o) const
        {
            return at != o.at ? at > o.at : order > o.order; // min-heap, FIFO on ties
        }
    };

    void Schedule(TcpTime at, std::function<void()> action)
    {
        m_queue.push(Item{at, m_order++, std::move(action)});
    }

    double Uniform()
    {
        return std::uniform_real_distribution<double>(0.0, 1.0)(m_rng);
    }

    void Process(int i)
    {
        Endpoint& e = m_ends[i];
        TcpActions& a = e.conn->Actions();
        // Copy out first: the application calls below add new actions.
        std::vector<TcpSegment> segments = std::move(a.segments);
        std::vector<TcpTimerRequest> timers = std::move(a.timers);
        std::vector<TcpEvent> events = std::move(a.events);
        a.Clear();
        for (auto& s : segments)
        {
            Transmit(1 - i, std::move(s));
        }
        for (const auto& t : timers)
        {
            if (t.arm)
            {
                TcpTimerKind kind = t.kind;
                Schedule(t.deadline, [this, i, kind]() {
                    m_ends[i].conn->OnTimer(kind, m_now);
                    Process(i);
                });
            }
        }
        for (const auto& ev : events)
        {
            if (ev.kind == TcpEvent::CLOSED)
            {
                e.closedEvents++;
                e.outcome = ev.outcome;
            }
        }
        RunApplication(i);
        if (!a.Empty())
        {
            Process(i);
        }
    }

    void RunApplication(int i)
    {
        Endpoint& e = m_ends[i];
        TcpState st = e.conn->State();
        if (st == TcpState::CLOSED)
        {
            return;
        }
        if (e.queued < e.toSend.size())
        {
            e.queued += e.conn->Send(e.toSend.data() + e.queued, e.toSend.size() - e.queued, m_now);
        }
        std::vector<uint8_t> buf(4096);
        while (size_t n = e.conn->Receive(buf.data(), buf.size(), m_now))
        {
            e.received.insert(e.received.end(), buf.begin(), buf.begin() + n);
        }
        bool established = st != TcpState::SYN_SENT && st != TcpState::SYN_RCVD;
        if (established && e.queued == e.toSend.size() && !e.closeCalled)
        {
            e.closeCalled = true;
            e.conn->Close(m_now);
        }
    }

    void Transmit(int to, TcpSegment s)
    {
        bool lost = Uniform() < m_params.loss;
        if (std::getenv("TCP_TRACE"))
        {
            std::cout << std::chrono::duration<double>(m_now).count() << " " << (1 - to) << "->"
                      << to << " " << s.Describe() << (lost ? " LOST" : "") << " state "
                      << ToString(m_ends[1 - to].conn->State()) << "\n";
        }
        if (lost)
        {
            return;
        }
        auto jitter = std::chrono::duration_cast<TcpTime>(m_params.jitter * Uniform());
        Schedule(m_now + m_params.delay + jitter, [this, to, s]() { Arrive(to, s); });
    }

    void Arrive(int to, const TcpSegment& s)
    {
        Endpoint& e = m_ends[to];
        if (to == 1 && e.conn->State() == TcpState::CLOSED && s.Has(TcpSegment::SYN) &&
            !s.Has(TcpSegment::ACK) && !m_accepted)
        {
            m_accepted = true; // the listener hands the SYN to a fresh connection
            e.conn->AcceptSyn(s, m_now);
        }
        else
        {
            e.conn->OnSegment(s, m_now);
        }
        Process(to);
    }

    LinkParams m_params;
    std::mt19937 m_rng;
    TcpConfig m_config;
    std::array<Endpoint, 2> m_ends;
    std::priority_queue<Item> m_queue;
    uint64_t m_order{0};
    TcpTime m_now{0};
    bool m_accepted{false};
};

void
RunAndCheck(const LinkParams& p)
{
    Loopback link(p);
    link.Run();
    for (int i = 0; i < 2; ++i)
    {
        const auto& st = link.End(i).conn->GetStats();
        std::cout << "end " << i << ": segments " << st.segmentsSent << ", retransmissions "
                  << st.retransmissions << ", RTOs " << st.rtoExpirations << ", finished at "
                  << std::chrono::duration<double>(link.Now()).count() << " s\n";
    }
    for (int i = 0; i < 2; ++i)
    {
        Endpoint& e = link.End(i);
        const Endpoint& peer = link.End(1 - i);
        SCOPED_TRACE("end " + std::to_string(i));
        EXPECT_EQ(e.queued, e.toSend.size());
        ASSERT_EQ(e.received.size(), peer.toSend.size());
        EXPECT_TRUE(e.received == peer.toSend) << "bytes differ";
        EXPECT_EQ(e.conn->State(), TcpState::CLOSED);
        EXPECT_EQ(e.closedEvents, 1);
        EXPECT_EQ(e.outcome, TcpOutcome::CLOSED_NORMALLY) << ToString(e.outcome);
    }
}

TEST(TcpLoopback, CleanLinkTransfersBothWaysAndCloses)
{
    RunAndCheck(LinkParams{1, 0.0, 10ms, 0ms, 200000});
}

TEST(TcpLoopback, LossyReorderingLinkTransfersExactBytes)
{
    RunAndCheck(LinkParams{42, 0.05, 10ms, 8ms, 200000});
}

TEST(TcpLoopback, OneMegabyteAtTwentyPercentLoss)
{
    LinkParams p{2024, 0.20, 10ms, 5ms, 1000000};
    p.receiveBufferBytes = 65536;
    p.sendBufferBytes = 65536;
    RunAndCheck(p);
}

TEST(TcpLoopback, HeavyLossStillDeliversExactBytes)
{
    RunAndCheck(LinkParams{7, 0.20, 5ms, 10ms, 50000});
}

} // namespace
} // namespace test
} // namespace handshake
} // namespace ns3

namespace ns3
{
namespace handshake
{
namespace test
{
namespace
{

// A handful of further fixed seeds at mixed loss rates: cheap, and each one exercises other paths.
class TcpLoopbackSeeds : public ::testing::TestWithParam<uint32_t>
{
};

TEST_P(TcpLoopbackSeeds, ExactBytesAndNormalClose)
{
    uint32_t seed = GetParam();
    double loss = 0.02 + 0.03 * (seed % 8); // 2% .. 23%
    RunAndCheck(LinkParams{seed, loss, 3ms, 6ms, 60000});
}

// Small receive buffers (zero windows and persist probes under loss), no delayed ACKs, no scaling.
TEST_P(TcpLoopbackSeeds, TinyReceiveBufferNoDelayedAckNoScaling)
{
    uint32_t seed = GetParam();
    LinkParams p{seed, 0.02 * (seed % 6), 4ms, 4ms, 30000};
    p.receiveBufferBytes = 1000 + 700 * (seed % 5);
    p.sendBufferBytes = 3000;
    p.delayedAck = 0ms;
    p.windowScale = 0;
    RunAndCheck(p);
}

INSTANTIATE_TEST_SUITE_P(FixedSeeds, TcpLoopbackSeeds, ::testing::Range<uint32_t>(100, SEED_COUNT));

} // namespace
} // namespace test
} // namespace handshake
} // namespace ns3
