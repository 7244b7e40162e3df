/*
 * Ephemeral port selection per RFC 6056 section 3.3.3, Algorithm 3 ("Simple Hash-Based Port
 * Selection Algorithm"): the search starts at an offset that is a keyed hash of (local address,
 * remote address, remote port), so a connection to a given peer does not reveal the ports used
 * towards other peers, while consecutive connections to one peer get consecutive ports and do not
 * collide. Plain C++, no ns-3.
 *
 * Cost: each probe is one call of the caller's in-use check (a hash lookup in the adapter). The
 * loop runs only when a port is taken, at connect time, never per packet.
 */
#ifndef HANDSHAKE_TCP_PORT_ALLOCATOR_H
#define HANDSHAKE_TCP_PORT_ALLOCATOR_H

#include "sip-hash.h"
#include "tcp-four-tuple.h"

#include <cstdint>
#include <functional>
#include <optional>

namespace ns3
{
namespace handshake
{

class TcpPortAllocator
{
  public:
    /** True when \p port cannot be used for a connection between the tuple's endpoints. */
    using InUse = std::function<bool(uint16_t port)>;

    /** RFC 6056 2.1: IANA's dynamic range 49152-65535 is the default. */
    static constexpr uint16_t DEFAULT_MIN = 49152;
    static constexpr uint16_t DEFAULT_MAX = 65535;

    explicit TcpPortAllocator(const SipHashKey& key,
                              uint16_t minPort = DEFAULT_MIN,
                              uint16_t maxPort = DEFAULT_MAX);

    void SetRange(uint16_t minPort, uint16_t maxPort);
    uint16_t MinPort() const { return m_min; }
    uint16_t MaxPort() const { return m_max; }

    /**
     * A port for a connection from \p local to \p remote:\p remotePort (the tuple's local port is
     * ignored), for which \p inUse is false; nothing when every port of the range is in use.
     */
    std::optional<uint16_t> Allocate(const TcpAddressBytes& local,
                                     const TcpAddressBytes& remote,
                                     uint16_t remotePort,
                                     const InUse& inUse);

  private:
    SipHashKey m_key;
    uint16_t m_min;
    uint16_t m_max;
    uint32_t m_nextEphemeral{0}; //!< RFC 6056 Algorithm 3's next_ephemeral
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_PORT_ALLOCATOR_H
