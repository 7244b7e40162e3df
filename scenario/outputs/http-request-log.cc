#include "http-request-log.h"

#include <sstream>

namespace ns3
{

std::string
HttpRequestLog::Format(const std::vector<HttpRequestRecord>& records,
                       Ptr<const HttpServerApplication> server)
{
    std::ostringstream text;
    for (const auto& r : records)
    {
        text << "request node=" << r.node << " request=" << r.request
             << " connection=" << r.connection << " port=" << r.localPort << " path=" << r.path
             << " status=" << r.status << " expected="
             << (r.expectedBytes == HttpRequestRecord::UNKNOWN_SIZE ? -1 : int64_t(r.expectedBytes))
             << " body=" << r.bodyBytes << " outcome=" << HttpRequestRecord::OutcomeName(r.outcome)
             << (r.detail.empty() ? "" : " detail=" + r.detail) << "\n";
    }
    if (server)
    {
        text << "server accepted=" << server->GetAcceptedCount()
             << " status200=" << server->GetStatusCount(200)
             << " status404=" << server->GetStatusCount(404)
             << " status400=" << server->GetStatusCount(400)
             << " open=" << server->GetOpenConnections() << "\n";
    }
    return text.str();
}

} // namespace ns3
