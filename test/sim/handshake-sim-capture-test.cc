// handshake-sim end to end: its pcaps, decoded by tshark with checksum validation on, show every
// connection's handshake and teardown as shared/seeds/ describe them, with nothing malformed.
#include "pcap-checker.h"
#include "sim-program.h"
#include "tcp-conversation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <dirent.h>
#include <fstream>
#include <string>
#include <vector>

using handshake::test::ChecksumStatus;
using handshake::test::PcapChecker;
using handshake::test::SimProgram;
using handshake::test::TcpConversation;

namespace
{

int
RunSim(const std::string& flags, const std::string& log)
{
    return SimProgram::Run(HANDSHAKE_SIM_BINARY, flags, log);
}

std::string
FreshDir(const std::string& name)
{
    return SimProgram::FreshDir(name);
}

std::vector<std::string>
Pcaps(const std::string& dir)
{
    return SimProgram::Pcaps(dir);
}

std::string
ReadFile(const std::string& path)
{
    return SimProgram::ReadFile(path);
}

/** Every capture of a run: lifecycle complete, checksums verified good, nothing malformed. */
void
CheckCaptures(const std::string& out,
              size_t expectedFiles,
              size_t expectedConnectionsPerClient,
              bool requireFinAcks = true)
{
    auto files = Pcaps(out + "/pcap");
    ASSERT_EQ(files.size(), expectedFiles);
    for (const auto& file : files)
    {
        SCOPED_TRACE(file);
        auto decoded = PcapChecker::Decode(file);
        ASSERT_EQ(decoded.error, "");
        ASSERT_FALSE(decoded.packets.empty());
        for (const auto& p : decoded.packets)
        {
            ASSERT_FALSE(p.malformed) << p.Describe();
            ASSERT_EQ(p.ipChecksum, ChecksumStatus::GOOD) << p.Describe();
            ASSERT_EQ(p.tcpChecksum, ChecksumStatus::GOOD) << p.Describe();
        }
        auto conversations = TcpConversation::Split(decoded.packets);
        if (file.find("client") != std::string::npos)
        {
            EXPECT_EQ(conversations.size(), expectedConnectionsPerClient);
        }
        for (const auto& conversation : conversations)
        {
            EXPECT_EQ(conversation.CheckHandshake(), "");
            EXPECT_EQ(conversation.CheckTeardown(requireFinAcks), "");
        }
    }
}

} // namespace

TEST(HandshakeSim, LosslessRunShowsEveryHandshakeAndTeardown)
{
    std::string out = FreshDir("lossless");
    ASSERT_EQ(RunSim("--tcp=ns3 --clients=4 --servers=1 --loss=0 --requests=2 --RngRun=1 --out=" + out, out + ".log"), 0)
        << ReadFile(out + ".log");
    // 4 clients' access links + 1 server link.
    CheckCaptures(out, 5, 2);
    EXPECT_NE(ReadFile(out + "/summary.txt").find("connections 8: closed 8\n  requests 8: ok 8\n"), std::string::npos)
        << ReadFile(out + "/summary.txt");
}

TEST(HandshakeSim, LossyRunStillCompletesEveryLifecycle)
{
    std::string out = FreshDir("lossy");
    ASSERT_EQ(RunSim("--tcp=ns3 --clients=6 --servers=2 --loss=0.05 --size=50000 --requests=1 --RngRun=3 --out=" + out,
                     out + ".log"),
              0)
        << ReadFile(out + ".log");
    // Stock ns-3 3.37 under loss sometimes never acknowledges a retransmitted FIN in LAST_ACK
    // (seen with RngRun=3): FINs must be sent, their ACKs are only required of the lossless run.
    CheckCaptures(out, 8, 1, false);
}

TEST(HandshakeSim, CapturePolicies)
{
    std::string servers = FreshDir("servers");
    ASSERT_EQ(RunSim("--clients=3 --servers=1 --pcap=servers --out=" + servers, servers + ".log"), 0);
    EXPECT_EQ(Pcaps(servers + "/pcap").size(), 1u);

    std::string sample = FreshDir("sample");
    ASSERT_EQ(RunSim("--clients=5 --servers=1 --pcap=sample:2 --out=" + sample, sample + ".log"), 0);
    EXPECT_EQ(Pcaps(sample + "/pcap").size(), 3u);

    std::string none = FreshDir("none");
    ASSERT_EQ(RunSim("--clients=2 --servers=1 --pcap=none --out=" + none, none + ".log"), 0);
    EXPECT_EQ(Pcaps(none + "/pcap").size(), 0u);
}

TEST(HandshakeSim, InvalidFlagExitsTwoAndWritesNothing)
{
    std::string out = FreshDir("invalid");
    // Every flag: wrong type, out of range, unknown name, unreadable file (issue [hardening]).
    const std::string missing = out + "-missing.conf";
    const std::string badConfig = out + "-bad.conf";
    std::ofstream(badConfig) << "clients = 5\nthis line has no equals sign\n";
    const std::vector<std::string> flags = {
        "--clients=zero", "--clients=-4", "--clients=2000000", "--servers=0", "--servers=1.5",
        "--topology=star", "--fanout=0", "--fanout=many", "--delay=slow", "--delay=-5",
        "--delay=ns3::NoSuchRandomVariable", "--loss=2", "--loss=-0.1", "--loss-model=burst",
        "--size=big", "--size=-1", "--bottleneck-rate=0bps", "--bottleneck-rate=fast",
        "--bottleneck-delay=1xs", "--bottleneck-delay=-1ms", "--start-window=later",
        "--requests=0", "--requests=1e9", "--persistent=sometimes", "--tcp=cubic", "--pcap=every",
        "--pcap=sample:-1", "--out=", "--csv=maybe", "--drain=2",
        "--server-restart=server:2@1s+1s", "--server-restart=server:0@soon+1s",
        "--server-restart=server:0@1s+1s --tcp=ns3", "--syn-flood=lots",
        "--syn-flood=100@1s", "--syn-cookies=sometimes", "--syn-cookies=off --tcp=ns3",
        "--attacker-rate=0bps", "--config=" + missing,
        "--config=" + badConfig, "--RngRun=first", "--bogus=1", "--ns3::TcpSocket::SegmentSize=big",
        "--ns3::NoSuchType::Attribute=1", "positional"};
    for (const std::string& flag : flags)
    {
        EXPECT_EQ(RunSim(std::string(flag) + " --out=" + out, out + ".log"), 2) << flag;
        std::string log = ReadFile(out + ".log");
        std::string name = flag.substr(0, flag.find('='));
        EXPECT_EQ(log.find("handshake-sim: " + name + ":"), 0u) << flag << " gave: " << log;
        EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 1) << log;
        EXPECT_EQ(opendir(out.c_str()), nullptr) << "created " << out;
    }
}

TEST(HandshakeSim, SameRngRunGivesByteIdenticalOutputs)
{
    const std::string flags = "--clients=8 --servers=2 --requests=2 --pcap=all ";
    std::string first = FreshDir("same-1");
    std::string second = FreshDir("same-2");
    std::string other = FreshDir("other-run");
    ASSERT_EQ(RunSim(flags + "--RngRun=4 --out=" + first, first + ".log"), 0);
    ASSERT_EQ(RunSim(flags + "--RngRun=4 --out=" + second, second + ".log"), 0);
    ASSERT_EQ(RunSim(flags + "--RngRun=5 --out=" + other, other + ".log"), 0);
    auto files = Pcaps(first + "/pcap");
    ASSERT_EQ(files.size(), 10u);
    bool anyDifferent = false;
    for (const auto& file : files)
    {
        std::string name = file.substr(file.rfind('/'));
        EXPECT_EQ(ReadFile(file), ReadFile(second + "/pcap" + name)) << name;
        anyDifferent = anyDifferent || ReadFile(file) != ReadFile(other + "/pcap" + name);
    }
    EXPECT_EQ(ReadFile(first + "/summary.txt"), ReadFile(second + "/summary.txt"));
    for (const char* table : {"connections", "transactions", "segments"})
    {
        std::string sql = std::string("SELECT * FROM ") + table + " ORDER BY rowid";
        std::string rows = SimProgram::QueryRows(first + "/results.sqlite", sql);
        EXPECT_GT(rows.size(), 0u) << table;
        EXPECT_EQ(rows, SimProgram::QueryRows(second + "/results.sqlite", sql)) << table;
    }
    EXPECT_TRUE(anyDifferent) << "another RngRun must give other delays, losses and times";
}

TEST(HandshakeSim, OurTcpShowsEveryHandshakeAndTeardown)
{
    std::string out = FreshDir("handshake-tcp");
    ASSERT_EQ(RunSim("--tcp=handshake --clients=4 --servers=1 --loss=0 --requests=2 --RngRun=1 --out=" + out,
                     out + ".log"),
              0)
        << ReadFile(out + ".log");
    CheckCaptures(out, 5, 2);
    std::string summary = ReadFile(out + "/summary.txt");
    EXPECT_NE(summary.find("tcp=handshake"), std::string::npos) << summary;
    EXPECT_NE(summary.find("connections 8: closed 8\n  requests 8: ok 8\n"), std::string::npos) << summary;
}

TEST(HandshakeSim, OurTcpCompletesEveryLifecycleUnderLoss)
{
    std::string out = FreshDir("handshake-tcp-lossy");
    ASSERT_EQ(RunSim("--tcp=handshake --clients=6 --servers=2 --loss=0.05 --size=50000 --requests=1 --RngRun=3 "
                     "--out=" + out,
                     out + ".log"),
              0)
        << ReadFile(out + ".log");
    CheckCaptures(out, 8, 1);
    EXPECT_NE(ReadFile(out + "/summary.txt").find("connections 6: closed 6\n  requests 6: ok 6\n"),
              std::string::npos)
        << ReadFile(out + "/summary.txt");
}
