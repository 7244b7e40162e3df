#include "tcp-negotiated-options.h"

#include <algorithm>

namespace ns3
{
namespace handshake
{

uint8_t
TcpNegotiatedOptions::OfferedShift(const TcpConfig& config)
{
    if (config.windowScale == 0)
    {
        return 0;
    }
    // Linux tcp_select_initial_window: a shift large enough for the largest the receive buffer
    // may grow to, at least the configured one, at most 14 (RFC 7323 2.3).
    uint32_t largest = std::max(config.receiveBufferBytes, config.receiveBufferMaxBytes);
    uint8_t shift = std::min(config.windowScale, MAX_WINDOW_SHIFT);
    while (shift < MAX_WINDOW_SHIFT && (uint64_t{0xFFFF} << shift) < largest)
    {
        shift++;
    }
    return shift;
}

uint16_t
TcpNegotiatedOptions::PeerMss(const TcpConfig& config, const TcpSegment& syn)
{
    // RFC 9293 3.7.1: 536 when the SYN has no MSS option. An MSS of 0 would leave us unable to
    // send a byte, with no timer running to notice: treat it as absent, as Linux does.
    if (syn.mss.value_or(0) == 0)
    {
        return DEFAULT_PEER_MSS;
    }
    // Linux __tcp_mtu_to_mss: never below tcp_min_snd_mss (CVE-2019-11479).
    return std::max(*syn.mss, config.minSendMss);
}

TcpNegotiatedOptions
TcpNegotiatedOptions::FromPeerSyn(const TcpConfig& config, const TcpSegment& syn)
{
    TcpNegotiatedOptions options;
    options.peerMss = PeerMss(config, syn);
    // RFC 7323 2.2: scaling is on only if both SYNs carry the option.
    if (syn.windowScale && config.windowScale > 0)
    {
        options.sndShift = std::min(*syn.windowScale, MAX_WINDOW_SHIFT);
        options.rcvShift = OfferedShift(config);
    }
    options.sack = config.sack && syn.sackPermitted;             // RFC 2018 2
    options.timestamps = config.timestamps && syn.timestamp.has_value(); // RFC 7323 3.2
    return options;
}

} // namespace handshake
} // namespace ns3
