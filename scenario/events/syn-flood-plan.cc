#include "syn-flood-plan.h"

#include "ns3/topology-address-plan.h"
#include "ns3/topology-builder.h"

#include "ns3/attribute-text.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace ns3
{

std::string
SynFloodPlan::Parse(const std::string& text)
{
    rate = 0;
    start = Seconds(0);
    duration = Seconds(0);
    auto at = text.find('@');
    std::string rateText = text.substr(0, at);
    std::istringstream number(rateText);
    double value = -1;
    number >> value;
    if (rateText.empty() || !number.eof() || number.fail() || !std::isfinite(value) || value < 0 ||
        value > MAX_RATE)
    {
        return "'" + rateText + "' is not a rate of SYNs per second in 0.." +
               std::to_string(static_cast<uint64_t>(MAX_RATE)) + " (RATE or RATE@START+DURATION)";
    }
    if (at != std::string::npos)
    {
        auto plus = text.find('+', at);
        std::string startText =
            text.substr(at + 1, plus == std::string::npos ? plus : plus - at - 1);
        std::string durationText = plus == std::string::npos ? "" : text.substr(plus + 1);
        if (plus == std::string::npos)
        {
            return "'" + text + "' is not RATE@START+DURATION (e.g. 1000@2s+10s)";
        }
        if (!AttributeText::ParseNonNegativeTime(startText, &start))
        {
            return "'" + startText + "' is not a start time such as 2s";
        }
        if (!AttributeText::ParseNonNegativeTime(durationText, &duration) || duration.IsZero())
        {
            return "'" + durationText + "' is not a positive duration such as 10s";
        }
    }
    rate = value;
    return "";
}

bool
SynFloodPlan::Enabled() const
{
    return rate > 0;
}

void
SynFloodPlan::Install(TopologyBuilder& topology, uint32_t server, uint16_t port)
{
    Ptr<Node> attacker = topology.AddAttacker();
    // Replies to spoofed sources end here (the attacker does not forward): count them.
    attacker->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Drop",
        Callback<void,
                 const Ipv4Header&,
                 Ptr<const Packet>,
                 Ipv4L3Protocol::DropReason,
                 Ptr<Ipv4>,
                 uint32_t>([this](const Ipv4Header&,
                                  Ptr<const Packet>,
                                  Ipv4L3Protocol::DropReason,
                                  Ptr<Ipv4>,
                                  uint32_t) { ++m_repliesDropped; }));
    Ipv4Address address = topology.GetServerAddress(server);
    m_application = CreateObject<SynFloodApplication>();
    m_application->SetAttribute("Rate", DoubleValue(rate));
    m_application->SetAttribute("Remote", AddressValue(InetSocketAddress(address, port)));
    m_application->SetAttribute("SpoofedNetwork",
                                Ipv4AddressValue(Ipv4Address(TopologyAddressPlan::SPOOFED_SPACE)));
    m_application->SetAttribute(
        "SpoofedMask",
        Ipv4MaskValue(
            Ipv4Mask(("/" + std::to_string(TopologyAddressPlan::SPOOFED_PREFIX)).c_str())));
    m_application->AssignStreams(RANDOM_STREAM);
    attacker->AddApplication(m_application);
    m_application->SetStartTime(start);
    if (!duration.IsZero())
    {
        m_application->SetStopTime(start + duration);
    }
    std::ostringstream target;
    target << address << ":" << port;
    m_target = target.str();
}

void
SynFloodPlan::Stop()
{
    if (!m_application || !duration.IsZero())
    {
        return; // no flood, or one with its own duration: it keeps its schedule
    }
    m_application->Halt();
    m_stoppedAt = std::max(Simulator::Now(), start);
}

SynFloodRecord
SynFloodPlan::Record() const
{
    SynFloodRecord record;
    record.target = m_target;
    record.rate = rate;
    record.start = start.GetSeconds();
    if (!m_stoppedAt.IsNegative())
    {
        record.stop = m_stoppedAt.GetSeconds();
    }
    else if (!duration.IsZero())
    {
        record.stop = (start + duration).GetSeconds();
    }
    record.synsSent = m_application ? m_application->GetSent() : 0;
    record.repliesDropped = m_repliesDropped;
    return record;
}

Ptr<SynFloodApplication>
SynFloodPlan::GetApplication() const
{
    return m_application;
}

} // namespace ns3
