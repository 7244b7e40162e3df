#include "tcp-port-allocator.h"

#include <cstring>
#include <stdexcept>

namespace ns3
{
namespace handshake
{

TcpPortAllocator::TcpPortAllocator(const SipHashKey& key, uint16_t minPort, uint16_t maxPort)
    : m_key(key),
      m_min(minPort),
      m_max(maxPort)
{
    SetRange(minPort, maxPort);
}

void
TcpPortAllocator::SetRange(uint16_t minPort, uint16_t maxPort)
{
    if (minPort == 0 || minPort > maxPort)
    {
        throw std::invalid_argument("TcpPortAllocator: invalid ephemeral port range");
    }
    m_min = minPort;
    m_max = maxPort;
}

std::optional<uint16_t>
TcpPortAllocator::Allocate(const TcpAddressBytes& local,
                           const TcpAddressBytes& remote,
                           uint16_t remotePort,
                           const InUse& inUse)
{
    // RFC 6056 3.3.3: offset = F(local_IP, remote_IP, remote_port, secret_key).
    uint8_t buffer[TcpFourTuple::MAX_SERIALIZED];
    size_t n = 0;
    std::memcpy(buffer + n, local.bytes.data(), local.length);
    n += local.length;
    std::memcpy(buffer + n, remote.bytes.data(), remote.length);
    n += remote.length;
    buffer[n++] = static_cast<uint8_t>(remotePort >> 8);
    buffer[n++] = static_cast<uint8_t>(remotePort);
    const uint32_t offset = static_cast<uint32_t>(SipHash24(m_key, buffer, n));

    const uint32_t count = static_cast<uint32_t>(m_max) - m_min + 1;
    for (uint32_t tried = 0; tried < count; ++tried)
    {
        uint16_t port = static_cast<uint16_t>(m_min + (m_nextEphemeral + offset) % count);
        ++m_nextEphemeral;
        if (!inUse(port))
        {
            return port;
        }
    }
    return std::nullopt;
}

} // namespace handshake
} // namespace ns3
