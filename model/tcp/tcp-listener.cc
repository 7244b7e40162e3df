#include "tcp-listener.h"

#include "tcp-connection.h"
#include "tcp-negotiated-options.h"
#include "tcp-reset-reply.h"

namespace ns3
{
namespace handshake
{

TcpListener::TcpListener(const TcpListenerConfig& config)
    : m_config(config)
{
}

TcpListener::Decision
TcpListener::OnSegment(const TcpSegment& segment,
                       const TcpFourTuple& tuple,
                       const TcpListenerLoad& load,
                       const TcpSynCookie& cookies,
                       TcpTime now) const
{
    // RFC 9293 3.10.7.2, LISTEN state, "first": "An incoming RST segment could not be valid
    // since it could not have been sent in response to anything sent by this incarnation of the
    // connection ... ignore it."
    if (segment.Has(TcpSegment::RST))
    {
        return {};
    }
    // "second": an ACK.
    if (segment.Has(TcpSegment::ACK))
    {
        return OnAck(segment, tuple, load, cookies, now);
    }
    // "third": a SYN.
    if (segment.Has(TcpSegment::SYN))
    {
        return OnSyn(load);
    }
    // "fourth": "Any other control or text-bearing segment (not containing SYN) must have an ACK
    // and thus would be discarded by the ACK processing."
    Decision drop;
    drop.verdict = Verdict::NOT_SYN;
    return drop;
}

TcpListener::Decision
TcpListener::OnAck(const TcpSegment& ack,
                   const TcpFourTuple& tuple,
                   const TcpListenerLoad& load,
                   const TcpSynCookie& cookies,
                   TcpTime now) const
{
    Decision decision;
    // RFC 4987 3.6: an ACK may return a cookie (SEG.ACK - 1 is our ISN, SEG.SEQ - 1 the peer's);
    // only looked for while cookies may be out, as Linux does (tcp_synq_no_recent_overflow).
    const bool cookiesOut = m_lastCookieSent && now - *m_lastCookieSent <= COOKIE_LIFETIME;
    if (cookiesOut && !ack.Has(TcpSegment::SYN))
    {
        if (auto peerMss = cookies.Check(tuple, ack.seq - 1, ack.ack - 1, now))
        {
            if (load.connectionLimitReached)
            {
                decision.verdict = Verdict::CONNECTION_LIMIT;
            }
            else if (!AcceptQueueHasRoom(load.acceptQueue))
            {
                decision.verdict = Verdict::ACCEPT_QUEUE_FULL;
            }
            else
            {
                decision.verdict = Verdict::OPEN_FROM_COOKIE;
                decision.cookieIss = ack.ack - 1;
                decision.cookiePeerMss = *peerMss;
            }
            return decision;
        }
        decision.cookieRejected = true;
    }
    // "Any acknowledgment is bad if it arrives on a connection still in the LISTEN state. An
    // acceptable reset segment should be formed for any arriving ACK-bearing segment."
    decision.verdict = Verdict::RESET;
    decision.reply = ResetReplyTo(ack);
    return decision;
}

TcpListener::Decision
TcpListener::OnSyn(const TcpListenerLoad& load) const
{
    Decision decision;
    const bool cookie =
        m_config.synCookies == TcpSynCookieMode::ALWAYS ||
        (m_config.synCookies == TcpSynCookieMode::ON_OVERFLOW && load.synQueue >= m_config.synQueueLimit);
    if (cookie)
    {
        decision.verdict = Verdict::SEND_COOKIE; // stateless: neither cap applies
    }
    else if (load.connectionLimitReached)
    {
        decision.verdict = Verdict::CONNECTION_LIMIT;
    }
    else if (load.synQueue >= m_config.synQueueLimit)
    {
        decision.verdict = Verdict::SYN_QUEUE_FULL;
    }
    else
    {
        decision.verdict = Verdict::OPEN;
    }
    return decision;
}

TcpSegment
TcpListener::CookieSynAck(const TcpSegment& syn,
                          const TcpFourTuple& tuple,
                          const TcpConfig& connection,
                          const TcpSynCookie& cookies,
                          TcpTime now)
{
    // Nothing is kept: the SYN's sequence number and MSS travel in our ISN (the cookie).
    uint16_t peerMss = TcpNegotiatedOptions::PeerMss(connection, syn);
    uint32_t cookie = cookies.Make(tuple, syn.seq, peerMss, now);
    m_lastCookieSent = now;
    return TcpConnection::StatelessSynAck(connection, syn, cookie);
}

bool
TcpListener::AcceptQueueHasRoom(size_t acceptQueue) const
{
    return acceptQueue < m_config.acceptQueueLimit;
}

} // namespace handshake
} // namespace ns3
