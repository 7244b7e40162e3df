// Fuzz target (4): the client's response path. The stream goes into an HttpResponseParser in the
// pieces the input chooses, Next() after each piece as HttpClientApplication::ParseResponses does,
// then Finish() for the end of the stream (the server closed). Checks: every byte of body reaches
// the sink once and matches the response's length (Content-Length when there is one), an error is
// final, and the pieces change nothing (same responses, same body bytes of the completed ones (a
// response that fails may have handed some to the sink first), the same end (see SameEnd); an
// error in an unfinished header once the header ends: see SplitStream::ForEachPiece).
#include "fuzz-check.h"
#include "fuzz-targets.h"
#include "split-stream.h"

#include "ns3/http-response-parser.h"

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

using Status = HttpResponseParser::Status;

struct Result
{
    std::vector<HttpResponseParser::Response> messages;
    std::string body; //!< the body bytes of the completed responses, in order
    Status last{Status::NEED_MORE};
    Status end{Status::NEED_MORE}; //!< what Finish() said
};

bool
SameResponse(const HttpResponseParser::Response& a, const HttpResponseParser::Response& b)
{
    return std::tie(a.status, a.keepAlive, a.contentLength, a.bodyBytes, a.contentType) ==
           std::tie(b.status, b.keepAlive, b.contentLength, b.bodyBytes, b.contentType);
}

class Client
{
  public:
    Client(uint32_t headerLimit, uint64_t bodyLimit)
        : m_parser(headerLimit, bodyLimit),
          m_bodyLimit(bodyLimit)
    {
        m_parser.SetBodySink([this](const uint8_t* data, size_t size) {
            m_bodyOfCurrent.append(reinterpret_cast<const char*>(data), size);
        });
    }

    void Feed(const uint8_t* data, size_t size)
    {
        if (m_result.last != Status::NEED_MORE)
        {
            return; // the client fails the connection and stops reading
        }
        m_parser.Append(data, size);
        HttpResponseParser::Response response;
        while ((m_result.last = m_parser.Next(response)) == Status::DONE)
        {
            Complete(response);
        }
    }

    Result End()
    {
        bool inProgress = m_parser.InProgress();
        HttpResponseParser::Response response;
        m_result.end = m_parser.Finish(response);
        if (m_result.end == Status::DONE)
        {
            FUZZ_CHECK(!response.contentLength, "a response with a length completed by the close");
            Complete(response);
        }
        else if (m_result.last == Status::NEED_MORE)
        {
            // RFC 9112 8: a close inside a response is an incomplete message, never silence.
            FUZZ_CHECK((m_result.end == Status::NEED_MORE) == !inProgress,
                       "Finish says " << int(m_result.end) << " with a response "
                                      << (inProgress ? "under way" : "not started"));
        }
        else
        {
            FUZZ_CHECK(m_result.end == m_result.last, "an error that is not final");
        }
        if (m_result.end != Status::DONE && m_result.end != Status::NEED_MORE)
        {
            FUZZ_CHECK(!m_parser.Error().empty(), "an error without a text");
        }
        return m_result;
    }

  private:
    void Complete(const HttpResponseParser::Response& response)
    {
        FUZZ_CHECK(response.status >= 100 && response.status <= 599, "status " << response.status);
        FUZZ_CHECK(response.bodyBytes == m_bodyOfCurrent.size(),
                   "bodyBytes " << response.bodyBytes << " but the sink saw "
                                << m_bodyOfCurrent.size());
        // RFC 9112 6.3 rule 1: 1xx, 204 and 304 end at the header whatever Content-Length says
        // (the client sends only GET, so no response is to a HEAD).
        bool bodiless = response.status / 100 == 1 || response.status == 204 || response.status == 304;
        FUZZ_CHECK(bodiless ? response.bodyBytes == 0
                            : !response.contentLength || *response.contentLength == response.bodyBytes,
                   "status " << response.status << ", Content-Length "
                             << response.contentLength.value_or(0) << ", " << response.bodyBytes
                             << " body bytes");
        FUZZ_CHECK(response.bodyBytes <= m_bodyLimit, "body over the limit accepted");
        m_result.messages.push_back(response);
        m_result.body += m_bodyOfCurrent;
        m_bodyOfCurrent.clear();
    }

    HttpResponseParser m_parser;
    uint64_t m_bodyLimit;
    Result m_result;
    std::string m_bodyOfCurrent; //!< what the sink saw of the response under way
};

Result
Parse(const SplitStream& stream,
      bool whole,
      bool endHeader,
      uint32_t headerLimit,
      uint64_t bodyLimit)
{
    Client client(headerLimit, bodyLimit);
    stream.ForEachPiece(whole, endHeader, [&](const uint8_t* data, size_t size) {
        client.Feed(data, size);
    });
    return client.End();
}

} // namespace

void
RunHttpResponseTarget(const uint8_t* data, size_t size)
{
    static const uint64_t BODY_LIMITS[] = {1ull << 32, 0, 10, 1u << 20};
    SplitStream stream = SplitStream::Decode(data, size);
    uint64_t bodyLimit = BODY_LIMITS[stream.bodyLimitChoice];
    auto [pieces, whole] = ParseBothWays(
        [&](bool onePiece, bool endHeader) {
            return Parse(stream, onePiece, endHeader, stream.headerLimit, bodyLimit);
        },
        SameResponse);
    // What the client sees at the end of the stream (Finish): whole, Beast may still wait where
    // the pieces failed, on a chunk extension whose quoted string is not closed when its line ends.
    FUZZ_CHECK(SameEnd(pieces.end, whole.end),
               "final status " << int(pieces.last) << "/" << int(pieces.end) << " in pieces, "
                               << int(whole.last) << "/" << int(whole.end) << " whole");
    FUZZ_CHECK(pieces.body == whole.body, "body bytes differ when the stream comes in pieces");
}

} // namespace fuzz
} // namespace handshake
} // namespace ns3
