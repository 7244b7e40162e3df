// RankRecords and RankRecordsMerge: what each MPI rank recorded reaches rank 0 whole, and merges
// into the rows of one run (doc/mpi.rst), without MPI.
#include "ns3/rank-records-merge.h"
#include "ns3/rank-records.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

RankConnection
Client(uint64_t id, const std::string& client, uint16_t port, double synSent, uint32_t iss)
{
    RankConnection c;
    c.record.id = id;
    c.record.clientAddress = client;
    c.record.clientPort = port;
    c.record.serverAddress = "192.168.0.1";
    c.record.serverPort = 80;
    c.record.synSent = synSent;
    c.record.established = synSent + 0.1;
    c.record.finalState = "CLOSED";
    c.record.outcome = "closed";
    c.record.stateSource = "tcp";
    c.iss = iss;
    return c;
}

RankConnection
ServerSide(uint64_t id, const std::string& client, uint16_t port, uint32_t iss, double serverClosed)
{
    RankConnection c;
    c.record.id = id;
    c.record.clientAddress = client;
    c.record.clientPort = port;
    c.record.serverAddress = "192.168.0.1";
    c.record.serverPort = 80;
    c.record.serverFinSent = serverClosed - 0.2;
    c.record.serverClosed = serverClosed;
    c.record.serverRetransmissions = 3;
    c.record.serverStateSource = "tcp";
    c.iss = iss;
    c.serverSideOnly = true;
    return c;
}

TransactionRecord
Transaction(uint64_t id, uint64_t connection, const std::string& client)
{
    TransactionRecord t;
    t.id = id;
    t.connectionId = connection;
    t.firstConnectionId = connection;
    t.clientAddress = client;
    t.method = "GET";
    t.path = "/index.html";
    t.status = 200;
    t.bytes = 10000;
    t.requestSent = 1.25;
    t.outcome = "ok";
    return t;
}

} // namespace

TEST(RankRecords, DecodesWhatItEncoded)
{
    RankRecords records;
    records.connections = {Client(1, "10.0.0.1", 49152, 0.5, 7), ServerSide(2, "10.0.0.2", 49153, 9, 3.0)};
    records.connections[0].record.finReceived = std::nullopt;
    records.connections[0].record.openAtEnd = true;
    records.transactions = {Transaction(1, 1, "10.0.0.1")};
    records.transactions[0].dnsCached = true;
    records.transactionTimes = {1.5};
    records.segments = {SegmentRecord{1, 0.5, "client->server", "SYN", 7, 0, 0, "CLOSED", "SYN_SENT", "tcp"}};
    records.states = {StateRecord{1, "client", 0.5, "CLOSED", "SYN_SENT", "tcp"}};
    records.drops = {DropRecord{1, 0.7, "server->client", "s2c:synack", "SYN,ACK", 100, 8, 0}};
    records.dropClients = {DropClient{"10.0.0.1", 49152}};
    records.timeWaitAtEnd = 4;

    RankRecords decoded;
    std::string error;
    ASSERT_TRUE(RankRecords::Decode(records.Encode(), &decoded, &error)) << error;
    ASSERT_EQ(decoded.connections.size(), 2u);
    const ConnectionRecord& c = decoded.connections[0].record;
    EXPECT_EQ(c.clientAddress, "10.0.0.1");
    EXPECT_EQ(c.clientPort, 49152);
    EXPECT_EQ(c.synSent, 0.5);
    EXPECT_EQ(c.established, 0.6);
    EXPECT_FALSE(c.finReceived.has_value());
    EXPECT_TRUE(c.openAtEnd);
    EXPECT_EQ(decoded.connections[0].iss, 7u);
    EXPECT_FALSE(decoded.connections[0].serverSideOnly);
    EXPECT_TRUE(decoded.connections[1].serverSideOnly);
    EXPECT_EQ(decoded.connections[1].record.serverRetransmissions, 3u);
    EXPECT_EQ(decoded.connections[1].record.serverClosed, 3.0);
    ASSERT_EQ(decoded.transactions.size(), 1u);
    EXPECT_EQ(decoded.transactions[0].path, "/index.html");
    EXPECT_EQ(decoded.transactions[0].requestSent, 1.25);
    EXPECT_TRUE(decoded.transactions[0].dnsCached);
    EXPECT_EQ(decoded.transactionTimes, std::vector<double>{1.5});
    ASSERT_EQ(decoded.segments.size(), 1u);
    EXPECT_EQ(decoded.segments[0].stateAfter, "SYN_SENT");
    ASSERT_EQ(decoded.states.size(), 1u);
    EXPECT_EQ(decoded.states[0].to, "SYN_SENT");
    ASSERT_EQ(decoded.drops.size(), 1u);
    EXPECT_EQ(decoded.drops[0].rule, "s2c:synack");
    EXPECT_EQ(decoded.drops[0].seq, 100u);
    ASSERT_EQ(decoded.dropClients.size(), 1u);
    EXPECT_EQ(decoded.dropClients[0].address, "10.0.0.1");
    EXPECT_EQ(decoded.dropClients[0].port, 49152);
    EXPECT_EQ(decoded.timeWaitAtEnd, 4u);
}

TEST(RankRecords, RefusesBytesCutShortOrWithMoreAfterThem)
{
    RankRecords records;
    records.connections = {Client(1, "10.0.0.1", 49152, 0.5, 7)};
    records.transactions = {Transaction(1, 1, "10.0.0.1")};
    records.transactionTimes = {1.5};
    const std::string bytes = records.Encode();
    RankRecords decoded;
    std::string error;
    for (size_t cut : {size_t(0), size_t(5), bytes.size() / 2, bytes.size() - 1})
    {
        EXPECT_FALSE(RankRecords::Decode(bytes.substr(0, cut), &decoded, &error)) << cut;
        EXPECT_NE(error.find("cut short or malformed"), std::string::npos) << error;
    }
    EXPECT_FALSE(RankRecords::Decode(bytes + "x", &decoded, &error));
    // A count larger than the bytes that follow is refused, not allocated.
    std::string huge(8, '\xff');
    EXPECT_FALSE(RankRecords::Decode(huge, &decoded, &error));
}

TEST(RankRecordsMerge, JoinsEachClientWithItsServerSideByTupleAndIsn)
{
    // Rank 0: the server's sides of two connections, the second reusing the first's 4-tuple.
    RankRecords rank0;
    rank0.connections = {ServerSide(1, "10.0.0.1", 49152, 100, 2.0), ServerSide(2, "10.0.0.1", 49152, 500, 9.0)};
    rank0.states = {StateRecord{2, "server", 8.0, "ESTABLISHED", "CLOSE_WAIT", "tcp"}};
    // Rank 1: the client's two connections on that tuple, and another client's.
    RankRecords rank1;
    rank1.connections = {Client(1, "10.0.0.1", 49152, 0.5, 100), Client(2, "10.0.0.1", 49152, 7.0, 500)};
    RankRecords rank2;
    rank2.connections = {Client(1, "10.0.1.1", 49152, 0.25, 100)}; // same ISN, another tuple

    RankRecords merged = RankRecordsMerge::Merge({rank0, rank1, rank2});
    ASSERT_EQ(merged.connections.size(), 3u); // the server sides are not rows of their own
    // Numbered in order of first SYN, over every rank.
    EXPECT_EQ(merged.connections[0].record.clientAddress, "10.0.1.1");
    EXPECT_EQ(merged.connections[0].record.id, 1u);
    EXPECT_FALSE(merged.connections[0].record.serverClosed.has_value());
    EXPECT_EQ(merged.connections[1].record.id, 2u);
    EXPECT_EQ(merged.connections[1].record.serverClosed, 2.0);
    EXPECT_EQ(merged.connections[1].record.serverRetransmissions, 3u);
    EXPECT_EQ(merged.connections[1].record.serverStateSource, "tcp");
    EXPECT_EQ(merged.connections[1].record.established, 0.6); // the client's columns stay
    EXPECT_EQ(merged.connections[2].record.id, 3u);
    EXPECT_EQ(merged.connections[2].record.serverClosed, 9.0);
    // Rank 0's state row follows its connection's new number.
    ASSERT_EQ(merged.states.size(), 1u);
    EXPECT_EQ(merged.states[0].connectionId, 3u);
}

TEST(RankRecordsMerge, RenumbersTransactionsSegmentsAndDropsAndOrdersThemByTime)
{
    RankRecords rank0; // the servers: no client rows
    RankRecords rank1;
    rank1.connections = {Client(1, "10.0.0.1", 49152, 0.5, 1)};
    rank1.transactions = {Transaction(1, 1, "10.0.0.1")};
    rank1.transactionTimes = {2.0};
    rank1.segments = {SegmentRecord{1, 0.5, "client->server", "SYN", 1, 0, 0, "CLOSED", "SYN_SENT", "tcp"},
                      SegmentRecord{1, 0.9, "server->client", "SYN,ACK", 5, 2, 0, "SYN_SENT", "ESTABLISHED", "tcp"}};
    rank1.drops = {DropRecord{1, 0.8, "server->client", "s2c:synack", "SYN,ACK", 5, 2, 0}};
    rank1.timeWaitAtEnd = 1;
    RankRecords rank2;
    rank2.connections = {Client(1, "10.0.1.1", 49152, 0.1, 1)};
    rank2.transactions = {Transaction(1, 1, "10.0.1.1")};
    rank2.transactionTimes = {1.0};
    rank2.segments = {SegmentRecord{1, 0.1, "client->server", "SYN", 1, 0, 0, "CLOSED", "SYN_SENT", "tcp"},
                      SegmentRecord{1, 0.5, "server->client", "SYN,ACK", 5, 2, 0, "SYN_SENT", "ESTABLISHED", "tcp"}};
    rank2.drops = {DropRecord{0, 0.05, "client->server", "loss", "SYN", 1, 0, 0}}; // connection unknown
    rank2.timeWaitAtEnd = 2;

    RankRecords merged = RankRecordsMerge::Merge({rank0, rank1, rank2});
    ASSERT_EQ(merged.connections.size(), 2u);
    EXPECT_EQ(merged.connections[0].record.clientAddress, "10.0.1.1"); // its SYN at 0.1 s came first
    ASSERT_EQ(merged.transactions.size(), 2u);
    EXPECT_EQ(merged.transactions[0].clientAddress, "10.0.1.1"); // its outcome at 1 s came first
    EXPECT_EQ(merged.transactions[0].id, 1u);
    EXPECT_EQ(merged.transactions[0].connectionId, 1u);
    EXPECT_EQ(merged.transactions[1].id, 2u);
    EXPECT_EQ(merged.transactions[1].connectionId, 2u);
    EXPECT_EQ(merged.transactions[1].firstConnectionId, 2u);
    ASSERT_EQ(merged.segments.size(), 4u);
    std::vector<std::pair<double, uint64_t>> segments;
    for (const SegmentRecord& s : merged.segments)
    {
        segments.emplace_back(s.time, s.connectionId);
    }
    // Same time (0.5 s): rank 1's row before rank 2's.
    EXPECT_EQ(segments, (std::vector<std::pair<double, uint64_t>>{{0.1, 1}, {0.5, 2}, {0.5, 1}, {0.9, 2}}));
    ASSERT_EQ(merged.drops.size(), 2u);
    EXPECT_EQ(merged.drops[0].connectionId, 0u); // unknown stays unknown
    EXPECT_EQ(merged.drops[1].connectionId, 2u);
    EXPECT_EQ(merged.timeWaitAtEnd, 3u);
}

TEST(RankRecordsMerge, ADropItsRankDidNotPlaceGetsTheLatestConnectionOfItsClientEnd)
{
    // Rank 0 lost a SYN at its end of a link between ranks before any server saw it: connection 0.
    RankRecords rank0;
    rank0.drops = {DropRecord{0, 7.2, "client->server", "loss", "SYN", 500, 0, 0},
                   DropRecord{0, 0.2, "client->server", "loss", "SYN", 900, 0, 0}};
    rank0.dropClients = {DropClient{"10.0.0.1", 49152}, DropClient{"10.0.0.9", 49152}};
    RankRecords rank1; // the client: two connections from one port, the second after the first
    rank1.connections = {Client(1, "10.0.0.1", 49152, 0.5, 100), Client(2, "10.0.0.1", 49152, 7.0, 500)};

    RankRecords merged = RankRecordsMerge::Merge({rank0, rank1});
    ASSERT_EQ(merged.drops.size(), 2u);
    EXPECT_EQ(merged.drops[0].time, 0.2); // in time order
    EXPECT_EQ(merged.drops[0].connectionId, 0u) << "no connection of that client end";
    EXPECT_EQ(merged.drops[1].connectionId, 2u) << "the one opened at 7 s, not the one at 0.5 s";
    ASSERT_EQ(merged.dropClients.size(), 2u);
    EXPECT_EQ(merged.dropClients[1].address, "10.0.0.1");
}
