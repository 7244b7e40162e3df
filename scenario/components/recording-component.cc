#include "recording-component.h"

#include "ns3/connection-recorder.h"
#include "ns3/results-database.h"
#include "ns3/run-metrics.h"
#include "ns3/run-results.h"
#include "ns3/run-summary.h"
#include "ns3/scenario-context.h"
#include "ns3/server-load-monitor.h"
#include "ns3/topology-builder.h"

namespace ns3
{

void
RecordingComponent::AddFlags(FlagSet& /* flags */)
{
}

std::string
RecordingComponent::Validate(const SimOptions& /* options */)
{
    return "";
}

void
RecordingComponent::AddReportParameters(Parameters& /* parameters */) const
{
}

void
RecordingComponent::InstallLast(ScenarioContext& context)
{
    m_context = &context;
    context.connections.Install(context.topology.GetClients(), context.results.recordedClients);
    context.connections.InstallServers(context.topology.GetServers());
    context.serverLoad.Install(context.topology.GetServers());
}

void
RecordingComponent::Record(ResultsDatabase& database)
{
    const RunResults& r = m_context->results;
    database.AddAll(r.settings, r.clients, r.connections, r.transactions, r.segments, r.states, r.servers,
                    m_context->serverLoad.Samples());
}

std::string
RecordingComponent::SummaryLines() const
{
    const RunResults& r = m_context->results;
    return RunSummary::Format(r.title, r.connections, r.transactions, r.timeWaitAtEnd) +
           RunSummary::FormatServers(r.servers);
}

void
RecordingComponent::AddMetrics(std::vector<MetricRecord>& metrics) const
{
    const RunResults& r = m_context->results;
    std::vector<MetricRecord> own = RunMetrics::Compute({r.connections, r.transactions, r.servers, r.simulatedSeconds});
    metrics.insert(metrics.end(), own.begin(), own.end());
}

} // namespace ns3
