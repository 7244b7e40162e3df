#include "tcp-negotiated-options.h"

#include <algorithm>

namespace ns3
{
namespace handshake
{

TcpNegotiatedOptions
TcpNegotiatedOptions::FromPeerSyn(const TcpConfig& config, const TcpSegment& syn)
{
    TcpNegotiatedOptions options;
    // RFC 9293 3.7.1: 536 when the SYN has no MSS option. An MSS of 0 would leave us unable to
    // send a byte, with no timer running to notice: treat it as absent, as Linux does.
    options.peerMss = syn.mss.value_or(0) > 0 ? *syn.mss : DEFAULT_PEER_MSS;
    // RFC 7323 2.2: scaling is on only if both SYNs carry the option.
    if (syn.windowScale && config.windowScale > 0)
    {
        options.sndShift = std::min(*syn.windowScale, MAX_WINDOW_SHIFT);
        options.rcvShift = std::min(config.windowScale, MAX_WINDOW_SHIFT);
    }
    options.sack = config.sack && syn.sackPermitted;             // RFC 2018 2
    options.timestamps = config.timestamps && syn.timestamp.has_value(); // RFC 7323 3.2
    return options;
}

} // namespace handshake
} // namespace ns3
