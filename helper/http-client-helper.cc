#include "http-client-helper.h"

#include "ns3/callback.h"
#include "ns3/http-client-application.h"

namespace ns3
{

namespace
{

void
Collect(std::shared_ptr<std::vector<HttpRequestRecord>> records, const HttpRequestRecord& record)
{
    records->push_back(record);
}

} // namespace

HttpClientHelper::HttpClientHelper(const Address& remote)
    : m_records(std::make_shared<std::vector<HttpRequestRecord>>())
{
    m_factory.SetTypeId(HttpClientApplication::GetTypeId());
    m_factory.Set("Remote", AddressValue(remote));
}

void
HttpClientHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

ApplicationContainer
HttpClientHelper::Install(Ptr<Node> node) const
{
    Ptr<HttpClientApplication> client = m_factory.Create<HttpClientApplication>();
    client->TraceConnectWithoutContext("Record", MakeBoundCallback(&Collect, m_records));
    node->AddApplication(client);
    return ApplicationContainer(client);
}

ApplicationContainer
HttpClientHelper::Install(const NodeContainer& nodes) const
{
    ApplicationContainer apps;
    for (auto node = nodes.Begin(); node != nodes.End(); ++node)
    {
        apps.Add(Install(*node));
    }
    return apps;
}

const std::vector<HttpRequestRecord>&
HttpClientHelper::GetRecords() const
{
    return *m_records;
}

} // namespace ns3
