// Fuzz target (3): the server's request path. The stream goes into an HttpRequestParser in the
// pieces the input chooses, and after each piece Next() is called until it needs more or fails,
// as HttpServerApplication::ParseRequests does. Checks: every request is sane and within the
// limits, an error is final, and the pieces change nothing: the same stream fed whole gives the
// same requests and the same final status, or a failure both ways (see SameEnd; an error in an
// unfinished header once the header ends: see SplitStream::ForEachPiece).
#include "fuzz-check.h"
#include "fuzz-targets.h"
#include "split-stream.h"

#include "ns3/http-request-parser.h"

#include <string>
#include <tuple>
#include <vector>

namespace ns3
{
namespace handshake
{
namespace fuzz
{
namespace
{

using Status = HttpRequestParser::Status;

struct Result
{
    std::vector<HttpRequestParser::Request> messages;
    Status last{Status::NEED_MORE};
};

bool
SameRequest(const HttpRequestParser::Request& a, const HttpRequestParser::Request& b)
{
    return std::tie(a.method, a.target, a.version, a.keepAlive, a.bodyBytes) ==
           std::tie(b.method, b.target, b.version, b.keepAlive, b.bodyBytes);
}

Result
Parse(const SplitStream& stream,
      bool whole,
      bool endHeader,
      uint32_t headerLimit,
      uint64_t bodyLimit)
{
    HttpRequestParser parser(headerLimit, bodyLimit);
    Result result;
    stream.ForEachPiece(whole, endHeader, [&](const uint8_t* data, size_t size) {
        if (result.last != Status::NEED_MORE)
        {
            return; // the server answers an error and stops reading
        }
        parser.Append(data, size);
        HttpRequestParser::Request request;
        while ((result.last = parser.Next(request)) == Status::DONE)
        {
            FUZZ_CHECK(!request.method.empty() && !request.target.empty(),
                       "a request without method or target");
            FUZZ_CHECK(request.version == 10 || request.version == 11,
                       "HTTP version " << request.version << " accepted");
            FUZZ_CHECK(request.bodyBytes <= bodyLimit, "body over the limit accepted");
            result.messages.push_back(request);
        }
    });
    if (result.last != Status::NEED_MORE)
    {
        HttpRequestParser::Request request;
        FUZZ_CHECK(parser.Next(request) == result.last, "an error that is not final");
        FUZZ_CHECK(!parser.Error().empty(), "an error without a text");
    }
    return result;
}

} // namespace

void
RunHttpRequestTarget(const uint8_t* data, size_t size)
{
    static const uint64_t BODY_LIMITS[] = {65536, 0, 10, 1u << 20};
    SplitStream stream = SplitStream::Decode(data, size);
    uint64_t bodyLimit = BODY_LIMITS[stream.bodyLimitChoice];
    auto [pieces, whole] = ParseBothWays(
        [&](bool onePiece, bool endHeader) {
            return Parse(stream, onePiece, endHeader, stream.headerLimit, bodyLimit);
        },
        SameRequest);
    // Beast, fed whole, waits without failing on a chunk extension whose quoted string is not
    // closed when its line ends, where the pieces fail (SameEnd): the server would wait, not answer.
    FUZZ_CHECK(SameEnd(pieces.last, whole.last) || whole.last == Status::NEED_MORE,
               "final status " << int(pieces.last) << " in pieces, " << int(whole.last) << " whole");
}

} // namespace fuzz
} // namespace handshake
} // namespace ns3
