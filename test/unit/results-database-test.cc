// ResultsDatabase: rows land in results.sqlite only when the run finishes; a run that stops midway
// leaves no file at the final path and no run marked complete.
#include "ns3/handshake-module.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sqlite3.h>

using namespace ns3;

namespace
{

/** The single integer a query returns, or -1. */
int64_t
QueryInt(const std::string& path, const std::string& sql)
{
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* statement = nullptr;
    int64_t value = -1;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW)
    {
        value = sqlite3_column_type(statement, 0) == SQLITE_NULL ? -2 : sqlite3_column_int64(statement, 0);
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
}

bool
Exists(const std::string& path)
{
    return std::ifstream(path).good();
}

ConnectionRecord
Connection(uint64_t id)
{
    ConnectionRecord c;
    c.id = id;
    c.clientAddress = "10.0.0.1";
    c.clientPort = 49152;
    c.serverAddress = "192.168.0.1";
    c.serverPort = 80;
    c.synSent = 0.1;
    c.established = 0.2;
    c.outcome = "closed";
    return c;
}

} // namespace

TEST(ResultsDatabase, FinishedRunHasAllRows)
{
    std::string path = testing::TempDir() + "results-finished.sqlite";
    std::string error;
    auto db = ResultsDatabase::Create(path, &error);
    ASSERT_TRUE(db) << error;
    db->BeginRun({"handshake-sim", "--clients=2", 7, "ns3"});
    db->Add(Connection(1));
    db->Add(Connection(2));
    TransactionRecord t;
    t.id = 1;
    t.connectionId = 1;
    t.method = "GET";
    t.path = "/";
    t.status = 200;
    t.outcome = "ok";
    db->Add(t);
    db->Add(SegmentRecord{1, 0.1, "client->server", "SYN", 1000, 0, 0, "CLOSED", "SYN_SENT", "tcp"});
    db->Add(DropRecord{2, 1.25, "server->client", "s2c:data=1#2"});
    ASSERT_TRUE(db->Finish(12.5, &error)) << error;
    db.reset();

    EXPECT_TRUE(Exists(path));
    EXPECT_FALSE(Exists(path + ".partial"));
    EXPECT_EQ(QueryInt(path, "SELECT complete FROM runs"), 1);
    EXPECT_EQ(QueryInt(path, "SELECT rng_run FROM runs"), 7);
    EXPECT_EQ(QueryInt(path, "SELECT COUNT(*) FROM connections"), 2);
    EXPECT_EQ(QueryInt(path, "SELECT COUNT(*) FROM transactions WHERE status = 200"), 1);
    EXPECT_EQ(QueryInt(path, "SELECT COUNT(*) FROM segments"), 1);
    EXPECT_EQ(QueryInt(path, "SELECT connection_id FROM drops WHERE time = 1.25 AND direction = "
                             "'server->client' AND rule = 's2c:data=1#2'"),
              2);
    EXPECT_EQ(QueryInt(path, "SELECT closed FROM connections WHERE id = 1"), -2) << "never: NULL";
}

TEST(ResultsDatabase, UnfinishedRunLeavesNothingThatLooksComplete)
{
    std::string path = testing::TempDir() + "results-unfinished.sqlite";
    std::ofstream(path) << "an older run's file";
    std::string error;
    auto db = ResultsDatabase::Create(path, &error);
    ASSERT_TRUE(db) << error;
    EXPECT_FALSE(Exists(path)) << "the older file must not pass for this run's";
    db->BeginRun({"handshake-sim", "", 1, "ns3"});
    db->Add(Connection(1));
    db.reset(); // the program stops before Finish

    EXPECT_FALSE(Exists(path));
    EXPECT_TRUE(Exists(path + ".partial"));
    EXPECT_NE(QueryInt(path + ".partial", "SELECT COUNT(*) FROM runs WHERE complete = 1"), 1);
}

TEST(ResultsDatabase, ReportsAnUnwritablePath)
{
    std::string error;
    EXPECT_FALSE(ResultsDatabase::Create("/nonexistent-dir/x/results.sqlite", &error));
    EXPECT_NE(error, "");
}
