#include "link-fault-plan.h"

#include "topology-builder.h"

#include "ns3/attribute-text.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"

#include <memory>
#include <sstream>

namespace ns3
{

namespace
{

/** Splits \p text at \p separator (empty parts kept). */
std::vector<std::string>
Split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::string part;
    std::istringstream stream(text);
    while (std::getline(stream, part, separator))
    {
        parts.push_back(part);
    }
    if (!text.empty() && text.back() == separator)
    {
        parts.emplace_back();
    }
    return parts;
}

std::string
ParseLink(const std::string& link, uint32_t clients, LinkFaultPlan::Fault* fault)
{
    if (link == "bottleneck")
    {
        fault->bottleneck = true;
        return "";
    }
    const std::string prefix = "client:";
    if (link.rfind(prefix, 0) != 0 || link.size() == prefix.size() ||
        link.find_first_not_of("0123456789", prefix.size()) != std::string::npos ||
        link.size() > prefix.size() + 9)
    {
        return "'" + link + "' is not a link (bottleneck or client:N)";
    }
    fault->client = std::stoul(link.substr(prefix.size()));
    if (fault->client >= clients)
    {
        return "'" + link + "': there are clients 0.." + std::to_string(clients - 1);
    }
    return "";
}

/** One fault, "LINK@START+DURATION". */
std::string
ParseFault(const std::string& text, uint32_t clients, LinkFaultPlan::Fault* fault)
{
    auto at = text.find('@');
    auto plus = text.find('+', at == std::string::npos ? 0 : at);
    if (at == std::string::npos || plus == std::string::npos)
    {
        return "'" + text + "' is not LINK@START+DURATION (e.g. bottleneck@5s+10s)";
    }
    std::string problem = ParseLink(text.substr(0, at), clients, fault);
    if (!problem.empty())
    {
        return problem;
    }
    std::string start = text.substr(at + 1, plus - at - 1);
    std::string duration = text.substr(plus + 1);
    if (!AttributeText::ParseNonNegativeTime(start, &fault->start))
    {
        return "'" + start + "' is not a start time such as 5s";
    }
    if (!AttributeText::ParseNonNegativeTime(duration, &fault->duration) || fault->duration.IsZero())
    {
        return "'" + duration + "' is not a positive duration such as 10s";
    }
    return "";
}

bool
SameLink(const LinkFaultPlan::Fault& a, const LinkFaultPlan::Fault& b)
{
    return a.bottleneck == b.bottleneck && (a.bottleneck || a.client == b.client);
}

} // namespace

std::string
LinkFaultPlan::Parse(const std::string& text, uint32_t clients)
{
    m_faults.clear();
    if (text.empty())
    {
        return "";
    }
    for (const std::string& part : Split(text, ','))
    {
        Fault fault;
        std::string problem = ParseFault(part, clients, &fault);
        if (!problem.empty())
        {
            m_faults.clear();
            return problem;
        }
        for (const Fault& other : m_faults)
        {
            bool overlap = fault.start < other.start + other.duration &&
                           other.start < fault.start + fault.duration;
            if (SameLink(fault, other) && overlap)
            {
                m_faults.clear();
                return "'" + part + "' overlaps an earlier fault of the same link";
            }
        }
        m_faults.push_back(fault);
    }
    return "";
}

const std::vector<LinkFaultPlan::Fault>&
LinkFaultPlan::Faults() const
{
    return m_faults;
}

std::vector<Ptr<PointToPointNetDevice>>
LinkFaultPlan::Devices(const TopologyBuilder& topology, const Fault& fault)
{
    std::vector<Ptr<NetDevice>> ends;
    if (fault.bottleneck)
    {
        ends = {topology.GetBottleneckDevices().Get(0), topology.GetBottleneckDevices().Get(1)};
    }
    else
    {
        ends = {topology.GetClientDevice(fault.client), topology.GetClientRouterDevice(fault.client)};
    }
    std::vector<Ptr<PointToPointNetDevice>> devices;
    for (const auto& end : ends)
    {
        devices.push_back(DynamicCast<PointToPointNetDevice>(end)); // every topology link is one
    }
    return devices;
}

void
LinkFaultPlan::Schedule(const TopologyBuilder& topology) const
{
    for (const Fault& fault : m_faults)
    {
        std::vector<Ptr<PointToPointNetDevice>> devices = Devices(topology, fault);
        // Made now, not when the link fails: objects created during the run would shift the
        // automatic random-stream numbers of later ones.
        Ptr<RateErrorModel> cut = CreateObject<RateErrorModel>();
        cut->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
        cut->SetRate(1.0);
        auto saved = std::make_shared<std::vector<Ptr<ErrorModel>>>();
        Simulator::Schedule(fault.start, [devices, saved, cut]() {
            for (const auto& device : devices)
            {
                PointerValue model;
                device->GetAttribute("ReceiveErrorModel", model);
                saved->push_back(model.Get<ErrorModel>());
                device->SetReceiveErrorModel(cut);
            }
        });
        Simulator::Schedule(fault.start + fault.duration, [devices, saved]() {
            for (size_t i = 0; i < devices.size(); ++i)
            {
                devices[i]->SetReceiveErrorModel(saved->at(i)); // null when it had none
            }
            saved->clear();
        });
    }
}

} // namespace ns3
