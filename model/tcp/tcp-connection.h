/*
 * One TCP connection: the RFC 9293 state machine as a plain C++ object (sans-I/O, see STYLE.md).
 * Segments and timer firings go in, together with the current time; segments to send, timers to
 * arm and events to report come out in Actions(). It never reads a clock, never touches ns-3.
 *
 * Addresses are not its business: the adapter demultiplexes by 4-tuple and computes checksums;
 * the connection only knows its two ports.
 */
#ifndef HANDSHAKE_TCP_CONNECTION_H
#define HANDSHAKE_TCP_CONNECTION_H

#include "tcp-actions.h"
#include "tcp-config.h"
#include "tcp-segment.h"
#include "tcp-state.h"
#include "tcp-time-wait.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

namespace ns3
{
namespace handshake
{

class TcpCongestionControl;

class TcpConnection
{
  public:
    /**
     * A connection in CLOSED between \p localPort and \p remotePort, whose initial send sequence
     * number is \p iss (chosen by the caller per RFC 6528).
     */
    TcpConnection(const TcpConfig& config, uint16_t localPort, uint16_t remotePort, uint32_t iss);
    ~TcpConnection();
    TcpConnection(const TcpConnection&) = delete;
    TcpConnection& operator=(const TcpConnection&) = delete;

    // ---- opening ---------------------------------------------------------------------------
    /** Active open (RFC 9293 3.10.1): CLOSED -> SYN_SENT, emits the SYN, arms RETRANSMIT. */
    void Connect(TcpTime now);
    /**
     * Passive open for a SYN that reached a listener (RFC 9293 3.10.7.2): CLOSED -> SYN_RCVD,
     * emits the SYN-ACK. The listener itself (queues, limits) is the caller's.
     */
    void AcceptSyn(const TcpSegment& syn, TcpTime now);
    /**
     * Passive open on the connection itself (RFC 9293 3.10.1): CLOSED -> LISTEN. A SYN then given
     * to OnSegment behaves as AcceptSyn, and a RST in SYN_RCVD returns to LISTEN (RFC 9293
     * 3.10.7.4). Optional: the adapter's listener may use AcceptSyn on fresh connections instead.
     */
    void Listen(TcpTime now);
    /**
     * SYN cookies (RFC 4987 3.6), first half: the SYN-ACK that answers \p syn without keeping a
     * connection, with ISS \p cookie, our MSS option and no window scale option (nothing is kept
     * to honour one). Counts nowhere: no connection exists.
     */
    static TcpSegment StatelessSynAck(const TcpConfig& config, const TcpSegment& syn, uint32_t cookie);
    /**
     * SYN cookies, second half: passive open from the ACK \p ack that returned a valid cookie. The
     * connection, constructed with iss = SEG.ACK - 1, is rebuilt as if it had sent that SYN-ACK to
     * a SYN with sequence number SEG.SEQ - 1 and MSS \p peerMss (the cookie's), then \p ack is
     * processed as in SYN_RCVD: CLOSED -> SYN_RCVD -> ESTABLISHED, data and FIN included.
     */
    void AcceptCookie(const TcpSegment& ack, uint16_t peerMss, TcpTime now);

    // ---- the four inputs -------------------------------------------------------------------
    /** A segment for this connection arrived (RFC 9293 3.10.7). */
    void OnSegment(const TcpSegment& segment, TcpTime now);
    /** A timer armed through Actions() fired. Stale firings (cancelled kinds) are ignored. */
    void OnTimer(TcpTimerKind kind, TcpTime now);
    /**
     * When timer \p kind is due (its last request), or nothing when it is not armed. An adapter
     * may keep a timer's event when the timer moves later and ask again when the event fires.
     */
    std::optional<TcpTime> TimerDeadline(TcpTimerKind kind) const;
    /**
     * The application queues bytes (RFC 9293 3.10.2). Returns how many were accepted: up to the
     * free send-buffer space; 0 when the send side is shut or the state does not allow sending.
     */
    size_t Send(const uint8_t* data, size_t length, TcpTime now);
    /** The application reads up to \p maxLength in-order bytes; returns how many were copied. */
    size_t Receive(uint8_t* buffer, size_t maxLength, TcpTime now);

    // ---- closing ---------------------------------------------------------------------------
    /** No more data from us (RFC 9293 3.10.4): a FIN follows the queued data; receiving goes on. */
    void Close(TcpTime now);
    /**
     * The application has let go of the connection and reads no more (ns3::Socket::Close, Linux
     * close() after or instead of shutdown()): once in FIN_WAIT_2, the connection waits
     * TcpConfig::finTimeout for the peer's FIN, then ends TIMED_OUT with nothing sent (Linux
     * tcp_fin_timeout; a FIN_WAIT_2 peer that vanished would hold it for ever otherwise).
     */
    void Orphan(TcpTime now);
    /**
     * In TIME_WAIT with nothing pending but the time-wait timeout (no other timer armed, nothing
     * left to read or held out of order, every action drained): the small state that keeps TIME-WAIT's rules
     * (TcpTimeWait), so that the adapter may free this connection. Nothing otherwise. The
     * connection itself is left as it was.
     */
    std::optional<TcpTimeWait> CompactTimeWait() const;
    /** Abort (RFC 9293 3.10.5): RST to the peer where the state calls for one, then CLOSED. */
    void Abort(TcpTime now);
    /**
     * Our host crashed or rebooted and lost this connection's memory (RFC 9293 3.5.1): CLOSED at
     * once with outcome LOST, every timer cancelled, nothing sent. The peer learns of it from the
     * RST its next segment gets (figure 10) or from our new SYN on the same ports (figure 9).
     */
    void Forget(TcpTime now);

    // ---- observation -----------------------------------------------------------------------
    /** What the last calls produced; the caller processes and clears it. */
    TcpActions& Actions();
    TcpState State() const;
    /** Bytes readable in order right now. */
    size_t BytesReadable() const;
    /** Free space in the send buffer. */
    size_t SendSpace() const;
    /** True once the peer's FIN has been received and all bytes before it read. */
    bool PeerFinished() const;
    /** The peer's MSS from its SYN (536 when it sent none, RFC 9293 3.7.1). */
    uint16_t PeerMss() const;
    uint16_t LocalPort() const;
    uint16_t RemotePort() const;
    uint32_t Iss() const;
    /** Counters for traces and records. */
    struct Stats
    {
        uint64_t segmentsSent{0};
        uint64_t segmentsReceived{0};
        uint64_t retransmissions{0};
        uint64_t rtoExpirations{0};
        uint64_t bytesSent{0};      //!< payload bytes handed to the wire, retransmissions included
        uint64_t bytesDelivered{0}; //!< in-order payload bytes read by the application
        uint64_t bytesBeyondWindow{0}; //!< received text dropped: beyond the receive buffer's room
        uint64_t pawsDrops{0}; //!< old duplicates dropped by PAWS (RFC 7323 5)
        uint64_t tailLossProbes{0}; //!< RFC 8985 7
        uint64_t tailLossProbeRecoveries{0}; //!< probes that repaired a loss (7.4.2; Linux's
                                             //!< TCPLossProbeRecovery): cwnd reduced
    };
    const Stats& GetStats() const;
    /** Current smoothed RTT and RTO (RFC 6298), zero SRTT before the first sample. */
    TcpTime Srtt() const;
    TcpTime Rto() const;
    uint32_t CongestionWindow() const;
    /** Bytes in flight: RFC 6675's pipe with SACK, else SND.MAX - SND.UNA. */
    uint32_t BytesInFlight() const;
    /** The latest RTT sample, if any. */
    std::optional<TcpTime> LatestRtt() const;
    TcpCongState CongState() const;
    /** Sequence variables (RFC 9293 3.3.1) and buffer occupancy, read-only: for tests and fuzzers. */
    struct Variables
    {
        uint32_t sndUna;
        uint32_t sndNxt;
        uint32_t sndMax; //!< highest sequence number sent (BSD's snd_max)
        uint32_t sndWnd; //!< the peer's window, scaled
        uint32_t irs;
        uint32_t rcvNxt;
        size_t sendBuffered;    //!< queued and not yet acknowledged
        size_t outOfOrderBytes; //!< received beyond a gap, not yet readable
        size_t sendCapacity;    //!< the send buffer's size now (auto-tuned)
        size_t receiveCapacity; //!< the receive buffer's size now (auto-tuned)
    };
    Variables GetVariables() const;

    /**
     * Replaces the congestion control strategy (default: Reno, RFC 5681). Call before Connect,
     * Listen or AcceptSyn; ignored (and \p cc dropped) once the connection has left CLOSED.
     */
    void SetCongestionControl(std::unique_ptr<TcpCongestionControl> cc);
    /** The strategy in use, e.g. for its Name() or Ssthresh(). */
    const TcpCongestionControl& CongestionControl() const;

  private:
    struct Impl; //!< state, buffers, RTO estimator and congestion control live in model/tcp/*.cc
    std::unique_ptr<Impl> m_impl;
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_CONNECTION_H
