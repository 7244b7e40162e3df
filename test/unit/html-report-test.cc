// HtmlReport, SvgHistogram and LadderDiagram: report.html's pieces from small synthetic records, its
// escaping, the empty case, and a size that does not grow with the number of connections.
#include "sim-flags.h"
#include "sim-program.h"

#include "ns3/handshake-module.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <regex>

using namespace ns3;
using ::handshake::test::SimProgram;

namespace
{

size_t
Count(const std::string& text, const std::string& what)
{
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
    {
        ++n;
    }
    return n;
}

ConnectionRecord
Connection(uint64_t id, const std::string& outcome, double synSent = 1.0)
{
    ConnectionRecord c;
    c.id = id;
    c.clientAddress = "10.0.0.1";
    c.clientPort = uint16_t(49152 + id);
    c.serverAddress = "192.168.0.1";
    c.serverPort = 80;
    c.synSent = synSent;
    c.established = synSent + 0.040 + 0.001 * (id % 50);
    c.serverFinSent = synSent + 0.19; // the server closes first: the client's LAST_ACK, its TIME_WAIT
    c.finSent = synSent + 0.2;
    c.serverTimeWaitEntered = synSent + 0.23;
    c.closed = synSent + 0.25;
    c.finalState = "CLOSED";
    c.outcome = outcome;
    return c;
}

TransactionRecord
Transaction(uint64_t id, const std::string& outcome)
{
    TransactionRecord t;
    t.id = id;
    t.connectionId = id;
    t.clientAddress = "10.0.0.1";
    t.method = "GET";
    t.path = "/bytes/20000";
    t.status = 200;
    t.requestSent = 1.05;
    t.firstByte = 1.10 + 0.001 * (id % 30);
    t.lastByte = 1.20 + 0.002 * (id % 30);
    t.outcome = outcome;
    return t;
}

SegmentRecord
Segment(uint64_t connection, double time, bool fromClient, const std::string& flags, uint32_t seq,
        uint32_t ack, uint32_t length, const std::string& before, const std::string& after)
{
    return SegmentRecord{connection, time, fromClient ? "client->server" : "server->client", flags, seq,
                         ack, length, before, after, "tcp"};
}

/** The seeds' exchange: handshake, GET, a 2-segment response, teardown. Client ISN near the wrap. */
std::vector<SegmentRecord>
Lifecycle(uint64_t connection, uint32_t clientIsn = 0xFFFFFFF0, uint32_t serverIsn = 5000)
{
    uint32_t c = clientIsn;
    uint32_t s = serverIsn;
    return {
        Segment(connection, 1.000, true, "SYN", c, 0, 0, "SYN_SENT", "SYN_SENT"),
        Segment(connection, 1.040, false, "SYN,ACK", s, c + 1, 0, "SYN_SENT", "ESTABLISHED"),
        Segment(connection, 1.040, true, "ACK", c + 1, s + 1, 0, "ESTABLISHED", "ESTABLISHED"),
        Segment(connection, 1.041, true, "PSH,ACK", c + 1, s + 1, 78, "ESTABLISHED", "ESTABLISHED"),
        Segment(connection, 1.090, false, "ACK", s + 1, c + 79, 1448, "ESTABLISHED", "ESTABLISHED"),
        Segment(connection, 1.091, false, "PSH,ACK", s + 1449, c + 79, 500, "ESTABLISHED", "ESTABLISHED"),
        Segment(connection, 1.091, true, "ACK", c + 79, s + 1949, 0, "ESTABLISHED", "ESTABLISHED"),
        Segment(connection, 1.092, true, "FIN,ACK", c + 79, s + 1949, 0, "ESTABLISHED", "FIN_WAIT_1"),
        Segment(connection, 1.130, false, "FIN,ACK", s + 1949, c + 80, 0, "FIN_WAIT_1", "TIME_WAIT"),
        Segment(connection, 1.130, true, "ACK", c + 80, s + 1950, 0, "TIME_WAIT", "TIME_WAIT"),
    };
}

std::string
Render(const std::vector<ConnectionRecord>& connections,
       const std::vector<TransactionRecord>& transactions,
       const std::vector<SegmentRecord>& segments,
       const std::string& title = "run")
{
    HtmlReport report(title);
    report.AddParameter("clients", "3");
    report.SetSummaryText("summary text");
    return report.Render(connections, transactions, segments);
}

} // namespace

TEST(HtmlReport, EscapesTextAndAttributes)
{
    EXPECT_EQ(HtmlEscape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
    EXPECT_EQ(HtmlEscape("10.0.0.1"), "10.0.0.1");
}

TEST(HtmlReport, SummaryOutcomesAndOneHistogramPerTime)
{
    std::vector<ConnectionRecord> connections{Connection(1, "closed"), Connection(2, "closed"),
                                              Connection(3, "reset")};
    std::vector<TransactionRecord> transactions{Transaction(1, "ok"), Transaction(2, "timeout")};
    std::string html = Render(connections, transactions, {}, "sim <10 clients> & more");
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html.find("<h1>sim &lt;10 clients&gt; &amp; more</h1>"), std::string::npos);
    EXPECT_EQ(html.find("<10 clients>"), std::string::npos) << "unescaped title";
    EXPECT_NE(html.find("<th>clients</th><td>3</td>"), std::string::npos);
    EXPECT_NE(html.find("<td>closed</td><td class=\"num\">2</td>"), std::string::npos);
    EXPECT_NE(html.find("<td>reset</td><td class=\"num\">1</td>"), std::string::npos);
    EXPECT_NE(html.find("<td>timeout</td><td class=\"num\">1</td>"), std::string::npos);
    // The times table: handshake 41/42/43 ms, nearest-rank p50 = 42.
    EXPECT_NE(html.find("<td>handshake (SYN-&gt;ESTAB)</td><td>connections</td><td class=\"num\">3</td>"
                        "<td class=\"num\">42.0</td><td class=\"num\">43.0</td><td class=\"num\">43.0</td>"),
              std::string::npos)
        << html;
    EXPECT_EQ(Count(html, "<svg class=\"histogram\""), 4u) << "handshake, TTFB, transfer, teardown";
    EXPECT_NE(html.find("handshake (SYN-&gt;ESTAB) (ms)"), std::string::npos) << "axis title with unit";
    EXPECT_NE(html.find("<pre>summary text</pre>"), std::string::npos);
    EXPECT_NE(html.find("need a capture"), std::string::npos) << "no segments: say how to get ladders";
    EXPECT_EQ(html.find("http://"), std::string::npos);
    EXPECT_EQ(html.find("https://"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(HtmlReport, ParametersNameTheFaultsOfTheRun)
{
    SimFlags options;
    HtmlReport quiet("run");
    quiet.AddParameters(options.ReportParameters());
    std::string html = quiet.Render({}, {}, {});
    EXPECT_NE(html.find("<th>start-window</th><td>1s</td>"), std::string::npos);
    EXPECT_EQ(html.find("link-down"), std::string::npos) << "no fault, no row";
    EXPECT_EQ(html.find("server-restart"), std::string::npos);

    SimFlags faults;
    std::vector<std::string> flags{"handshake-sim", "--link-down=bottleneck@1.2s+10s",
                                   "--server-restart=server:0@3s+3s"};
    std::vector<char*> argv;
    for (auto& flag : flags)
    {
        argv.push_back(flag.data());
    }
    ASSERT_EQ(faults.Parse(static_cast<int>(argv.size()), argv.data()), "");
    HtmlReport faulty("run");
    faulty.AddParameters(faults.ReportParameters());
    html = faulty.Render({}, {}, {});
    EXPECT_NE(html.find("<th>link-down</th><td>bottleneck@1.2s+10s</td>"), std::string::npos);
    EXPECT_NE(html.find("<th>server-restart</th><td>server:0@3s+3s</td>"), std::string::npos);
}

TEST(HtmlReport, NoDataWhenNothingHappened)
{
    std::string html = Render({}, {}, {});
    EXPECT_EQ(Count(html, "<svg"), 0u);
    EXPECT_EQ(Count(html, "No data"), 6u) << "handshake, TTFB, transfer, teardown, TIME_WAIT x2";
    EXPECT_NE(html.find("<th>total</th><th class=\"num\">0</th>"), std::string::npos);

    // Connections that never got established: no handshake time and no teardown (that is of
    // connections closed normally); the requests' two times still drawn. No TIME_WAIT ended.
    ConnectionRecord refused = Connection(1, "refused");
    refused.established.reset();
    html = Render({refused}, {Transaction(1, "ok")}, {});
    EXPECT_EQ(Count(html, "<svg class=\"histogram\""), 2u);
    EXPECT_EQ(Count(html, "No data"), 4u);
}

TEST(HtmlReport, LadderHasOneArrowPerSegmentWithRelativeNumbers)
{
    std::vector<SegmentRecord> segments = Lifecycle(1);
    std::string html = Render({Connection(1, "closed")}, {Transaction(1, "ok")}, segments);
    EXPECT_EQ(Count(html, "<svg class=\"ladder\""), 1u);
    EXPECT_EQ(Count(html, "<g class=\"seg c2s"), 6u);
    EXPECT_EQ(Count(html, "<g class=\"seg s2c"), 4u);
    // Relative to the client's SYN (across the 2^32 wrap) and the server's SYN-ACK.
    EXPECT_NE(html.find(">[SYN] Seq=0 Len=0<"), std::string::npos) << html;
    EXPECT_NE(html.find(">[SYN, ACK] Seq=0 Ack=1 Len=0<"), std::string::npos);
    EXPECT_NE(html.find(">[PSH, ACK] Seq=1 Ack=1 Len=78<"), std::string::npos);
    EXPECT_NE(html.find(">[ACK] Seq=1 Ack=79 Len=1448<"), std::string::npos);
    EXPECT_NE(html.find(">[PSH, ACK] Seq=1449 Ack=79 Len=500<"), std::string::npos);
    EXPECT_NE(html.find(">[FIN, ACK] Seq=79 Ack=1949 Len=0<"), std::string::npos);
    EXPECT_NE(html.find(">[ACK] Seq=80 Ack=1950 Len=0<"), std::string::npos);
    EXPECT_NE(html.find(">SYN_SENT &#8594; ESTABLISHED<"), std::string::npos);
    EXPECT_NE(html.find(">FIN_WAIT_1 &#8594; TIME_WAIT<"), std::string::npos);
    EXPECT_NE(html.find(">40.000 ms<"), std::string::npos) << "time after the first segment";
    EXPECT_NE(html.find("client 10.0.0.1:49153"), std::string::npos);
    EXPECT_NE(html.find("server 192.168.0.1:80"), std::string::npos);
}

TEST(HtmlReport, LadderDrawsTheDnsLookupBeforeTheSyn)
{
    TransactionRecord opener = Transaction(1, "ok");
    opener.firstConnectionId = 1;
    opener.dnsStart = 0.9795;
    opener.dnsEnd = 1.000; // the SYN goes at once
    std::string html = Render({Connection(1, "closed")}, {opener}, Lifecycle(1));
    size_t query = html.find(">DNS query &#8592;<");
    size_t answer = html.find(">DNS answer &#8594; (20.5 ms)<");
    size_t syn = html.find(">[SYN] Seq=0 Len=0<");
    ASSERT_NE(query, std::string::npos) << html;
    ASSERT_NE(answer, std::string::npos) << html;
    EXPECT_LT(query, answer);
    EXPECT_LT(answer, syn) << "the answer's row before the SYN's, at the same time";
    EXPECT_NE(html.find(">20.500 ms<"), std::string::npos) << "the SYN 20.5 ms after the query";

    opener.dnsStart = opener.dnsEnd;
    opener.dnsCached = true;
    std::string cached = Render({Connection(1, "closed")}, {opener}, Lifecycle(1));
    EXPECT_EQ(cached.find("DNS query"), std::string::npos);
    EXPECT_NE(cached.find(">name from the resolver's cache<"), std::string::npos);

    EXPECT_EQ(Render({Connection(1, "closed")}, {Transaction(1, "ok")}, Lifecycle(1)).find("class=\"dns\""),
              std::string::npos)
        << "no lookup, no DNS row";
}

TEST(HtmlReport, LadderWithoutSynAckShowsServerNumbersAsTheyAre)
{
    // A refused connection: the RST's seq has no server ISN to be relative to; its ack still has one.
    std::vector<SegmentRecord> segments{
        Segment(1, 1.0, true, "SYN", 700, 0, 0, "SYN_SENT", "SYN_SENT"),
        Segment(1, 1.04, false, "RST,ACK", 0, 701, 0, "SYN_SENT", "CLOSED"),
    };
    LadderDiagram ladder(Connection(1, "refused"), segments);
    EXPECT_EQ(ladder.Label(1), "[RST, ACK] Seq=0 Ack=1 Len=0");
    EXPECT_NE(ladder.Svg().find("<g class=\"seg s2c rst\">"), std::string::npos);
}

/** A lifecycle with \p data response segments of 1448 bytes in the middle, each ACKed; the
 *  segments listed in \p again are sent a second time (a retransmission) right after. */
std::vector<SegmentRecord>
LongLifecycle(uint32_t data, const std::vector<uint32_t>& again = {})
{
    std::vector<SegmentRecord> segments = Lifecycle(1);
    std::vector<SegmentRecord> middle;
    uint32_t s = 5000 + 1949;
    uint32_t c = 0xFFFFFFF0 + 79;
    double t = 1.0915;
    for (uint32_t i = 0; i < data; ++i)
    {
        middle.push_back(Segment(1, t += 0.000001, false, "ACK", s + i * 1448, c, 1448, "ESTABLISHED", "ESTABLISHED"));
        if (std::find(again.begin(), again.end(), i) != again.end())
        {
            middle.push_back(
                Segment(1, t += 0.000001, false, "ACK", s + i * 1448, c, 1448, "ESTABLISHED", "ESTABLISHED"));
        }
        middle.push_back(Segment(1, t += 0.000001, true, "ACK", c, s + (i + 1) * 1448, 0, "ESTABLISHED", "ESTABLISHED"));
    }
    // Before the client's FIN; the teardown's numbers move up by the data.
    segments.insert(segments.begin() + 7, middle.begin(), middle.end());
    for (size_t i = 7 + middle.size(); i < segments.size(); ++i)
    {
        (segments[i].direction == "client->server" ? segments[i].ack : segments[i].seq) += data * 1448;
    }
    return segments;
}

TEST(HtmlReport, QuietStretchesAreElidedAndTheHandshakeAndTeardownKept)
{
    std::vector<SegmentRecord> segments = LongLifecycle(50);
    LadderDiagram ladder(Connection(1, "closed"), segments);
    std::string svg = ladder.Svg();
    size_t drawn = Count(svg, "<g class=\"seg");
    EXPECT_EQ(drawn + ladder.Elided(), segments.size());
    EXPECT_LE(drawn, LadderDiagram::HEAD + LadderDiagram::TAIL + 4) << svg;
    EXPECT_NE(svg.find(">[SYN] Seq=0 Len=0<"), std::string::npos);
    EXPECT_NE(svg.find(">FIN_WAIT_1 &#8594; TIME_WAIT<"), std::string::npos) << "the teardown is kept";
    EXPECT_NE(svg.find("&#8230; " + std::to_string(ladder.Elided()) + " segments, "), std::string::npos) << svg;
    EXPECT_EQ(svg.find("; client "), std::string::npos) << "ESTABLISHED throughout the elided rows";
    EXPECT_EQ(svg.find("retransmission"), std::string::npos);
}

/** Elision never hides trouble (issue 20): each retransmission is drawn, dashed and named, with a
 *  row either side, however deep in a long connection it is. */
TEST(HtmlReport, RetransmissionsInALongConnectionAreKeptWithTheirNeighbours)
{
    std::vector<SegmentRecord> segments = LongLifecycle(60, {20, 41});
    LadderDiagram ladder(Connection(1, "closed"), segments);
    size_t retransmissions = 0;
    for (size_t i = 0; i < segments.size(); ++i)
    {
        retransmissions += ladder.IsRetransmission(i) ? 1 : 0;
    }
    EXPECT_EQ(retransmissions, 2u);
    std::string svg = ladder.Svg();
    EXPECT_EQ(Count(svg, "<g class=\"seg s2c data retx\">"), 2u) << svg;
    EXPECT_EQ(Count(svg, " (retransmission)<"), 2u);
    EXPECT_NE(svg.find("dashed: a retransmission"), std::string::npos) << "the legend";
    // The first transmission (the row before) and the ACK after each are drawn too.
    EXPECT_EQ(Count(svg, ">[ACK] Seq=" + std::to_string(1 + 1948 + 20 * 1448) + " Ack=79 Len=1448"), 2u) << svg;
    EXPECT_GE(Count(svg, "&#8230; "), 3u) << "quiet stretches before, between and after are elided";
}

/** Both sides' states, as the seeds' figures show them (issue 20): the server's changes in a
 *  column of their own at their own times, a client change no segment shows in the client's. */
TEST(HtmlReport, LadderShowsBothSidesStates)
{
    std::vector<SegmentRecord> segments = Lifecycle(1);
    std::vector<StateRecord> states{
        {1, "client", 1.000, "CLOSED", "SYN_SENT", "tcp"},
        {1, "server", 1.020, "LISTEN", "SYN_RCVD", "tcp"},
        {1, "client", 1.040, "SYN_SENT", "ESTABLISHED", "tcp"},
        {1, "server", 1.060, "SYN_RCVD", "ESTABLISHED", "tcp"},
        {1, "server", 1.112, "ESTABLISHED", "CLOSE_WAIT", "tcp"},
        {1, "server", 1.112, "CLOSE_WAIT", "LAST_ACK", "tcp"},
        {1, "server", 1.150, "LAST_ACK", "CLOSED", "wire"},
        {1, "client", 61.130, "TIME_WAIT", "CLOSED", "tcp"},
    };
    LadderDiagram ladder(Connection(1, "closed"), segments, states);
    ladder.SetCaptureFiles("pcap/client0-access.pcap", "pcap/server0-link.pcap");
    std::string svg = ladder.Svg();
    EXPECT_EQ(Count(svg, "<g class=\"state-change server\">"), 5u);
    EXPECT_NE(svg.find(">LISTEN &#8594; SYN_RCVD<"), std::string::npos) << svg;
    EXPECT_NE(svg.find(">CLOSE_WAIT &#8594; LAST_ACK<"), std::string::npos);
    EXPECT_NE(svg.find(">~LAST_ACK &#8594; ~CLOSED<"), std::string::npos) << "inferred, marked";
    // The client's CLOSED -> SYN_SENT is no segment's change here; TIME_WAIT -> CLOSED neither:
    // both get rows; SYN_SENT -> ESTABLISHED is the SYN-ACK's row already.
    EXPECT_EQ(Count(svg, "<g class=\"state-change client\">"), 2u);
    EXPECT_NE(svg.find(">TIME_WAIT &#8594; CLOSED<"), std::string::npos);
    EXPECT_LT(svg.find(">LISTEN &#8594; SYN_RCVD<"), svg.find(">[SYN, ACK]")) << "in time order";
    EXPECT_LT(svg.find(">[SYN, ACK]"), svg.find(">SYN_RCVD &#8594; ESTABLISHED<"));
    EXPECT_NE(svg.find(">pcap/client0-access.pcap<"), std::string::npos);
    EXPECT_NE(svg.find(">pcap/server0-link.pcap<"), std::string::npos);
}

/** Segments --drop rules lost are marked: the client's ends in a cross on its row, the server's,
 *  which the client never saw, gets a row of its own. */
TEST(HtmlReport, LadderMarksLostSegments)
{
    std::vector<SegmentRecord> segments = Lifecycle(1);
    std::vector<DropRecord> drops{{1, 1.0005, "client->server", "c2s:syn"},
                                  {1, 1.0895, "server->client", "s2c:data=1"}};
    std::string svg = LadderDiagram(Connection(1, "closed"), segments, {}, drops).Svg();
    EXPECT_EQ(Count(svg, "class=\"cross\""), 2u) << svg;
    EXPECT_NE(svg.find("<g class=\"seg c2s lost\">"), std::string::npos);
    EXPECT_NE(svg.find(">[SYN] Seq=0 Len=0 lost: c2s:syn<"), std::string::npos) << svg;
    EXPECT_NE(svg.find(">lost: s2c:data=1<"), std::string::npos);
    EXPECT_EQ(Count(svg, "<g class=\"seg"), segments.size() + 1);
}

/** --ladder-time-scale: rows apart by their time (at least 18 px), so the 40 ms handshake round
 *  trip is twice as tall as a 20 ms step, and arrows fall by half the round trip. */
TEST(HtmlReport, TimeScaleLaddersPlaceRowsByTime)
{
    std::vector<SegmentRecord> segments = Lifecycle(1);
    LadderDiagram even(Connection(1, "closed"), segments);
    LadderDiagram scaled(Connection(1, "closed"), segments);
    scaled.SetTimeScale(true);
    auto timeY = [](const std::string& svg, const std::string& time) {
        size_t at = svg.find(">" + time + " ms<");
        size_t y = svg.rfind(" y=\"", at);
        return std::stod(svg.substr(y + 4));
    };
    std::string e = even.Svg();
    std::string s = scaled.Svg();
    EXPECT_NE(s.find("class=\"ladder timescale\""), std::string::npos);
    // Evenly: SYN, SYN-ACK, the ACK 34 px apart each. To scale: the SYN-ACK (40 ms) two rows down.
    EXPECT_DOUBLE_EQ(timeY(e, "40.000") - timeY(e, "0.000"), 34 + 14) << "the SYN-ACK's arrowhead";
    EXPECT_DOUBLE_EQ(timeY(s, "40.000") - timeY(s, "0.000"), 68);
    EXPECT_DOUBLE_EQ(timeY(s, "130.000") - timeY(s, "92.000"), 38 * 68 / 40.0);
}

TEST(HtmlReport, EscapesWhatComesFromRecords)
{
    ConnectionRecord c = Connection(1, "closed<&>");
    c.clientAddress = "<script>alert(1)</script>";
    c.serverAddress = "a&b";
    std::vector<SegmentRecord> segments = Lifecycle(1);
    segments[0].flags = "SYN,<X&Y>";
    segments[0].stateBefore = "<S&>";
    std::string html = Render({c}, {Transaction(1, "ok\"")}, segments);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<X&Y>"), std::string::npos);
    EXPECT_EQ(html.find("<S&>"), std::string::npos);
    EXPECT_NE(html.find("client &lt;script&gt;alert(1)&lt;/script&gt;:49153"), std::string::npos);
    EXPECT_NE(html.find("server a&amp;b:80"), std::string::npos);
    EXPECT_NE(html.find("[SYN, &lt;X&amp;Y&gt;]"), std::string::npos);
    EXPECT_NE(html.find(">&lt;S&amp;&gt; &#8594; SYN_SENT<"), std::string::npos);
    EXPECT_NE(html.find("<td>closed&lt;&amp;&gt;</td>"), std::string::npos);
    EXPECT_NE(html.find("<td>ok&quot;</td>"), std::string::npos);
}

/** --ladder's default draws the first two sampled connections, the slowest, the most
 *  retransmitted, a reset and a timed-out one, and one per other outcome; each says why. */
TEST(HtmlReport, LaddersAreChosenBySelectorsEachNamingWhy)
{
    std::vector<ConnectionRecord> connections;
    std::vector<SegmentRecord> segments;
    for (uint64_t id = 1; id <= 50; ++id)
    {
        connections.push_back(Connection(id, id == 30 || id == 40 ? "reset" : id == 44 ? "timeout" : "closed"));
        if (id % 2 == 0) // only some connections were sampled
        {
            std::vector<SegmentRecord> own = Lifecycle(id);
            if (id == 20)
            {
                own.back().time = 9.0; // the slowest
            }
            if (id == 16)
            {
                own.insert(own.begin() + 1, own.front()); // its SYN sent again
                own[1].time += 1.0;
                own[2].time += 1.0;
            }
            segments.insert(segments.end(), own.begin(), own.end());
        }
    }
    std::string html = Render(connections, {}, segments);
    EXPECT_EQ(Count(html, "<svg class=\"ladder\""), 6u);
    for (const char* heading : {"<h3>Connection 2: ", "(first)</h3>", "<h3>Connection 4: ", "<h3>Connection 20: ",
                                "(slowest)</h3>", "<h3>Connection 16: ", "(most retransmissions)</h3>",
                                "<h3>Connection 30: ", "(reset)</h3>", "<h3>Connection 44: ", "(timed out)</h3>"})
    {
        EXPECT_NE(html.find(heading), std::string::npos) << heading;
    }
    EXPECT_EQ(html.find("<h3>Connection 40: "), std::string::npos) << "one reset is enough";

    LadderSelection selection;
    EXPECT_EQ(selection.Parse("conn:40,conn:7,conn:999,first"), "");
    auto chosen = selection.Choose(connections, segments);
    ASSERT_EQ(chosen.size(), 4u);
    EXPECT_EQ(chosen[0].id, 40u);
    EXPECT_EQ(chosen[3].id, 2u);
    HtmlReport report("run");
    report.SetLadders(selection, false);
    html = report.Render(connections, {}, segments);
    EXPECT_NE(html.find("<h3>Connection 7 (conn:7)</h3><p class=\"nodata\">No segments were recorded"),
              std::string::npos);
    EXPECT_NE(html.find("<h3>Connection 999 (conn:999)</h3><p class=\"nodata\">No such connection"),
              std::string::npos);
    EXPECT_EQ(Count(html, "<svg class=\"ladder\""), 2u);
    EXPECT_EQ(selection.Parse("none"), "");
    EXPECT_TRUE(selection.Choose(connections, segments).empty());
    for (const char* bad : {"", "slow", "first:0", "first:17", "conn:", "conn:x", "outcomes:2", "first,"})
    {
        EXPECT_NE(selection.Parse(bad), "") << bad;
    }
    EXPECT_EQ(selection.Parse("slowst"), std::string("'slowst' is not a selector: ") + LadderSelection::SYNTAX);
}

TEST(HtmlReport, SizeIsBoundedFor100kConnections)
{
    auto build = [](uint64_t n, std::vector<ConnectionRecord>& connections,
                    std::vector<TransactionRecord>& transactions, std::vector<SegmentRecord>& segments) {
        const char* outcomes[] = {"closed", "closed", "closed", "reset", "timeout"};
        for (uint64_t id = 1; id <= n; ++id)
        {
            // A long tail: every 500th handshake took a SYN retransmission (1 s).
            connections.push_back(Connection(id, outcomes[id % 5], id % 500 == 0 ? 0.0 : 1.0));
            transactions.push_back(Transaction(id, "ok"));
            if (id % 10 == 0) // a "capture everything" run: segments for many connections
            {
                for (const auto& s : Lifecycle(id))
                {
                    segments.push_back(s);
                }
            }
        }
    };
    std::vector<ConnectionRecord> c100;
    std::vector<TransactionRecord> t100;
    std::vector<SegmentRecord> s100;
    build(100, c100, t100, s100);
    std::vector<ConnectionRecord> c100k;
    std::vector<TransactionRecord> t100k;
    std::vector<SegmentRecord> s100k;
    build(100000, c100k, t100k, s100k);
    std::string small = Render(c100, t100, s100);
    std::string large = Render(c100k, t100k, s100k);
    EXPECT_LT(large.size(), 200000u);
    EXPECT_LT(large.size(), small.size() + 5000) << "the page does not grow with connections";
    EXPECT_LE(Count(large, "<rect"), 4 * (SvgHistogram::MAX_BINS + 1));
    EXPECT_LE(Count(large, "<svg class=\"ladder\""), LadderSelection::MAX_LADDERS);
    EXPECT_NE(large.find("<td>closed</td><td class=\"num\">60000</td>"), std::string::npos);
}

TEST(HtmlReport, HistogramBins)
{
    auto total = [](const SvgHistogram& h) {
        size_t n = h.Overflow();
        for (const auto& bin : h.Bins())
        {
            n += bin.count;
        }
        return n;
    };
    // One value: one bar holding it.
    SvgHistogram one({42.0}, *Percentiles::Of({42.0}));
    ASSERT_EQ(one.Bins().size(), 1u);
    EXPECT_EQ(one.Bins()[0].count, 1u);
    EXPECT_LE(one.Bins()[0].from, 42.0);
    EXPECT_GT(one.Bins()[0].to, 42.0);
    EXPECT_NE(one.Svg("x", "ms", "connections").find("<svg"), std::string::npos);

    // One value but for float noise (stock TCP's TIME_WAITs, 2 x 120 s, each end - start): one bar
    // too; the axis used to step by less than the doubles tell apart, forever.
    std::vector<double> noisy{240000.0, 240000.00000000003, 240000.0};
    SvgHistogram same(noisy, *Percentiles::Of(noisy));
    ASSERT_EQ(same.Bins().size(), 1u);
    EXPECT_EQ(total(same), 3u);
    EXPECT_NE(same.Svg("x", "ms", "connections").find("<svg"), std::string::npos);

    // 101..1100 ms: round bins on a linear axis, every value counted once.
    std::vector<double> values(1000);
    std::iota(values.begin(), values.end(), 101.0);
    SvgHistogram even(values, *Percentiles::Of(values));
    EXPECT_FALSE(even.LogScale());
    EXPECT_LE(even.Bins().size(), SvgHistogram::MAX_BINS);
    EXPECT_EQ(even.Bins()[1].to - even.Bins()[1].from, 50.0);
    EXPECT_EQ(total(even), values.size());
    EXPECT_EQ(even.Overflow(), 0u);

    // A far outlier beyond p99 on a linear axis: the bins stop near p99, the outliers in one bar.
    std::vector<double> tail(1000, 400.0);
    for (size_t i = 0; i < 1000; ++i)
    {
        tail[i] += i % 20;
    }
    tail[0] = tail[1] = 7000.0;
    SvgHistogram tailed(tail, *Percentiles::Of(tail));
    EXPECT_FALSE(tailed.LogScale());
    EXPECT_EQ(tailed.Overflow(), 2u);
    EXPECT_LT(tailed.Bins().back().to, 1000.0);
    EXPECT_EQ(total(tailed), tail.size());
    EXPECT_NE(tailed.Svg("x", "ms", "y").find("bar overflow"), std::string::npos);

    // Round trips of 40-59 ms and 5% retransmission timeouts near 3 s: a log axis keeps both modes
    // apart, in bins with empty ones between.
    std::vector<double> modes(1000);
    for (size_t i = 0; i < 1000; ++i)
    {
        modes[i] = i % 20 == 0 ? 3040.0 + i % 7 : 40.0 + i % 20;
    }
    SvgHistogram twoModes(modes, *Percentiles::Of(modes));
    EXPECT_TRUE(twoModes.LogScale());
    EXPECT_LE(twoModes.Bins().size(), SvgHistogram::MAX_BINS);
    EXPECT_EQ(twoModes.Overflow(), 0u);
    EXPECT_EQ(total(twoModes), modes.size());
    size_t nonEmpty = 0;
    for (const auto& bin : twoModes.Bins())
    {
        nonEmpty += bin.count > 0;
        EXPECT_TRUE(bin.count == 0 || bin.to <= 100 || bin.from >= 2000) << bin.from << " " << bin.count;
    }
    EXPECT_GE(nonEmpty, 3u) << "the 40-59 ms mode spans more than one bar";
    std::string svg = twoModes.Svg("handshake", "ms", "connections");
    EXPECT_NE(svg.find("handshake (ms, log scale)"), std::string::npos);
    EXPECT_NE(svg.find(">100</text>"), std::string::npos) << svg;
    EXPECT_NE(svg.find(">1000</text>"), std::string::npos) << svg;
}

TEST(HtmlReport, WritesAtomically)
{
    std::string dir = SimProgram::FreshDir("html-report");
    ASSERT_EQ(std::system(("mkdir -p '" + dir + "'").c_str()), 0);
    HtmlReport report("run");
    EXPECT_EQ(report.Write(dir + "/report.html", {Connection(1, "closed")}, {}, {}), "");
    EXPECT_EQ(SimProgram::ReadFile(dir + "/report.html").rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_FALSE(std::ifstream(dir + "/report.html.partial").good());

    std::string error = report.Write(dir + "/missing/report.html", {}, {}, {});
    EXPECT_NE(error.find("cannot write"), std::string::npos) << error;
    EXPECT_FALSE(std::ifstream(dir + "/missing/report.html").good());
}

TEST(HtmlReport, RunEndSaysWhyAndListsTheConnectionsLeftOpen)
{
    ConnectionRecord open = Connection(7, "unfinished");
    open.clientAddress = "10.0.0.<9>";
    open.clientPort = 49154;
    open.serverAddress = "192.168.0.5";
    open.serverPort = 80;
    open.finalState = "LAST_ACK";
    open.stateSource = "tcp";
    open.openAtEnd = true;
    HtmlReport report("run");
    report.SetRunEnd({"grace", 133.5, 13.5, 120, 600, std::nullopt});
    std::string html = report.Render({Connection(1, "closed"), open}, {Transaction(1, "ok")}, {});
    EXPECT_NE(html.find("<h3>Run end</h3><p>run ended at 133.500 s: every request had its outcome at "
                        "13.500 s; 120 s later 1 connection was still open.</p>"),
              std::string::npos)
        << html;
    EXPECT_NE(html.find("<tr><td class=\"num\">7</td><td>10.0.0.&lt;9&gt;:49154</td><td>192.168.0.5:80"
                        "</td><td>LAST_ACK</td><td>the TCP's trace</td></tr>"),
              std::string::npos)
        << html;
    EXPECT_EQ(html.find("<td class=\"num\">1</td><td>"), std::string::npos) << "closed: not listed";
    EXPECT_EQ(Render({}, {}, {}).find("Run end"), std::string::npos) << "no end given, none shown";
}

/** Log-axis labels never overlap (issue 20: "10000200005000100000" on an axis of 10 ms to 100 s):
 *  each label's box, 7 px per character, keeps 6 px from the next. */
TEST(HtmlReport, LogAxisLabelsDoNotOverlap)
{
    for (double top : {100000.0, 3000.0, 2000000.0})
    {
        std::vector<double> values;
        for (double v = 10; v <= top; v *= 1.07)
        {
            values.push_back(v);
        }
        SvgHistogram histogram(values, *Percentiles::Of(values));
        ASSERT_TRUE(histogram.LogScale()) << top;
        std::string svg = histogram.Svg("x", "ms", "n");
        std::vector<std::pair<double, size_t>> labels; // (x, characters)
        std::regex label(R"re(<line class="tick" x1="([0-9.]+)"[^>]*/><text[^>]*>([^<]+)</text>)re");
        for (auto it = std::sregex_iterator(svg.begin(), svg.end(), label); it != std::sregex_iterator(); ++it)
        {
            labels.emplace_back(std::stod((*it)[1]), (*it)[2].length());
        }
        ASSERT_GE(labels.size(), 3u) << svg;
        for (size_t i = 1; i < labels.size(); ++i)
        {
            double room = labels[i].first - labels[i - 1].first;
            double needed = (labels[i].second + labels[i - 1].second) * SvgHistogram::LABEL_CHAR_WIDTH / 2 +
                            SvgHistogram::LABEL_GAP;
            EXPECT_GE(room, needed) << top << ": labels " << i - 1 << " and " << i << "\n" << svg;
        }
        EXPECT_NE(svg.find(">1000</text>"), std::string::npos) << "powers of ten come first";
    }
}
