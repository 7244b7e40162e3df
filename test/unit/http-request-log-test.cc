// HttpRequestLog: handshake-emu's http.txt, one line per request of our clients, then our server's
// counts.
#include "ns3/http-request-log.h"

#include "ns3/object.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace ns3;

namespace
{

HttpRequestRecord
Request(uint32_t node, uint64_t request, uint16_t port)
{
    HttpRequestRecord r;
    r.node = node;
    r.request = request;
    r.connection = request;
    r.localPort = port;
    r.path = "/bytes/1024";
    return r;
}

} // namespace

TEST(HttpRequestLog, OneLinePerRequestInTheirOrder)
{
    HttpRequestRecord ok = Request(0, 0, 49153);
    ok.status = 200;
    ok.expectedBytes = 1024;
    ok.bodyBytes = 1024;
    ok.outcome = HttpRequestRecord::Outcome::OK;
    HttpRequestRecord reset = Request(1, 1, 49154);
    reset.outcome = HttpRequestRecord::Outcome::RESET;
    reset.detail = "peer-reset";
    EXPECT_EQ(HttpRequestLog::Format({ok, reset}, nullptr),
              "request node=0 request=0 connection=0 port=49153 path=/bytes/1024 status=200 "
              "expected=1024 body=1024 outcome=ok\n"
              "request node=1 request=1 connection=1 port=49154 path=/bytes/1024 status=0 "
              "expected=-1 body=0 outcome=reset detail=peer-reset\n");
}

TEST(HttpRequestLog, TheServersCountsWhenThereIsOne)
{
    EXPECT_EQ(HttpRequestLog::Format({}, nullptr), "");
    Ptr<HttpServerApplication> server = CreateObject<HttpServerApplication>();
    EXPECT_EQ(HttpRequestLog::Format({}, server),
              "server accepted=0 status200=0 status404=0 status400=0 open=0\n");
}
