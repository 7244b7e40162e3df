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

// Geometry, in SVG user units (px): time and client state in the left columns, then the two lifelines.
const double WIDTH = 860;
const double CLIENT_X = 300;
const double SERVER_X = 760;
const double HEADER = 52; // host labels above the lifelines
const double ROW = 34;    // one arrow per row, evenly spaced: order matters more than scale here
const double DROP = 14;   // how far an arrow falls while it crosses (segments take time)

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
FromClient(const SegmentRecord& segment)
{
    return segment.direction == "client->server";
}

/** Seconds as milliseconds with microsecond digits, e.g. "92.416". */
std::string
Ms(double seconds)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(3) << seconds * 1000;
    return os.str();
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

} // namespace

std::string
LadderDiagram::StateText(const std::string& state, bool inferred)
{
    return (inferred ? std::string(INFERRED_MARK) : std::string()) + HtmlEscape(state);
}

bool
LadderDiagram::AnyInferred() const
{
    return std::any_of(m_segments.begin(), m_segments.end(), Inferred);
}

LadderDiagram::LadderDiagram(const ConnectionRecord& connection, std::vector<SegmentRecord> segments)
    : m_connection(connection),
      m_segments(std::move(segments))
{
    for (const auto& s : m_segments)
    {
        auto& isn = FromClient(s) ? m_clientIsn : m_serverIsn;
        if (!isn && HasFlag(s.flags, "SYN"))
        {
            isn = s.seq;
        }
    }
}

std::string
LadderDiagram::Label(size_t index) const
{
    const SegmentRecord& s = m_segments[index];
    bool fromClient = FromClient(s);
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

size_t
LadderDiagram::Elided() const
{
    return m_segments.size() > HEAD + TAIL ? m_segments.size() - HEAD - TAIL : 0;
}

void
LadderDiagram::Arrow(std::ostream& os, size_t index, double y) const
{
    const SegmentRecord& s = m_segments[index];
    bool fromClient = FromClient(s);
    double x1 = fromClient ? CLIENT_X : SERVER_X;
    double x2 = fromClient ? SERVER_X : CLIENT_X;
    double y2 = y + DROP;
    double clientY = fromClient ? y : y2; // the records' times are the client's: when it sent or got it
    std::string kind = HasFlag(s.flags, "RST") ? " rst" : s.length > 0 ? " data" : "";
    os << "<g class=\"seg " << (fromClient ? "c2s" : "s2c") << kind << "\">";
    os << "<text class=\"time\" x=\"6\" y=\"" << clientY + 4 << "\">"
       << Ms(s.time - m_segments.front().time) << " ms</text>";
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
    // The head: a triangle at (x2, y2) pointing along the arrow.
    double dx = x2 - x1;
    double dy = y2 - y;
    double length = std::hypot(dx, dy);
    double ux = dx / length;
    double uy = dy / length;
    double bx = x2 - 9 * ux;
    double by = y2 - 9 * uy;
    os << "<line x1=\"" << x1 << "\" y1=\"" << y << "\" x2=\"" << bx << "\" y2=\"" << by << "\"/>";
    os << "<polygon points=\"" << x2 << "," << y2 << " " << bx - 4 * uy << "," << by + 4 * ux << " "
       << bx + 4 * uy << "," << by - 4 * ux << "\"/>";
    os << "<text class=\"label\" x=\"" << (CLIENT_X + SERVER_X) / 2 << "\" y=\"" << y + DROP / 2 - 5
       << "\" text-anchor=\"middle\">" << HtmlEscape(Label(index)) << "</text></g>";
}

void
LadderDiagram::Elision(std::ostream& os, double y) const
{
    const SegmentRecord& first = m_segments[HEAD];
    const SegmentRecord& last = m_segments[m_segments.size() - TAIL - 1];
    double start = m_segments.front().time;
    os << "<text class=\"elided\" x=\"" << (CLIENT_X + SERVER_X) / 2 << "\" y=\"" << y + ROW / 2
       << "\" text-anchor=\"middle\">&#8230; " << Elided() << " segments, " << Ms(first.time - start)
       << " to " << Ms(last.time - start) << " ms";
    if (first.stateBefore != last.stateAfter)
    {
        // A change the rows left out would otherwise look like a jump between the drawn ones.
        os << "; client " << StateText(first.stateBefore, Inferred(first)) << " &#8594; "
           << StateText(last.stateAfter, Inferred(last));
    }
    os << " &#8230;</text>";
}

std::string
LadderDiagram::Svg() const
{
    size_t rows = m_segments.size() - Elided() + (Elided() ? 1 : 0) + (AnyInferred() ? 1 : 0);
    double height = HEADER + rows * ROW + 10;
    std::ostringstream os;
    os << std::setprecision(5); // coordinates: whole pixels but for the arrowheads
    os << "<svg class=\"ladder\" width=\"" << WIDTH << "\" height=\"" << height << "\" viewBox=\"0 0 "
       << WIDTH << " " << height << "\" role=\"img\">";
    os << "<text class=\"host\" x=\"" << CLIENT_X << "\" y=\"18\" text-anchor=\"middle\">client "
       << HtmlEscape(m_connection.clientAddress) << ":" << m_connection.clientPort << "</text>";
    os << "<text class=\"host\" x=\"" << SERVER_X << "\" y=\"18\" text-anchor=\"middle\">server "
       << HtmlEscape(m_connection.serverAddress) << ":" << m_connection.serverPort << "</text>";
    os << "<text class=\"head\" x=\"6\" y=\"40\">time</text><text class=\"head\" x=\"" << CLIENT_X - 8
       << "\" y=\"40\" text-anchor=\"end\">client state</text>";
    for (double x : {CLIENT_X, SERVER_X})
    {
        os << "<line class=\"life\" x1=\"" << x << "\" y1=\"26\" x2=\"" << x << "\" y2=\"" << height - 4
           << "\"/>";
    }
    double y = HEADER;
    for (size_t i = 0; i < m_segments.size(); ++i)
    {
        if (Elided() && i == HEAD)
        {
            Elision(os, y);
            y += ROW;
            i += Elided() - 1;
            continue;
        }
        Arrow(os, i, y);
        y += ROW;
    }
    if (AnyInferred())
    {
        // The legend of the mark, in the figure itself: it may be read without the page around it.
        os << "<text class=\"legend\" x=\"6\" y=\"" << y + ROW / 2 << "\">" << INFERRED_MARK
           << "STATE: inferred from the wire (the segments), not traced by the client's TCP</text>";
    }
    os << "</svg>";
    return os.str();
}

} // namespace ns3
