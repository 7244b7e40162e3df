#include "topology-component.h"

#include "ns3/decimal-number.h"
#include "ns3/distribution-flag.h"
#include "ns3/flag-set.h"
#include "ns3/run-results.h"
#include "ns3/scenario-context.h"
#include "ns3/sim-options.h"

#include "ns3/pointer.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cstring>
#include <tuple>
#include <sstream>
#include <utility>

namespace ns3
{

namespace
{

/** "10.0.0.2" */
std::string
AddressText(Ipv4Address address)
{
    std::ostringstream os;
    address.Print(os);
    return os.str();
}

} // namespace

TopologyComponent::TopologyComponent()
    : m_fanoutText(std::to_string(fanout))
{
}

void
TopologyComponent::AddFlags(FlagSet& flags)
{
    flags.Add("topology",
              "tree (clients under access routers of bounded fan-out) or dumbbell (all on one router)",
              shape);
    flags.Add("fanout", "clients per access router in a tree (1..65536)", m_fanoutText);
    flags.Add("delay", "per-client access link one-way delay in ms: a number or an ns-3 random variable",
              delayText);
    flags.Add("loss", "per-client access link packet loss probability 0..1: number or random variable",
              lossText);
    flags.Add("loss-model", "random (independent) or gilbert-elliott (bursty, same mean)", lossModel);
    flags.Add("bottleneck-rate", "rate of the shared link in front of the servers", bottleneckRateText);
    flags.Add("bottleneck-delay", "one-way delay of the shared link", bottleneckDelayText);
}

std::string
TopologyComponent::Validate(const SimOptions& /* options */)
{
    if (!ParseDecimalNumber(m_fanoutText, 1, 65536, &fanout))
    {
        return "--fanout: '" + m_fanoutText + "' is not a whole number in 1..65536";
    }
    // The delay's maximum is a sanity bound (a tail above it is refused per draw); the loss's is its domain.
    for (auto [flag, text, target, maxValue, tailAboveMax] :
         {std::tuple{"delay", &delayText, &delayMs, 1e6, true},
          std::tuple{"loss", &lossText, &lossRate, 1.0, false}})
    {
        auto parsed = DistributionFlag::Parse(*text, 0.0, maxValue, tailAboveMax);
        if (!parsed.stream)
        {
            return std::string("--") + flag + ": " + parsed.error;
        }
        *target = parsed.stream;
    }
    std::string problem = SimOptions::ParsePositiveRate("bottleneck-rate", bottleneckRateText, bottleneckRate);
    if (problem.empty())
    {
        problem = SimOptions::ParseNonNegativeTime("bottleneck-delay", bottleneckDelayText, bottleneckDelay);
    }
    if (!problem.empty())
    {
        return problem;
    }
    if (shape != "tree" && shape != "dumbbell")
    {
        return "--topology: '" + shape + "' is not one of tree, dumbbell";
    }
    if (lossModel != "random" && lossModel != "gilbert-elliott")
    {
        return "--loss-model: '" + lossModel + "' is not one of random, gilbert-elliott";
    }
    return "";
}

void
TopologyComponent::AddReportParameters(Parameters& parameters) const
{
    parameters.emplace_back("topology", shape);
    parameters.emplace_back("fanout", std::to_string(fanout));
    parameters.emplace_back("delay (ms)", delayText);
    parameters.emplace_back("loss", lossText);
    parameters.emplace_back("loss-model", lossModel);
    parameters.emplace_back("bottleneck-rate", bottleneckRateText);
    parameters.emplace_back("bottleneck-delay", bottleneckDelayText);
}

std::string
TopologyComponent::Prepare(const SimOptions& options)
{
    m_topology = CreateObject<TopologyBuilder>();
    m_topology->SetAttribute("Shape", StringValue(shape));
    m_topology->SetAttribute("Fanout", UintegerValue(fanout));
    m_topology->SetAttribute("AccessDelay", PointerValue(delayMs));
    m_topology->SetAttribute("AccessLoss", PointerValue(lossRate));
    m_topology->SetAttribute("LossModel", StringValue(lossModel));
    m_topology->SetAttribute("BottleneckRate", DataRateValue(bottleneckRate));
    m_topology->SetAttribute("BottleneckDelay", TimeValue(bottleneckDelay));
    m_topology->SetAttribute("TcpL4Protocol",
                             StringValue(options.tcp == "handshake" ? "ns3::HandshakeTcpL4Protocol"
                                                                    : "ns3::TcpL4Protocol"));
    std::string error = m_topology->Build(options.clients, options.servers);
    if (error.empty())
    {
        return "";
    }
    // A draw outside its range names the flag it came from.
    for (const auto& [attribute, flag] :
         {std::pair{"AccessDelay: ", "--delay: "}, std::pair{"AccessLoss: ", "--loss: "}})
    {
        if (error.rfind(attribute, 0) == 0)
        {
            return flag + error.substr(std::strlen(attribute));
        }
    }
    return "--clients/--servers/--fanout: " + error;
}

void
TopologyComponent::Install(ScenarioContext& context)
{
    uint32_t clients = m_topology->GetClients().GetN();
    uint32_t servers = m_topology->GetServers().GetN();
    std::vector<ClientRecord>& records = context.results.clients;
    records.assign(clients, ClientRecord{});
    for (uint32_t i = 0; i < clients; ++i)
    {
        ClientRecord& record = records[i];
        record.index = i;
        record.address = AddressText(m_topology->GetClientAddress(i));
        record.serverAddress = AddressText(m_topology->GetServerAddress(i % servers));
        record.accessDelayMs = m_topology->GetAccessDelay(i).GetDouble() / 1e6;
        record.lossRate = m_topology->GetAccessLoss(i);
        record.lossModel = lossModel;
    }
}

Ptr<TopologyBuilder>
TopologyComponent::GetTopology() const
{
    return m_topology;
}

void
TopologyComponent::Release()
{
    m_topology = nullptr;
}

} // namespace ns3
