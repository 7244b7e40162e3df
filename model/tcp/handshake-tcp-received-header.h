/*
 * The TCP header of a received segment, for trace sources only: its bytes, turned into an
 * ns3::TcpHeader the first time a trace asks (issue [bench]). The receive path decodes segments
 * with the core's TcpSegmentDecoder; building a TcpHeader for each would cost ns-3 an object per
 * option whether or not anything listens.
 */
#ifndef HANDSHAKE_TCP_RECEIVED_HEADER_H
#define HANDSHAKE_TCP_RECEIVED_HEADER_H

#include "tcp-header-check.h"

#include "ns3/ipv4-address.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/tcp-header.h"

#include <cstdint>
#include <optional>

namespace ns3
{

class HandshakeTcpReceivedHeader
{
  public:
    /** No header: what the traces of a segment too malformed to parse get (a default TcpHeader). */
    HandshakeTcpReceivedHeader() = default;
    /** The first \p length bytes of \p bytes, a well-formed header whose segment was accepted. */
    HandshakeTcpReceivedHeader(const uint8_t* bytes, uint32_t length);
    /**
     * A segment whose checksum failed: \p segment whole (header and payload), as ns-3 verified
     * it, so that the TcpHeader's IsChecksumOk() says false.
     */
    static HandshakeTcpReceivedHeader WithBadChecksum(Ptr<const Packet> segment,
                                                      Ipv4Address source,
                                                      Ipv4Address destination);

    /** The header as ns-3's TcpHeader::Deserialize reads the bytes; built on the first call. */
    const TcpHeader& Get() const;

    /** ns-3's TcpHeader::Deserialize of the \p length header bytes at \p bytes (well formed). */
    static TcpHeader Parse(const uint8_t* bytes, uint32_t length);

  private:
    uint8_t m_bytes[handshake::TcpHeaderCheck::MAX_HEADER_BYTES]{};
    uint32_t m_length{0};
    mutable std::optional<TcpHeader> m_header;
};

} // namespace ns3

#endif // HANDSHAKE_TCP_RECEIVED_HEADER_H
