/*
 * The run's own records: it installs the recorders (ConnectionRecorder on the clients, the recorded
 * ones segment by segment, and on the servers; ServerLoadMonitor) after every component's Install,
 * and after the run writes the core tables of results.sqlite (settings, clients, connections,
 * transactions, segments, states, servers, server_load), the run's metrics (RunMetrics) and the
 * summary's first lines (counts and durations, then the servers'). No flags of its own.
 */
#ifndef HANDSHAKE_RECORDING_COMPONENT_H
#define HANDSHAKE_RECORDING_COMPONENT_H

#include "ns3/scenario-component.h"

namespace ns3
{

class RecordingComponent : public ScenarioComponent
{
  public:
    void AddFlags(FlagSet& flags) override;
    std::string Validate(const SimOptions& options) override;
    void AddReportParameters(Parameters& parameters) const override;
    /** After every component's Install: the recorders see every node, application and socket. */
    void InstallLast(ScenarioContext& context) override;
    void Record(ResultsDatabase& database) override;
    std::string SummaryLines() const override;
    void AddMetrics(std::vector<MetricRecord>& metrics) const override;

  private:
    ScenarioContext* m_context{nullptr}; //!< from InstallLast
};

} // namespace ns3

#endif // HANDSHAKE_RECORDING_COMPONENT_H
