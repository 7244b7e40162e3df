#include "drop-rule-component.h"

#include "ns3/connection-recorder.h"
#include "ns3/flag-set.h"
#include "ns3/results-database.h"
#include "ns3/run-results.h"
#include "ns3/scenario-context.h"
#include "ns3/sim-options.h"

namespace ns3
{

void
DropRuleComponent::AddFlags(FlagSet& flags)
{
    flags.Add("drop",
              "segments to lose on the clients' access links, by what they are: "
              "RULE[,RULE...], RULE = [client:N/]DIR:WHAT[#K], DIR c2s or s2c, WHAT syn, synack, "
              "fin, rst, data=X or ack=A (relative numbers), #K the K-th match per connection "
              "(e.g. c2s:syn, s2c:data=1#2); adds to --loss",
              m_text);
}

std::string
DropRuleComponent::Validate(const SimOptions& options)
{
    std::string error = m_plan.Parse(m_text, options.clients);
    return error.empty() ? "" : "--drop: " + error;
}

void
DropRuleComponent::AddReportParameters(Parameters& parameters) const
{
    if (!m_text.empty())
    {
        parameters.emplace_back("drop", m_text);
    }
}

void
DropRuleComponent::Install(ScenarioContext& context)
{
    m_context = &context;
    const ConnectionRecorder& connections = context.connections;
    m_plan.Install(context.topology, [&connections](Ipv4Address client, uint16_t port) {
        return connections.FindId(client, port);
    });
}

void
DropRuleComponent::Record(ResultsDatabase& database)
{
    database.AddRows(m_context->results.drops);
}

const DropPlan&
DropRuleComponent::Plan() const
{
    return m_plan;
}

} // namespace ns3
