/*
 * report.html (shared/DESIGN.md, "Outputs"): one self-contained page per run, readable offline (inline
 * CSS and SVG, no scripts, fonts or links): the run's title and parameters, connections and requests
 * by outcome, the p50/p90/p99 table, a histogram per time of RunSummary::Samples, and ladder diagrams
 * of a few connections whose segments were recorded (the capture policy's sampled clients). Its size
 * does not grow with the number of connections: bins, diagrams and arrows are bounded.
 */
#ifndef HANDSHAKE_HTML_REPORT_H
#define HANDSHAKE_HTML_REPORT_H

#include "ns3/ladder-selection.h"
#include "ns3/run-records.h"
#include "ns3/run-summary.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class HtmlReport
{
  public:

    explicit HtmlReport(const std::string& title);

    void AddParameter(const std::string& name, const std::string& value);
    /** AddParameter for each (name, value), e.g. SimOptions::ReportParameters(). */
    void AddParameters(const std::vector<std::pair<std::string, std::string>>& parameters);
    /** Every setting in effect (the `settings` table) and the versions built from: a table of
     *  its own, the settings not at their default in bold. */
    void SetSettings(const std::vector<SettingRecord>& settings,
                     const std::string& handshakeVersion,
                     const std::string& ns3Version);
    /** Which connections get a ladder (--ladder; LadderSelection::DEFAULT if not set), and whether
     *  its rows are placed to time scale (--ladder-time-scale). */
    void SetLadders(const LadderSelection& selection, bool timeScale);
    /** The capture file (a path under --out) of each host address, named in its ladders. */
    void SetCaptureFiles(const std::map<std::string, std::string>& byAddress);
    /** One connection's ladder with its heading, as the page draws it (\p reason: why it is drawn;
     *  \p opener: the request that opened it, whose DNS lookup is drawn before the SYN). */
    std::string LadderHtml(const ConnectionRecord& connection,
                           const std::vector<SegmentRecord>& segments,
                           const std::vector<StateRecord>& states,
                           const std::vector<DropRecord>& drops,
                           const std::string& reason,
                           const TransactionRecord* opener = nullptr) const;
    /** The text summary (RunSummary::Format), shown as it was printed. */
    void SetSummaryText(const std::string& text);
    /** How the run ended: the page says why and lists the connections still open. */
    void SetRunEnd(const RunEndRecord& end);

    /** Connections open at the end that the page lists by name; the rest are counted. */
    static constexpr size_t OPEN_CONNECTIONS_LISTED = 100;

    /** A page of its own with report.html's style: \p title as its title and heading, then \p body. */
    static std::string Page(const std::string& title, const std::string& body);
    /** The page. */
    /** \p states and \p drops (both sides' state changes, --drop losses) go into the ladders. */
    std::string Render(const std::vector<ConnectionRecord>& connections,
                       const std::vector<TransactionRecord>& transactions,
                       const std::vector<SegmentRecord>& segments,
                       const std::vector<StateRecord>& states = {},
                       const std::vector<DropRecord>& drops = {}) const;

    /**
     * Writes the page to "<path>.partial" and renames it to \p path, so that no complete-looking
     * report exists unless the whole page was written. Returns an error text, empty on success.
     */
    std::string Write(const std::string& path,
                      const std::vector<ConnectionRecord>& connections,
                      const std::vector<TransactionRecord>& transactions,
                      const std::vector<SegmentRecord>& segments,
                      const std::vector<StateRecord>& states = {},
                      const std::vector<DropRecord>& drops = {}) const;

  private:
    void Summary(std::ostream& os,
                 const std::vector<ConnectionRecord>& connections,
                 const std::vector<TransactionRecord>& transactions,
                 const std::vector<RunSummary::Sample>& samples) const;
    void RunEnd(std::ostream& os,
                const std::vector<ConnectionRecord>& connections,
                const std::vector<TransactionRecord>& transactions) const;
    void Settings(std::ostream& os) const;
    static void Distributions(std::ostream& os, const std::vector<RunSummary::Sample>& samples);
    void Ladders(std::ostream& os,
                 const std::vector<ConnectionRecord>& connections,
                 const std::vector<TransactionRecord>& transactions,
                 const std::vector<SegmentRecord>& segments,
                 const std::vector<StateRecord>& states,
                 const std::vector<DropRecord>& drops) const;

    std::string m_title;
    std::vector<std::pair<std::string, std::string>> m_parameters;
    std::string m_summaryText;
    std::vector<SettingRecord> m_settings;
    LadderSelection m_ladders;
    bool m_ladderTimeScale{false};
    std::map<std::string, std::string> m_captureFiles;
    std::string m_versions; //!< "handshake 8b227e7, ns-3 3.37"; empty: no Settings section
    std::optional<RunEndRecord> m_runEnd;
};

} // namespace ns3

#endif // HANDSHAKE_HTML_REPORT_H
