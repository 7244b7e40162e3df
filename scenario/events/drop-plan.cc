#include "drop-plan.h"

#include "ns3/combined-error-model.h"
#include "ns3/topology-builder.h"

#include "ns3/callback.h"
#include "ns3/ipv4-header.h"
#include "ns3/log.h"
#include "ns3/ppp-header.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DropPlan");

std::string
DropPlan::Parse(const std::string& text, uint32_t clients)
{
    std::string error = TcpSegmentRule::ParseList(text, &m_rules);
    for (const auto& rule : m_rules)
    {
        if (error.empty() && rule.GetClient() && *rule.GetClient() >= clients)
        {
            error = "'" + rule.GetText() + "': there are clients 0.." + std::to_string(clients - 1);
        }
    }
    if (!error.empty())
    {
        m_rules.clear();
    }
    return error;
}

const std::vector<TcpSegmentRule>&
DropPlan::Rules() const
{
    return m_rules;
}

bool
DropPlan::Enabled() const
{
    return !m_rules.empty();
}

void
DropPlan::Install(const TopologyBuilder& topology, ConnectionLookup lookup)
{
    m_lookup = std::move(lookup);
    const uint32_t clients = topology.GetClients().GetN();
    for (uint32_t i = 0; i < clients && Enabled(); ++i)
    {
        std::vector<TcpSegmentRule> rules;
        for (const auto& rule : m_rules)
        {
            if (!rule.GetClient() || *rule.GetClient() == i)
            {
                rules.push_back(rule);
            }
        }
        if (rules.empty())
        {
            continue; // only client:N rules, none for this client: its link stays as it was
        }
        Ptr<TcpSegmentRuleErrorModel> model = CreateObject<TcpSegmentRuleErrorModel>();
        model->SetRules(rules);
        model->AddClient(topology.GetClientAddress(i), i);
        model->TraceConnectWithoutContext("Drop", MakeCallback(&DropPlan::Dropped, this));
        // Rules first, then the link's --loss model: a rule counts every segment that reaches the
        // end of the link, whatever the random loss does to it.
        for (Ptr<NetDevice> device : {topology.GetClientDevice(i), topology.GetClientRouterDevice(i)})
        {
            PointerValue loss;
            device->GetAttribute("ReceiveErrorModel", loss);
            Ptr<CombinedErrorModel> combined = CreateObject<CombinedErrorModel>();
            combined->Add(model);
            combined->Add(loss.Get<ErrorModel>());
            device->SetAttribute("ReceiveErrorModel", PointerValue(combined));
        }
    }
    // Every other loss on the access links: the link's --loss model, or a --link-down cut.
    m_clientAddresses.resize(clients);
    for (uint32_t i = 0; i < clients; ++i)
    {
        m_clientAddresses[i] = topology.GetClientAddress(i);
        const Ptr<NetDevice> devices[] = {topology.GetClientDevice(i), topology.GetClientRouterDevice(i)};
        for (size_t end = 0; end < 2; ++end)
        {
            // The model the device has now; another one there at a drop is a --link-down cut. The
            // callback lives in the device, so it holds the device by a plain pointer (no cycle,
            // and nothing keeps the device, or its open pcap, alive after the run).
            PointerValue model;
            devices[end]->GetAttribute("ReceiveErrorModel", model);
            Ptr<ErrorModel> installed = model.Get<ErrorModel>();
            NetDevice* device = PeekPointer(devices[end]);
            devices[end]->TraceConnectWithoutContext(
                "PhyRxDrop",
                Callback<void, Ptr<const Packet>>([this, i, end, device, installed](Ptr<const Packet> packet) {
                    PointerValue now;
                    device->GetAttribute("ReceiveErrorModel", now);
                    LinkDropped(i, end == 1, now.Get<ErrorModel>() == installed ? "loss" : "link-down", packet);
                }));
        }
    }
}

void
DropPlan::LinkDropped(uint32_t client, bool clientToServer, const char* cause, Ptr<const Packet> packet)
{
    if (packet->GetUid() == m_ruleDropUid)
    {
        return; // a rule dropped it, and recorded it (Dropped)
    }
    // A PPP frame of an IPv4 datagram carrying TCP (anything else is not a segment to record).
    Ptr<Packet> copy = packet->Copy();
    PppHeader ppp;
    if (copy->GetSize() < ppp.GetSerializedSize() || copy->RemoveHeader(ppp) == 0 ||
        ppp.GetProtocol() != 0x0021)
    {
        return;
    }
    Ipv4Header ip;
    TcpHeader tcp;
    if (copy->GetSize() < 40 || copy->RemoveHeader(ip) == 0 || ip.GetProtocol() != 6 ||
        copy->RemoveHeader(tcp) == 0)
    {
        return;
    }
    DropRecord record;
    const uint16_t clientPort = clientToServer ? tcp.GetSourcePort() : tcp.GetDestinationPort();
    record.connectionId = m_lookup ? m_lookup(m_clientAddresses[client], clientPort) : 0;
    record.time = Simulator::Now().GetSeconds();
    record.direction = clientToServer ? "client->server" : "server->client";
    record.rule = cause;
    record.flags = TcpHeader::FlagsToString(tcp.GetFlags(), ",");
    record.seq = tcp.GetSequenceNumber().GetValue();
    record.ack = tcp.GetAckNumber().GetValue();
    const uint32_t headerBytes = tcp.GetLength() * 4u;
    record.length = ip.GetPayloadSize() > headerBytes ? ip.GetPayloadSize() - headerBytes : 0;
    NS_LOG_INFO("connection " << record.connectionId << " " << record.direction << " lost to "
                              << record.rule);
    m_records.push_back(record);
    m_recordClients.emplace_back(m_clientAddresses[client], clientPort);
}

const std::vector<DropRecord>&
DropPlan::Records() const
{
    return m_records;
}

const std::vector<std::pair<Ipv4Address, uint16_t>>&
DropPlan::RecordClients() const
{
    return m_recordClients;
}

void
DropPlan::Dropped(Ptr<const Packet> packet, const TcpSegmentRuleErrorModel::Dropped& dropped)
{
    m_ruleDropUid = packet->GetUid();
    DropRecord record;
    record.connectionId = m_lookup ? m_lookup(dropped.clientAddress, dropped.clientPort) : 0;
    record.time = Simulator::Now().GetSeconds();
    record.direction = dropped.clientToServer ? "client->server" : "server->client";
    record.rule = dropped.rule;
    record.flags = TcpHeader::FlagsToString(dropped.header.GetFlags(), ",");
    record.seq = dropped.header.GetSequenceNumber().GetValue();
    record.ack = dropped.header.GetAckNumber().GetValue();
    record.length = dropped.length;
    NS_LOG_INFO("connection " << record.connectionId << " " << record.direction << " dropped by "
                              << record.rule);
    m_records.push_back(record);
    m_recordClients.emplace_back(dropped.clientAddress, dropped.clientPort);
}

} // namespace ns3
