#include "link-fault-component.h"

#include "ns3/flag-set.h"
#include "ns3/scenario-context.h"
#include "ns3/sim-options.h"

namespace ns3
{

void
LinkFaultComponent::AddFlags(FlagSet& flags)
{
    flags.Add("link-down",
              "links that fail for a while: LINK@START+DURATION[,...], LINK bottleneck or "
              "client:N (e.g. bottleneck@5s+10s)",
              m_text);
}

std::string
LinkFaultComponent::Validate(const SimOptions& options)
{
    std::string error = m_plan.Parse(m_text, options.clients);
    return error.empty() ? "" : "--link-down: " + error;
}

void
LinkFaultComponent::AddReportParameters(Parameters& parameters) const
{
    if (!m_text.empty())
    {
        parameters.emplace_back("link-down", m_text);
    }
}

void
LinkFaultComponent::Install(ScenarioContext& context)
{
    m_plan.Schedule(context.topology);
}

const LinkFaultPlan&
LinkFaultComponent::Plan() const
{
    return m_plan;
}

} // namespace ns3
