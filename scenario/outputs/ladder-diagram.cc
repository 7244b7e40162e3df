#include "ladder-diagram.h"

#include "ns3/html-text.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace ns3
{

namespace
{

// Geometry, in SVG user units (px): time and client state left of the client's lifeline, the
// server's state right of the server's.
const double WIDTH = 1000;
const double CLIENT_X = 300;
const double SERVER_X = 760;
const double HEADER = 72;   // host names, capture files and column heads above the rows
const double ROW = 34;      // one row per arrow or state change when evenly spaced
const double FALL = 14;     // how far an arrow falls while it crosses, evenly spaced
const double MIN_GAP = 18;  // closest two rows come on a time scale (their labels must not overlap)
const double MAX_TIME_SCALE_HEIGHT = 6000; // a time-scaled figure is shrunk to fit this

bool
HasFlag(const std::string& flags, const std::string& flag)
{
    std::istringstream parts(flags);
    std::string part;
    while (std::getline(parts, part, ','))
    {
        if (part == flag)
        {
            return true;
        }
    }
    return false;
}

bool
FromClient(const std::string& direction)
{
    return direction == "client->server";
}

/** \p value relative to \p isn (sequence space wraps), or as it is when the ISN is unknown. */
uint32_t
Relative(uint32_t value, const std::optional<uint32_t>& isn)
{
    return isn ? value - *isn : value;
}

bool
Inferred(const SegmentRecord& segment)
{
    return segment.stateSource == "wire";
}

/** Sequence number a <= b, across the 2^32 wrap (RFC 9293 3.4). */
bool
SeqLessEqual(uint32_t a, uint32_t b)
{
    return static_cast<int32_t>(b - a) >= 0;
}

/** A triangle at (x2, y2) pointing along the line from (x1, y1), and the line up to it. */
void
ArrowLine(std::ostream& os, double x1, double y1, double x2, double y2)
{
    double dx = x2 - x1;
    double dy = y2 - y1;
    double length = std::hypot(dx, dy);
    double ux = dx / length;
    double uy = dy / length;
    double bx = x2 - 9 * ux;
    double by = y2 - 9 * uy;
    os << "<line x1=\"" << x1 << "\" y1=\"" << y1 << "\" x2=\"" << bx << "\" y2=\"" << by << "\"/>";
    os << "<polygon points=\"" << x2 << "," << y2 << " " << bx - 4 * uy << "," << by + 4 * ux << " "
       << bx + 4 * uy << "," << by - 4 * ux << "\"/>";
}

/** A cross at (x, y): where a lost segment ended. */
void
Cross(std::ostream& os, double x, double y)
{
    os << "<path class=\"cross\" d=\"M" << x - 6 << " " << y - 6 << "L" << x + 6 << " " << y + 6 << "M"
       << x + 6 << " " << y - 6 << "L" << x - 6 << " " << y + 6 << "\"/>";
}

} // namespace

std::string
LadderDiagram::StateText(const std::string& state, bool inferred)
{
    return (inferred ? std::string(INFERRED_MARK) : std::string()) + HtmlEscape(state);
}

LadderDiagram::LadderDiagram(const ConnectionRecord& connection,
                             std::vector<SegmentRecord> segments,
                             std::vector<StateRecord> states,
                             std::vector<DropRecord> drops)
    : m_connection(connection),
      m_segments(std::move(segments)),
      m_states(std::move(states)),
      m_drops(std::move(drops))
{
    for (const SegmentRecord& s : m_segments)
    {
        auto& isn = FromClient(s.direction) ? m_clientIsn : m_serverIsn;
        if (!isn && HasFlag(s.flags, "SYN"))
        {
            isn = s.seq;
        }
    }
    m_retransmission = Retransmissions(m_segments);
    m_lostBy.assign(m_segments.size(), "");
    BuildRows();
    ChooseRows();
}

std::vector<bool>
LadderDiagram::Retransmissions(const std::vector<SegmentRecord>& segments)
{
    // Data, SYN or FIN at or below the highest sequence number its side had sent (links here do
    // not reorder).
    std::optional<uint32_t> sentEnd[2];
    std::vector<bool> again(segments.size(), false);
    for (size_t i = 0; i < segments.size(); ++i)
    {
        const SegmentRecord& s = segments[i];
        uint32_t space = s.length + (HasFlag(s.flags, "SYN") ? 1 : 0) + (HasFlag(s.flags, "FIN") ? 1 : 0);
        if (space == 0)
        {
            continue;
        }
        auto& end = sentEnd[FromClient(s.direction) ? 0 : 1];
        uint32_t segmentEnd = s.seq + space;
        again[i] = end && !SeqLessEqual(*end, s.seq);
        if (!end || SeqLessEqual(*end, segmentEnd))
        {
            end = segmentEnd;
        }
    }
    return again;
}

void
LadderDiagram::SetTimeScale(bool on)
{
    m_timeScale = on;
}

void
LadderDiagram::SetDnsLookup(double start, double end, bool cached)
{
    m_dns = DnsLookup{start, end, cached};
    m_rows.clear();
    BuildRows();
    ChooseRows();
}

void
LadderDiagram::SetCaptureFiles(const std::string& client, const std::string& server)
{
    m_clientPcap = client;
    m_serverPcap = server;
}

void
LadderDiagram::BuildRows()
{
    for (size_t i = 0; i < m_segments.size(); ++i)
    {
        const SegmentRecord& s = m_segments[i];
        m_rows.push_back({Row::SEGMENT, i, s.time, m_retransmission[i] || HasFlag(s.flags, "RST")});
    }
    for (size_t d = 0; d < m_drops.size(); ++d)
    {
        const DropRecord& drop = m_drops[d];
        if (FromClient(drop.direction))
        {
            // The client sent it (its segment row) and the link lost it on the way: the last
            // segment the client sent before the loss with the lost one's numbers.
            for (size_t i = m_segments.size(); i-- > 0;)
            {
                const SegmentRecord& s = m_segments[i];
                if (FromClient(s.direction) && s.time <= drop.time && m_lostBy[i].empty() &&
                    (drop.flags.empty() ||
                     (s.flags == drop.flags && s.seq == drop.seq && s.ack == drop.ack && s.length == drop.length)))
                {
                    m_lostBy[i] = drop.rule;
                    m_rows[i].trouble = true;
                    break;
                }
            }
            continue;
        }
        m_rows.push_back({Row::LOST, d, drop.time, true});
    }
    for (size_t j = 0; j < m_states.size(); ++j)
    {
        const StateRecord& state = m_states[j];
        if (state.side == "server")
        {
            m_rows.push_back({Row::SERVER_STATE, j, state.time});
            continue;
        }
        // A client change a segment's row shows already is not drawn twice.
        bool shown = std::any_of(m_segments.begin(), m_segments.end(), [&state](const SegmentRecord& s) {
            return s.stateBefore != s.stateAfter && s.stateAfter == state.to && std::abs(s.time - state.time) < 1e-6;
        });
        if (!shown)
        {
            m_rows.push_back({Row::CLIENT_STATE, j, state.time});
        }
    }
    if (m_dns)
    {
        // The seeds' first step, before the SYN: the name is resolved.
        if (!m_dns->cached)
        {
            m_rows.push_back({Row::DNS_QUERY, 0, m_dns->start});
        }
        m_rows.push_back({Row::DNS_ANSWER, 0, m_dns->end});
    }
    // Time order; at one time, the lookup first (the SYN follows its answer), then segments before
    // the state changes they cause.
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row& a, const Row& b) {
        if (a.time != b.time)
        {
            return a.time < b.time;
        }
        bool aDns = a.kind == Row::DNS_QUERY || a.kind == Row::DNS_ANSWER;
        bool bDns = b.kind == Row::DNS_QUERY || b.kind == Row::DNS_ANSWER;
        if (aDns != bDns)
        {
            return aDns;
        }
        return (a.kind == Row::SEGMENT || a.kind == Row::LOST) && b.kind != Row::SEGMENT && b.kind != Row::LOST;
    });
}

/**
 * Kept: the first HEAD and last TAIL rows; every state change (either side's row, or a segment
 * whose client state changes); every SYN, FIN and RST; every retransmission and loss with CONTEXT
 * rows around it. Stretches of one row are drawn rather than elided. Beyond MAX_ROWS the last
 * kept rows before the TAIL go too.
 */
void
LadderDiagram::ChooseRows()
{
    const size_t n = m_rows.size();
    for (size_t r = 0; r < n; ++r)
    {
        Row& row = m_rows[r];
        bool keep = r < HEAD || r + TAIL >= n || row.kind != Row::SEGMENT || row.trouble;
        if (row.kind == Row::SEGMENT)
        {
            const SegmentRecord& s = m_segments[row.index];
            keep = keep || s.stateBefore != s.stateAfter || HasFlag(s.flags, "SYN") || HasFlag(s.flags, "FIN");
        }
        row.keep = row.keep || keep;
        if (row.trouble)
        {
            for (size_t c = r >= CONTEXT ? r - CONTEXT : 0; c <= std::min(n - 1, r + CONTEXT); ++c)
            {
                m_rows[c].keep = true;
            }
        }
    }
    size_t kept = std::count_if(m_rows.begin(), m_rows.end(), [](const Row& row) { return row.keep; });
    for (size_t r = n - std::min(n, TAIL); kept > MAX_ROWS && r-- > HEAD;)
    {
        if (m_rows[r].keep)
        {
            m_rows[r].keep = false;
            --kept;
        }
    }
    for (size_t r = 1; r + 1 < n; ++r)
    {
        if (!m_rows[r].keep && m_rows[r - 1].keep && m_rows[r + 1].keep)
        {
            m_rows[r].keep = true;
        }
    }
}

bool
LadderDiagram::AnyInferred() const
{
    return std::any_of(m_segments.begin(), m_segments.end(), Inferred) ||
           std::any_of(m_states.begin(), m_states.end(),
                       [](const StateRecord& s) { return s.source == "wire"; });
}

std::string
LadderDiagram::Label(size_t index) const
{
    return SegmentLabel(m_segments[index]);
}

std::string
LadderDiagram::SegmentLabel(const SegmentRecord& s) const
{
    bool fromClient = FromClient(s.direction);
    std::string flags = s.flags;
    for (size_t at = flags.find(','); at != std::string::npos; at = flags.find(',', at + 2))
    {
        flags.replace(at, 1, ", ");
    }
    std::ostringstream os;
    os << "[" << flags << "] Seq=" << Relative(s.seq, fromClient ? m_clientIsn : m_serverIsn);
    if (HasFlag(s.flags, "ACK"))
    {
        os << " Ack=" << Relative(s.ack, fromClient ? m_serverIsn : m_clientIsn);
    }
    os << " Len=" << s.length;
    return os.str();
}

bool
LadderDiagram::IsRetransmission(size_t index) const
{
    return m_retransmission.at(index);
}

size_t
LadderDiagram::Elided() const
{
    return std::count_if(m_rows.begin(), m_rows.end(),
                         [](const Row& row) { return !row.keep && row.kind == Row::SEGMENT; });
}

std::string
LadderDiagram::Ms(double time) const
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(3) << (time - m_rows.front().time) * 1000 << " ms";
    return os.str();
}

std::vector<double>
LadderDiagram::Layout(double* fall) const
{
    // One y per row: kept rows, and the first row of each elided stretch (the elision's row).
    std::vector<double> y(m_rows.size(), 0);
    *fall = FALL;
    double scale = 0; // px per second
    if (m_timeScale)
    {
        // The handshake's round trip (the client's SYN to the SYN-ACK it got) spans two rows; the
        // arrows fall by half of it, the one-way delay.
        std::optional<double> syn;
        std::optional<double> rtt;
        for (const SegmentRecord& s : m_segments)
        {
            if (!syn && FromClient(s.direction) && HasFlag(s.flags, "SYN"))
            {
                syn = s.time;
            }
            else if (syn && !rtt && !FromClient(s.direction) && HasFlag(s.flags, "SYN"))
            {
                rtt = s.time - *syn;
            }
        }
        double span = m_rows.back().time - m_rows.front().time;
        double roundTrip = rtt && *rtt > 0 ? *rtt : std::max(span / std::max<size_t>(1, m_rows.size()), 1e-3);
        scale = 2 * ROW / roundTrip;
        scale = std::min(scale, MAX_TIME_SCALE_HEIGHT / std::max(span, 1e-9));
        *fall = std::min(roundTrip / 2 * scale, 4 * ROW);
    }
    double at = HEADER + (m_timeScale ? *fall : 0);
    for (size_t r = 0; r < m_rows.size(); ++r)
    {
        if (r > 0)
        {
            bool afterElision = !m_rows[r - 1].keep;
            if (!m_rows[r].keep && afterElision)
            {
                y[r] = y[r - 1]; // inside an elided stretch
                continue;
            }
            // An elision's row, and the row after it, are one ROW down: elided time is cut out.
            at += m_timeScale && !afterElision && m_rows[r].keep
                      ? std::max(MIN_GAP, (m_rows[r].time - m_rows[r - 1].time) * scale)
                      : ROW + (m_timeScale && afterElision ? *fall : 0);
        }
        y[r] = at;
    }
    return y;
}

void
LadderDiagram::Segment(std::ostream& os, const Row& row, double y, double fall) const
{
    const SegmentRecord& s = m_segments[row.index];
    bool fromClient = FromClient(s.direction);
    // Evenly spaced, an arrow starts on its row; on a time scale it reaches (or leaves) the
    // client at its row, the client's time.
    double y1 = fromClient || !m_timeScale ? y : y - fall;
    double y2 = y1 + fall;
    double clientY = fromClient ? y1 : y2;
    const std::string& lost = m_lostBy[row.index];
    std::string kind = HasFlag(s.flags, "RST") ? " rst" : s.length > 0 ? " data" : "";
    os << "<g class=\"seg " << (fromClient ? "c2s" : "s2c") << kind
       << (m_retransmission[row.index] ? " retx" : "") << (lost.empty() ? "" : " lost") << "\">";
    os << "<text class=\"time\" x=\"6\" y=\"" << clientY + 4 << "\">" << Ms(s.time) << "</text>";
    bool changed = s.stateBefore != s.stateAfter;
    bool inferred = Inferred(s);
    os << "<text class=\"state" << (changed ? " changed" : "") << (inferred ? " inferred" : "")
       << "\" x=\"" << CLIENT_X - 8 << "\" y=\"" << clientY + 4 << "\" text-anchor=\"end\">"
       << StateText(s.stateBefore, inferred);
    if (changed)
    {
        os << " &#8594; " << StateText(s.stateAfter, inferred);
    }
    os << "</text>";
    double x1 = fromClient ? CLIENT_X : SERVER_X;
    double x2 = fromClient ? SERVER_X : CLIENT_X;
    if (lost.empty())
    {
        ArrowLine(os, x1, y1, x2, y2);
    }
    else
    {
        double xl = x1 + (x2 - x1) * 0.6;
        double yl = y1 + (y2 - y1) * 0.6;
        os << "<line x1=\"" << x1 << "\" y1=\"" << y1 << "\" x2=\"" << xl << "\" y2=\"" << yl << "\"/>";
        Cross(os, xl, yl);
    }
    std::string label = Label(row.index);
    if (m_retransmission[row.index])
    {
        label += " (retransmission)";
    }
    if (!lost.empty())
    {
        label += " lost: " + lost;
    }
    os << "<text class=\"label\" x=\"" << (CLIENT_X + SERVER_X) / 2 << "\" y=\"" << (y1 + y2) / 2 - 5
       << "\" text-anchor=\"middle\">" << HtmlEscape(label) << "</text></g>";
}

void
LadderDiagram::Lost(std::ostream& os, const Row& row, double y, double fall) const
{
    // Server to client, lost on the client's access link: the client never saw it.
    const DropRecord& drop = m_drops[row.index];
    double y1 = m_timeScale ? y - fall : y;
    double xl = SERVER_X + (CLIENT_X - SERVER_X) * 0.6;
    double yl = y1 + fall * 0.6;
    std::string label = "lost: " + drop.rule;
    if (!drop.flags.empty())
    {
        SegmentRecord segment{drop.connectionId, drop.time, drop.direction, drop.flags, drop.seq, drop.ack,
                              drop.length, "", "", ""};
        label = SegmentLabel(segment) + " " + label;
    }
    os << "<g class=\"seg s2c lost\"><text class=\"time\" x=\"6\" y=\"" << (m_timeScale ? y : yl) + 4 << "\">" << Ms(drop.time)
       << "</text><line x1=\"" << SERVER_X << "\" y1=\"" << y1 << "\" x2=\"" << xl << "\" y2=\"" << yl
       << "\"/>";
    Cross(os, xl, yl);
    os << "<text class=\"label\" x=\"" << (CLIENT_X + SERVER_X) / 2 << "\" y=\"" << (y1 + yl) / 2 - 5
       << "\" text-anchor=\"middle\">" << HtmlEscape(label) << "</text></g>";
}

void
LadderDiagram::State(std::ostream& os, const Row& row, double y) const
{
    const StateRecord& state = m_states[row.index];
    bool server = row.kind == Row::SERVER_STATE;
    bool inferred = state.source == "wire";
    double x = server ? SERVER_X : CLIENT_X;
    os << "<g class=\"state-change " << (server ? "server" : "client") << "\"><circle cx=\"" << x << "\" cy=\""
       << y << "\" r=\"3\"/><text class=\"time\" x=\"6\" y=\"" << y + 4 << "\">" << Ms(state.time)
       << "</text><text class=\"state changed" << (inferred ? " inferred" : "") << "\" x=\""
       << (server ? SERVER_X + 8 : CLIENT_X - 8) << "\" y=\"" << y + 4 << "\" text-anchor=\""
       << (server ? "start" : "end") << "\">" << StateText(state.from, inferred) << " &#8594; "
       << StateText(state.to, inferred) << "</text></g>";
}

void
LadderDiagram::Dns(std::ostream& os, const Row& row, double y) const
{
    std::string text;
    if (row.kind == Row::DNS_QUERY)
    {
        text = "DNS query &#8592;";
    }
    else if (m_dns->cached)
    {
        text = "name from the resolver's cache";
    }
    else
    {
        std::ostringstream ms;
        ms << std::fixed << std::setprecision(1) << (m_dns->end - m_dns->start) * 1000;
        text = "DNS answer &#8594; (" + ms.str() + " ms)";
    }
    os << "<g class=\"dns\"><circle cx=\"" << CLIENT_X << "\" cy=\"" << y << "\" r=\"3\"/><text class=\"time\" x=\"6\" y=\""
       << y + 4 << "\">" << Ms(row.time) << "</text><text class=\"state dns\" x=\"" << CLIENT_X - 8 << "\" y=\""
       << y + 4 << "\" text-anchor=\"end\">" << text << "</text></g>";
}

void
LadderDiagram::Elision(std::ostream& os, size_t first, size_t last, double y) const
{
    size_t segments = 0;
    std::string before;
    std::string after;
    for (size_t r = first; r < last; ++r)
    {
        if (m_rows[r].kind == Row::SEGMENT)
        {
            const SegmentRecord& s = m_segments[m_rows[r].index];
            before = before.empty() ? StateText(s.stateBefore, Inferred(s)) : before;
            after = StateText(s.stateAfter, Inferred(s));
            ++segments;
        }
    }
    os << "<text class=\"elided\" x=\"" << (CLIENT_X + SERVER_X) / 2 << "\" y=\"" << y + 4
       << "\" text-anchor=\"middle\">&#8230; " << segments << " segments, " << Ms(m_rows[first].time) << " to "
       << Ms(m_rows[last - 1].time);
    if (before != after)
    {
        // A change the rows left out would otherwise look like a jump between the drawn ones.
        os << "; client " << before << " &#8594; " << after;
    }
    os << " &#8230;</text>";
}

std::string
LadderDiagram::Svg() const
{
    double fall = FALL;
    std::vector<double> y = m_rows.empty() ? std::vector<double>{} : Layout(&fall);
    double bottom = (y.empty() ? HEADER : y.back()) + fall + 16;
    bool anyRetransmission = std::find(m_retransmission.begin(), m_retransmission.end(), true) != m_retransmission.end();
    bool anyLost = !m_drops.empty();
    size_t legends = (AnyInferred() ? 1 : 0) + (anyRetransmission || anyLost ? 1 : 0);
    double height = bottom + legends * 18 + 6;
    std::ostringstream os;
    os << std::setprecision(5); // coordinates: whole pixels but for the arrowheads
    os << "<svg class=\"ladder" << (m_timeScale ? " timescale" : "") << "\" width=\"" << WIDTH
       << "\" height=\"" << height << "\" viewBox=\"0 0 " << WIDTH << " " << height << "\" role=\"img\">";
    os << "<text class=\"host\" x=\"" << CLIENT_X << "\" y=\"18\" text-anchor=\"middle\">client "
       << HtmlEscape(m_connection.clientAddress) << ":" << m_connection.clientPort << "</text>";
    os << "<text class=\"host\" x=\"" << SERVER_X << "\" y=\"18\" text-anchor=\"middle\">server "
       << HtmlEscape(m_connection.serverAddress) << ":" << m_connection.serverPort << "</text>";
    if (!m_clientPcap.empty() || !m_serverPcap.empty())
    {
        os << "<text class=\"pcap\" x=\"" << CLIENT_X << "\" y=\"34\" text-anchor=\"middle\">"
           << HtmlEscape(m_clientPcap) << "</text><text class=\"pcap\" x=\"" << SERVER_X
           << "\" y=\"34\" text-anchor=\"middle\">" << HtmlEscape(m_serverPcap) << "</text>";
    }
    os << "<text class=\"head\" x=\"6\" y=\"56\">time</text><text class=\"head\" x=\"" << CLIENT_X - 8
       << "\" y=\"56\" text-anchor=\"end\">client state</text><text class=\"head\" x=\"" << SERVER_X + 8
       << "\" y=\"56\">server state</text>";
    for (double x : {CLIENT_X, SERVER_X})
    {
        os << "<line class=\"life\" x1=\"" << x << "\" y1=\"40\" x2=\"" << x << "\" y2=\"" << bottom << "\"/>";
    }
    for (size_t r = 0; r < m_rows.size(); ++r)
    {
        const Row& row = m_rows[r];
        if (!row.keep)
        {
            size_t last = r;
            while (last < m_rows.size() && !m_rows[last].keep)
            {
                ++last;
            }
            Elision(os, r, last, y[r]);
            r = last - 1;
            continue;
        }
        switch (row.kind)
        {
        case Row::SEGMENT:
            Segment(os, row, y[r], fall);
            break;
        case Row::LOST:
            Lost(os, row, y[r], fall);
            break;
        case Row::CLIENT_STATE:
        case Row::SERVER_STATE:
            State(os, row, y[r]);
            break;
        case Row::DNS_QUERY:
        case Row::DNS_ANSWER:
            Dns(os, row, y[r]);
            break;
        }
    }
    double legendY = bottom + 12;
    if (anyRetransmission || anyLost)
    {
        os << "<text class=\"legend trouble\" x=\"6\" y=\"" << legendY
           << "\">dashed: a retransmission (sequence space its side sent before); &#215;: lost on the "
              "client's access link by a --drop rule</text>";
        legendY += 18;
    }
    if (AnyInferred())
    {
        // The legend of the mark, in the figure itself: it may be read without the page around it.
        os << "<text class=\"legend\" x=\"6\" y=\"" << legendY << "\">" << INFERRED_MARK
           << "STATE: inferred from the wire (the segments), not traced by the TCP</text>";
    }
    os << "</svg>";
    return os.str();
}

} // namespace ns3
