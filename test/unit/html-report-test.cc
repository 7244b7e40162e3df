// HtmlReport, SvgHistogram and LadderDiagram: report.html's pieces from small synthetic records, its
// escaping, the empty case, and a size that does not grow with the number of connections.
#include "sim-flags.h"
#include "sim-program.h"

#include "ns3/handshake-module.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <numeric>

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

TEST(HtmlReport, LongConnectionsAreElidedInTheMiddle)
{
    std::vector<SegmentRecord> segments = Lifecycle(1);
    std::vector<SegmentRecord> data;
    for (uint32_t i = 0; i < 100; ++i)
    {
        data.push_back(Segment(1, 1.1 + i * 0.001, i % 2 == 0, "ACK", 10 + i, 10, 1448, "ESTABLISHED",
                               "ESTABLISHED"));
    }
    segments.insert(segments.begin() + 5, data.begin(), data.end());
    LadderDiagram ladder(Connection(1, "closed"), segments);
    EXPECT_EQ(ladder.Elided(), 110u - LadderDiagram::HEAD - LadderDiagram::TAIL);
    std::string svg = ladder.Svg();
    EXPECT_EQ(Count(svg, "<g class=\"seg"), LadderDiagram::HEAD + LadderDiagram::TAIL);
    EXPECT_NE(svg.find("&#8230; 86 segments, "), std::string::npos) << svg;
    EXPECT_EQ(svg.find("; client "), std::string::npos) << "ESTABLISHED throughout the elided rows";
    segments[segments.size() - LadderDiagram::TAIL - 1].stateAfter = "FIN_WAIT_1"; // the last one left out
    EXPECT_NE(LadderDiagram(Connection(1, "closed"), segments).Svg().find("; client ESTABLISHED &#8594; "
                                                                           "FIN_WAIT_1 &#8230;"),
              std::string::npos);
    EXPECT_NE(svg.find(">FIN_WAIT_1 &#8594; TIME_WAIT<"), std::string::npos) << "the teardown is kept";
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

TEST(HtmlReport, LaddersFirstConnectionsAndOnePerOtherOutcome)
{
    std::vector<ConnectionRecord> connections;
    std::vector<SegmentRecord> segments;
    for (uint64_t id = 1; id <= 50; ++id)
    {
        connections.push_back(Connection(id, id == 30 || id == 40 ? "reset" : "closed"));
        if (id % 2 == 0) // only some connections were sampled
        {
            for (const auto& s : Lifecycle(id))
            {
                segments.push_back(s);
            }
        }
    }
    std::string html = Render(connections, {}, segments);
    EXPECT_EQ(Count(html, "<svg class=\"ladder\""), 5u);
    for (uint64_t id : {2, 4, 6, 8, 30})
    {
        EXPECT_NE(html.find("<h3>Connection " + std::to_string(id) + ": "), std::string::npos) << id;
    }
    EXPECT_EQ(html.find("<h3>Connection 40: "), std::string::npos);
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
    EXPECT_LE(Count(large, "<svg class=\"ladder\""), HtmlReport::FIRST_LADDERS + HtmlReport::OUTCOME_LADDERS);
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
    report.SetRunEnd({"grace", 133.5, 13.5, 120, 600});
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
