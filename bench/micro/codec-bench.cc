// A data segment's header with options, serialised onto a packet with its checksum, then read back
// with the checksum verified: by ns-3's TcpHeader both ways (how the adapter wrote and read
// segments before issue [bench]'s fifth round), and as the adapter does now (the core's
// TcpSegmentEncoder in a HandshakeTcpSentHeader, then ReadSegment: the core's TcpSegmentDecoder).
// And the HTTP parts a request's path costs: the server's request parse (Beast) and the body
// generator filling a segment's bytes.
#include "ns3/core-module.h"
#include "ns3/handshake-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

using namespace ns3;

namespace
{

void
BM_TcpHeaderWithChecksum(benchmark::State& state)
{
    Ipv4Address source("10.0.0.2");
    Ipv4Address destination("192.168.0.1");
    std::vector<uint8_t> payload(1448, 0x42);
    for (auto _ : state)
    {
        Ptr<Packet> packet = Create<Packet>(payload.data(), payload.size());
        TcpHeader header;
        header.SetSourcePort(49153);
        header.SetDestinationPort(80);
        header.SetSequenceNumber(SequenceNumber32(1000));
        header.SetAckNumber(SequenceNumber32(2000));
        header.SetFlags(TcpHeader::ACK);
        header.SetWindowSize(502);
        Ptr<TcpOptionTS> timestamps = CreateObject<TcpOptionTS>();
        timestamps->SetTimestamp(123456);
        timestamps->SetEcho(654321);
        header.AppendOption(timestamps);
        header.EnableChecksums();
        header.InitializeChecksum(source, destination, 6);
        packet->AddHeader(header);
        TcpHeader parsed;
        parsed.EnableChecksums();
        parsed.InitializeChecksum(source, destination, 6);
        packet->RemoveHeader(parsed);
        benchmark::DoNotOptimize(parsed.IsChecksumOk());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TcpHeaderWithChecksum);

void
BM_TcpSegmentWrittenAndReadByTheAdapter(benchmark::State& state)
{
    Ipv4Address source("10.0.0.2");
    Ipv4Address destination("192.168.0.1");
    handshake::TcpSegment segment;
    segment.sourcePort = 49153;
    segment.destinationPort = 80;
    segment.seq = 1000;
    segment.ack = 2000;
    segment.flags = handshake::TcpSegment::ACK;
    segment.window = 502;
    segment.timestamp = handshake::TcpTimestampOption{123456, 654321};
    segment.payload.assign(1448, 0x42);
    handshake::TcpFourTuple tuple;
    tuple.localAddress = HandshakeTcpL4Protocol::ToBytes(source);
    tuple.localPort = segment.sourcePort;
    tuple.remoteAddress = HandshakeTcpL4Protocol::ToBytes(destination);
    tuple.remotePort = segment.destinationPort;
    for (auto _ : state)
    {
        HandshakeTcpSentHeader header(segment, tuple);
        Ptr<Packet> packet =
            Create<Packet>(segment.payload.data(), static_cast<uint32_t>(segment.payload.size()));
        packet->AddHeader(header);
        handshake::TcpSegment read;
        HandshakeTcpReceivedHeader received;
        benchmark::DoNotOptimize(
            HandshakeTcpL4Protocol::ReadSegment(packet, source, destination, read, received));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TcpSegmentWrittenAndReadByTheAdapter);

void
BM_HttpRequestParse(benchmark::State& state)
{
    const std::string request = "GET /bytes/20000 HTTP/1.1\r\nHost: server0.example\r\nUser-Agent: "
                                "handshake\r\nAccept: */*\r\nConnection: close\r\n\r\n";
    for (auto _ : state)
    {
        HttpRequestParser parser(8192, 65536);
        parser.Append(reinterpret_cast<const uint8_t*>(request.data()), request.size());
        HttpRequestParser::Request parsed;
        benchmark::DoNotOptimize(parser.Next(parsed));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HttpRequestParse);

void
BM_BodyGeneratorSegment(benchmark::State& state)
{
    HttpBodyGenerator generator("/bytes/1000000");
    std::vector<uint8_t> segment(1448);
    uint64_t offset = HttpBodyGenerator::PREFIX_BYTES; // computed: beyond the shared prefix
    for (auto _ : state)
    {
        generator.Fill(offset, segment.data(), segment.size());
        benchmark::DoNotOptimize(segment.data());
        offset += segment.size();
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * segment.size());
}
BENCHMARK(BM_BodyGeneratorSegment);

/** The same, in the first 10 kB of one body, as when many clients fetch one path: from the cache. */
void
BM_BodyGeneratorSharedPrefixSegment(benchmark::State& state)
{
    HttpBodyGenerator generator("/bytes/10000");
    std::vector<uint8_t> segment(1448);
    uint64_t offset = 0;
    for (auto _ : state)
    {
        generator.Fill(offset, segment.data(), segment.size());
        benchmark::DoNotOptimize(segment.data());
        offset = (offset + segment.size()) % (10000 - segment.size());
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * segment.size());
}
BENCHMARK(BM_BodyGeneratorSharedPrefixSegment);

} // namespace
