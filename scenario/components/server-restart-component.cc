#include "server-restart-component.h"

#include "ns3/flag-set.h"
#include "ns3/http-server-helper.h"
#include "ns3/scenario-context.h"
#include "ns3/sim-options.h"
#include "ns3/topology-builder.h"

namespace ns3
{

void
ServerRestartComponent::AddFlags(FlagSet& flags)
{
    flags.Add("server-restart",
              "servers that crash and come back: SERVER@START+DURATION[,...], SERVER server:N "
              "(e.g. server:0@5s+10s; --tcp=handshake only)",
              m_text);
}

std::string
ServerRestartComponent::Validate(const SimOptions& options)
{
    std::string error = m_plan.Parse(m_text, options.servers);
    if (!error.empty())
    {
        return "--server-restart: " + error;
    }
    if (!m_plan.Restarts().empty() && options.tcp != "handshake")
    {
        // Stock TCP has no way to lose its connections silently: stopping its application closes
        // them with FINs, which is a clean shutdown, not a crash (RFC 9293 3.5.1).
        return "--server-restart: needs --tcp=handshake (stock ns-3 TCP cannot forget its "
               "connections without sending FINs)";
    }
    return "";
}

void
ServerRestartComponent::AddReportParameters(Parameters& parameters) const
{
    if (!m_text.empty())
    {
        parameters.emplace_back("server-restart", m_text);
    }
}

void
ServerRestartComponent::Install(ScenarioContext& context)
{
    m_plan.Schedule(context.topology.GetServers(), HttpServerHelper(context.httpPort));
}

const ServerRestartPlan&
ServerRestartComponent::Plan() const
{
    return m_plan;
}

} // namespace ns3
