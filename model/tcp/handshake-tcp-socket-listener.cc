// HandshakeTcpSocket, listener side: segments to a listening socket (RFC 9293 3.10.7.2), its SYN
// queue and children, SYN cookies (RFC 4987 3.6) and the accept queue. The rest of the class is in
// handshake-tcp-socket.cc.
#include "handshake-tcp-socket.h"

#include "handshake-tcp-l4-protocol.h"

#include "ns3/packet.h"
#include "ns3/simulator.h"

namespace ns3
{

using handshake::TcpSegment;
using handshake::TcpState;

// ---- segments to a listener ---------------------------------------------------------------------

void
HandshakeTcpSocket::ReceiveOnListener(const TcpSegment& segment,
                                      const handshake::TcpFourTuple& tuple,
                                      Ptr<const Packet> packet,
                                      const TcpHeader& header)
{
    // RFC 9293 3.10.7.2, LISTEN state.
    if (segment.Has(TcpSegment::RST))
    {
        return; // "An incoming RST segment could not be valid ... ignore it"
    }
    if (segment.Has(TcpSegment::ACK))
    {
        // RFC 4987 3.6: an ACK may return a cookie; only looked for while cookies may be out.
        if (!segment.Has(TcpSegment::SYN) && m_lastCookieSent &&
            Simulator::Now() - *m_lastCookieSent <= Seconds(2 * 64))
        {
            if (AcceptCookieAck(segment, tuple, packet, header))
            {
                return;
            }
            m_tcp->NotifySynCookie(packet, header, HandshakeTcpL4Protocol::COOKIE_REJECTED);
        }
        // "Any acknowledgment is bad if it arrives on a connection still in the LISTEN state.
        // An acceptable reset segment should be formed for any arriving ACK-bearing segment."
        auto rst = HandshakeTcpL4Protocol::ResetFor(segment);
        TcpHeader rstHeader;
        Ptr<Packet> rstPacket = HandshakeTcpL4Protocol::ToPacket(*rst, rstHeader);
        m_tcp->Send(rstPacket, rstHeader, tuple);
        return;
    }
    if (!segment.Has(TcpSegment::SYN))
    {
        m_tcp->NotifyDrop(packet, header, HandshakeTcpL4Protocol::LISTEN_IGNORED);
        return;
    }
    bool cookie = SynCookieDue();
    if (!cookie && DroppedAtConnectionLimit(packet, header))
    {
        return;
    }
    if (!cookie && m_synQueue.size() >= m_synQueueLimit)
    {
        m_tcp->NotifyDrop(packet, header, HandshakeTcpL4Protocol::SYN_QUEUE_FULL);
        return;
    }
    Address from = InetSocketAddress(HandshakeTcpL4Protocol::ToIpv4(tuple.remoteAddress),
                                     tuple.remotePort);
    if (!NotifyConnectionRequest(from))
    {
        m_tcp->NotifyDrop(packet, header, HandshakeTcpL4Protocol::NOT_ACCEPTED);
        return;
    }
    if (cookie)
    {
        SendCookieSynAck(segment, tuple, packet, header);
        return;
    }
    Ptr<HandshakeTcpSocket> child = CreateChild(tuple, std::nullopt);
    if (!child)
    {
        return; // cannot happen: the L4 found no connection for this tuple
    }
    m_synQueue.insert(PeekPointer(child));
    child->m_rxTrace(packet, header, child);
    child->m_connection->AcceptSyn(segment, Now());
    child->ProcessActions();
}

Ptr<HandshakeTcpSocket>
HandshakeTcpSocket::CreateChild(const handshake::TcpFourTuple& tuple, std::optional<uint32_t> iss)
{
    Ptr<HandshakeTcpSocket> child = CopyObject<HandshakeTcpSocket>(this);
    child->m_tuple = tuple;
    child->m_listener = this;
    return child->CreateConnection(iss) ? child : nullptr;
}

// ---- SYN cookies (RFC 4987 3.6) ------------------------------------------------------------------

bool
HandshakeTcpSocket::SynCookieDue() const
{
    switch (m_synCookies)
    {
    case SYN_COOKIES_ALWAYS:
        return true;
    case SYN_COOKIES_ON_OVERFLOW:
        return m_synQueue.size() >= m_synQueueLimit;
    case SYN_COOKIES_OFF:
        break;
    }
    return false;
}

void
HandshakeTcpSocket::SendCookieSynAck(const TcpSegment& syn,
                                     const handshake::TcpFourTuple& tuple,
                                     Ptr<const Packet> packet,
                                     const TcpHeader& header)
{
    // Nothing is kept: the SYN's sequence number and MSS travel in our ISN (the cookie).
    uint16_t peerMss = syn.mss.value_or(0) > 0 ? *syn.mss : 536; // RFC 9293 3.7.1
    uint32_t cookie = m_tcp->MakeSynCookie(tuple, syn.seq, peerMss);
    TcpSegment synAck = handshake::TcpConnection::StatelessSynAck(m_config, syn, cookie);
    TcpHeader synAckHeader;
    Ptr<Packet> synAckPacket = HandshakeTcpL4Protocol::ToPacket(synAck, synAckHeader);
    m_tcp->Send(synAckPacket, synAckHeader, tuple);
    m_lastCookieSent = Simulator::Now();
    m_tcp->NotifySynCookie(packet, header, HandshakeTcpL4Protocol::COOKIE_SENT);
}

bool
HandshakeTcpSocket::AcceptCookieAck(const TcpSegment& ack,
                                    const handshake::TcpFourTuple& tuple,
                                    Ptr<const Packet> packet,
                                    const TcpHeader& header)
{
    std::optional<uint16_t> peerMss = m_tcp->CheckSynCookie(tuple, ack.seq - 1, ack.ack - 1);
    if (!peerMss)
    {
        return false;
    }
    if (DroppedAtConnectionLimit(packet, header))
    {
        return true;
    }
    if (AcceptQueueFull())
    {
        // As for a queued connection: ignore the ACK. The peer's data or FIN will come again;
        // a bare ACK is lost, as in Linux, and the peer learns it only when it sends.
        m_tcp->NotifyDrop(packet, header, HandshakeTcpL4Protocol::ACCEPT_QUEUE_FULL);
        return true;
    }
    Ptr<HandshakeTcpSocket> child = CreateChild(tuple, ack.ack - 1);
    if (!child)
    {
        return true; // cannot happen: the L4 found no connection for this tuple
    }
    m_tcp->NotifySynCookie(packet, header, HandshakeTcpL4Protocol::COOKIE_ACCEPTED);
    m_synQueue.insert(PeekPointer(child)); // left at once for the accept queue (ChildEstablished)
    child->m_rxTrace(packet, header, child);
    child->m_connection->AcceptCookie(ack, *peerMss, Now());
    child->ProcessActions();
    return true;
}

// ---- listener queues ---------------------------------------------------------------------------

bool
HandshakeTcpSocket::DroppedAtConnectionLimit(Ptr<const Packet> packet, const TcpHeader& header)
{
    if (!m_tcp->ConnectionLimitReached())
    {
        return false;
    }
    m_tcp->NotifyOverflow(HandshakeTcpL4Protocol::CONNECTIONS, 0);
    m_tcp->NotifyDrop(packet, header, HandshakeTcpL4Protocol::CONNECTION_LIMIT);
    return true;
}

bool
HandshakeTcpSocket::AcceptQueueFull() const
{
    return m_acceptQueue.size() >= m_acceptQueueLimit;
}

void
HandshakeTcpSocket::ChildEstablished(Ptr<HandshakeTcpSocket> child)
{
    m_synQueue.erase(PeekPointer(child));
    child->m_listener = nullptr;
    m_acceptQueue.push_back(child);
    if (!m_acceptEvent.IsRunning())
    {
        // The application takes established connections in the same instant, but after the
        // segment that completed the handshake has been fully processed.
        m_acceptEvent = Simulator::ScheduleNow(&HandshakeTcpSocket::DeliverAccepted, this);
    }
}

void
HandshakeTcpSocket::ChildClosed(HandshakeTcpSocket* child)
{
    m_synQueue.erase(child);
}

void
HandshakeTcpSocket::DeliverAccepted()
{
    while (!m_acceptQueue.empty())
    {
        Ptr<HandshakeTcpSocket> child = m_acceptQueue.front();
        m_acceptQueue.pop_front();
        NotifyNewConnectionCreated(child, child->PeerAddress());
        // Bytes (or the peer's FIN) that came with the segment completing the handshake were
        // reported before the application had its callbacks: report them again now.
        if (child->m_closeNotified)
        {
            child->NotifyNormalClose();
        }
        if (child->GetRxAvailable() > 0 || child->m_closeNotified)
        {
            child->NotifyDataRecv();
        }
        if (!child->m_outcome && child->GetTxAvailable() > 0)
        {
            child->NotifySend(child->GetTxAvailable());
        }
    }
}

} // namespace ns3
