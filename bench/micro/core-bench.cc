// The sans-I/O TCP core on its own (model/tcp), driven as test/unit/tcp-test-fixture.h drives it:
// an ESTABLISHED connection taking an in-order data segment (delivered, read, ACKed), and sending a
// full segment that the peer's ACK then covers. No ns-3 in the loop: the cost of our TCP rules.
#include "tcp-state-driver.h"

#include "ns3/tcp-connection.h"

#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

using namespace ns3::handshake;
using namespace ns3::handshake::test;

namespace
{

/** One connection with TcpConfig's defaults (MSS 1448), its actions taken and dropped after each call. */
class BenchHost : public TcpDriveHost
{
  public:
    BenchHost()
    {
        m_config.mss = 1448;
        m_conn = std::make_unique<TcpConnection>(m_config, LOCAL_PORT, REMOTE_PORT, LOCAL_ISS);
    }

    TcpConnection& Conn() override
    {
        return *m_conn;
    }

    TcpTime Now() const override
    {
        return m_now;
    }

    void Drain() override
    {
        sent += m_conn->Actions().segments.size();
        m_conn->Actions().Clear();
    }

    TcpTime m_now{0};
    uint64_t sent{0};

  private:
    TcpConfig m_config;
    std::unique_ptr<TcpConnection> m_conn;
};

PeerSyn
LinuxPeer()
{
    PeerSyn peer;
    peer.mss = 1448;
    peer.windowScale = 7;
    peer.sackPermitted = true;
    return peer;
}

void
BM_CoreInOrderDataSegment(benchmark::State& state)
{
    BenchHost host;
    uint32_t remoteNxt = DriveActiveOpen(host, LinuxPeer());
    const uint32_t ack = host.Conn().Iss() + 1;
    std::vector<uint8_t> payload(1448, 0x5a);
    std::vector<uint8_t> buffer(1448);
    for (auto _ : state)
    {
        host.m_now += std::chrono::microseconds(100);
        DeliverFromPeer(host, PeerSegment(TcpSegment::ACK | TcpSegment::PSH, remoteNxt, ack, payload, 65535));
        benchmark::DoNotOptimize(host.Conn().Receive(buffer.data(), buffer.size(), host.Now()));
        host.Drain();
        remoteNxt += payload.size();
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["segments_out"] = benchmark::Counter(double(host.sent) / state.iterations());
}
BENCHMARK(BM_CoreInOrderDataSegment);

void
BM_CoreSendAndAck(benchmark::State& state)
{
    BenchHost host;
    uint32_t remoteNxt = DriveActiveOpen(host, LinuxPeer());
    std::vector<uint8_t> data(1448, 0x33);
    for (auto _ : state)
    {
        host.m_now += std::chrono::microseconds(100);
        benchmark::DoNotOptimize(host.Conn().Send(data.data(), data.size(), host.Now()));
        host.Drain();
        host.m_now += std::chrono::microseconds(100);
        DeliverAckOfAll(host, remoteNxt);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CoreSendAndAck);

} // namespace
