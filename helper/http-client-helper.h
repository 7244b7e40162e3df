/*
 * Installs HttpClientApplication on nodes, ns-3 helper style, and gathers every client's request
 * records (the "Record" trace) in one list for the scenario's results.
 */
#ifndef HANDSHAKE_HTTP_CLIENT_HELPER_H
#define HANDSHAKE_HTTP_CLIENT_HELPER_H

#include "ns3/address.h"
#include "ns3/application-container.h"
#include "ns3/http-request-record.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class HttpClientHelper
{
  public:
    /** Clients of the server at \p remote (attribute Remote). */
    explicit HttpClientHelper(const Address& remote);

    /** Sets an attribute of the HttpClientApplications to install. */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    ApplicationContainer Install(Ptr<Node> node) const;
    ApplicationContainer Install(const NodeContainer& nodes) const;

    /**
     * The records of every client this helper installed, in the order they ended. Shared by copies
     * of this helper; valid while any of them lives.
     */
    const std::vector<HttpRequestRecord>& GetRecords() const;

  private:
    ObjectFactory m_factory;
    std::shared_ptr<std::vector<HttpRequestRecord>> m_records;
};

} // namespace ns3

#endif // HANDSHAKE_HTTP_CLIENT_HELPER_H
