#include "html-report.h"

#include "ns3/html-text.h"
#include "ns3/ladder-diagram.h"
#include "ns3/svg-histogram.h"
#include "ns3/write-output-file.h"

#include <algorithm>
#include <iomanip>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace ns3
{

namespace
{

/** Inline, so that the page needs nothing but itself. */
const char* const STYLE = R"(
body { font-family: system-ui, sans-serif; color: #222; max-width: 1200px; margin: 20px auto;
       padding: 0 16px; }
h1 { font-size: 1.4em; }
h2 { font-size: 1.2em; border-bottom: 1px solid #ddd; padding-bottom: 4px; margin-top: 32px; }
h3 { font-size: 1em; margin: 20px 0 4px; }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.columns, .plots { display: flex; flex-wrap: wrap; gap: 16px 40px; align-items: flex-start; }
.sharebar { display: inline-block; height: 10px; background: #4c8bd6; }
.note, .nodata { color: #555; font-size: 0.9em; max-width: 860px; }
.nodata { font-style: italic; }
figure { margin: 0; border: 1px solid #e2e2e2; border-radius: 4px; padding: 8px; }
figcaption { font-size: 0.85em; color: #555; max-width: 440px; }
pre { background: #f6f6f6; padding: 8px; overflow-x: auto; }
.scroll { overflow-x: auto; }
svg text { font-family: system-ui, sans-serif; font-size: 11px; fill: #333; }
svg .title { font-size: 12px; font-weight: 600; }
svg .bar { fill: #4c8bd6; }
svg .overflow { fill: #aaa; }
svg .axis, svg .tick { stroke: #333; }
svg .gridline { stroke: #eee; }
svg .pct { stroke-dasharray: 4 2; }
table.settings tr.set td { font-weight: 600; }
.ladder .life { stroke: #999; stroke-width: 2; }
.ladder .host { font-size: 13px; font-weight: 600; }
.ladder .head { fill: #777; }
.ladder .seg line { stroke-width: 1.5; }
.ladder .c2s line { stroke: #1f6feb; } .ladder .c2s polygon { fill: #1f6feb; }
.ladder .s2c line { stroke: #1a7f37; } .ladder .s2c polygon { fill: #1a7f37; }
.ladder .data line { stroke-width: 2.5; }
.ladder .rst line { stroke: #c23030; } .ladder .rst polygon { fill: #c23030; }
.ladder .label, .ladder .time { font-family: ui-monospace, monospace; }
.ladder .time { fill: #555; }
.ladder .state { fill: #999; }
.ladder .state.changed { fill: #000; font-weight: 600; }
.ladder .state.inferred { font-style: italic; fill: #b35900; }
.ladder .legend { fill: #b35900; font-style: italic; font-size: 12px; }
.ladder .retx line { stroke-dasharray: 6 3; } .ladder .retx .label, .ladder .lost .label { fill: #b35900; }
.ladder .cross { stroke: #c23030; stroke-width: 2.5; }
.ladder .pcap { fill: #777; font-size: 11px; font-family: ui-monospace, monospace; }
.ladder .state-change circle { fill: #000; }
.ladder .legend.trouble { fill: #b35900; }
.ladder .elided { fill: #777; font-style: italic; font-size: 12px; }
)";

/** Records by outcome, in name order. */
template <typename Record>
std::map<std::string, size_t>
CountByOutcome(const std::vector<Record>& records)
{
    std::map<std::string, size_t> counts;
    for (const auto& record : records)
    {
        counts[record.outcome]++;
    }
    return counts;
}

void
OutcomeTable(std::ostream& os,
             const std::string& what,
             const std::map<std::string, size_t>& counts,
             size_t total)
{
    os << "<div><h3>" << what << " by outcome</h3><table><tr><th>outcome</th><th class=\"num\">count</th>"
       << "<th class=\"num\">share</th><th></th></tr>";
    for (const auto& [outcome, count] : counts)
    {
        double share = 100.0 * count / total;
        os << "<tr><td>" << HtmlEscape(outcome) << "</td><td class=\"num\">" << count
           << "</td><td class=\"num\">" << std::fixed << std::setprecision(1) << share
           << " %</td><td><span class=\"sharebar\" style=\"width:" << std::setprecision(0)
           << std::max(1.0, share * 1.5) << "px\"></span></td></tr>";
    }
    os << "<tr><th>total</th><th class=\"num\">" << total << "</th><th></th><th></th></tr></table></div>";
}

} // namespace

HtmlReport::HtmlReport(const std::string& title)
    : m_title(title)
{
}

void
HtmlReport::AddParameter(const std::string& name, const std::string& value)
{
    m_parameters.emplace_back(name, value);
}

void
HtmlReport::AddParameters(const std::vector<std::pair<std::string, std::string>>& parameters)
{
    for (const auto& [name, value] : parameters)
    {
        AddParameter(name, value);
    }
}

void
HtmlReport::SetSettings(const std::vector<SettingRecord>& settings,
                        const std::string& handshakeVersion,
                        const std::string& ns3Version)
{
    m_settings = settings;
    m_versions = "handshake " + handshakeVersion + ", ns-3 " + ns3Version;
}

void
HtmlReport::Settings(std::ostream& os) const
{
    if (m_versions.empty())
    {
        return;
    }
    size_t changed = std::count_if(m_settings.begin(), m_settings.end(),
                                   [](const SettingRecord& s) { return s.source != "default"; });
    os << "<h2>Settings</h2><p>Built from " << HtmlEscape(m_versions) << ". " << m_settings.size()
       << " settings in effect, " << changed
       << " of them not at their default (in bold); results.sqlite's <code>settings</code> table "
          "has the same rows.</p><details><summary>Every setting</summary><table class=\"settings\">"
          "<tr><th>setting</th><th>value</th><th>from</th></tr>";
    for (const SettingRecord& setting : m_settings)
    {
        os << "<tr" << (setting.source == "default" ? "" : " class=\"set\"") << "><td>"
           << HtmlEscape(setting.name) << "</td><td>" << HtmlEscape(setting.value) << "</td><td>"
           << HtmlEscape(setting.source) << "</td></tr>";
    }
    os << "</table></details>";
}

void
HtmlReport::SetSummaryText(const std::string& text)
{
    m_summaryText = text;
}

void
HtmlReport::SetRunEnd(const RunEndRecord& end)
{
    m_runEnd = end;
}

void
HtmlReport::RunEnd(std::ostream& os,
                   const std::vector<ConnectionRecord>& connections,
                   const std::vector<TransactionRecord>& transactions) const
{
    if (!m_runEnd)
    {
        return;
    }
    os << "<h3>Run end</h3><p>" << HtmlEscape(RunSummary::DescribeRunEnd(*m_runEnd, connections, transactions))
       << ".</p>";
    size_t open = 0;
    for (const auto& c : connections)
    {
        if (!c.openAtEnd || ++open > OPEN_CONNECTIONS_LISTED)
        {
            continue;
        }
        if (open == 1)
        {
            os << "<table><tr><th>connection</th><th>client</th><th>server</th><th>state</th>"
               << "<th>state from</th></tr>";
        }
        os << "<tr><td class=\"num\">" << c.id << "</td><td>" << HtmlEscape(c.clientAddress) << ":"
           << c.clientPort << "</td><td>" << HtmlEscape(c.serverAddress) << ":" << c.serverPort
           << "</td><td>" << HtmlEscape(c.finalState) << "</td><td>"
           << (c.stateSource == "tcp" ? "the TCP's trace" : "the wire") << "</td></tr>";
    }
    if (open > 0)
    {
        os << "</table>";
    }
    if (open > OPEN_CONNECTIONS_LISTED)
    {
        os << "<p class=\"note\">... and " << open - OPEN_CONNECTIONS_LISTED
           << " more: connections with open_at_end = 1 in results.sqlite.</p>";
    }
}

void
HtmlReport::Summary(std::ostream& os,
                    const std::vector<ConnectionRecord>& connections,
                    const std::vector<TransactionRecord>& transactions,
                    const std::vector<RunSummary::Sample>& samples) const
{
    os << "<h2>Summary</h2><div class=\"columns\">";
    OutcomeTable(os, "Connections", CountByOutcome(connections), connections.size());
    OutcomeTable(os, "Requests", CountByOutcome(transactions), transactions.size());
    os << "<div><h3>Parameters</h3><table>";
    for (const auto& [name, value] : m_parameters)
    {
        os << "<tr><th>" << HtmlEscape(name) << "</th><td>" << HtmlEscape(value) << "</td></tr>";
    }
    os << "</table></div></div>";
    RunEnd(os, connections, transactions);
    os << "<h3>Times</h3><table><tr><th>measure</th><th>of</th><th class=\"num\">n</th>"
       << "<th class=\"num\">p50</th><th class=\"num\">p90</th><th class=\"num\">p99</th><th>unit</th>"
       << "<th>definition</th></tr>";
    for (const auto& sample : samples)
    {
        os << "<tr><td>" << HtmlEscape(sample.name) << "</td><td>" << HtmlEscape(sample.records) << "</td>";
        auto p = Percentiles::Of(sample.values);
        if (p)
        {
            os << std::fixed << std::setprecision(1) << "<td class=\"num\">" << p->count
               << "</td><td class=\"num\">" << p->p50 << "</td><td class=\"num\">" << p->p90
               << "</td><td class=\"num\">" << p->p99 << "</td>";
        }
        else
        {
            os << "<td class=\"num\">0</td><td class=\"num\" colspan=\"3\">no data</td>";
        }
        os << "<td>" << HtmlEscape(sample.unit) << "</td><td>" << HtmlEscape(sample.definition) << "</td></tr>";
    }
    os << "</table><p class=\"note\">Percentiles are nearest-rank, as in summary.txt: each is a value "
          "that occurred.</p>";
    if (!m_summaryText.empty())
    {
        os << "<details><summary>summary.txt</summary><pre>" << HtmlEscape(m_summaryText) << "</pre></details>";
    }
}

void
HtmlReport::Distributions(std::ostream& os, const std::vector<RunSummary::Sample>& samples)
{
    os << "<h2>Distributions</h2><div class=\"plots\">";
    for (const auto& sample : samples)
    {
        if (sample.unit != "ms")
        {
            continue; // times only; the retransmission counts are in the table
        }
        os << "<figure><h3>" << HtmlEscape(sample.name) << "</h3>";
        auto p = Percentiles::Of(sample.values);
        if (!p)
        {
            os << "<p class=\"nodata\">No data: no " << HtmlEscape(sample.records)
               << " with both times (" << HtmlEscape(sample.definition) << ").</p></figure>";
            continue;
        }
        SvgHistogram histogram(sample.values, *p);
        os << histogram.Svg(sample.name, sample.unit, sample.records)
           << "<figcaption>" << p->count << " " << HtmlEscape(sample.records) << "; "
           << HtmlEscape(sample.definition) << ".";
        if (histogram.Overflow())
        {
            os << " The grey bar holds the " << histogram.Overflow() << " values beyond the bins, up to "
               << std::fixed << std::setprecision(1) << histogram.Max() << " ms.";
        }
        os << "</figcaption></figure>";
    }
    os << "</div>";
}

namespace
{

/** The rows of each chosen connection (every chosen one has an entry, maybe empty), in their order. */
template <typename Record>
std::unordered_map<uint64_t, std::vector<Record>>
OfChosen(const std::vector<Record>& rows, const std::vector<LadderSelection::Choice>& chosen)
{
    std::unordered_map<uint64_t, std::vector<Record>> own;
    for (const auto& choice : chosen)
    {
        own[choice.id];
    }
    for (const Record& row : rows)
    {
        auto it = own.find(row.connectionId);
        if (it != own.end())
        {
            it->second.push_back(row);
        }
    }
    return own;
}

} // namespace

void
HtmlReport::SetLadders(const LadderSelection& selection, bool timeScale)
{
    m_ladders = selection;
    m_ladderTimeScale = timeScale;
}

void
HtmlReport::SetCaptureFiles(const std::map<std::string, std::string>& byAddress)
{
    m_captureFiles = byAddress;
}

void
HtmlReport::Ladders(std::ostream& os,
                    const std::vector<ConnectionRecord>& connections,
                    const std::vector<TransactionRecord>& transactions,
                    const std::vector<SegmentRecord>& segments,
                    const std::vector<StateRecord>& states,
                    const std::vector<DropRecord>& drops) const
{
    os << "<h2>Ladder diagrams</h2>";
    if (segments.empty())
    {
        os << "<p class=\"nodata\">No segments were recorded in this run: ladder diagrams need a capture "
              "that samples clients, e.g. --pcap=sample:2 (or --pcap=all).</p>";
        return;
    }
    std::vector<LadderSelection::Choice> chosen = m_ladders.Choose(connections, segments);
    os << "<p class=\"note\">Segments are recorded only for the connections of the clients the capture "
          "policy samples (--pcap); --ladder chose these (each says why), and "
          "<code>scripts/report ladder --out=DIR --conn=ID</code> draws any other. Times are simulated "
          "time in ms after the connection's first row: a segment's is the client's (when it sent or "
          "received it), a server state's the server's. "
       << (m_ladderTimeScale ? "Rows are placed to time scale (at least 18 px apart; an elided stretch "
                               "is cut out), so arrows slope by the one-way delay. "
                             : "Rows are evenly spaced, not to scale (--ladder-time-scale draws them to "
                               "scale). ")
       << "Seq and Ack are relative to each side's ISN (the client's SYN, the server's SYN-ACK), as "
          "Wireshark shows them. The left column is the client's TCP state before &#8594; after each "
          "segment, the right one the server's state changes, as each TCP traced them (our TCP's "
          "StateTransition, stock TCP's socket State); a state written "
       << LadderDiagram::INFERRED_MARK
       << "STATE, in italics, was not traced and is inferred from the segments (the wire). "
          "Retransmissions are dashed, segments lost to --drop rules end in a cross. Long "
          "connections keep their first "
       << LadderDiagram::HEAD << " and last " << LadderDiagram::TAIL
       << " rows, every state change, SYN, FIN and RST, and every retransmission and loss with a row "
          "either side; quiet stretches between are elided.</p>";
    std::unordered_map<uint64_t, std::vector<SegmentRecord>> ownSegments = OfChosen(segments, chosen);
    std::unordered_map<uint64_t, std::vector<StateRecord>> ownStates = OfChosen(states, chosen);
    std::unordered_map<uint64_t, std::vector<DropRecord>> ownDrops = OfChosen(drops, chosen);
    std::unordered_map<uint64_t, const ConnectionRecord*> records;
    for (const auto& connection : connections)
    {
        if (ownSegments.count(connection.id))
        {
            records[connection.id] = &connection;
        }
    }
    for (const auto& choice : chosen)
    {
        auto record = records.find(choice.id);
        const std::vector<SegmentRecord>& own = ownSegments[choice.id];
        if (record == records.end() || own.empty())
        {
            os << "<h3>Connection " << choice.id << " (" << HtmlEscape(choice.reason) << ")</h3><p class=\"nodata\">"
               << (record == records.end() ? "No such connection in this run." : "No segments were recorded "
                                                                                  "for it: its client was not "
                                                                                  "captured (--pcap).")
               << "</p>";
            continue;
        }
        const ConnectionRecord& c = *record->second;
        // The request whose lookup preceded the connection (--dns=on): the one that opened it.
        auto opener = std::find_if(transactions.begin(), transactions.end(), [&c](const TransactionRecord& t) {
            return t.dnsStart && t.firstConnectionId == c.id;
        });
        os << LadderHtml(c, own, ownStates[choice.id], ownDrops[choice.id], choice.reason,
                         opener == transactions.end() ? nullptr : &*opener);
    }
}

std::string
HtmlReport::LadderHtml(const ConnectionRecord& c,
                       const std::vector<SegmentRecord>& segments,
                       const std::vector<StateRecord>& states,
                       const std::vector<DropRecord>& drops,
                       const std::string& reason,
                       const TransactionRecord* opener) const
{
    LadderDiagram ladder(c, segments, states, drops);
    if (opener && opener->dnsStart && opener->dnsEnd)
    {
        ladder.SetDnsLookup(*opener->dnsStart, *opener->dnsEnd, opener->dnsCached);
    }
    ladder.SetTimeScale(m_ladderTimeScale);
    auto pcap = [this](const std::string& address) {
        auto it = m_captureFiles.find(address);
        return it == m_captureFiles.end() ? std::string() : it->second;
    };
    ladder.SetCaptureFiles(pcap(c.clientAddress), pcap(c.serverAddress));
    std::ostringstream os;
    os << "<h3>Connection " << c.id << ": " << HtmlEscape(c.clientAddress) << ":" << c.clientPort
       << " &#8594; " << HtmlEscape(c.serverAddress) << ":" << c.serverPort << ", outcome "
       << HtmlEscape(c.outcome) << ", final state " << HtmlEscape(c.finalState)
       << (reason.empty() ? "" : " (" + HtmlEscape(reason) + ")") << "</h3><p class=\"note\">"
       << segments.size() << " segments, " << c.retransmissions << " retransmitted by the client";
    if (ladder.Elided())
    {
        os << ", " << ladder.Elided() << " of them elided";
    }
    os << "; first at " << std::fixed << std::setprecision(6) << segments.front().time
       << " s of simulated time (as in the pcap";
    if (!pcap(c.clientAddress).empty())
    {
        os << ": " << HtmlEscape(pcap(c.clientAddress));
    }
    os << ").</p><div class=\"scroll\">" << ladder.Svg() << "</div>";
    return os.str();
}

std::string
HtmlReport::Page(const std::string& title, const std::string& body)
{
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + HtmlEscape(title) +
           "</title><style>" + STYLE + "</style></head><body><h1>" + HtmlEscape(title) + "</h1>\n" + body +
           "\n</body></html>\n";
}

std::string
HtmlReport::Render(const std::vector<ConnectionRecord>& connections,
                   const std::vector<TransactionRecord>& transactions,
                   const std::vector<SegmentRecord>& segments,
                   const std::vector<StateRecord>& states,
                   const std::vector<DropRecord>& drops) const
{
    std::ostringstream os;
    os << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" << HtmlEscape(m_title)
       << "</title><style>" << STYLE << "</style></head><body><h1>" << HtmlEscape(m_title) << "</h1>\n";
    std::vector<RunSummary::Sample> samples = RunSummary::Samples(connections, transactions);
    Summary(os, connections, transactions, samples);
    Settings(os);
    os << "\n";
    Distributions(os, samples);
    os << "\n";
    Ladders(os, connections, transactions, segments, states, drops);
    os << "\n</body></html>\n";
    return os.str();
}

std::string
HtmlReport::Write(const std::string& path,
                  const std::vector<ConnectionRecord>& connections,
                  const std::vector<TransactionRecord>& transactions,
                  const std::vector<SegmentRecord>& segments,
                  const std::vector<StateRecord>& states,
                  const std::vector<DropRecord>& drops) const
{
    return WriteOutputFile(path, Render(connections, transactions, segments, states, drops));
}

} // namespace ns3
