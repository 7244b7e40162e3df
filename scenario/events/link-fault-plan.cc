#include "link-fault-plan.h"

#include "ns3/fault-window-text.h"
#include "ns3/topology-builder.h"

#include "ns3/pointer.h"
#include "ns3/simulator.h"

#include <cstdint>
#include <memory>

namespace ns3
{

namespace
{

/** The bottleneck's number among the targets; client N is N. */
constexpr uint32_t BOTTLENECK = UINT32_MAX;

} // namespace

std::string
LinkFaultPlan::Parse(const std::string& text, uint32_t clients)
{
    m_faults.clear();
    auto parseLink = [clients](const std::string& link, uint32_t* id) -> std::string {
        if (link == "bottleneck")
        {
            *id = BOTTLENECK;
            return "";
        }
        return FaultWindowText::ParseIndexed(link,
                                             "client",
                                             clients,
                                             "a link (bottleneck or client:N)",
                                             id);
    };
    std::vector<FaultWindowText::Window> windows;
    std::string error = FaultWindowText::Parse(text,
                                               "LINK@START+DURATION (e.g. bottleneck@5s+10s)",
                                               parseLink,
                                               &windows);
    for (const auto& window : windows)
    {
        Fault fault;
        fault.bottleneck = window.target == BOTTLENECK;
        fault.client = fault.bottleneck ? 0 : window.target;
        fault.start = window.start;
        fault.duration = window.duration;
        m_faults.push_back(fault);
    }
    return error;
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
