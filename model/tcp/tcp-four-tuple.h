/*
 * The identity of a TCP connection: local and remote address and port. The one place where the
 * adapter's address handling lives: addresses are kept as raw bytes (4 for IPv4, 16 for IPv6) so
 * the demux, the ISN generator and the port allocator are ready for IPv6. Plain C++, no ns-3.
 */
#ifndef HANDSHAKE_TCP_FOUR_TUPLE_H
#define HANDSHAKE_TCP_FOUR_TUPLE_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace ns3
{
namespace handshake
{

/** An IPv4 or IPv6 address as network-order bytes; all zero (the length kept) is the wildcard. */
struct TcpAddressBytes
{
    std::array<uint8_t, 16> bytes{};
    uint8_t length{4}; //!< 4 (IPv4) or 16 (IPv6)

    bool IsAny() const
    {
        for (uint8_t i = 0; i < length; ++i)
        {
            if (bytes[i] != 0)
            {
                return false;
            }
        }
        return true;
    }
    bool operator==(const TcpAddressBytes& o) const
    {
        return length == o.length && std::memcmp(bytes.data(), o.bytes.data(), length) == 0;
    }
    bool operator!=(const TcpAddressBytes& o) const { return !(*this == o); }
};

struct TcpFourTuple
{
    TcpAddressBytes localAddress;
    uint16_t localPort{0};
    TcpAddressBytes remoteAddress;
    uint16_t remotePort{0};

    bool operator==(const TcpFourTuple& o) const
    {
        return localPort == o.localPort && remotePort == o.remotePort &&
               localAddress == o.localAddress && remoteAddress == o.remoteAddress;
    }

    /** The tuple serialized as bytes (local addr, local port, remote addr, remote port). */
    size_t Serialize(uint8_t* out) const
    {
        size_t n = 0;
        std::memcpy(out + n, localAddress.bytes.data(), localAddress.length);
        n += localAddress.length;
        out[n++] = static_cast<uint8_t>(localPort >> 8);
        out[n++] = static_cast<uint8_t>(localPort);
        std::memcpy(out + n, remoteAddress.bytes.data(), remoteAddress.length);
        n += remoteAddress.length;
        out[n++] = static_cast<uint8_t>(remotePort >> 8);
        out[n++] = static_cast<uint8_t>(remotePort);
        return n;
    }
    static constexpr size_t MAX_SERIALIZED = 36;
};

/** Hash for unordered containers (FNV-1a over the serialized tuple: fast, no secret needed here). */
struct TcpFourTupleHash
{
    size_t operator()(const TcpFourTuple& t) const
    {
        uint8_t buffer[TcpFourTuple::MAX_SERIALIZED];
        size_t n = t.Serialize(buffer);
        uint64_t h = 0xcbf29ce484222325ULL;
        for (size_t i = 0; i < n; ++i)
        {
            h = (h ^ buffer[i]) * 0x100000001b3ULL;
        }
        return static_cast<size_t>(h);
    }
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_FOUR_TUPLE_H
