#include "lifecycle-timeline.h"

#include "ns3/handshake-tcp-l4-protocol.h"

#include "ns3/callback.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

namespace
{

/** The payload's first line (up to CR/LF), so an HTTP request or status line shows. */
std::string
FirstLine(Ptr<Packet> payload)
{
    uint32_t n = std::min<uint32_t>(payload->GetSize(), 80);
    std::string text(n, '\0');
    payload->CopyData(reinterpret_cast<uint8_t*>(text.data()), n);
    text = text.substr(0, text.find_first_of("\r\n"));
    for (char& c : text)
    {
        c = (c >= 32 && c < 127) ? c : '.';
    }
    return text;
}

} // namespace

void
LifecycleTimeline::Attach(Ptr<Node> client, Ptr<Node> server)
{
    Ptr<Node> nodes[] = {client, server};
    for (Side side : {CLIENT, SERVER})
    {
        Ptr<HandshakeTcpL4Protocol> tcp = nodes[side]->GetObject<HandshakeTcpL4Protocol>();
        NS_ABORT_MSG_UNLESS(tcp, "LifecycleTimeline needs handshake's TCP on both nodes");
        tcp->TraceConnectWithoutContext(
            "StateTransition",
            Callback<void, uint64_t, handshake::TcpState, handshake::TcpState>(
                [this, side](uint64_t id, handshake::TcpState, handshake::TcpState to) {
                    OnState(side, id, to);
                }));
        Ptr<Ipv4L3Protocol> ipv4 = nodes[side]->GetObject<Ipv4L3Protocol>();
        ipv4->TraceConnectWithoutContext(
            "SendOutgoing",
            Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                [this, side](const Ipv4Header& h, Ptr<const Packet> p, uint32_t) { OnSend(side, h, p); }));
        ipv4->TraceConnectWithoutContext(
            "LocalDeliver",
            Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                [this, side](const Ipv4Header& h, Ptr<const Packet> p, uint32_t) { OnDeliver(side, h, p); }));
    }
}

void
LifecycleTimeline::OnState(Side side, uint64_t id, handshake::TcpState to)
{
    // The server's listener reports CLOSED -> LISTEN with id 0 and later changes of its own; the
    // connection's server side is the listener until the child exists, then the child.
    if (id == 0 && to != handshake::TcpState::LISTEN)
    {
        return;
    }
    if (m_states[side].empty() && to == handshake::TcpState::SYN_RCVD)
    {
        // A child connection in SYN_RCVD comes from a listener (RFC 9293 3.5, passive OPEN): the
        // listener was in LISTEN before the run's first traced event on this side.
        m_states[side].emplace_back(0, handshake::TcpState::LISTEN);
    }
    m_states[side].emplace_back(Simulator::GetEventCount(), to);
}

void
LifecycleTimeline::OnSend(Side side, const Ipv4Header& header, Ptr<const Packet> packet)
{
    if (header.GetProtocol() != 6)
    {
        return;
    }
    Ptr<Packet> copy = packet->Copy();
    TcpHeader tcp;
    copy->RemoveHeader(tcp);
    if ((tcp.GetFlags() & TcpHeader::SYN) && !m_isnKnown[side])
    {
        m_isn[side] = tcp.GetSequenceNumber().GetValue();
        m_isnKnown[side] = true;
    }
    Segment segment;
    segment.sender = side;
    segment.sentIn = Simulator::GetEventCount();
    Row& row = segment.row;
    row.time = Simulator::Now();
    row.fromClient = side == CLIENT;
    row.flags = TcpHeader::FlagsToString(tcp.GetFlags(), ",");
    row.seq = tcp.GetSequenceNumber().GetValue();
    row.ack = tcp.GetAckNumber().GetValue();
    row.relativeSeq = row.seq - m_isn[side];
    row.relativeAck = (tcp.GetFlags() & TcpHeader::ACK) ? row.ack - m_isn[1 - side] : 0;
    row.length = copy->GetSize();
    row.payload = FirstLine(copy);
    m_segments.push_back(std::move(segment));
}

void
LifecycleTimeline::OnDeliver(Side side, const Ipv4Header& header, Ptr<const Packet> packet)
{
    if (header.GetProtocol() != 6)
    {
        return;
    }
    TcpHeader tcp;
    packet->PeekHeader(tcp);
    // The oldest segment from the other side with these numbers that has not arrived yet.
    for (auto& segment : m_segments)
    {
        if (segment.sender != side && !segment.delivered && !segment.row.lost &&
            segment.row.seq == tcp.GetSequenceNumber().GetValue() &&
            segment.row.ack == tcp.GetAckNumber().GetValue() &&
            segment.row.flags == TcpHeader::FlagsToString(tcp.GetFlags(), ","))
        {
            segment.delivered = true;
            segment.deliveredIn = Simulator::GetEventCount();
            segment.row.time = Simulator::Now();
            return;
        }
    }
}

void
LifecycleTimeline::MarkLost(bool fromClient, const TcpHeader& header, const std::string& by)
{
    const Side sender = fromClient ? CLIENT : SERVER;
    const std::string flags = TcpHeader::FlagsToString(header.GetFlags(), ",");
    // The link keeps order: the one dropped now is the oldest with these numbers still on its way.
    for (auto& segment : m_segments)
    {
        if (segment.sender == sender && !segment.delivered && !segment.row.lost &&
            segment.row.seq == header.GetSequenceNumber().GetValue() &&
            segment.row.ack == header.GetAckNumber().GetValue() && segment.row.flags == flags)
        {
            // Marked now, so that a later copy with the same numbers (a retransmission) is not
            // taken for it when that one arrives. Its time is now, when it reached the end of the
            // link: the column is when each segment got there, delivered or not.
            segment.row.lost = true;
            segment.row.lostBy = by;
            segment.row.time = Simulator::Now();
            return;
        }
    }
}

handshake::TcpState
LifecycleTimeline::StateBefore(Side side, uint64_t event) const
{
    handshake::TcpState state = handshake::TcpState::CLOSED;
    for (const auto& [in, to] : m_states[side])
    {
        if (in >= event)
        {
            break;
        }
        state = to;
    }
    return state;
}

handshake::TcpState
LifecycleTimeline::StateAfter(Side side, uint64_t event) const
{
    return StateBefore(side, event + 1);
}

std::vector<handshake::TcpState>
LifecycleTimeline::Path(Side side, handshake::TcpState first, uint64_t event) const
{
    std::vector<handshake::TcpState> path{first};
    for (const auto& [in, to] : m_states[side])
    {
        if (in == event)
        {
            path.push_back(to);
        }
    }
    return path;
}

bool
LifecycleTimeline::EarlierSegmentInEvent(Side side, uint64_t event, size_t index) const
{
    for (size_t i = 0; i < m_segments.size(); ++i)
    {
        const Segment& s = m_segments[i];
        bool receivedThen = s.sender != side && s.delivered && s.deliveredIn == event;
        bool sentBefore = s.sender == side && s.sentIn == event && i < index;
        if (receivedThen || sentBefore)
        {
            return true;
        }
    }
    return false;
}

std::vector<LifecycleTimeline::Row>
LifecycleTimeline::Rows() const
{
    std::vector<Row> rows;
    for (size_t i = 0; i < m_segments.size(); ++i)
    {
        const Segment& segment = m_segments[i];
        Row row = segment.row;
        Side sender = segment.sender;
        Side receiver = sender == CLIENT ? SERVER : CLIENT;
        // A change already shown on a segment of the same event is not shown twice.
        std::vector<handshake::TcpState> senderStates =
            EarlierSegmentInEvent(sender, segment.sentIn, i)
                ? std::vector<handshake::TcpState>{StateAfter(sender, segment.sentIn)}
                : Path(sender, StateBefore(sender, segment.sentIn), segment.sentIn);
        // Lost on the way: no arrival, so no receiver states.
        row.lost = !segment.delivered;
        std::vector<handshake::TcpState> receiverStates;
        if (segment.delivered)
        {
            receiverStates = Path(receiver, StateBefore(receiver, segment.deliveredIn), segment.deliveredIn);
        }
        row.clientStates = sender == CLIENT ? senderStates : receiverStates;
        row.serverStates = sender == CLIENT ? receiverStates : senderStates;
        rows.push_back(row);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.time < b.time; });
    return rows;
}

std::string
LifecycleTimeline::Format() const
{
    std::ostringstream os;
    os << "  at (ms)   direction          flags     seq (rel)          ack (rel)       len  "
          "client                                  server\n";
    for (const auto& r : Rows())
    {
        auto states = [](const std::vector<handshake::TcpState>& path) {
            if (path.empty())
            {
                return std::string("(never arrives)");
            }
            std::string text = handshake::ToString(path[0]);
            for (size_t k = 1; k < path.size(); ++k)
            {
                text += std::string(" -> ") + handshake::ToString(path[k]);
            }
            return text;
        };
        std::ostringstream seq;
        seq << r.seq << " (" << r.relativeSeq << ")";
        std::ostringstream ack;
        ack << r.ack << " (" << r.relativeAck << ")";
        os << std::fixed << std::setprecision(3) << std::setw(10) << r.time.GetSeconds() * 1000 << "  "
           << std::left << std::setw(19) << (r.fromClient ? "client -> server" : "client <- server")
           << std::setw(10) << r.flags << std::setw(19) << seq.str() << std::setw(16) << ack.str()
           << std::right << std::setw(5) << r.length << "  " << std::left << std::setw(40)
           << states(r.clientStates) << std::setw(28) << states(r.serverStates) << std::right;
        if (!r.payload.empty())
        {
            os << "\"" << r.payload << "\"";
        }
        if (r.lost)
        {
            os << (r.payload.empty() ? "" : "  ") << "<<< LOST"
               << (r.lostBy.empty() ? "" : " (dropped by " + r.lostBy + ")") << " >>>";
        }
        os << "\n";
    }
    os << "  final states: client " << handshake::ToString(StateBefore(CLIENT, UINT64_MAX))
       << ", server " << handshake::ToString(StateBefore(SERVER, UINT64_MAX)) << "\n";
    return os.str();
}

} // namespace ns3
