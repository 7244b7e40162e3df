// handshake-sim --drop (issue 18): segments lost by what they are, on the client's access link,
// with both TCPs. Each test runs one client fetching one object and reads both ends of the path
// from the pcaps (tshark, checksums verified): the client's access link (what the client sent and
// what reached it) and the server's link (what the server sent and what reached it). The drops
// table names each loss.
#include "pcap-checker.h"
#include "sim-program.h"

#include "ns3/handshake-module.h"
#include "ns3/ipv4-address.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

using ::handshake::test::ChecksumStatus;
using ::handshake::test::DecodedPacket;
using ::handshake::test::PcapChecker;
using ::handshake::test::SimProgram;

namespace
{

using Packets = std::vector<DecodedPacket>;

/** One run of handshake-sim: its output folder and both captures, decoded. */
struct DropRun
{
    std::string out;
    std::string db;
    Packets client; //!< client0-access.pcap: the client's sends, and what reached it
    Packets server; //!< server0-link.pcap: the server's sends, and what reached it

    static Packets Where(const Packets& packets, const std::function<bool(const DecodedPacket&)>& keep)
    {
        Packets kept;
        for (const auto& p : packets)
        {
            if (p.isTcp && keep(p))
            {
                kept.push_back(p);
            }
        }
        return kept;
    }
    static bool FromClient(const DecodedPacket& p) { return p.dstPort == 80; }
};

/** A capture decoded by tshark with checksum validation: every packet well formed, checksums good. */
Packets
Capture(const std::string& pcap)
{
    auto decoded = PcapChecker::Decode(pcap);
    EXPECT_EQ(decoded.error, "") << pcap;
    EXPECT_FALSE(decoded.packets.empty()) << pcap;
    for (const auto& p : decoded.packets)
    {
        EXPECT_FALSE(p.malformed) << pcap << ": " << p.Describe();
        EXPECT_EQ(p.ipChecksum, ChecksumStatus::GOOD) << pcap << ": " << p.Describe();
        EXPECT_EQ(p.tcpChecksum, ChecksumStatus::GOOD) << pcap << ": " << p.Describe();
    }
    return decoded.packets;
}

/** One client, one server, one request of 3000 bytes, no random loss, a fixed RngRun. */
DropRun
RunDrop(const std::string& name, const std::string& flags)
{
    DropRun run;
    run.out = SimProgram::FreshDir(name);
    int status = SimProgram::Run(HANDSHAKE_SIM_BINARY,
                                 "--clients=1 --servers=1 --requests=1 --size=3000 --loss=0 --delay=10 "
                                 "--start-window=0s --pcap=all --RngRun=1 " +
                                     flags + " --out=" + run.out,
                                 run.out + ".log");
    EXPECT_EQ(status, 0) << SimProgram::ReadFile(run.out + ".log");
    run.db = run.out + "/results.sqlite";
    run.client = Capture(run.out + "/pcap/client0-access.pcap");
    run.server = Capture(run.out + "/pcap/server0-link.pcap");
    // The request completes despite the loss, and every connection has its outcome.
    EXPECT_EQ(SimProgram::QueryInt(run.db, "SELECT COUNT(*) FROM transactions WHERE outcome = 'ok'"), 1)
        << flags;
    EXPECT_EQ(SimProgram::QueryInt(run.db, "SELECT COUNT(*) FROM connections WHERE outcome = 'closed'"), 1)
        << flags;
    return run;
}

bool
IsSyn(const DecodedPacket& p)
{
    return p.Has(DecodedPacket::SYN) && !p.Has(DecodedPacket::ACK);
}

bool
IsSynAck(const DecodedPacket& p)
{
    return p.Has(DecodedPacket::SYN | DecodedPacket::ACK);
}

/** The drops rows, each as "its connection is a connections row|direction|rule". */
std::string
Drops(const std::string& db)
{
    return SimProgram::QueryRows(db, "SELECT d.connection_id = c.id, d.direction, d.rule FROM drops d "
                                     "JOIN connections c ON c.id = d.connection_id ORDER BY d.rowid");
}

/** The drops table's times, in order. */
std::vector<double>
DropTimes(const std::string& db)
{
    std::vector<double> times;
    std::istringstream rows(SimProgram::QueryRows(db, "SELECT time FROM drops ORDER BY rowid"));
    std::string row;
    while (std::getline(rows, row))
    {
        times.push_back(std::stod(row));
    }
    return times;
}

/** Each test runs with both TCPs: ours (--tcp=handshake) and ns-3's (--tcp=ns3). */
class HandshakeSimDrop : public testing::TestWithParam<std::string>
{
  protected:
    std::string Tcp() const { return GetParam(); }
    /** One client, one server, 10 ms, every capture, this test's TCP, and \p flags: the output
     *  folder, or empty (a failure reported) if the run did not exit 0. */
    std::string RunOneClient(const std::string& name, const std::string& flags) const
    {
        std::string db = SimProgram::RunForResults(
            HANDSHAKE_SIM_BINARY, name + "-" + Tcp(),
            "--clients=1 --servers=1 --delay=10 --start-window=0s --pcap=all --tcp=" + Tcp() + " " + flags);
        return HasFailure() ? "" : db.substr(0, db.rfind("/results.sqlite"));
    }
    bool Ours() const { return GetParam() == "handshake"; }
    DropRun Run(const std::string& name, const std::string& drop) const
    {
        return RunDrop(name + "-" + Tcp(), "--tcp=" + Tcp() + " --drop=" + drop);
    }
    /**
     * The first retransmission timeout of a SYN or SYN-ACK: 1 s with ours (RFC 6298 2.1, Linux's
     * TCP_TIMEOUT_INIT); ns-3 3.37 times both by TcpSocket::ConnTimeout, 3 s.
     */
    double HandshakeRto() const { return Ours() ? 1.0 : 3.0; }
};

} // namespace

TEST_P(HandshakeSimDrop, LostSynIsRetransmittedAfterTheInitialRto)
{
    DropRun run = Run("drop-syn", "c2s:syn");
    Packets sent = DropRun::Where(run.client, IsSyn);
    ASSERT_EQ(sent.size(), 2u) << "the lost SYN and its retransmission";
    EXPECT_EQ(sent[0].seq, sent[1].seq);
    EXPECT_NEAR(sent[1].time - sent[0].time, HandshakeRto(), 0.001);
    Packets arrived = DropRun::Where(run.server, IsSyn);
    ASSERT_EQ(arrived.size(), 1u) << "only the retransmission reached the server";
    EXPECT_GT(arrived[0].time, sent[1].time);
    EXPECT_LT(arrived[0].time, sent[1].time + 0.1);
    EXPECT_EQ(Drops(run.db), "1|client->server|c2s:syn\n");
    auto times = DropTimes(run.db);
    ASSERT_EQ(times.size(), 1u);
    EXPECT_NEAR(times[0], sent[0].time + 0.010, 0.001)
        << "dropped where the access link ends, one delay (10 ms) after it was sent";
}

TEST_P(HandshakeSimDrop, LostSynAckIsRetransmitted)
{
    DropRun run = Run("drop-synack", "s2c:synack");
    Packets sent = DropRun::Where(run.server, IsSynAck);
    ASSERT_GE(sent.size(), 2u) << "the server sent the SYN-ACK again";
    EXPECT_EQ(sent[0].seq, sent[1].seq);
    EXPECT_NEAR(sent[1].time - sent[0].time, HandshakeRto(), 0.001) << "on its own timer";
    Packets arrived = DropRun::Where(run.client, IsSynAck);
    EXPECT_EQ(arrived.size(), sent.size() - 1) << "all but the first reached the client";
    ASSERT_FALSE(arrived.empty());
    EXPECT_GT(arrived[0].time, sent[1].time) << "the first to arrive is a retransmission";
    EXPECT_EQ(Drops(run.db), "1|server->client|s2c:synack\n");
}

TEST_P(HandshakeSimDrop, LostFinIsRetransmitted)
{
    DropRun run = Run("drop-fin", "c2s:fin");
    auto clientFin = [](const DecodedPacket& p) { return DropRun::FromClient(p) && p.Has(DecodedPacket::FIN); };
    Packets sent = DropRun::Where(run.client, clientFin);
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[0].seq, sent[1].seq) << "the same FIN again";
    Packets arrived = DropRun::Where(run.server, clientFin);
    ASSERT_EQ(arrived.size(), 1u);
    EXPECT_GT(arrived[0].time, sent[1].time);
    EXPECT_EQ(Drops(run.db), "1|client->server|c2s:fin\n");
}

TEST_P(HandshakeSimDrop, SecondTransmissionOfTheFirstResponseByteIsLostToo)
{
    // The server's first data segment starts at relative seq 1 (its ISN + 1).
    auto byteOne = [](const DropRun& run) {
        Packets synAck = DropRun::Where(run.server, IsSynAck);
        EXPECT_FALSE(synAck.empty());
        const uint32_t first = synAck.empty() ? 0 : synAck[0].seq + 1;
        return [first](const DecodedPacket& p) {
            return !DropRun::FromClient(p) && p.payloadLength > 0 && p.seq == first;
        };
    };
    DropRun run = Run("drop-data", "s2c:data=1,s2c:data=1#2");
    EXPECT_EQ(DropRun::Where(run.server, byteOne(run)).size(), 3u) << "sent, retransmitted, retransmitted again";
    EXPECT_EQ(DropRun::Where(run.client, byteOne(run)).size(), 1u) << "only the third arrived";
    EXPECT_EQ(Drops(run.db), "1|server->client|s2c:data=1\n1|server->client|s2c:data=1#2\n");

    // #2 alone: the first transmission arrives, so there is no second one to lose.
    DropRun alone = Run("drop-data-2", "s2c:data=1#2");
    EXPECT_EQ(DropRun::Where(alone.server, byteOne(alone)).size(), 1u);
    EXPECT_EQ(DropRun::Where(alone.client, byteOne(alone)).size(), 1u);
    EXPECT_EQ(Drops(alone.db), "");
}

TEST_P(HandshakeSimDrop, LostFinalAckOfTheHandshakeIsCoveredByTheRequest)
{
    DropRun run = Run("drop-ack", "c2s:ack=1");
    Packets synAck = DropRun::Where(run.server, IsSynAck);
    ASSERT_FALSE(synAck.empty());
    auto finalAck = [&](const DecodedPacket& p) {
        return DropRun::FromClient(p) && p.flags == DecodedPacket::ACK && p.payloadLength == 0 &&
               p.ack == synAck[0].seq + 1;
    };
    EXPECT_GE(DropRun::Where(run.client, finalAck).size(), 1u) << "the client sent it";
    EXPECT_EQ(DropRun::Where(run.server, finalAck).size(), 0u) << "it never arrived";
    auto request = [](const DecodedPacket& p) { return p.httpRequest; };
    EXPECT_EQ(DropRun::Where(run.server, request).size(), 1u) << "the request arrived, and its ACK with it";
    EXPECT_EQ(Drops(run.db), "1|client->server|c2s:ack=1\n");
}

TEST_P(HandshakeSimDrop, ClientRuleTouchesOnlyThatClient)
{
    std::string out = SimProgram::FreshDir("drop-client-" + Tcp());
    ASSERT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY,
                              "--clients=3 --servers=1 --requests=2 --loss=0 --pcap=all --RngRun=1 --tcp=" +
                                  Tcp() + " --drop=client:2/c2s:syn,s2c:fin --out=" + out,
                              out + ".log"),
              0)
        << SimProgram::ReadFile(out + ".log");
    std::string db = out + "/results.sqlite";
    SimProgram::ExpectEveryOutcomeRecorded(db, 6);
    // client:2/c2s:syn: the first SYN of each of client 2's two connections (a fresh count each),
    // client 2 as the topology numbers clients (its address from the same address plan).
    std::ostringstream client2;
    client2 << ns3::Ipv4Address(ns3::TopologyAddressPlan(3, 1, 100).ClientLink(2).first);
    EXPECT_EQ(SimProgram::QueryRows(db, "SELECT c.client_address, COUNT(DISTINCT c.id) FROM drops d JOIN "
                                        "connections c ON c.id = d.connection_id WHERE d.rule = "
                                        "'client:2/c2s:syn' GROUP BY c.client_address"),
              client2.str() + "|2\n");
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM drops WHERE rule = 'client:2/c2s:syn'"), 2);
    // On the wire: clients 0 and 1 sent one SYN per connection, client 2 two.
    for (uint32_t client = 0; client < 3; ++client)
    {
        Packets syns =
            DropRun::Where(Capture(out + "/pcap/client" + std::to_string(client) + "-access.pcap"), IsSyn);
        EXPECT_EQ(syns.size(), client == 2 ? 4u : 2u) << "client " << client;
    }
    // s2c:fin: the server's first FIN of every connection, 6 of them, each on its own connection.
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(DISTINCT connection_id) FROM drops WHERE rule = 's2c:fin' "
                                       "AND direction = 'server->client'"),
              6);
    EXPECT_EQ(SimProgram::QueryInt(db, "SELECT COUNT(*) FROM drops WHERE connection_id NOT IN "
                                       "(SELECT id FROM connections)"),
              0)
        << "every drop names its connection";
}

namespace
{

/** A segment as both the captures and the drops table know it: direction, seq, ack, length. */
using SegmentKey = std::tuple<bool, uint32_t, uint32_t, uint32_t>;

/** \p sent less what of it appears in \p received (a multiset difference). */
std::multiset<SegmentKey>
Missing(std::multiset<SegmentKey> sent, const std::multiset<SegmentKey>& received)
{
    for (const auto& key : received)
    {
        auto it = sent.find(key);
        if (it != sent.end())
        {
            sent.erase(it);
        }
    }
    return sent;
}

/**
 * One client's run in \p out: every segment one end's capture sent and the other end's capture
 * lacks is a drops row with rule \p rule, and the drops table has nothing else. Returns how many.
 */
size_t
ExpectDropsAreWhatTheCapturesMiss(const std::string& out, const std::string& rule)
{
    Packets client = Capture(out + "/pcap/client0-access.pcap");
    Packets server = Capture(out + "/pcap/server0-link.pcap");
    if (client.empty())
    {
        ADD_FAILURE() << "no packets in " << out;
        return 0;
    }
    const std::string clientAddress = client.front().src;
    std::multiset<SegmentKey> clientSent, clientReceived, serverSent, serverReceived;
    for (const auto& p : client)
    {
        (p.src == clientAddress ? clientSent : clientReceived)
            .insert({p.src == clientAddress, p.seq, p.ack, p.payloadLength});
    }
    for (const auto& p : server)
    {
        (p.src == clientAddress ? serverReceived : serverSent)
            .insert({p.src == clientAddress, p.seq, p.ack, p.payloadLength});
    }
    std::multiset<SegmentKey> lost = Missing(clientSent, serverReceived);
    for (const auto& key : Missing(serverSent, clientReceived))
    {
        lost.insert(key);
    }
    std::multiset<SegmentKey> recorded;
    std::istringstream rows(SimProgram::QueryRows(
        out + "/results.sqlite", "SELECT direction, seq, ack, length, rule FROM drops ORDER BY rowid"));
    std::string row;
    while (std::getline(rows, row))
    {
        std::istringstream fields(row);
        std::string direction, seq, ack, length, named;
        std::getline(fields, direction, '|');
        std::getline(fields, seq, '|');
        std::getline(fields, ack, '|');
        std::getline(fields, length, '|');
        std::getline(fields, named, '|');
        EXPECT_EQ(named, rule) << row;
        recorded.insert({direction == "client->server", static_cast<uint32_t>(std::stoul(seq)),
                         static_cast<uint32_t>(std::stoul(ack)), static_cast<uint32_t>(std::stoul(length))});
    }
    EXPECT_TRUE(recorded == lost) << recorded.size() << " rows, " << lost.size() << " missing from the captures";
    // Each row belongs to the connection that carried the segment.
    EXPECT_EQ(SimProgram::QueryInt(out + "/results.sqlite",
                                   "SELECT COUNT(*) FROM drops d LEFT JOIN connections c ON c.id = d.connection_id "
                                   "WHERE c.id IS NULL"),
              0);
    return lost.size();
}

} // namespace

TEST_P(HandshakeSimDrop, EveryRandomLossIsARowNamedLossAsTheCapturesShow)
{
    // 10% random loss on the one client's access link, no rule.
    std::string out = RunOneClient("drop-random-loss", "--requests=3 --size=20000 --loss=0.1 --RngRun=2");
    ASSERT_FALSE(out.empty());
    EXPECT_GE(ExpectDropsAreWhatTheCapturesMiss(out, "loss"), 4u) << "10% of three 20 kB requests";
    // The report's ladders cross them and name the cause (its default choice draws every
    // connection of this run: the first two and the retransmitted ones).
    std::string report = SimProgram::ReadFile(out + "/report.html");
    EXPECT_NE(report.find("lost: loss</text>"), std::string::npos);
}

TEST_P(HandshakeSimDrop, EverySegmentLostWhileTheLinkIsDownIsARowNamedLinkDown)
{
    // No random loss; the client's link goes down for 300 ms in the middle of a 2 MB response.
    std::string out = RunOneClient("drop-link-down",
                                   "--requests=1 --size=2000000 --loss=0 --RngRun=1 --link-down=client:0@0.3s+0.3s");
    ASSERT_FALSE(out.empty());
    EXPECT_GE(ExpectDropsAreWhatTheCapturesMiss(out, "link-down"), 2u);
}

INSTANTIATE_TEST_SUITE_P(BothTcps,
                         HandshakeSimDrop,
                         testing::Values("handshake", "ns3"),
                         [](const testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(HandshakeSimDropFlag, MalformedRuleExits2AndWritesNothing)
{
    for (const std::string rule : {"c2s:sin", "s2c:data=0", "c2s:syn#0", "client:5/c2s:syn", "c2s:syn,,s2c:fin"})
    {
        std::string out = SimProgram::FreshDir("drop-malformed");
        EXPECT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY, "--clients=2 --drop=" + rule + " --out=" + out,
                                  out + ".log"),
                  2)
            << rule;
        std::string log = SimProgram::ReadFile(out + ".log");
        EXPECT_EQ(log.rfind("handshake-sim: --drop: '", 0), 0u) << log;
        EXPECT_NE(log.find(rule), std::string::npos) << "names the rule: " << log;
        EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 1) << "one line: " << log;
        struct stat info;
        EXPECT_NE(stat(out.c_str(), &info), 0) << rule << ": nothing written";
    }
    std::string out = SimProgram::FreshDir("drop-malformed-text");
    EXPECT_EQ(SimProgram::Run(HANDSHAKE_SIM_BINARY, "--drop=c2s:syn,c2s:sin --out=" + out, out + ".log"), 2);
    EXPECT_EQ(SimProgram::ReadFile(out + ".log"),
              "handshake-sim: --drop: 'c2s:sin': WHAT must be one of syn, synack, fin, rst, data=X, ack=A\n");
}
