/*
 * The private state of TcpConnection, shared by the .cc files that implement it by concern:
 * tcp-connection.cc (opening, application calls, state), tcp-connection-input.cc (segment
 * arrival, RFC 9293 3.10.7) and tcp-connection-output.cc (output and timers).
 * Not part of the adapter contract: use tcp-connection.h.
 */
#ifndef HANDSHAKE_TCP_CONNECTION_IMPL_H
#define HANDSHAKE_TCP_CONNECTION_IMPL_H

#include "tcp-congestion-control.h"
#include "tcp-connection.h"
#include "tcp-receive-buffer.h"
#include "tcp-rto-estimator.h"
#include "tcp-send-buffer.h"
#include "tcp-sequence.h"

#include <array>
#include <memory>

namespace ns3
{
namespace handshake
{

struct TcpConnection::Impl
{
    /** RFC 9293 3.7.1: the MSS to assume when the peer sent no MSS option. */
    static constexpr uint16_t DEFAULT_PEER_MSS = 536;
    /** RFC 7323 2.3: the largest shift a window scale option may carry. */
    static constexpr uint8_t MAX_WINDOW_SHIFT = 14;
    /** RFC 5681 3.2: duplicate ACKs that trigger fast retransmit. */
    static constexpr uint32_t DUP_ACK_THRESHOLD = 3;

    static int Index(TcpTimerKind kind)
    {
        return static_cast<int>(kind);
    }

    Impl(const TcpConfig& config, uint16_t localPort, uint16_t remotePort, uint32_t iss);

    // ---- inputs
    void Connect(TcpTime now);
    void AcceptSyn(const TcpSegment& syn, TcpTime now);
    void AcceptCookie(const TcpSegment& ack, uint16_t peerMss, TcpTime now);
    void Listen(TcpTime now);
    void OnSegmentListen(const TcpSegment& seg, TcpTime now);
    void ReturnToListen();
    void OnSegment(const TcpSegment& seg, TcpTime now);
    void OnTimer(TcpTimerKind kind, TcpTime now);
    size_t Send(const uint8_t* data, size_t length, TcpTime now);
    size_t Receive(uint8_t* buffer, size_t maxLength, TcpTime now);
    void Close(TcpTime now);
    void Abort(TcpTime now);
    void Forget(TcpTime now);

    // ---- segment arrival (RFC 9293 3.10.7)
    void OnSegmentSynSent(const TcpSegment& seg, TcpTime now);
    void OnSegmentSynchronized(TcpSegment seg, TcpTime now);
    bool IsAcceptable(const TcpSegment& seg) const;
    bool HandleRst(const TcpSegment& seg, TcpTime now);
    bool HandleAck(const TcpSegment& seg, TcpTime now);
    void HandleNewAck(const TcpSegment& seg, TcpTime now);
    void HandleDuplicateAck(const TcpSegment& seg, TcpTime now);
    void UpdateSendWindow(const TcpSegment& seg);
    void AfterOurFinAcked(TcpTime now);
    void HandleText(const TcpSegment& seg, TcpTime now);
    void HandleFin(TcpTime now);
    /** The passive side's part of taking a SYN (both AcceptSyn and AcceptCookie): to SYN_RCVD. */
    void TakePeerSyn(const TcpSegment& syn);
    void ReadPeerSynOptions(const TcpSegment& syn);
    void HandshakeComplete();

    // ---- timers
    void OnRetransmitTimeout(TcpTime now);
    void OnPersistTimeout(TcpTime now);
    void ArmTimer(TcpTimerKind kind, TcpTime deadline);
    void CancelTimer(TcpTimerKind kind);
    bool Armed(TcpTimerKind kind) const;
    void UpdateTimers(TcpTime now, bool restartRetransmit);
    void EnterTimeWait(TcpTime now);

    // ---- output
    void TrySend(TcpTime now);
    bool SendOneSegment(TcpTime now);
    void Transmit(uint32_t seq, uint32_t length, bool fin, TcpTime now);
    void SendSyn(TcpTime now);
    void SendAck(TcpTime now);
    void SendRst(uint32_t seq, bool withAck, uint32_t ack);
    void ScheduleAck(TcpTime now, bool immediate);
    TcpSegment MakeSegment(uint32_t seq, uint8_t flags);
    /** Ports, sequence number and flags only; counts the segment as sent. */
    TcpSegment BareSegment(uint32_t seq, uint8_t flags);
    uint16_t AdvertisedWindow(bool syn);
    void MaybeSendWindowUpdate(TcpTime now);

    // ---- state
    void SetState(TcpState to);
    void EnterClosed(TcpOutcome outcome);
    void Emit(TcpEvent::Kind kind, uint32_t value = 0);

    // ---- helpers
    uint32_t DataEndSeq() const;
    /** Queued data bytes from \p seq to the end of the send buffer. */
    uint32_t UnsentFrom(uint32_t seq) const;
    uint32_t FlightSize() const;
    uint32_t EffectiveMss() const;
    uint32_t ReceiveWindow() const;
    bool OurFinAcked() const;
    bool CanReceiveText() const;

    TcpConfig m_config;
    uint16_t m_localPort;
    uint16_t m_remotePort;
    TcpState m_state{TcpState::CLOSED};
    bool m_closedReported{false};
    bool m_activeOpen{false};
    bool m_listening{false}; //!< opened by Listen(): a reset SYN_RCVD returns to LISTEN
    TcpActions m_actions;
    TcpConnection::Stats m_stats;

    // Send sequence variables (RFC 9293 3.3.1); SND.MAX is the highest sequence number sent.
    uint32_t m_iss;
    uint32_t m_sndUna;
    uint32_t m_sndNxt;
    uint32_t m_sndMax;
    uint32_t m_sndWnd{0};
    uint32_t m_maxSndWnd{0};
    uint32_t m_sndWl1{0};
    uint32_t m_sndWl2{0};
    uint8_t m_sndShift{0};
    bool m_synAcked{false};
    bool m_synReceived{false}; //!< the peer's SYN is known: our SYN goes out as SYN,ACK
    uint16_t m_peerMss{DEFAULT_PEER_MSS};
    TcpSendBuffer m_sendBuffer;
    uint32_t m_sendBufferSeq; //!< sequence number of the send buffer's first byte
    bool m_finQueued{false};
    uint32_t m_finSeq{0};

    // Receive sequence variables.
    uint32_t m_irs{0};
    uint32_t m_rcvNxt{0};
    uint8_t m_rcvShift{0};
    uint32_t m_rcvAdvertisedEdge{0}; //!< RCV.NXT + RCV.WND as last advertised
    TcpReceiveBuffer m_receiveBuffer;
    bool m_peerFinReceived{false};
    bool m_peerFinPending{false}; //!< FIN seen beyond a gap, at m_peerFinSeq
    uint32_t m_peerFinSeq{0};
    uint32_t m_segmentsUnacked{0};
    bool m_ackNow{false}; //!< an ACK is owed at the end of this segment's processing

    // Timers, RTO, congestion control.
    std::array<bool, TCP_TIMER_KINDS> m_timerArmed{};
    std::array<TcpTime, TCP_TIMER_KINDS> m_timerDeadline{};
    TcpRtoEstimator m_rto;
    uint32_t m_retries{0};
    bool m_synTimedOut{
        false}; //!< the retransmission timer expired while our SYN was unacknowledged
    uint32_t m_persistBackoff{0};
    uint32_t m_probesUnanswered{0}; //!< zero-window probes since the peer last sent an ACK
    bool m_rttTiming{false};
    uint32_t m_rttSeq{0};
    TcpTime m_rttStart{0};
    std::unique_ptr<TcpCongestionControl> m_cc;
    uint32_t m_dupAcks{0};
    bool m_inRecovery{false};
    uint32_t m_recover{0};
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_CONNECTION_IMPL_H
