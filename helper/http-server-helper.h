/* Installs HttpServerApplication on nodes, ns-3 helper style. */
#ifndef HANDSHAKE_HTTP_SERVER_HELPER_H
#define HANDSHAKE_HTTP_SERVER_HELPER_H

#include "ns3/application-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/random-variable-stream.h"

#include <string>
#include <vector>

namespace ns3
{

class HttpServerHelper
{
  public:
    /** Servers listening on \p port (attribute Port). */
    explicit HttpServerHelper(uint16_t port = 80);

    /** Sets an attribute of the HttpServerApplications to install. */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /** Adds a route to every server installed afterwards (HttpServerApplication::AddRoute). */
    void AddRoute(const std::string& path,
                  Ptr<RandomVariableStream> size,
                  uint16_t status = 200,
                  const std::string& contentType = "application/octet-stream");

    ApplicationContainer Install(Ptr<Node> node) const;
    ApplicationContainer Install(const NodeContainer& nodes) const;

  private:
    struct RouteSpec
    {
        std::string path;
        Ptr<RandomVariableStream> size;
        uint16_t status;
        std::string contentType;
    };

    ObjectFactory m_factory;
    std::vector<RouteSpec> m_routes;
};

} // namespace ns3

#endif // HANDSHAKE_HTTP_SERVER_HELPER_H
