// Issue [modern-tcp] on the wire: options negotiated with ns-3's stock TCP only when both offer
// them, tshark's retransmission count equal to our own, the Linux profile's SYN, and HTTP under
// 20% loss completing without timeouts. Checked with tshark, checksums on.
#include "pcap-checker.h"
#include "sim-program.h"
#include "tcp-two-nodes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <set>

using namespace ns3;
using ::handshake::test::ByteReceiver;
using ::handshake::test::ByteSender;
using ::handshake::test::PcapChecker;
using ::handshake::test::SimProgram;
using ::handshake::test::Stack;
using ::handshake::test::TwoNodes;
using ::handshake::test::TwoNodesOptions;

namespace
{

/** tshark's text output for \p pcap with display filter \p filter and the given fields. */
std::vector<std::string>
TsharkLines(const std::string& pcap, const std::string& filter, const std::string& fields)
{
    return PcapChecker::Lines(pcap, "-n -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE"
                                    " -d tcp.port==5000,data -Y '" + filter +
                                        "' -T fields -E separator=, -E aggregator=';' " + fields);
}

/** The options a SYN (or SYN-ACK) carried, as tshark decodes them. */
struct SynOptions
{
    std::string mss;
    bool sackPermitted{false};
    bool timestamps{false};
    std::string windowScale;
};

SynOptions
FirstSynOptions(const std::string& pcap, bool synAck)
{
    std::string filter = std::string("tcp.flags.syn == 1 && tcp.flags.ack == ") + (synAck ? "1" : "0");
    auto lines = TsharkLines(pcap,
                             filter,
                             "-e tcp.options.mss_val -e tcp.options.sack_perm -e "
                             "tcp.options.timestamp.tsval -e tcp.options.wscale.shift");
    SynOptions options;
    if (lines.empty())
    {
        ADD_FAILURE() << "no " << (synAck ? "SYN-ACK" : "SYN") << " in " << pcap;
        return options;
    }
    std::vector<std::string> f;
    std::string line = lines.front() + ",";
    for (size_t start = 0, comma; (comma = line.find(',', start)) != std::string::npos; start = comma + 1)
    {
        f.push_back(line.substr(start, comma - start));
    }
    f.resize(4);
    options.mss = f[0];
    options.sackPermitted = !f[1].empty();
    options.timestamps = !f[2].empty();
    options.windowScale = f[3];
    return options;
}

/**
 * The option kinds Linux writes (tcp_options_write) for a segment carrying the given options:
 * MSS, SACK permitted + timestamps (or NOP NOP before either alone), NOP window scale, NOP NOP SACK.
 */
std::string
LinuxOptionKinds(bool mss, bool sackPermitted, bool timestamps, bool windowScale, bool sackBlocks)
{
    std::string kinds;
    auto add = [&kinds](const char* more) { kinds += (kinds.empty() ? "" : ";") + std::string(more); };
    if (mss)
    {
        add("2");
    }
    if (timestamps)
    {
        add(sackPermitted ? "4;8" : "1;1;8");
    }
    else if (sackPermitted)
    {
        add("1;1;4");
    }
    if (windowScale)
    {
        add("1;3");
    }
    if (sackBlocks)
    {
        add("1;1;5");
    }
    return kinds;
}

/** Every segment our side sent in \p pcap has its options in Linux's layout; returns how many. */
size_t
ExpectLinuxOptionLayout(const std::string& pcap, const std::string& fromUs)
{
    auto lines = TsharkLines(pcap,
                             fromUs,
                             "-e tcp.option_kind -e tcp.options.mss_val -e tcp.options.sack_perm -e "
                             "tcp.options.timestamp.tsval -e tcp.options.wscale.shift -e "
                             "tcp.options.sack_le");
    for (const std::string& line : lines)
    {
        std::vector<std::string> f;
        std::string rest = line + ",";
        for (size_t start = 0, comma; (comma = rest.find(',', start)) != std::string::npos;
             start = comma + 1)
        {
            f.push_back(rest.substr(start, comma - start));
        }
        f.resize(6);
        // tshark lists the zero padding after the last option as EOL (kind 0): not an option.
        std::string kinds = f[0];
        while (kinds.size() >= 2 && kinds.compare(kinds.size() - 2, 2, ";0") == 0)
        {
            kinds.erase(kinds.size() - 2);
        }
        EXPECT_EQ(kinds,
                  LinuxOptionKinds(!f[1].empty(), !f[2].empty(), !f[3].empty(), !f[4].empty(), !f[5].empty()))
            << line;
    }
    return lines.size();
}

/** One transfer of 100 kB between our TCP and ns-3's stock TCP with its options set as given. */
void
InteropWithStock(bool ourClient, bool sack, bool timestamps, bool windowScaling)
{
    std::string name = std::string("opts-") + (ourClient ? "ours-stock" : "stock-ours") + "-s" +
                       std::to_string(sack) + "t" + std::to_string(timestamps) + "w" +
                       std::to_string(windowScaling);
    SCOPED_TRACE(name);
    TwoNodesOptions options;
    options.client = ourClient ? Stack::HANDSHAKE : Stack::STOCK;
    options.server = ourClient ? Stack::STOCK : Stack::HANDSHAKE;
    options.serverRxLoss = 0.02;
    options.name = name;
    TwoNodes net(options);
    Config::SetDefault("ns3::TcpSocketBase::Sack", BooleanValue(sack));
    Config::SetDefault("ns3::TcpSocketBase::Timestamp", BooleanValue(timestamps));
    Config::SetDefault("ns3::TcpSocketBase::WindowScaling", BooleanValue(windowScaling));
    constexpr uint64_t BYTES = 100000;
    ByteReceiver receiver(net.ServerSocket(), TwoNodes::PORT, MilliSeconds(100));
    receiver.expected = BYTES;
    ByteSender sender(net.ClientSocket(), BYTES);
    sender.Start(net.ServerAddress());
    net.Run();
    Config::SetDefault("ns3::TcpSocketBase::Sack", BooleanValue(true));
    Config::SetDefault("ns3::TcpSocketBase::Timestamp", BooleanValue(true));
    Config::SetDefault("ns3::TcpSocketBase::WindowScaling", BooleanValue(true));
    EXPECT_EQ(receiver.CheckContent(BYTES), "");
    EXPECT_TRUE(receiver.eof);

    // Our side offers all three; the SYN-ACK carries an option only when both offered it
    // (RFC 2018 2, RFC 7323 2.2 and 3.2).
    SynOptions syn = FirstSynOptions(net.ClientPcap(), false);
    SynOptions synAck = FirstSynOptions(net.ClientPcap(), true);
    const SynOptions& ours = ourClient ? syn : synAck;
    if (ourClient)
    {
        EXPECT_EQ(ours.mss, "1448"); // TwoNodes sets ns3::TcpSocket::SegmentSize explicitly
        EXPECT_TRUE(ours.sackPermitted);
        EXPECT_TRUE(ours.timestamps);
        EXPECT_EQ(ours.windowScale, "7");
    }
    EXPECT_EQ(synAck.sackPermitted, sack);
    EXPECT_EQ(synAck.timestamps, timestamps);
    EXPECT_EQ(!synAck.windowScale.empty(), windowScaling);
    // After the handshake, timestamps ride on every segment exactly when negotiated.
    auto withTs = TsharkLines(net.ClientPcap(),
                              "tcp.flags.syn == 0 && tcp.flags.reset == 0 && tcp.options.timestamp.tsval",
                              "-e frame.number");
    auto all = TsharkLines(net.ClientPcap(), "tcp.flags.syn == 0 && tcp.flags.reset == 0", "-e frame.number");
    EXPECT_FALSE(all.empty());
    EXPECT_EQ(withTs.size(), timestamps ? all.size() : 0u);
    // No SACK block from us unless SACK was negotiated.
    std::string fromUs = (ourClient ? "tcp.dstport == " : "tcp.srcport == ") +
                         std::to_string(TwoNodes::PORT);
    auto sackBlocks = TsharkLines(net.ClientPcap(), fromUs + " && tcp.options.sack_le", "-e frame.number");
    if (!sack)
    {
        EXPECT_TRUE(sackBlocks.empty());
    }
    // Our options are laid out as Linux lays them, NOPs included (Wireshark shows the same list).
    EXPECT_GT(ExpectLinuxOptionLayout(net.ClientPcap(), fromUs), 10u);
    // Checksums good, nothing malformed.
    auto bad = TsharkLines(net.ClientPcap(),
                           "tcp.checksum.status == 0 || ip.checksum.status == 0 || _ws.malformed",
                           "-e frame.number");
    EXPECT_TRUE(bad.empty());
}

} // namespace

TEST(HandshakeTcpModern, OptionsNegotiatedWithStockTcpOnlyWhenBothOffer)
{
    for (bool ourClient : {true, false})
    {
        InteropWithStock(ourClient, true, true, true);
        InteropWithStock(ourClient, false, true, true);
        InteropWithStock(ourClient, true, false, true);
        InteropWithStock(ourClient, true, true, false);
        InteropWithStock(ourClient, false, false, false);
    }
}

TEST(HandshakeTcpModern, TsharkCountsOurRetransmissions)
{
    // 300 kB at 5% loss on the server's device: every segment the client sends is in its own
    // capture, so what tshark flags there equals the core's count. At the sender's own capture
    // nothing is reordered: a segment below the highest sequence sent is a retransmission, which
    // tshark calls "Out-Of-Order" instead when it comes within its RTT estimate of the highest
    // one (RACK repairs that fast), so both flags count.
    TwoNodesOptions options;
    options.serverRxLoss = 0.05;
    options.name = "retrans-count";
    TwoNodes net(options);
    constexpr uint64_t BYTES = 300000;
    ByteReceiver receiver(net.ServerSocket(), TwoNodes::PORT, MilliSeconds(100));
    receiver.expected = BYTES;
    ByteSender sender(net.ClientSocket(), BYTES);
    sender.Start(net.ServerAddress());
    uint32_t coreRetransmissions = 0;
    auto count = +[](uint32_t* n, uint64_t, uint32_t) { ++*n; };
    net.Client()->GetObject<HandshakeTcpL4Protocol>()->TraceConnectWithoutContext(
        "Retransmission",
        MakeCallback(count).Bind(&coreRetransmissions));
    net.Run();
    EXPECT_EQ(receiver.CheckContent(BYTES), "");
    auto tshark = TsharkLines(net.ClientPcap(),
                              "(tcp.analysis.retransmission || tcp.analysis.out_of_order) && "
                              "tcp.dstport == " +
                                  std::to_string(TwoNodes::PORT),
                              "-e frame.number");
    std::cout << "[figures] retransmissions: core " << coreRetransmissions << ", tshark "
              << tshark.size() << std::endl;
    EXPECT_GT(coreRetransmissions, 0u);
    EXPECT_EQ(tshark.size(), coreRetransmissions);
}

TEST(HandshakeTcpModern, LinuxProfileSynOnTheWire)
{
    std::string out = SimProgram::FreshDir("modern-syn");
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                              "--clients=1 --servers=1 --requests=1 --size=100000 --delay=50 "
                              "--loss=0 --bottleneck-delay=0ms --bottleneck-rate=10Gbps "
                              "--start-window=0s --pcap=all --out=" +
                                  out,
                              out + ".log"),
              0)
        << SimProgram::ReadFile(out + ".log");
    std::string pcap = out + "/pcap/client0-access.pcap";
    SynOptions syn = FirstSynOptions(pcap, false);
    EXPECT_EQ(syn.mss, "1460");
    EXPECT_TRUE(syn.sackPermitted);
    EXPECT_TRUE(syn.timestamps);
    EXPECT_EQ(syn.windowScale, "7");
    // Full segments carry 1448 bytes (1460 less the timestamps), and fit the 1500-byte MTU.
    auto sizes = TsharkLines(pcap, "tcp.srcport == 80 && tcp.len > 0", "-e tcp.len");
    ASSERT_FALSE(sizes.empty());
    EXPECT_EQ(sizes.front(), "1448");
    EXPECT_TRUE(TsharkLines(pcap, "ip.flags.mf == 1 || ip.frag_offset > 0", "-e frame.number").empty());
    // From the first SYN to the last byte at the client (handshake + 100 kB), in ms.
    double firstSyn = SimProgram::QueryInt(out + "/results.sqlite",
                                           "SELECT CAST(connect_called * 1e6 AS INTEGER) FROM transactions") /
                      1e3;
    double lastByte = SimProgram::QueryInt(out + "/results.sqlite",
                                           "SELECT CAST(last_byte * 1e6 AS INTEGER) FROM transactions") /
                      1e3;
    std::cout << "[figures] 100 kB GET over a lossless 50 ms one-way path: last byte "
              << lastByte - firstSyn << " ms after the first SYN" << std::endl;
    // Real Linux 6.x on such a path: 403.7 ms, 4 RTTs (handshake, then 10, 20 and 40 segments).
    EXPECT_GT(lastByte - firstSyn, 395);
    EXPECT_LT(lastByte - firstSyn, 420);
    // Slow start doubles the window each RTT: the response arrives in bursts of 10, 20 and 40
    // segments (IW10; CUBIC's slow start counts bytes acknowledged, RFC 9406 4.2).
    auto times = TsharkLines(pcap, "tcp.srcport == 80 && tcp.len > 0", "-e frame.time_relative");
    std::vector<size_t> bursts;
    double previous = -1;
    for (const std::string& t : times)
    {
        double at = std::stod(t);
        if (previous < 0 || at - previous > 0.05) // a gap of half an RTT starts a burst
        {
            bursts.push_back(0);
        }
        bursts.back()++;
        previous = at;
    }
    EXPECT_EQ(bursts, (std::vector<size_t>{10, 20, 40}));
}

/** payload Mb/s of the one transfer of a handshake-sim run with \p flags. */
double
GoodputMbps(const std::string& name, const std::string& flags)
{
    std::string out = SimProgram::FreshDir(name);
    EXPECT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                              "--clients=1 --servers=1 --requests=1 --delay=20 "
                              "--bottleneck-delay=5ms --bottleneck-rate=100Mbps --start-window=0s "
                              "--pcap=none " +
                                  flags + " --out=" + out,
                              out + ".log"),
              0)
        << SimProgram::ReadFile(out + ".log");
    int64_t microseconds = SimProgram::QueryInt(
        out + "/results.sqlite",
        "SELECT CAST((last_byte - first_byte) * 1e6 AS INTEGER) FROM transactions WHERE outcome = 'ok'");
    int64_t bytes = SimProgram::QueryInt(out + "/results.sqlite", "SELECT bytes FROM transactions");
    return microseconds > 0 ? bytes * 8.0 / microseconds : 0;
}

TEST(HandshakeTcpModern, CleanPathFiftyMegabytesFillTheBottleneck)
{
    // 100 Mb/s, 50 ms RTT, no loss: the window is never the limit (auto-tuned buffers, window
    // scale 7). 1448 payload bytes per 1502-byte frame leave 96.4 Mb/s of payload at most.
    double mbps = GoodputMbps("modern-50mb", "--size=50000000 --loss=0");
    double payloadCapacity = 100.0 * 1448 / 1502;
    std::cout << "[figures] 50 MB, 100 Mb/s, 50 ms RTT: " << mbps << " Mb/s of payload, "
              << 100 * mbps / payloadCapacity << "% of what the link carries" << std::endl;
    EXPECT_GE(mbps, 0.9 * payloadCapacity);
}

TEST(HandshakeTcpModern, OnePercentLossGoodputWithinTheMathisBand)
{
    // Mathis et al.: rate = MSS / RTT * sqrt(3/2) / sqrt(p) = 1448 B / 50 ms * 1.22 / 0.1 =
    // 2.83 Mb/s at p = 1% (data and ACKs both lose 1%). NewReno with SACK sits on it; CUBIC's
    // Reno-friendly region (RFC 9438 4.3) keeps it there at this window (about 12 segments), a
    // little above: bands 0.7-1.3x and 0.8-1.6x.
    const double mathis = 1448 * 8 / 0.05 * std::sqrt(1.5) / std::sqrt(0.01) / 1e6;
    for (int run : {1, 2})
    {
        std::string common = "--size=10000000 --loss=0.01 --RngRun=" + std::to_string(run);
        double reno = GoodputMbps("modern-1pct-reno-" + std::to_string(run),
                                  common + " --ns3::HandshakeTcpSocket::CongestionControl="
                                           "ns3::HandshakeTcpNewReno");
        double cubic = GoodputMbps("modern-1pct-cubic-" + std::to_string(run), common);
        std::cout << "[figures] 1% loss, RngRun " << run << ": NewReno " << reno << " Mb/s, CUBIC "
                  << cubic << " Mb/s, Mathis " << mathis << " Mb/s" << std::endl;
        EXPECT_GT(reno, 0.7 * mathis);
        EXPECT_LT(reno, 1.3 * mathis);
        EXPECT_GT(cubic, 0.8 * mathis);
        EXPECT_LT(cubic, 1.6 * mathis);
    }
}

TEST(HandshakeTcpModern, TwentyPercentLossEveryRequestCompletes)
{
    // 20 clients x 3 requests of 100 kB, 20% random loss on every access link, both directions.
    for (int run : {1, 2})
    {
        std::string out = SimProgram::FreshDir("modern-loss20-" + std::to_string(run));
        ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                                  "--clients=20 --requests=3 --size=100000 --loss=0.2 --pcap=none "
                                  "--RngRun=" +
                                      std::to_string(run) + " --out=" + out,
                                  out + ".log"),
                  0)
            << SimProgram::ReadFile(out + ".log");
        std::string db = out + "/results.sqlite";
        EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions"), 60);
        EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions WHERE outcome = 'ok'"), 60)
            << SimProgram::QueryRows(db, "SELECT outcome, COUNT(*) FROM transactions GROUP BY 1");
        EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM transactions WHERE outcome = 'timeout'"),
                  0);
        int64_t medianMs = SimProgram::QueryInt(
            db,
            "SELECT CAST((last_byte - first_byte) * 1000 AS INTEGER) FROM transactions ORDER BY "
            "last_byte - first_byte LIMIT 1 OFFSET 30");
        std::cout << "[figures] 20% loss, RngRun " << run << ": median transfer " << medianMs
                  << " ms" << std::endl;
        EXPECT_LT(medianMs, 10000); // the 1990s TCP took 68 s
    }
}

TEST(HandshakeTcpModern, RecordsCountBothSidesRetransmissionsAsTsharkDoes)
{
    // Each side's retransmissions in results.sqlite equal tshark's flags on that side's own
    // capture (clients: their access links; servers: their links), summed over the run.
    std::string out = SimProgram::FreshDir("modern-retrans-records");
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                              "--clients=10 --servers=2 --requests=2 --size=50000 --loss=0.1 "
                              "--pcap=all --out=" +
                                  out,
                              out + ".log"),
              0)
        << SimProgram::ReadFile(out + ".log");
    const std::string flagged = "(tcp.analysis.retransmission || tcp.analysis.out_of_order)";
    size_t client = 0;
    size_t server = 0;
    for (const std::string& pcap : SimProgram::Pcaps(out + "/pcap"))
    {
        bool isClient = pcap.find("client") != std::string::npos;
        auto lines = TsharkLines(pcap,
                                 flagged + (isClient ? " && tcp.dstport == 80" : " && tcp.srcport == 80"),
                                 "-e frame.number");
        (isClient ? client : server) += lines.size();
    }
    std::string db = out + "/results.sqlite";
    int64_t recordedClient = SimProgram::QueryInt(db, "SELECT SUM(retransmissions) FROM connections");
    int64_t recordedServer =
        SimProgram::QueryInt(db, "SELECT SUM(server_retransmissions) FROM connections");
    std::cout << "[figures] retransmissions: clients " << recordedClient << " (tshark " << client
              << "), servers " << recordedServer << " (tshark " << server << ")" << std::endl;
    EXPECT_GT(recordedServer, 0);
    EXPECT_EQ(static_cast<int64_t>(client), recordedClient);
    EXPECT_EQ(static_cast<int64_t>(server), recordedServer);
}

TEST(HandshakeTcpModern, RfcProfileFlag)
{
    // --profile=rfc: the RFCs' values, e.g. an initial window of 3 segments (RFC 5681 3.1) where
    // Linux sends 10; bad values and stock TCP are flag errors.
    std::string out = SimProgram::FreshDir("modern-rfc");
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                              "--clients=1 --servers=1 --requests=1 --size=100000 --delay=50 "
                              "--loss=0 --bottleneck-delay=0ms --bottleneck-rate=10Gbps "
                              "--start-window=0s --pcap=all --profile=rfc --out=" +
                                  out,
                              out + ".log"),
              0)
        << SimProgram::ReadFile(out + ".log");
    auto times = TsharkLines(out + "/pcap/client0-access.pcap",
                             "tcp.srcport == 80 && tcp.len > 0",
                             "-e frame.time_relative");
    ASSERT_GE(times.size(), 4u);
    size_t firstBurst = 1;
    while (firstBurst < times.size() && std::stod(times[firstBurst]) - std::stod(times[0]) < 0.05)
    {
        firstBurst++;
    }
    EXPECT_EQ(firstBurst, 3u);
    std::string bad = SimProgram::FreshDir("modern-rfc-bad");
    EXPECT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY, "--profile=bsd --out=" + bad, bad + ".log"), 2);
    EXPECT_NE(SimProgram::ReadFile(bad + ".log").find("--profile"), std::string::npos);
    EXPECT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY, "--profile=rfc --tcp=ns3 --out=" + bad, bad + ".log"),
              2);
}

TEST(HandshakeTcpModern, TcpSocketBaseTraceSourcesCarryOver)
{
    // A script written for ns-3's TcpSocketBase hooks the same names with the same signatures.
    TwoNodesOptions options;
    options.serverRxLoss = 0.05;
    options.name = "traces";
    TwoNodes net(options);
    constexpr uint64_t BYTES = 300000;
    ByteReceiver receiver(net.ServerSocket(), TwoNodes::PORT, MilliSeconds(100));
    receiver.expected = BYTES;
    ByteSender sender(net.ClientSocket(), BYTES);
    struct Seen
    {
        uint32_t maxCwnd{0};
        uint32_t ssthreshChanges{0};
        uint32_t inFlightChanges{0};
        Time lastRtt;
        Time lastRto;
        std::set<TcpSocketState::TcpCongState_t> states;
    } seen;
    Ptr<Socket> socket = sender.socket; // ClientSocket() makes a new one each call
    ASSERT_TRUE(socket->TraceConnectWithoutContext(
        "CongestionWindow",
        MakeCallback(+[](Seen* s, uint32_t, uint32_t cwnd) { s->maxCwnd = std::max(s->maxCwnd, cwnd); })
            .Bind(&seen)));
    ASSERT_TRUE(socket->TraceConnectWithoutContext(
        "SlowStartThreshold",
        MakeCallback(+[](Seen* s, uint32_t, uint32_t) { s->ssthreshChanges++; }).Bind(&seen)));
    ASSERT_TRUE(socket->TraceConnectWithoutContext(
        "BytesInFlight",
        MakeCallback(+[](Seen* s, uint32_t, uint32_t) { s->inFlightChanges++; }).Bind(&seen)));
    ASSERT_TRUE(socket->TraceConnectWithoutContext(
        "RTT",
        MakeCallback(+[](Seen* s, Time, Time rtt) { s->lastRtt = rtt; }).Bind(&seen)));
    ASSERT_TRUE(socket->TraceConnectWithoutContext(
        "RTO",
        MakeCallback(+[](Seen* s, Time, Time rto) { s->lastRto = rto; }).Bind(&seen)));
    ASSERT_TRUE(socket->TraceConnectWithoutContext(
        "CongState",
        MakeCallback(+[](Seen* s, TcpSocketState::TcpCongState_t, TcpSocketState::TcpCongState_t to) {
            s->states.insert(to);
        }).Bind(&seen)));
    sender.Start(net.ServerAddress());
    net.Run();
    EXPECT_EQ(receiver.CheckContent(BYTES), "");
    EXPECT_GT(seen.maxCwnd, 10u * 1448);
    EXPECT_GT(seen.ssthreshChanges, 0u);   // a congestion event at 5% loss
    EXPECT_GT(seen.inFlightChanges, 10u);
    EXPECT_GT(seen.lastRtt, Time(0));
    EXPECT_GE(seen.lastRto, MilliSeconds(200)); // the Linux profile's minimum
    EXPECT_TRUE(seen.states.count(TcpSocketState::CA_RECOVERY) > 0);
    EXPECT_TRUE(seen.states.count(TcpSocketState::CA_OPEN) > 0);
}
