/*
 * What the sans-I/O core asks of the world after each call: segments to send, timers to arm or cancel,
 * and events to report. The ns-3 adapter turns them into Ipv4 sends, Simulator::Schedule and Socket
 * callbacks; unit tests inspect them directly.
 */
#ifndef HANDSHAKE_TCP_ACTIONS_H
#define HANDSHAKE_TCP_ACTIONS_H

#include "tcp-config.h"
#include "tcp-segment.h"
#include "tcp-state.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace handshake
{

/** One timer of a connection; each kind is armed at most once at a time. */
enum class TcpTimerKind : uint8_t
{
    RETRANSMIT, //!< RFC 6298 retransmission timer (SYN, data, FIN)
    PERSIST,    //!< zero-window probe timer (RFC 9293 3.8.6.1)
    DELAYED_ACK,
    TIME_WAIT, //!< 2 x MSL (RFC 9293 3.10.7.4)
    REORDER,   //!< RACK's reordering timer (RFC 8985 6.3)
    PROBE,     //!< tail loss probe timeout, PTO (RFC 8985 7.2)
    FIN_WAIT_2, //!< an orphaned connection's wait for the peer's FIN (Linux tcp_fin_timeout)
};
constexpr int TCP_TIMER_KINDS = 7;

struct TcpTimerRequest
{
    TcpTimerKind kind;
    bool arm;       //!< true: (re)arm to fire at `deadline`; false: cancel
    TcpTime deadline{0};
};

/** Loss recovery state, as ns-3's TcpSocketState::TcpCongState_t and Linux's ca_state. */
enum class TcpCongState : uint8_t
{
    OPEN = 0,     //!< no loss suspected
    DISORDER = 1, //!< SACKs or duplicate ACKs seen, nothing deemed lost
    RECOVERY = 3, //!< fast recovery (PRR)
    LOSS = 4,     //!< after a retransmission timeout
};

/** How a connection ended; exactly one per connection (shared/DESIGN.md). */
enum class TcpOutcome : uint8_t
{
    CLOSED_NORMALLY, //!< both FINs exchanged and acknowledged (after TIME_WAIT or LAST_ACK)
    RESET,           //!< a valid RST was received
    ABORTED,         //!< we sent a RST (application Abort, or a bad segment in a synchronized state)
    TIMED_OUT,       //!< SYN or data retry limit reached
    REFUSED,         //!< RST in answer to our SYN (connect to a closed port)
    LOST,            //!< our host crashed: the state was forgotten, nothing sent (RFC 9293 3.5.1)
};

const char* ToString(TcpOutcome outcome);

struct TcpEvent
{
    enum Kind : uint8_t
    {
        STATE_CHANGED,   //!< from -> to
        ESTABLISHED,     //!< the handshake completed (both open kinds)
        DATA_READABLE,   //!< in-order bytes are waiting in the receive buffer
        SEND_SPACE,      //!< the send buffer has room again
        PEER_CLOSED,     //!< the peer's FIN arrived in order: end of the byte stream
        RETRANSMISSION,  //!< a segment was sent again (seq in `value`)
        TAIL_LOSS_PROBE, //!< a tail loss probe was sent (seq in `value`, RFC 8985 7.3)
        CONG_STATE,      //!< loss recovery state changed (TcpCongState in `value`)
        RTO_EXPIRED,     //!< the retransmission timer fired (backoff count in `value`)
        CLOSED,          //!< the connection is over; `outcome` says how; no more actions follow
    };

    Kind kind;
    TcpState from{TcpState::CLOSED};
    TcpState to{TcpState::CLOSED};
    TcpOutcome outcome{TcpOutcome::CLOSED_NORMALLY};
    uint32_t value{0};
};

/** Everything one call produced, in order. The caller drains it after each call. */
struct TcpActions
{
    std::vector<TcpSegment> segments;
    std::vector<TcpTimerRequest> timers;
    std::vector<TcpEvent> events;

    bool Empty() const { return segments.empty() && timers.empty() && events.empty(); }
    void Clear()
    {
        segments.clear();
        timers.clear();
        events.clear();
    }
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_ACTIONS_H
