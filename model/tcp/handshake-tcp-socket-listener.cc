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
                                      const HandshakeTcpReceivedHeader& header)
{
    using Verdict = handshake::TcpListener::Verdict;
    handshake::TcpListenerLoad load;
    load.synQueue = m_synQueue.size();
    load.acceptQueue = m_acceptQueue.size();
    load.connectionLimitReached = m_tcp->ConnectionLimitReached();
    handshake::TcpListener::Decision decision =
        m_listenerRules.OnSegment(segment, tuple, load, m_tcp->SynCookies(), Now());
    if (decision.cookieRejected)
    {
        m_tcp->NotifySynCookie(packet, header, HandshakeTcpL4Protocol::COOKIE_REJECTED);
    }
    switch (decision.verdict)
    {
    case Verdict::IGNORE:
        return;
    case Verdict::RESET: {
        m_tcp->SendSegment(*decision.reply, tuple);
        return;
    }
    case Verdict::NOT_SYN:
    case Verdict::CONNECTION_LIMIT:
    case Verdict::SYN_QUEUE_FULL:
    case Verdict::ACCEPT_QUEUE_FULL:
        NotifyListenerDrop(decision.verdict, packet, header);
        return;
    case Verdict::OPEN_FROM_COOKIE:
        m_tcp->NotifySynCookie(packet, header, HandshakeTcpL4Protocol::COOKIE_ACCEPTED);
        OpenChild(segment, tuple, decision, packet, header);
        return;
    case Verdict::OPEN:
    case Verdict::SEND_COOKIE:
        break;
    }
    // A SYN the core would take: the application has the last word (ns3::Socket's accept callback).
    Address from = InetSocketAddress(HandshakeTcpL4Protocol::ToIpv4(tuple.remoteAddress),
                                     tuple.remotePort);
    if (!NotifyConnectionRequest(from))
    {
        m_tcp->NotifyDrop(packet, header, HandshakeTcpL4Protocol::NOT_ACCEPTED);
        return;
    }
    if (decision.verdict == Verdict::SEND_COOKIE)
    {
        SendCookieSynAck(segment, tuple, packet, header);
        return;
    }
    OpenChild(segment, tuple, decision, packet, header);
}

void
HandshakeTcpSocket::OpenChild(const TcpSegment& segment,
                              const handshake::TcpFourTuple& tuple,
                              const handshake::TcpListener::Decision& decision,
                              Ptr<const Packet> packet,
                              const HandshakeTcpReceivedHeader& header)
{
    const bool fromCookie = decision.verdict == handshake::TcpListener::Verdict::OPEN_FROM_COOKIE;
    Ptr<HandshakeTcpSocket> child =
        CreateChild(tuple, fromCookie ? std::optional<uint32_t>(decision.cookieIss) : std::nullopt);
    if (!child)
    {
        return; // cannot happen: the L4 found no connection for this tuple
    }
    // A cookie child leaves the SYN queue at once for the accept queue (ChildEstablished).
    m_synQueue.insert(PeekPointer(child));
    if (!child->m_rxTrace.IsEmpty())
    {
        child->m_rxTrace(packet, header.Get(), child);
    }
    if (fromCookie)
    {
        child->m_connection->AcceptCookie(segment, decision.cookiePeerMss, Now());
    }
    else
    {
        child->m_connection->AcceptSyn(segment, Now());
    }
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

void
HandshakeTcpSocket::SendCookieSynAck(const TcpSegment& syn,
                                     const handshake::TcpFourTuple& tuple,
                                     Ptr<const Packet> packet,
                                     const HandshakeTcpReceivedHeader& header)
{
    TcpSegment synAck =
        m_listenerRules.CookieSynAck(syn, tuple, m_config, m_tcp->SynCookies(), Now());
    m_tcp->SendSegment(synAck, tuple);
    m_tcp->NotifySynCookie(packet, header, HandshakeTcpL4Protocol::COOKIE_SENT);
}

void
HandshakeTcpSocket::NotifyListenerDrop(handshake::TcpListener::Verdict verdict,
                                       Ptr<const Packet> packet,
                                       const HandshakeTcpReceivedHeader& header)
{
    using Verdict = handshake::TcpListener::Verdict;
    switch (verdict)
    {
    case Verdict::CONNECTION_LIMIT:
        m_tcp->NotifyOverflow(HandshakeTcpL4Protocol::CONNECTIONS, 0);
        m_tcp->NotifyDrop(packet, header, HandshakeTcpL4Protocol::CONNECTION_LIMIT);
        return;
    case Verdict::SYN_QUEUE_FULL:
        m_tcp->NotifyDrop(packet, header, HandshakeTcpL4Protocol::SYN_QUEUE_FULL);
        return;
    case Verdict::ACCEPT_QUEUE_FULL:
        // As for a queued connection: the ACK is ignored. The peer's data or FIN will come again;
        // a bare ACK is lost, as in Linux, and the peer learns it only when it sends.
        m_tcp->NotifyDrop(packet, header, HandshakeTcpL4Protocol::ACCEPT_QUEUE_FULL);
        return;
    default: // NOT_SYN: RFC 9293 3.10.7.2 "fourth"
        m_tcp->NotifyDrop(packet, header, HandshakeTcpL4Protocol::LISTEN_IGNORED);
        return;
    }
}

// ---- listener queues ---------------------------------------------------------------------------

bool
HandshakeTcpSocket::AcceptQueueHasRoom() const
{
    return m_listenerRules.AcceptQueueHasRoom(m_acceptQueue.size());
}

void
HandshakeTcpSocket::ChildEstablished(Ptr<HandshakeTcpSocket> child)
{
    m_synQueue.erase(PeekPointer(child));
    child->m_listener = nullptr;
    m_acceptQueue.push_back(child);
    if (m_acceptEvent.IsExpired())
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
