#include "drop-plan.h"

#include "ns3/combined-error-model.h"
#include "ns3/topology-builder.h"

#include "ns3/callback.h"
#include "ns3/log.h"
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
}

const std::vector<DropRecord>&
DropPlan::Records() const
{
    return m_records;
}

void
DropPlan::Dropped(Ptr<const Packet> /* packet */, const TcpSegmentRuleErrorModel::Dropped& dropped)
{
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
}

} // namespace ns3
