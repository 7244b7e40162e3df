#include "http-server-helper.h"

#include "ns3/http-server-application.h"
#include "ns3/uinteger.h"

namespace ns3
{

HttpServerHelper::HttpServerHelper(uint16_t port)
{
    m_factory.SetTypeId(HttpServerApplication::GetTypeId());
    m_factory.Set("Port", UintegerValue(port));
}

void
HttpServerHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
HttpServerHelper::AddRoute(const std::string& path,
                           Ptr<RandomVariableStream> size,
                           uint16_t status,
                           const std::string& contentType)
{
    m_routes.push_back({path, size, status, contentType});
}

ApplicationContainer
HttpServerHelper::Install(Ptr<Node> node) const
{
    Ptr<HttpServerApplication> server = m_factory.Create<HttpServerApplication>();
    for (const auto& route : m_routes)
    {
        server->AddRoute(route.path, route.size, route.status, route.contentType);
    }
    node->AddApplication(server);
    return ApplicationContainer(server);
}

ApplicationContainer
HttpServerHelper::Install(const NodeContainer& nodes) const
{
    ApplicationContainer apps;
    for (auto node = nodes.Begin(); node != nodes.End(); ++node)
    {
        apps.Add(Install(*node));
    }
    return apps;
}

} // namespace ns3
