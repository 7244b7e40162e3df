/*
 * Every tunable of one connection. A default-constructed TcpConfig is the Linux profile (Linux
 * 6.x's defaults, the sysctl or constant each comes from named); tcp-profile.cc derives the RFC
 * profile from it. doc/tcp-core.rst has the table of both. The ns-3 adapter starts from the
 * profile and overrides what a user set explicitly through Attributes.
 * Part of the sans-I/O core: no ns-3 dependency.
 */
#ifndef HANDSHAKE_TCP_CONFIG_H
#define HANDSHAKE_TCP_CONFIG_H

#include <chrono>
#include <cstdint>
#include <string>

namespace ns3
{
namespace handshake
{

/** Simulation time as the core sees it: nanoseconds since the start of the simulation. */
using TcpTime = std::chrono::nanoseconds;

/** How losses are detected once SACK is on (without SACK: duplicate ACKs, RFC 5681/6582). */
enum class TcpLossRecovery : uint8_t
{
    RACK_TLP, //!< RFC 8985: time-based (Linux's default since 4.18)
    RFC6675,  //!< RFC 6675: DupThresh SACKed segments above a hole
};

struct TcpConfig
{
    /** Our MSS, announced on SYN (RFC 9293 3.7.1): 1500-byte MTU minus 40 bytes of headers. */
    uint16_t mss{1460};
    /** The smallest MSS we segment to, whatever the peer's SYN announces: Linux
     *  tcp_min_snd_mss = 48 (CVE-2019-11479: an MSS of 1 would cost a segment per byte). RFC 9293
     *  sets no floor; both profiles keep Linux's. */
    uint16_t minSendMss{48};
    /** Send buffer, bytes: Send() accepts data up to this much unacknowledged + unsent
     *  (Linux tcp_wmem's default 16 KB grows by autotuning; we start where it usually ends up). */
    uint32_t sendBufferBytes{131072};
    /** Receive buffer, bytes: bounds the advertised window and out-of-order storage
     *  (Linux tcp_rmem's default, 131072). */
    uint32_t receiveBufferBytes{131072};
    /** Receive-buffer auto-tuning bound (Linux tcp_rmem[2], 6 MB): dynamic right-sizing grows the
     *  buffer toward what the application reads per RTT; equal to receiveBufferBytes: fixed. */
    uint32_t receiveBufferMaxBytes{6291456};
    /** Send-buffer growth bound (Linux tcp_wmem[2], 4 MB): the buffer follows twice the
     *  congestion window; equal to sendBufferBytes: fixed. */
    uint32_t sendBufferMaxBytes{4194304};
    /** RFC 6298 2.1: initial RTO 1 s (Linux TCP_TIMEOUT_INIT). */
    TcpTime initialRto{std::chrono::seconds(1)};
    /** Lower bound of the RTO: Linux TCP_RTO_MIN, 200 ms (RFC 6298 2.4 says 1 s). */
    TcpTime minRto{std::chrono::milliseconds(200)};
    /** Where minRto applies. true: as Linux's tcp_rtt_estimator, to the variance term, so that
     *  RTO = SRTT + max(4 * mdev, minRto) (the deviation's maximum over the last window of data,
     *  decaying by 1/4 per window; a falling RTT moves it by 1/32); false: RFC 6298, RTO =
     *  max(minRto, SRTT + 4 * RTTVAR) (2.4). */
    bool minRtoInVariance{true};
    /** Upper bound of the RTO: Linux TCP_RTO_MAX, 120 s (RFC 6298 2.5: at least 60 s). */
    TcpTime maxRto{std::chrono::seconds(120)};
    /** RFC 6298 2.2: clock granularity G in RTO = SRTT + max(G, 4 * RTTVAR) (Linux: 1 jiffy). */
    TcpTime clockGranularity{std::chrono::milliseconds(1)};
    /** SYN retransmissions before connect fails with a timeout (Linux tcp_syn_retries = 6). */
    uint32_t synRetries{6};
    /** SYN-ACK retransmissions of a passive open before it is given up (Linux tcp_synack_retries
     *  = 5: SYN-ACKs at 0, 1, 3, 7, 15 and 31 s, given up at 63 s). */
    uint32_t synAckRetries{5};
    /** Data/FIN retransmissions before the connection is aborted (Linux tcp_retries2 = 15). */
    uint32_t dataRetries{15};
    /** Maximum segment lifetime; TIME_WAIT lasts 2 x MSL: Linux TCP_TIMEWAIT_LEN = 60 s
     *  (RFC 9293 3.4.2: MSL = 2 minutes). */
    TcpTime msl{std::chrono::seconds(30)};
    /** How long a connection the application has closed waits in FIN_WAIT_2 for the peer's FIN
     *  before it is dropped (Linux tcp_fin_timeout = 60 s; RFC 9293 has no such limit: 0 = none). */
    TcpTime finTimeout{std::chrono::seconds(60)};
    /** Initial congestion window in segments (RFC 6928 and Linux TCP_INIT_CWND: 10). */
    uint32_t initialCwndSegments{10};
    /** Initial slow-start threshold, bytes (RFC 5681 3.1: arbitrarily high). */
    uint32_t initialSsthresh{0xFFFFFFFF};
    /** Persist timer bounds for zero-window probes (RFC 9293 3.8.6.1; RTO-based back-off,
     *  Linux: TCP_RTO_MIN to TCP_RTO_MAX). */
    TcpTime persistMin{std::chrono::milliseconds(200)};
    TcpTime persistMax{std::chrono::seconds(120)};
    /** Delayed ACK timeout (Linux TCP_DELACK_MIN, 40 ms; RFC 9293 3.8.6.3: less than 0.5 s);
     *  0 disables delayed ACKs. */
    TcpTime delayedAckTimeout{std::chrono::milliseconds(40)};
    /** Quick ACKs at the start of the transfer: every data segment is acknowledged at once for
     *  up to this many segments (Linux TCP_MAX_QUICKACKS = 16); 0: none. */
    uint32_t quickAcks{16};
    /** Open the advertised window gradually, as Linux's rcv_ssthresh (tcp_grow_window): it
     *  starts at the SYN's (64 KB, a whole number of MSS) and grows by up to two segments per
     *  data segment received while the buffer has room, each step ACKed at once; false: the whole
     *  free buffer at once (RFC 9293 3.8.6.2.2). */
    bool receiveWindowGrowth{true};
    /** Part of the receive buffer offered as window. Linux counts buffer memory by skb truesize,
     *  so its window is scaling_ratio/256 of the buffer (tcp_win_from_space): 158/256 for
     *  1448-byte segments, as on the reference captures (doc/fidelity.rst); dynamic right-sizing
     *  grows the buffer by the inverse (tcp_space_from_win). 1: the whole buffer (RFC 9293). */
    double receiveWindowShare{158.0 / 256.0};
    /** SACK compression (Linux tcp_comp_sack_delay_ns = 1 ms): after three immediate ACKs for
     *  one RCV.NXT, further out-of-order segments are ACKed together after min(this, SRTT/20),
     *  or after 44 of them (tcp_comp_sack_nr); 0: each at once (RFC 5681 4.2). */
    TcpTime sackCompressionDelay{std::chrono::milliseconds(1)};
    /** Window scale shift we offer (RFC 7323 2): Linux picks 7 for tcp_rmem's 6 MB maximum;
     *  0 offers none. */
    uint8_t windowScale{7};
    /** Offer and use SACK (RFC 2018) and D-SACK (RFC 2883): Linux tcp_sack = 1, tcp_dsack = 1. */
    bool sack{true};
    /** Offer and use timestamps (RFC 7323 3-5): Linux tcp_timestamps = 1. */
    bool timestamps{true};
    /** Send small segments at once (TCP_NODELAY); false runs Nagle's algorithm (RFC 896, with
     *  Minshall's refinement as Linux). Linux's default: Nagle on. */
    bool noDelay{false};
    /** Congestion control by name: "Cubic" (Linux's default) or "NewReno". */
    std::string congestionControl{"Cubic"};
    /** Loss detection with SACK: RACK-TLP, tail loss probes included (RFC 8985; Linux
     *  tcp_recovery = 1, tcp_early_retrans = 3), or RFC 6675. */
    TcpLossRecovery lossRecovery{TcpLossRecovery::RACK_TLP};
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_CONFIG_H
