// The pure-C++ helpers of the adapter: SipHash-2-4, RFC 6528 ISNs and RFC 6056 ephemeral ports.
#include "ns3/sip-hash.h"
#include "ns3/tcp-isn-generator.h"
#include "ns3/tcp-port-allocator.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>

using namespace ns3::handshake;
using std::chrono::microseconds;
using std::chrono::seconds;

namespace
{

SipHashKey
SequentialKey(uint8_t first = 0)
{
    SipHashKey key;
    for (size_t i = 0; i < key.size(); ++i)
    {
        key[i] = static_cast<uint8_t>(first + i);
    }
    return key;
}

TcpAddressBytes
V4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    TcpAddressBytes address;
    address.bytes[0] = a;
    address.bytes[1] = b;
    address.bytes[2] = c;
    address.bytes[3] = d;
    return address;
}

TcpFourTuple
Tuple(uint16_t localPort, uint16_t remotePort, uint8_t remoteLastByte = 2)
{
    TcpFourTuple t;
    t.localAddress = V4(10, 0, 0, 1);
    t.localPort = localPort;
    t.remoteAddress = V4(10, 0, 0, remoteLastByte);
    t.remotePort = remotePort;
    return t;
}

} // namespace

TEST(SipHash, ReferenceVectorFromThePaper)
{
    // Aumasson & Bernstein, SipHash paper, Appendix A: key 00..0f, message 00..0e.
    uint8_t message[15];
    for (uint8_t i = 0; i < 15; ++i)
    {
        message[i] = i;
    }
    EXPECT_EQ(SipHash24(SequentialKey(), message, 15), 0xa129ca6149be45e5ULL);
}

TEST(SipHash, ReferenceImplementationVectorsForOtherLengths)
{
    // vectors.h of the reference implementation (github.com/veorq/SipHash), SipHash-2-4 64-bit:
    // messages 00, 00 01, ..., for lengths 0, 1 and 8.
    uint8_t message[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    EXPECT_EQ(SipHash24(SequentialKey(), message, 0), 0x726fdb47dd0e0e31ULL);
    EXPECT_EQ(SipHash24(SequentialKey(), message, 1), 0x74f839c593dc67fdULL);
    EXPECT_EQ(SipHash24(SequentialKey(), message, 8), 0x93f5f5799a932462ULL);
}

TEST(TcpIsnGenerator, SameKeyAndInputsGiveTheSameIsn)
{
    TcpIsnGenerator a(SequentialKey());
    TcpIsnGenerator b(SequentialKey());
    EXPECT_EQ(a.Generate(Tuple(49152, 80), seconds(3)), b.Generate(Tuple(49152, 80), seconds(3)));
}

TEST(TcpIsnGenerator, DiffersPerFourTupleAndPerKey)
{
    TcpIsnGenerator gen(SequentialKey());
    std::set<uint32_t> isns;
    isns.insert(gen.Generate(Tuple(49152, 80), seconds(1)));
    isns.insert(gen.Generate(Tuple(49153, 80), seconds(1)));
    isns.insert(gen.Generate(Tuple(49152, 81), seconds(1)));
    isns.insert(gen.Generate(Tuple(49152, 80, 3), seconds(1)));
    EXPECT_EQ(isns.size(), 4u);
    TcpIsnGenerator other(SequentialKey(100));
    EXPECT_NE(other.Generate(Tuple(49152, 80), seconds(1)), gen.Generate(Tuple(49152, 80), seconds(1)));
}

TEST(TcpIsnGenerator, AdvancesWithTheFourMicrosecondClock)
{
    TcpIsnGenerator gen(SequentialKey());
    uint32_t t0 = gen.Generate(Tuple(49152, 80), seconds(0));
    // RFC 6528 3 / RFC 9293 3.4.1: M ticks once every 4 microseconds.
    EXPECT_EQ(gen.Generate(Tuple(49152, 80), microseconds(3)), t0);
    EXPECT_EQ(gen.Generate(Tuple(49152, 80), microseconds(4)), t0 + 1);
    EXPECT_EQ(gen.Generate(Tuple(49152, 80), seconds(1)), t0 + 250000);
    EXPECT_EQ(TcpIsnGenerator::Clock(seconds(2)), 500000u);
}

TEST(TcpPortAllocator, StaysInTheDefaultDynamicRange)
{
    TcpPortAllocator ports(SequentialKey());
    for (int i = 0; i < 100; ++i)
    {
        auto port = ports.Allocate(V4(10, 0, 0, 1), V4(10, 0, 0, 2), 80, [](uint16_t) { return false; });
        ASSERT_TRUE(port.has_value());
        EXPECT_GE(*port, 49152);
        EXPECT_LE(*port, 65535);
    }
}

TEST(TcpPortAllocator, ConsecutiveConnectionsToOnePeerGetDistinctPorts)
{
    TcpPortAllocator ports(SequentialKey(), 50000, 50009);
    std::set<uint16_t> used;
    for (int i = 0; i < 10; ++i)
    {
        auto port = ports.Allocate(V4(10, 0, 0, 1), V4(10, 0, 0, 2), 80, [&](uint16_t p) {
            return used.count(p) > 0;
        });
        ASSERT_TRUE(port.has_value());
        EXPECT_GE(*port, 50000);
        EXPECT_LE(*port, 50009);
        used.insert(*port);
    }
    EXPECT_EQ(used.size(), 10u);
    // The range is exhausted: no port, rather than a duplicate.
    EXPECT_FALSE(ports
                     .Allocate(V4(10, 0, 0, 1), V4(10, 0, 0, 2), 80,
                               [&](uint16_t p) { return used.count(p) > 0; })
                     .has_value());
}

TEST(TcpPortAllocator, OffsetDependsOnTheKeyAndThePeer)
{
    auto never = [](uint16_t) { return false; };
    TcpPortAllocator a(SequentialKey());
    TcpPortAllocator b(SequentialKey());
    TcpPortAllocator c(SequentialKey(7));
    auto pa = a.Allocate(V4(10, 0, 0, 1), V4(10, 0, 0, 2), 80, never);
    EXPECT_EQ(pa, b.Allocate(V4(10, 0, 0, 1), V4(10, 0, 0, 2), 80, never));
    EXPECT_NE(pa, c.Allocate(V4(10, 0, 0, 1), V4(10, 0, 0, 2), 80, never));
    TcpPortAllocator d(SequentialKey());
    EXPECT_NE(pa, d.Allocate(V4(10, 0, 0, 1), V4(10, 0, 0, 9), 80, never));
}

TEST(TcpPortAllocator, RejectsAnEmptyRange)
{
    EXPECT_THROW(TcpPortAllocator(SequentialKey(), 600, 500), std::invalid_argument);
}
