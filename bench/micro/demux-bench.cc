// The connection demux of our L4 protocol (HandshakeTcpL4Protocol: a hash table of four-tuples):
// finding a segment's connection among 1,000 and among 100,000 must cost the same (shared/DESIGN.md:
// no O(N) work per packet). The lookups go to tuples in a random order, as segments of many
// clients arrive.
#include "ns3/core-module.h"
#include "ns3/handshake-module.h"

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

using namespace ns3;
using ns3::handshake::TcpFourTuple;

namespace
{

TcpFourTuple
ClientTuple(uint32_t client)
{
    TcpFourTuple tuple;
    uint32_t local = 0xC0A80001;            // 192.168.0.1, the server
    uint32_t remote = 0x0A000000 + client;  // 10.x.y.z, the clients
    for (int i = 0; i < 4; ++i)
    {
        tuple.localAddress.bytes[i] = uint8_t(local >> (24 - 8 * i));
        tuple.remoteAddress.bytes[i] = uint8_t(remote >> (24 - 8 * i));
    }
    tuple.localPort = 80;
    tuple.remotePort = uint16_t(49152 + client % 16384);
    return tuple;
}

void
BM_DemuxLookup(benchmark::State& state)
{
    const uint32_t connections = uint32_t(state.range(0));
    Ptr<HandshakeTcpL4Protocol> l4 = CreateObject<HandshakeTcpL4Protocol>();
    Ptr<HandshakeTcpSocket> socket = CreateObject<HandshakeTcpSocket>();
    for (uint32_t i = 0; i < connections; ++i)
    {
        l4->AddConnection(ClientTuple(i), socket);
    }
    std::mt19937 random(1);
    std::vector<TcpFourTuple> order;
    for (uint32_t i = 0; i < 4096; ++i)
    {
        order.push_back(ClientTuple(random() % connections));
    }
    size_t next = 0;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(l4->HasConnection(order[next]));
        next = (next + 1) % order.size();
    }
    state.SetItemsProcessed(state.iterations());
    for (uint32_t i = 0; i < connections; ++i)
    {
        l4->RemoveConnection(ClientTuple(i));
    }
}
BENCHMARK(BM_DemuxLookup)->Arg(1000)->Arg(100000);

} // namespace

BENCHMARK_MAIN();
