// HTTP/1.1 codec round trips: HttpMessageWriter's bytes parsed back by the Beast-based parsers,
// fed whole, byte by byte and pipelined; bad input classified.
#include "ns3/http-body-generator.h"
#include "ns3/http-message-writer.h"
#include "ns3/http-request-parser.h"
#include "ns3/http-response-parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace ns3;

namespace
{

void
Feed(HttpRequestParser& parser, const std::string& bytes)
{
    parser.Append(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

void
Feed(HttpResponseParser& parser, const std::string& bytes)
{
    parser.Append(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

std::string
Body(const std::string& path, uint64_t size)
{
    std::string body(size, '\0');
    HttpBodyGenerator(path).Fill(0, reinterpret_cast<uint8_t*>(body.data()), size);
    return body;
}

} // namespace

TEST(HttpCodec, RequestRoundTrip)
{
    std::string bytes = HttpMessageWriter::Request("GET", "/bytes/42", "10.2.0.1", true);
    EXPECT_EQ(bytes.rfind("GET /bytes/42 HTTP/1.1\r\n", 0), 0u) << bytes;
    HttpRequestParser parser(8192, 1024);
    Feed(parser, bytes);
    HttpRequestParser::Request request;
    ASSERT_EQ(parser.Next(request), HttpRequestParser::Status::DONE);
    EXPECT_EQ(request.method, "GET");
    EXPECT_EQ(request.target, "/bytes/42");
    EXPECT_EQ(request.version, 11u);
    EXPECT_TRUE(request.keepAlive);
    EXPECT_EQ(parser.Next(request), HttpRequestParser::Status::NEED_MORE);
}

TEST(HttpCodec, ConnectionCloseRequestByteByByte)
{
    std::string bytes = HttpMessageWriter::Request("GET", "/a", "h", false);
    EXPECT_NE(bytes.find("Connection: close\r\n"), std::string::npos) << bytes;
    HttpRequestParser parser(8192, 1024);
    HttpRequestParser::Request request;
    for (size_t i = 0; i + 1 < bytes.size(); ++i)
    {
        Feed(parser, bytes.substr(i, 1));
        ASSERT_EQ(parser.Next(request), HttpRequestParser::Status::NEED_MORE) << i;
    }
    Feed(parser, bytes.substr(bytes.size() - 1));
    ASSERT_EQ(parser.Next(request), HttpRequestParser::Status::DONE);
    EXPECT_FALSE(request.keepAlive);
    EXPECT_EQ(request.target, "/a");
}

TEST(HttpCodec, PipelinedRequestsComeOutInOrder)
{
    HttpRequestParser parser(8192, 1024);
    Feed(parser,
         HttpMessageWriter::Request("GET", "/1", "h", true) +
             HttpMessageWriter::Request("HEAD", "/2", "h", true) +
             HttpMessageWriter::Request("GET", "/3", "h", false).substr(0, 10));
    HttpRequestParser::Request request;
    ASSERT_EQ(parser.Next(request), HttpRequestParser::Status::DONE);
    EXPECT_EQ(request.target, "/1");
    ASSERT_EQ(parser.Next(request), HttpRequestParser::Status::DONE);
    EXPECT_EQ(request.method, "HEAD");
    EXPECT_EQ(request.target, "/2");
    EXPECT_EQ(parser.Next(request), HttpRequestParser::Status::NEED_MORE);
    EXPECT_EQ(parser.Pending(), 10u);
}

TEST(HttpCodec, BadRequestsAreClassified)
{
    HttpRequestParser::Request request;
    HttpRequestParser garbage(8192, 1024);
    Feed(garbage, "GET /x HTTP/1.1\r\nHost h\r\n\r\n");
    EXPECT_EQ(garbage.Next(request), HttpRequestParser::Status::MALFORMED);
    EXPECT_EQ(garbage.Next(request), HttpRequestParser::Status::MALFORMED) << "errors are final";

    HttpRequestParser large(256, 1024);
    Feed(large, "GET /x HTTP/1.1\r\nX-Big: " + std::string(300, 'a') + "\r\n\r\n");
    EXPECT_EQ(large.Next(request), HttpRequestParser::Status::HEADER_TOO_LARGE);

    HttpRequestParser body(8192, 10);
    Feed(body, "POST /x HTTP/1.1\r\nContent-Length: 20\r\n\r\n01234567890123456789");
    EXPECT_EQ(body.Next(request), HttpRequestParser::Status::BODY_TOO_LARGE);

    // An unknown but well-formed method parses: the server answers 501 (RFC 9110 9.1).
    HttpRequestParser brew(8192, 1024);
    Feed(brew, "BREW /pot HTTP/1.1\r\nHost: h\r\n\r\n");
    ASSERT_EQ(brew.Next(request), HttpRequestParser::Status::DONE);
    EXPECT_EQ(request.method, "BREW");
}

TEST(HttpCodec, ResponseRoundTripStreamsVerifiableBody)
{
    std::string body = Body("/bytes/5000", 5000);
    std::string bytes = HttpMessageWriter::ResponseHead(200, body.size(), "application/octet-stream", true) + body +
                        HttpMessageWriter::ResponseHead(404, 3, "text/plain", false) + "abc";
    HttpResponseParser parser(8192, 1 << 20);
    uint64_t offset = 0;
    size_t mismatches = 0;
    HttpBodyGenerator generator("/bytes/5000");
    parser.SetBodySink([&](const uint8_t* data, size_t size) {
        if (offset < 5000)
        {
            mismatches += generator.FirstMismatch(offset, data, size) != size;
        }
        offset += size;
    });
    HttpResponseParser::Response response;
    std::vector<HttpResponseParser::Response> responses;
    for (size_t at = 0; at < bytes.size(); at += 536)
    {
        Feed(parser, bytes.substr(at, 536));
        HttpResponseParser::Status status;
        while ((status = parser.Next(response)) == HttpResponseParser::Status::DONE)
        {
            responses.push_back(response);
        }
        ASSERT_EQ(status, HttpResponseParser::Status::NEED_MORE);
    }
    ASSERT_EQ(responses.size(), 2u);
    EXPECT_EQ(responses[0].status, 200u);
    EXPECT_EQ(responses[0].contentLength, 5000u);
    EXPECT_EQ(responses[0].bodyBytes, 5000u);
    EXPECT_TRUE(responses[0].keepAlive);
    EXPECT_EQ(responses[0].contentType, "application/octet-stream");
    EXPECT_EQ(responses[1].status, 404u);
    EXPECT_FALSE(responses[1].keepAlive);
    EXPECT_EQ(mismatches, 0u);
    EXPECT_EQ(parser.Finish(response), HttpResponseParser::Status::NEED_MORE) << "clean end";
}

TEST(HttpCodec, ResponseErrors)
{
    HttpResponseParser::Response response;
    HttpResponseParser truncated(8192, 1 << 20);
    Feed(truncated, HttpMessageWriter::ResponseHead(200, 100, "text/plain", true) + "only this");
    EXPECT_EQ(truncated.Next(response), HttpResponseParser::Status::NEED_MORE);
    EXPECT_EQ(truncated.Finish(response), HttpResponseParser::Status::TRUNCATED);

    HttpResponseParser halfHeader(8192, 1 << 20);
    Feed(halfHeader, "HTTP/1.1 200 OK\r\nContent-Le");
    EXPECT_EQ(halfHeader.Next(response), HttpResponseParser::Status::NEED_MORE);
    EXPECT_EQ(halfHeader.Finish(response), HttpResponseParser::Status::TRUNCATED);

    HttpResponseParser malformed(8192, 1 << 20);
    Feed(malformed, "HTTP/1.1 OK 200\r\n\r\n");
    EXPECT_EQ(malformed.Next(response), HttpResponseParser::Status::MALFORMED);

    // Read-until-close framing (RFC 9112 6.3 rule 8) completes at the end of the stream.
    HttpResponseParser untilClose(8192, 1 << 20);
    Feed(untilClose, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nhello");
    EXPECT_EQ(untilClose.Next(response), HttpResponseParser::Status::NEED_MORE);
    ASSERT_EQ(untilClose.Finish(response), HttpResponseParser::Status::DONE);
    EXPECT_EQ(response.bodyBytes, 5u);
    EXPECT_FALSE(response.contentLength.has_value());
}

TEST(HttpCodec, HeaderLimitCountsTheWholeHeaderHoweverItArrives)
{
    // Found by fuzz/ (http-request target): Beast 1.74 alone counted the start line apart from
    // the fields when a header came in one piece. 17 + 7 + pad + 2 + 2 bytes of header.
    for (size_t pad : {36, 37})
    {
        std::string request = "GET /x HTTP/1.1\r\nX-Pad: " + std::string(pad, 'a') + "\r\n\r\n";
        std::string response = "HTTP/1.1 200 OK\r\nX-Pad:" + std::string(pad + 1, 'a') + "\r\n\r\n";
        ASSERT_EQ(request.size(), 28 + pad);
        ASSERT_EQ(response.size(), request.size());
        auto expectedRequest = pad == 36 ? HttpRequestParser::Status::NEED_MORE // no framing: ends at the header
                                         : HttpRequestParser::Status::HEADER_TOO_LARGE;
        for (bool byteByByte : {false, true})
        {
            SCOPED_TRACE(std::to_string(request.size()) + (byteByByte ? " bytes, one by one" : " bytes"));
            HttpRequestParser requests(64, 0);
            HttpResponseParser responses(64, 0);
            HttpRequestParser::Request parsedRequest;
            HttpResponseParser::Response parsedResponse;
            auto lastRequest = HttpRequestParser::Status::NEED_MORE;
            auto lastResponse = HttpResponseParser::Status::NEED_MORE;
            for (size_t at = 0; at < request.size(); at += byteByByte ? 1 : request.size())
            {
                Feed(requests, request.substr(at, byteByByte ? 1 : std::string::npos));
                Feed(responses, response.substr(at, byteByByte ? 1 : std::string::npos));
                lastRequest = requests.Next(parsedRequest);
                lastResponse = responses.Next(parsedResponse);
                if (lastRequest == HttpRequestParser::Status::DONE)
                {
                    lastRequest = requests.Next(parsedRequest);
                }
            }
            EXPECT_EQ(lastRequest, expectedRequest);
            EXPECT_EQ(lastResponse, pad == 36 ? HttpResponseParser::Status::NEED_MORE
                                              : HttpResponseParser::Status::HEADER_TOO_LARGE);
        }
    }
}

TEST(HttpCodec, ResponseBodyLimitHoldsWhenTheBodyComesWithTheHeader)
{
    // Found by fuzz/ (http-response target): Beast 1.74 lost the error when the body followed the
    // header in the same bytes.
    std::string response = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde";
    HttpResponseParser whole(8192, 3);
    Feed(whole, response);
    HttpResponseParser::Response parsed;
    EXPECT_EQ(whole.Next(parsed), HttpResponseParser::Status::BODY_TOO_LARGE);
    HttpResponseParser pieces(8192, 3);
    Feed(pieces, response.substr(0, 38));
    EXPECT_EQ(pieces.Next(parsed), HttpResponseParser::Status::BODY_TOO_LARGE);
}

TEST(HttpCodec, ResponseStatusOutside100To599IsMalformed)
{
    // Found by fuzz/ (http-response target): "000" was taken as status 0 (RFC 9110 15).
    for (std::string status : {"000", "099", "600", "999"})
    {
        HttpResponseParser parser(8192, 1 << 20);
        Feed(parser, "HTTP/1.1 " + status + " X\r\nContent-Length: 0\r\n\r\n");
        HttpResponseParser::Response response;
        EXPECT_EQ(parser.Next(response), HttpResponseParser::Status::MALFORMED) << status;
    }
    HttpResponseParser last(8192, 1 << 20);
    Feed(last, "HTTP/1.1 599 X\r\nContent-Length: 0\r\n\r\n");
    HttpResponseParser::Response response;
    EXPECT_EQ(last.Next(response), HttpResponseParser::Status::DONE);
    EXPECT_EQ(response.status, 599u);
}

TEST(HttpBodyGenerator, DeterministicPerPathAndOffset)
{
    HttpBodyGenerator a("/a");
    HttpBodyGenerator b("/b");
    std::string first = Body("/a", 1000);
    EXPECT_EQ(first, Body("/a", 1000));
    EXPECT_NE(first, Body("/b", 1000));
    uint8_t piece[10];
    a.Fill(500, piece, 10);
    EXPECT_EQ(std::string(reinterpret_cast<char*>(piece), 10), first.substr(500, 10));
    EXPECT_EQ(a.FirstMismatch(1, reinterpret_cast<const uint8_t*>(first.data()), 100), 0u)
        << "a shifted body is caught at once (probability 1/62 per byte of a false match)";
    EXPECT_EQ(b.FirstMismatch(0, reinterpret_cast<const uint8_t*>(first.data()), 0), 0u);
}

TEST(HttpBodyGenerator, TheSharedPrefixGivesTheBytesTheGeneratorComputes)
{
    // 40 paths, more than the cache's slots, so that paths evict one another; ranges that end
    // before, at and after PREFIX_BYTES, and that start beyond it (computed, not cached). Each
    // byte must be ByteAt's, from Fill and from FirstMismatch, whatever the cache held before.
    const uint64_t cap = HttpBodyGenerator::PREFIX_BYTES;
    const std::vector<std::pair<uint64_t, size_t>> ranges = {
        {0, 1448}, {1448, 1448}, {7, 13}, {cap - 100, 100}, {cap - 100, 101}, {cap - 3, 50},
        {cap, 8}, {3 * cap + 5, 1448}, {0, 10000}, {5000, 30000}};
    for (int round = 0; round < 2; ++round)
    {
        for (int p = 0; p < 40; ++p)
        {
            HttpBodyGenerator body("/bytes/" + std::to_string(1000 + p));
            for (const auto& [offset, size] : ranges)
            {
                std::vector<uint8_t> filled(size);
                body.Fill(offset, filled.data(), size);
                size_t wrong = 0;
                for (size_t i = 0; i < size; ++i)
                {
                    wrong += filled[i] != body.ByteAt(offset + i);
                }
                ASSERT_EQ(wrong, 0u) << "path " << p << " offset " << offset << " size " << size;
                ASSERT_EQ(body.FirstMismatch(offset, filled.data(), size), size);
                filled[size / 2] ^= 0x20;
                ASSERT_EQ(body.FirstMismatch(offset, filled.data(), size), size / 2)
                    << "path " << p << " offset " << offset << " size " << size;
            }
        }
    }
}
