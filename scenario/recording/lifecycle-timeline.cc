#include "lifecycle-timeline.h"

#include "ns3/dns-wire.h"
#include "ns3/handshake-tcp-l4-protocol.h"

#include "ns3/callback.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/udp-header.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{

namespace
{

/** UDP's IPv4 protocol number (RFC 768; IANA's list). Not UdpL4Protocol::PROT_NUMBER: later ns-3
 *  deprecates it for its own table, which ns-3 3.37 lacks. */
constexpr uint8_t UDP_PROTOCOL = 17;

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
        m_stateTimes[side].push_back(Time(0));
    }
    m_states[side].emplace_back(Simulator::GetEventCount(), to);
    m_stateTimes[side].push_back(Simulator::Now());
}

void
LifecycleTimeline::OnSend(Side side, const Ipv4Header& header, Ptr<const Packet> packet)
{
    if (header.GetProtocol() == UDP_PROTOCOL)
    {
        OnDnsSend(side, packet);
        return;
    }
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
    segment.sentAt = Simulator::Now();
    segment.sentIn = Simulator::GetEventCount();
    Row& row = segment.row;
    row.fromClient = side == CLIENT;
    row.flags = TcpHeader::FlagsToString(tcp.GetFlags(), ",");
    row.seq = tcp.GetSequenceNumber().GetValue();
    row.ack = tcp.GetAckNumber().GetValue();
    row.relativeSeq = row.seq - m_isn[side];
    row.relativeAck = (tcp.GetFlags() & TcpHeader::ACK) ? row.ack - m_isn[1 - side] : 0;
    row.length = copy->GetSize();
    row.payload = FirstLine(copy);
    // Sent again: text, a SYN or a FIN the side sent before with the same sequence number (a
    // repeated pure ACK is a new ACK, not a retransmission).
    const bool occupiesSequence = row.length > 0 || (tcp.GetFlags() & (TcpHeader::SYN | TcpHeader::FIN));
    for (const auto& earlier : m_segments)
    {
        if (occupiesSequence && earlier.sender == side && earlier.row.seq == row.seq &&
            earlier.row.length == row.length && earlier.row.flags == row.flags)
        {
            segment.resent = true;
            break;
        }
    }
    m_segments.push_back(std::move(segment));
}

void
LifecycleTimeline::OnDeliver(Side side, const Ipv4Header& header, Ptr<const Packet> packet)
{
    if (header.GetProtocol() == UDP_PROTOCOL)
    {
        OnDnsDeliver(side, packet);
        return;
    }
    if (header.GetProtocol() != 6)
    {
        return;
    }
    TcpHeader tcp;
    packet->PeekHeader(tcp);
    // The oldest segment from the other side with these numbers that has not arrived yet.
    for (auto& segment : m_segments)
    {
        if (segment.sender != side && !segment.delivered && !segment.dropped &&
            segment.row.seq == tcp.GetSequenceNumber().GetValue() &&
            segment.row.ack == tcp.GetAckNumber().GetValue() &&
            segment.row.flags == TcpHeader::FlagsToString(tcp.GetFlags(), ","))
        {
            segment.delivered = true;
            segment.arrivedIn = Simulator::GetEventCount();
            segment.arrivedAt = Simulator::Now();
            return;
        }
    }
}

namespace
{

/** The DNS message a UDP datagram to or from port 53 carries; false for anything else. */
bool
DecodeDns(Ptr<const Packet> packet, DnsMessage& message, uint32_t& size)
{
    Ptr<Packet> copy = packet->Copy();
    UdpHeader udp;
    copy->RemoveHeader(udp);
    if (udp.GetSourcePort() != 53 && udp.GetDestinationPort() != 53)
    {
        return false;
    }
    std::vector<uint8_t> bytes(copy->GetSize());
    copy->CopyData(bytes.data(), bytes.size());
    size = bytes.size();
    return DnsWire::Decode(bytes.data(), bytes.size(), message).empty();
}

/** "A? server.example" for a query; "server.example A 10.1.1.2, TTL 300" or "server.example:
 *  NXDOMAIN" for an answer. */
std::string
DnsText(const DnsMessage& m)
{
    if (!m.response)
    {
        return (m.questionType == DnsMessage::TYPE_A ? "A? " : "type " + std::to_string(m.questionType) + "? ") +
               m.questionName;
    }
    if (m.answers.empty())
    {
        return m.questionName + ": " +
               (m.rcode == DnsMessage::NXDOMAIN ? "NXDOMAIN"
                : m.rcode == DnsMessage::NOERROR ? "no address"
                                                 : "RCODE " + std::to_string(m.rcode));
    }
    const DnsAnswer& a = m.answers.front();
    std::ostringstream os;
    os << a.name << " A " << Ipv4Address(a.address) << ", TTL " << a.ttl;
    return os.str();
}

} // namespace

bool
LifecycleTimeline::OnDnsSend(Side side, Ptr<const Packet> packet)
{
    DnsMessage message;
    uint32_t size = 0;
    if (!DecodeDns(packet, message, size))
    {
        return false;
    }
    Segment segment;
    segment.sender = side;
    segment.sentAt = Simulator::Now();
    segment.sentIn = Simulator::GetEventCount();
    Row& row = segment.row;
    row.dns = true;
    row.fromClient = side == CLIENT;
    row.flags = message.response ? "DNS resp" : "DNS query";
    row.seq = message.id;
    row.length = size;
    row.payload = DnsText(message);
    // Sent again: a resolver's next attempt is the same query, same ID (glibc's res_send).
    for (const auto& earlier : m_segments)
    {
        if (earlier.row.dns && earlier.sender == side && earlier.row.seq == row.seq &&
            earlier.row.flags == row.flags && earlier.row.payload == row.payload)
        {
            segment.resent = true;
            break;
        }
    }
    m_segments.push_back(std::move(segment));
    return true;
}

void
LifecycleTimeline::OnDnsDeliver(Side side, Ptr<const Packet> packet)
{
    DnsMessage message;
    uint32_t size = 0;
    if (!DecodeDns(packet, message, size))
    {
        return;
    }
    for (auto& segment : m_segments)
    {
        if (segment.row.dns && segment.sender != side && !segment.delivered && !segment.dropped &&
            segment.row.seq == message.id && (segment.row.flags == "DNS resp") == message.response)
        {
            segment.delivered = true;
            segment.arrivedIn = Simulator::GetEventCount();
            segment.arrivedAt = Simulator::Now();
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
        if (segment.sender == sender && !segment.delivered && !segment.dropped &&
            segment.row.seq == header.GetSequenceNumber().GetValue() &&
            segment.row.ack == header.GetAckNumber().GetValue() && segment.row.flags == flags)
        {
            // Marked now, so that a later copy with the same numbers (a retransmission) is not
            // taken for it when that one arrives; its row is when it reached the end of the link.
            segment.dropped = true;
            segment.row.lostBy = by;
            segment.droppedAt = Simulator::Now();
            segment.droppedIn = Simulator::GetEventCount();
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

std::vector<LifecycleTimeline::Row>
LifecycleTimeline::Rows() const
{
    // Every event, as (time, simulator event, order of trace calls within it) and its row.
    struct Entry
    {
        Time time;
        uint64_t event;
        size_t order;
        Side actor;
        bool acts; //!< false for a drop: the states of both sides are shown as they are
        Row row;
    };
    std::vector<Entry> entries;
    for (size_t i = 0; i < m_segments.size(); ++i)
    {
        const Segment& segment = m_segments[i];
        Side receiver = segment.sender == CLIENT ? SERVER : CLIENT;
        Row row = segment.row;
        row.fromClient = segment.sender == CLIENT;
        row.clientActs = row.fromClient;
        row.event = segment.resent ? Event::RESEND : Event::SEND;
        row.neverArrives = !segment.delivered;
        row.lostBy.clear();
        entries.push_back({segment.sentAt, segment.sentIn, 2 * i, segment.sender, true, row});
        if (segment.delivered)
        {
            row.event = Event::RECEIVE;
            row.clientActs = receiver == CLIENT;
            row.neverArrives = false;
            entries.push_back({segment.arrivedAt, segment.arrivedIn, 2 * i + 1, receiver, true, row});
        }
        else if (segment.dropped)
        {
            row.event = Event::DROP;
            row.neverArrives = false;
            row.lostBy = segment.row.lostBy;
            entries.push_back({segment.droppedAt, segment.droppedIn, 2 * i + 1, segment.sender, false, row});
        }
    }
    // A change of state in an event with no segment of that side: the listener opening, a timer.
    for (Side side : {CLIENT, SERVER})
    {
        for (size_t k = 0; k < m_states[side].size(); ++k)
        {
            uint64_t event = m_states[side][k].first;
            bool first = k == 0 || m_states[side][k - 1].first != event;
            bool withSegment = std::any_of(entries.begin(), entries.end(), [&](const Entry& e) {
                return e.acts && e.actor == side && e.event == event;
            });
            if (event == 0 || !first || withSegment)
            {
                continue; // event 0: before the run's first traced event (a listener's LISTEN)
            }
            Row row;
            row.event = Event::STATE;
            row.clientActs = row.fromClient = side == CLIENT;
            row.time = m_stateTimes[side][k];
            entries.push_back({row.time, event, 0, side, true, row});
        }
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.time != b.time ? a.time < b.time
                                : (a.event != b.event ? a.event < b.event : a.order < b.order);
    });
    std::vector<Row> rows;
    std::array<uint64_t, 2> shownEvent{UINT64_MAX, UINT64_MAX}; // the event whose changes a side showed
    for (const Entry& e : entries)
    {
        Row row = e.row;
        row.time = e.time;
        std::array<std::vector<handshake::TcpState>, 2> states;
        for (Side side : {CLIENT, SERVER})
        {
            if (e.acts && side == e.actor && shownEvent[side] != e.event)
            {
                states[side] = Path(side, StateBefore(side, e.event), e.event);
                shownEvent[side] = e.event;
            }
            else
            {
                states[side] = {StateAfter(side, e.event)};
            }
        }
        row.clientStates = states[CLIENT];
        row.serverStates = states[SERVER];
        rows.push_back(row);
    }
    return rows;
}

namespace
{

std::string
StatesText(const std::vector<handshake::TcpState>& path)
{
    std::string text = handshake::ToString(path[0]);
    for (size_t k = 1; k < path.size(); ++k)
    {
        text += std::string(" -> ") + handshake::ToString(path[k]);
    }
    return text;
}

/** "client sends    ->", "server receives ->", "link drops      <-", "client timer", ... */
std::string
EventText(const LifecycleTimeline::Row& r)
{
    using Event = LifecycleTimeline::Event;
    const std::string arrow = r.fromClient ? "->" : "<-";
    const std::string actor = r.clientActs ? "client " : "server ";
    switch (r.event)
    {
    case Event::SEND:
        return actor + "sends    " + arrow;
    case Event::RESEND:
        return actor + "resends  " + arrow;
    case Event::RECEIVE:
        return actor + "receives " + arrow;
    case Event::DROP:
        return "link drops      " + arrow;
    case Event::STATE: {
        handshake::TcpState to = r.clientActs ? r.clientStates.back() : r.serverStates.back();
        return actor + (to == handshake::TcpState::LISTEN ? "listens" : "timer");
    }
    }
    return "";
}

} // namespace

std::string
LifecycleTimeline::Format() const
{
    std::ostringstream os;
    os << "  at (ms)   event               flags     seq (rel)          ack (rel)       len  "
          "client                                  server\n";
    for (const auto& r : Rows())
    {
        std::ostringstream seq;
        std::ostringstream ack;
        std::ostringstream length;
        if (r.dns)
        {
            seq << "id " << r.seq;
            length << r.length;
        }
        else if (r.event != Event::STATE)
        {
            seq << r.seq << " (" << r.relativeSeq << ")";
            ack << r.ack << " (" << r.relativeAck << ")";
            length << r.length;
        }
        std::ostringstream line;
        line << std::fixed << std::setprecision(3) << std::setw(10) << r.time.GetSeconds() * 1000
             << "  " << std::left << std::setw(20) << EventText(r) << std::setw(10) << r.flags
             << std::setw(19) << seq.str() << std::setw(16) << ack.str() << std::right << std::setw(5)
             << length.str() << "  " << std::left << std::setw(40) << StatesText(r.clientStates)
             << std::setw(40) << StatesText(r.serverStates);
        std::string note = r.payload.empty() || r.event == Event::STATE ? "" : "\"" + r.payload + "\"";
        if (r.event == Event::DROP)
        {
            note += std::string(note.empty() ? "" : "  ") + "<<< LOST" +
                    (r.lostBy.empty() ? "" : " (dropped by " + r.lostBy + ")") + " >>>";
        }
        if (r.neverArrives)
        {
            note += std::string(note.empty() ? "" : "  ") + "(never arrives)";
        }
        line << note;
        std::string text = line.str();
        text.erase(text.find_last_not_of(' ') + 1); // no blanks after the last column
        os << text << "\n";
    }
    os << "  final states: client " << handshake::ToString(StateBefore(CLIENT, UINT64_MAX))
       << ", server " << handshake::ToString(StateBefore(SERVER, UINT64_MAX)) << "\n";
    return os.str();
}

} // namespace ns3
