/*
 * What the two SYNs agreed on (RFC 9293 3.7.1, RFC 7323 2.2 and 3.2, RFC 2018 2): one value, set
 * when the peer's SYN is taken and read everywhere else.
 * Part of the sans-I/O core: no ns-3 dependency.
 */
#ifndef HANDSHAKE_TCP_NEGOTIATED_OPTIONS_H
#define HANDSHAKE_TCP_NEGOTIATED_OPTIONS_H

#include "tcp-config.h"
#include "tcp-segment.h"

#include <cstdint>

namespace ns3
{
namespace handshake
{

struct TcpNegotiatedOptions
{
    /** RFC 9293 3.7.1: the MSS to assume when the peer sent no MSS option. */
    static constexpr uint16_t DEFAULT_PEER_MSS = 536;
    /** RFC 7323 2.3: the largest shift a window scale option may carry. */
    static constexpr uint8_t MAX_WINDOW_SHIFT = 14;

    uint16_t peerMss{DEFAULT_PEER_MSS};
    uint8_t sndShift{0}; //!< the peer's window scale: applied to the windows it sends
    uint8_t rcvShift{0}; //!< ours: applied to the windows we send
    bool sack{false};       //!< both offered SACK permitted (RFC 2018 2)
    bool timestamps{false}; //!< both sent timestamps on their SYN (RFC 7323 3.2)

    /** The peer's MSS as we segment to it (RFC 9293 3.7.1): DEFAULT_PEER_MSS when \p syn has no
     *  MSS option or announces 0 (as Linux), raised to \p config's minSendMss. */
    static uint16_t PeerMss(const TcpConfig& config, const TcpSegment& syn);
    /** What our \p config and the peer's \p syn agree on. The SYN-ACK we send offers only these,
     *  so the same value holds on both sides. */
    static TcpNegotiatedOptions FromPeerSyn(const TcpConfig& config, const TcpSegment& syn);
    /** The window scale we offer: the configured shift, raised until 65535 << shift covers the
     *  largest receive buffer (auto-tuning's bound); 0 when scaling is off. */
    static uint8_t OfferedShift(const TcpConfig& config);
    /** Most SACK blocks a segment may carry next to the other options (RFC 2018 3). */
    size_t MaxSackBlocks() const { return timestamps ? 3 : TcpSegment::MAX_SACK_BLOCKS; }
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_NEGOTIATED_OPTIONS_H
