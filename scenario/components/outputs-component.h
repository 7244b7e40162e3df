/*
 * What a run leaves under --out: results.sqlite (opened before the run, written as .partial and
 * renamed when complete), summary.txt, report.html (with --ladder's ladder diagrams) and, with
 * --csv, each table as <table>.csv; pcap/ for the capture. It holds the folder's lock for the whole
 * run, and removes what an earlier run into the same folder wrote and this one would write again.
 */
#ifndef HANDSHAKE_OUTPUTS_COMPONENT_H
#define HANDSHAKE_OUTPUTS_COMPONENT_H

#include "ns3/ladder-selection.h"
#include "ns3/output-folder-lock.h"
#include "ns3/results-database.h"
#include "ns3/run-records.h"
#include "ns3/scenario-component.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class OutputsComponent : public ScenarioComponent
{
  public:
    std::string outDir{"out"};
    bool csv{false};
    std::string ladderText{LadderSelection::DEFAULT};
    bool ladderTimeScale{false};
    LadderSelection ladders; //!< after Validate

    void AddFlags(FlagSet& flags) override;
    std::string Validate(const SimOptions& options) override;
    void AddReportParameters(Parameters& parameters) const override;
    void Install(ScenarioContext& context) override;
    /** The settings' lines and which code ran (the summary's last lines). */
    std::string SummaryLines() const override;

    /** --out's pcap/ folder. */
    std::string PcapDir() const;
    /**
     * Before the run: creates --out and its pcap/, takes the folder's lock, opens results.sqlite
     * for \p run and removes an earlier run's outputs. Returns "--out: what is wrong" or empty.
     */
    std::string Open(const RunRecord& run);
    /** After Open. */
    ResultsDatabase& Database();
    /**
     * After the run's records: finishes results.sqlite, then writes the CSVs, summary.txt
     * (\p summary) and report.html (\p parameters, the captured hosts' \p captureFiles, the run's
     * records). Returns an error text or empty.
     */
    std::string Write(const std::string& summary,
                      const Parameters& parameters,
                      const std::map<std::string, std::string>& captureFiles);

  private:
    /** As with results.sqlite: what an earlier run into the same --out wrote must not pass for this
     *  run's. Only the files a run writes go, each with its .partial; nothing else is touched. */
    void ClearEarlierOutputs() const;

    OutputFolderLock m_lock; //!< held from before the first write to --out until the end
    std::unique_ptr<ResultsDatabase> m_database;
    ScenarioContext* m_context{nullptr}; //!< from Install
};

} // namespace ns3

#endif // HANDSHAKE_OUTPUTS_COMPONENT_H
