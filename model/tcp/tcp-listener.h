/*
 * A listening socket's decisions (RFC 9293 3.10.7.2, LISTEN state), plain C++: what to do with
 * each segment that reaches a listener and matches no connection. The listener's queues live in
 * the ns-3 adapter (they hold sockets); their lengths, and the node's connection cap, come in with
 * each segment as a TcpListenerLoad. Segments out are returned (a RST, a SYN cookie's SYN-ACK);
 * opening a child connection is a verdict the adapter carries out with TcpConnection::AcceptSyn
 * or AcceptCookie.
 *
 * The order of the checks is Linux's (tcp_v4_rcv, tcp_conn_request): a RST is ignored; an ACK
 * may return a SYN cookie, else it is answered with a RST; a SYN is answered with a cookie when
 * cookies are due, else queued if the node's connection cap and the SYN queue allow it; anything
 * else is dropped.
 */
#ifndef HANDSHAKE_TCP_LISTENER_H
#define HANDSHAKE_TCP_LISTENER_H

#include "tcp-config.h"
#include "tcp-four-tuple.h"
#include "tcp-segment.h"
#include "tcp-syn-cookie.h"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace ns3
{
namespace handshake
{

/** When a listener answers a SYN with a cookie (Linux net.ipv4.tcp_syncookies 0, 1, 2). */
enum class TcpSynCookieMode
{
    OFF,         //!< never: SYNs beyond the SYN queue's limit are dropped
    ON_OVERFLOW, //!< when the SYN queue is full (Linux's default)
    ALWAYS,      //!< for every SYN
};

struct TcpListenerConfig
{
    uint32_t synQueueLimit{128};    //!< connections in SYN_RCVD (Linux tcp_max_syn_backlog >= 128)
    uint32_t acceptQueueLimit{128}; //!< established, not yet accepted (SOMAXCONN before 5.4)
    TcpSynCookieMode synCookies{TcpSynCookieMode::ON_OVERFLOW};
};

/** The listener's queues and the node's connection cap when a segment arrives. */
struct TcpListenerLoad
{
    size_t synQueue{0};
    size_t acceptQueue{0};
    bool connectionLimitReached{false};
};

class TcpListener
{
  public:
    enum class Verdict
    {
        IGNORE,            //!< a RST: nothing to do (3.10.7.2 "first")
        RESET,             //!< an ACK-bearing segment: send the RST in Decision::reply
        NOT_SYN,           //!< neither SYN nor ACK nor RST: drop (3.10.7.2 "fourth")
        CONNECTION_LIMIT,  //!< a SYN or cookie ACK while the node is at its connection cap: drop
        SYN_QUEUE_FULL,    //!< a SYN the SYN queue has no room for, no cookies: drop
        ACCEPT_QUEUE_FULL, //!< a valid cookie ACK but no room to accept it: drop, as Linux does
        OPEN,              //!< a SYN to queue: a child connection takes it with AcceptSyn
        SEND_COOKIE,       //!< a SYN to answer statelessly: send CookieSynAck(...)
        OPEN_FROM_COOKIE,  //!< an ACK returned a valid cookie: a child with ISS Decision::cookieIss
                           //!< takes it with AcceptCookie(ack, Decision::cookiePeerMss)
    };

    struct Decision
    {
        Verdict verdict{Verdict::IGNORE};
        std::optional<TcpSegment> reply; //!< RESET: the segment to send
        bool cookieRejected{false};      //!< an ACK came while cookies were out and returned none
        uint32_t cookieIss{0};
        uint16_t cookiePeerMss{0};
    };

    /** How long after the last cookie ACKs are checked for one: the cookie's lifetime. */
    static constexpr TcpTime COOKIE_LIFETIME = 2 * TcpSynCookie::PERIOD;

    explicit TcpListener(const TcpListenerConfig& config = {});

    /**
     * The verdict for \p segment, which reached this listener on \p tuple (local = ours) and
     * matches no connection. OPEN and SEND_COOKIE are subject to the application's consent
     * (ns3::Socket's accept callback): the adapter asks before it acts on them.
     */
    Decision OnSegment(const TcpSegment& segment,
                       const TcpFourTuple& tuple,
                       const TcpListenerLoad& load,
                       const TcpSynCookie& cookies,
                       TcpTime now) const;

    /**
     * RFC 4987 3.6: the SYN-ACK answering \p syn with a cookie as our ISN, offering what
     * \p connection says (nothing kept: no window scale). Remembers that cookies are out.
     */
    TcpSegment CookieSynAck(const TcpSegment& syn,
                            const TcpFourTuple& tuple,
                            const TcpConfig& connection,
                            const TcpSynCookie& cookies,
                            TcpTime now);

    /**
     * Whether a child in SYN_RCVD may take the ACK that would establish it. With the accept queue
     * full Linux ignores the ACK: the SYN-ACK is retransmitted, and the peer's ACK with it, by
     * which time there may be room.
     */
    bool AcceptQueueHasRoom(size_t acceptQueue) const;

    const TcpListenerConfig& Config() const { return m_config; }
    TcpListenerConfig& Configure() { return m_config; }

  private:
    Decision OnAck(const TcpSegment& ack,
                   const TcpFourTuple& tuple,
                   const TcpListenerLoad& load,
                   const TcpSynCookie& cookies,
                   TcpTime now) const;
    Decision OnSyn(const TcpListenerLoad& load) const;

    TcpListenerConfig m_config;
    std::optional<TcpTime> m_lastCookieSent;
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_LISTENER_H
