/*
 * Every tunable of one connection, with its default and where the default comes from. The ns-3
 * adapter fills it from Attributes; profiles (Linux-like, RFC) are sets of these values.
 * Part of the sans-I/O core: no ns-3 dependency.
 */
#ifndef HANDSHAKE_TCP_CONFIG_H
#define HANDSHAKE_TCP_CONFIG_H

#include <chrono>
#include <cstdint>

namespace ns3
{
namespace handshake
{

/** Simulation time as the core sees it: nanoseconds since the start of the simulation. */
using TcpTime = std::chrono::nanoseconds;

struct TcpConfig
{
    /** Our MSS, announced on SYN (RFC 9293 3.7.1): 1500-byte MTU minus 40 bytes of headers. */
    uint16_t mss{1460};
    /** Send buffer, bytes: Send() accepts data up to this much unacknowledged + unsent. */
    uint32_t sendBufferBytes{131072};
    /** Receive buffer, bytes: bounds the advertised window and out-of-order storage. */
    uint32_t receiveBufferBytes{131072};
    /** RFC 6298 2.1: initial RTO 1 s. */
    TcpTime initialRto{std::chrono::seconds(1)};
    /** RFC 6298 2.4: RTO is rounded up to 1 s (Linux uses 200 ms). */
    TcpTime minRto{std::chrono::seconds(1)};
    /** RFC 6298 2.5: a maximum value may be placed on RTO provided it is at least 60 s. */
    TcpTime maxRto{std::chrono::seconds(60)};
    /** RFC 6298 2.2: clock granularity G in RTO = SRTT + max(G, 4 * RTTVAR) (Linux: 1 jiffy). */
    TcpTime clockGranularity{std::chrono::milliseconds(1)};
    /** SYN retransmissions before connect fails with a timeout (Linux tcp_syn_retries = 6). */
    uint32_t synRetries{6};
    /** SYN-ACK retransmissions of a passive open before it is given up (Linux tcp_synack_retries
     *  = 5: SYN-ACKs at 0, 1, 3, 7, 15 and 31 s, given up at 63 s). */
    uint32_t synAckRetries{5};
    /** Data/FIN retransmissions before the connection is aborted (Linux tcp_retries2 = 15). */
    uint32_t dataRetries{15};
    /** Maximum segment lifetime; TIME_WAIT lasts 2 x MSL (RFC 9293 3.4.2: MSL = 2 minutes). */
    TcpTime msl{std::chrono::seconds(120)};
    /** Initial congestion window in segments (RFC 5681 3.1 allows up to 4 for MSS 1095..2190 bytes;
     *  RFC 6928 raises it to 10, as Linux does). */
    uint32_t initialCwndSegments{10};
    /** Initial slow-start threshold, bytes (RFC 5681 3.1: arbitrarily high). */
    uint32_t initialSsthresh{0xFFFFFFFF};
    /** Persist timer bounds for zero-window probes (RFC 9293 3.8.6.1; RTO-based back-off). */
    TcpTime persistMin{std::chrono::milliseconds(200)};
    TcpTime persistMax{std::chrono::seconds(60)};
    /** Delayed ACK timeout (RFC 9293 3.8.6.3: SHOULD be less than 0.5 s); 0 disables delayed ACKs. */
    TcpTime delayedAckTimeout{std::chrono::milliseconds(40)};
    /** Window scale shift we offer (RFC 7323); 0 offers none. */
    uint8_t windowScale{2};
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_CONFIG_H
