/*
 * handshake-emu's http.txt: what our HTTP applications did, one line per request of our clients
 * (linux-server mode), then our server's counts (linux-client mode), e.g.
 *
 *   request node=0 request=0 connection=0 port=49153 path=/bytes/1024 status=200 expected=1024
 *       body=1024 outcome=ok
 *   server accepted=1 status200=1 status404=0 status400=0 open=0
 *
 * (a request is one line; expected=-1 when the size asked for is unknown; " detail=..." when the
 * record has one).
 */
#ifndef HANDSHAKE_HTTP_REQUEST_LOG_H
#define HANDSHAKE_HTTP_REQUEST_LOG_H

#include "ns3/http-request-record.h"
#include "ns3/http-server-application.h"

#include "ns3/ptr.h"

#include <string>
#include <vector>

namespace ns3
{

class HttpRequestLog
{
  public:
    /** One line per record, in their order, then \p server's counts when there is a server. */
    static std::string Format(const std::vector<HttpRequestRecord>& records,
                              Ptr<const HttpServerApplication> server);
};

} // namespace ns3

#endif // HANDSHAKE_HTTP_REQUEST_LOG_H
