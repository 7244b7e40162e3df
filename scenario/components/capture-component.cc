#include "capture-component.h"

#include "ns3/flag-set.h"
#include "ns3/run-results.h"
#include "ns3/scenario-context.h"
#include "ns3/topology-builder.h"

namespace ns3
{

void
CaptureComponent::AddFlags(FlagSet& flags)
{
    flags.Add("pcap", "what to capture: all|servers|sample:K|none", text);
}

std::string
CaptureComponent::Validate(const SimOptions& /* options */)
{
    std::string error = policy.Parse(text);
    return error.empty() ? "" : "--pcap: " + error;
}

void
CaptureComponent::AddReportParameters(Parameters& parameters) const
{
    parameters.emplace_back("pcap", text);
}

void
CaptureComponent::Install(ScenarioContext& context)
{
    RunResults& results = context.results;
    results.recordedClients = policy.ChooseClients(context.topology.GetClients().GetN());
    policy.Enable(context.topology, context.pcapDir, results.recordedClients);
    for (uint32_t i : results.recordedClients)
    {
        results.clients[i].pcap = "pcap/" + CapturePolicy::ClientFileName(i);
    }
}

std::map<std::string, std::string>
CaptureComponent::FilesByAddress(const std::vector<ClientRecord>& clients,
                                 const std::vector<ServerRecord>& servers) const
{
    std::map<std::string, std::string> files;
    for (const ClientRecord& client : clients)
    {
        files[client.address] = client.pcap;
    }
    for (const ServerRecord& server : servers)
    {
        if (policy.kind != CapturePolicy::NONE)
        {
            files[server.address] = "pcap/" + CapturePolicy::ServerFileName(server.id);
        }
    }
    return files;
}

} // namespace ns3
