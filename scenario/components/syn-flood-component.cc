#include "syn-flood-component.h"

#include "ns3/flag-set.h"
#include "ns3/results-database.h"
#include "ns3/run-metrics.h"
#include "ns3/run-summary.h"
#include "ns3/scenario-context.h"
#include "ns3/server-load-monitor.h"
#include "ns3/sim-options.h"
#include "ns3/topology-builder.h"

namespace ns3
{

const Time SynFloodComponent::SERVER_LOAD_INTERVAL = MilliSeconds(100);

void
SynFloodComponent::AddFlags(FlagSet& flags)
{
    flags.Add("syn-flood",
              "an attacker host sends spoofed SYNs to server 0, port 80: RATE (SYNs/s, 0 = off) "
              "or RATE@START+DURATION (e.g. 1000@2s+10s)",
              m_text);
    flags.Add("attacker-rate", "rate of the attacker host's link (with --syn-flood)", m_attackerRateText);
}

std::string
SynFloodComponent::Validate(const SimOptions& /* options */)
{
    std::string error = SimOptions::ParsePositiveRate("attacker-rate", m_attackerRateText, m_attackerRate);
    if (!error.empty())
    {
        return error;
    }
    error = m_plan.Parse(m_text);
    return error.empty() ? "" : "--syn-flood: " + error;
}

void
SynFloodComponent::AddReportParameters(Parameters& parameters) const
{
    if (m_plan.Enabled())
    {
        parameters.emplace_back("syn-flood (SYN/s)", m_text);
        parameters.emplace_back("attacker-rate", m_attackerRateText);
    }
}

void
SynFloodComponent::InstallLast(ScenarioContext& context)
{
    if (!m_plan.Enabled())
    {
        return;
    }
    // Last: the attacker's objects take no automatic random stream from the rest.
    context.topology.SetAttribute("AttackerLinkRate", DataRateValue(m_attackerRate));
    m_plan.Install(context.topology, 0, context.httpPort);
    context.serverLoad.SampleEvery(0, SERVER_LOAD_INTERVAL);
}

void
SynFloodComponent::WorkDone()
{
    m_plan.Stop(); // a flood "until the run ends" must not keep a finished run going
}

void
SynFloodComponent::Record(ResultsDatabase& database)
{
    if (m_plan.Enabled())
    {
        m_record = m_plan.Record();
        database.Add(*m_record);
    }
}

std::string
SynFloodComponent::SummaryLines() const
{
    return m_record ? RunSummary::FormatSynFlood(*m_record) : "";
}

void
SynFloodComponent::AddMetrics(std::vector<MetricRecord>& metrics) const
{
    metrics.push_back(RunMetrics::SynFloodMetric(m_record));
}

const SynFloodPlan&
SynFloodComponent::Plan() const
{
    return m_plan;
}

DataRate
SynFloodComponent::AttackerRate() const
{
    return m_attackerRate;
}

} // namespace ns3
